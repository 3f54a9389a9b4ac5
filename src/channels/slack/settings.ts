// Which way the bot connects to Slack, checked before anything starts so a mistyped token stops start-up
// with a message naming the variable (and never repeating the secret).
export type SlackConnection =
  | { botToken: string; mode: 'socket'; appToken: string }
  | { botToken: string; mode: 'http'; signingSecret: string };

export class SlackSettingsError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'SlackSettingsError';
  }
}

/** Throws SlackSettingsError naming the first variable that is missing or malformed. */
export function validateConnection(connection: SlackConnection): SlackConnection {
  const botToken = connection.botToken?.trim() ?? '';
  if (!botToken) throw new SlackSettingsError('SLACK_BOT_TOKEN', 'SLACK_BOT_TOKEN is missing: set it to the Bot User OAuth Token (starts xoxb-).');
  if (!/^xoxb-[A-Za-z0-9-]+$/.test(botToken)) {
    throw new SlackSettingsError('SLACK_BOT_TOKEN', 'SLACK_BOT_TOKEN is not a bot token: it must start xoxb- (Slack app settings → OAuth & Permissions → Bot User OAuth Token).');
  }
  if (connection.mode === 'socket') {
    const appToken = connection.appToken?.trim() ?? '';
    if (!/^xapp-[A-Za-z0-9-]+$/.test(appToken)) {
      throw new SlackSettingsError(
        'SLACK_APP_TOKEN',
        'SLACK_APP_TOKEN is not an app-level token: it must start xapp- and have the connections:write scope (Slack app settings → Basic Information → App-Level Tokens).',
      );
    }
    return { botToken, mode: 'socket', appToken };
  }
  const signingSecret = connection.signingSecret?.trim() ?? '';
  if (signingSecret === '' || /\s/.test(signingSecret) || /^(xox[a-z]|xapp)-/.test(signingSecret)) {
    throw new SlackSettingsError(
      'SLACK_SIGNING_SECRET',
      'SLACK_SIGNING_SECRET is missing or malformed: copy the Signing Secret from Slack app settings → Basic Information (or set SLACK_APP_TOKEN to use Socket Mode).',
    );
  }
  return { botToken, mode: 'http', signingSecret };
}

/** The Web API base URL: Slack's own unless SLACK_API_URL points elsewhere; always ends in a slash. */
export function apiUrlOrDefault(apiUrl: string | undefined): string {
  const url = apiUrl?.trim() || 'https://slack.com/api/';
  return url.endsWith('/') ? url : `${url}/`;
}
