// The botbuilder CloudAdapter, built from the channel's config. In emulator mode no app id is set, which
// botbuilder reads as "authentication disabled": inbound requests are accepted without a token and
// replies go out unsigned. That is only safe on a developer machine, so `describe` says so plainly.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { TurnContext } from 'botbuilder';
import type { TeamsChannelConfig, TeamsLogger } from './config.ts';

export interface TeamsAdapter {
  adapter: CloudAdapter;
  /** The bot's Microsoft App ID; '' in emulator mode (proactive calls need it). */
  appId: string;
  /** How it started, for the start-up log line (after "Teams: "), without secrets. */
  description: string;
}

/** `apology`: what to say when a turn fails (the core's: 999 and the helpline). */
export function createTeamsAdapter(config: TeamsChannelConfig, logger: TeamsLogger, apology: () => string): TeamsAdapter {
  const auth =
    config.mode === 'emulator'
      ? new ConfigurationBotFrameworkAuthentication({})
      : new ConfigurationBotFrameworkAuthentication({
          MicrosoftAppId: config.appId,
          MicrosoftAppPassword: config.appPassword ?? '',
          MicrosoftAppType: config.appType,
          MicrosoftAppTenantId: config.tenantId ?? '',
        });
  const adapter = new CloudAdapter(auth);

  // A failure inside a turn must not leave the person waiting in silence: say the core's apology (999 and
  // the helpline), and log the error without the question.
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error(
      { err: { name: error.name, message: error.message }, activityType: context.activity.type },
      'teams turn failed',
    );
    try {
      await context.sendActivity(apology());
    } catch {
      // The connector may be the thing that failed; the log line above is all we can do.
    }
  };

  const description =
    config.mode === 'emulator'
      ? 'local emulator mode on /api/messages, UNAUTHENTICATED (MicrosoftAppId is not set): accepts requests only from this machine and replies only to loopback service URLs'
      : `Azure Bot ${maskAppId(config.appId)} (${config.appType}) on /api/messages`;
  return { adapter, appId: config.mode === 'emulator' ? '' : config.appId, description };
}

/** Enough of the app id to tell registrations apart in a log, not the whole value. */
function maskAppId(appId: string): string {
  return appId.length > 8 ? `${appId.slice(0, 8)}…` : appId;
}
