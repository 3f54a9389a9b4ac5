// What Slack itself says about the settings at start-up. The variables are read and checked once, in
// src/config.ts; this names the variable when Slack refuses a value that looked right, never repeating it.

export class SlackSettingsError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'SlackSettingsError';
  }
}

/** The Web API base URL: Slack's own unless SLACK_API_URL points elsewhere; always ends in a slash. */
export function apiUrlOrDefault(apiUrl: string | undefined): string {
  const url = apiUrl?.trim() || 'https://slack.com/api/';
  return url.endsWith('/') ? url : `${url}/`;
}
