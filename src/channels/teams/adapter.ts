// The botbuilder CloudAdapter, built from the channel's config. In emulator mode no app id is set, which
// botbuilder reads as "authentication disabled": inbound requests are accepted without a token and
// replies go out unsigned. That is only safe on a developer machine, so `describe` says so plainly.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Middleware, TurnContext } from 'botbuilder';
import type { TeamsChannelConfig } from './config.ts';
import type { Log } from '../../log.ts';

export interface TeamsAdapter {
  adapter: CloudAdapter;
  /** The bot's Microsoft App ID; '' in emulator mode (proactive calls need it). */
  appId: string;
  /** How it started, for the start-up log line (after "Teams: "), without secrets. */
  description: string;
}

/** How long one call to the Bot Framework connector (a reply, a proactive post) may take. */
export const CONNECTOR_TIMEOUT_MS = 10_000;

/**
 * `apology`: what to say when a turn fails (the core's: 999 and the helpline). `connectorTimeoutMs`: a
 * connector call that has not answered by then is abandoned (default 10 s). Without it a hung connector
 * held the turn until the far end closed the socket, over a minute, with nothing logged.
 */
export function createTeamsAdapter(
  config: TeamsChannelConfig,
  logger: Log,
  apology: () => string,
  connectorTimeoutMs = CONNECTOR_TIMEOUT_MS,
): TeamsAdapter {
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
  adapter.use(connectorDeadline(adapter, connectorTimeoutMs));

  // A failure inside a turn must not leave the person waiting in silence: say the core's apology (999 and
  // the helpline), and log the error without the question.
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const timedOut = isTimeout(error);
    logger.error(
      {
        err: { name: error.name, message: error.message },
        activityType: context.activity.type,
        ...(timedOut ? { event: 'teams.connector_timeout', timeoutMs: connectorTimeoutMs } : {}),
      },
      timedOut ? `teams turn failed: the Bot Framework connector did not answer within ${connectorTimeoutMs} ms` : 'teams turn failed',
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

const TIMEOUT_POLICY = 'msht-guide connector timeout';

/**
 * A deadline on every call to the connector in a turn (replies, proactive posts). botbuilder takes no
 * timeout for the connector client it makes per turn, so the turn's client gets a pipeline policy that
 * sets one on each request, which makes the HTTP client abort the request when it passes. Should a
 * botbuilder release change that client's shape, sends still give up at the deadline (the request is
 * then left to the far end to close).
 */
function connectorDeadline(adapter: CloudAdapter, timeoutMs: number): Middleware {
  return {
    async onTurn(context, next) {
      const pipeline = (context.turnState.get(adapter.ConnectorClientKey) as { client?: { pipeline?: Pipeline } } | undefined)?.client?.pipeline;
      if (pipeline && !pipeline.getOrderedPolicies().some((p) => p.name === TIMEOUT_POLICY)) {
        pipeline.addPolicy({
          name: TIMEOUT_POLICY,
          sendRequest(request, nextPolicy) {
            if (!request.timeout || request.timeout > timeoutMs) request.timeout = timeoutMs;
            return nextPolicy(request);
          },
        });
      }
      context.onSendActivities((_context, _activities, send) => withDeadline(send(), timeoutMs + 1_000));
      await next();
    },
  };
}

/** The part of @azure/core-rest-pipeline's Pipeline used here. */
interface Pipeline {
  getOrderedPolicies(): Array<{ name: string }>;
  addPolicy(policy: { name: string; sendRequest(request: { timeout: number }, next: (request: { timeout: number }) => Promise<unknown>): Promise<unknown> }): void;
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${ms} ms`), { name: 'AbortError' })), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

function isTimeout(error: Error): boolean {
  return error.name === 'AbortError' || /timeout|timed out|aborted/i.test(error.message);
}
