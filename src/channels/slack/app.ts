// The Slack channel: a Bolt app over one of two receivers. Socket Mode (SLACK_APP_TOKEN) needs no
// inbound port, which is what a force or council network usually allows; HTTP mode serves `/slack/events`
// on the shared server and verifies Slack's v0 signature with the signing secret.
//
// Every request is acknowledged before any work: Bolt acknowledges events itself before the listeners
// run, and each command and action listener calls ack() first. Slack retries an event it thinks was
// missed (X-Slack-Retry-Num, `retry_attempt` in Socket Mode); the event id is marked in the store, so a
// retry never produces a second answer.
//
// Because the answer follows the acknowledgement, it outlives the request that asked for it: every event
// the app processes is counted (in-flight.ts) until its listeners finish, and stop() waits for them, for a
// bounded time, before the store is closed. After stop() nothing new is taken on: a `/msht` gets a
// "restarting" reply with 999, and anything else is refused so that Slack sends it again later.
import type { IncomingMessage as HttpRequest, ServerResponse } from 'node:http';
import {
  App,
  HTTPModuleFunctions,
  HTTPReceiver,
  SocketModeReceiver,
  defaultProcessEventErrorHandler as socketErrorHandler,
  type AppOptions,
  type BlockAction,
  type Receiver,
  type ReceiverEvent,
} from '@slack/bolt';
import type { Conversation } from '../../conversation/conversation.ts';
import type { Store } from '../../store/store.ts';
import type { Channel, Route } from '../channel.ts';
import { ACTION, CHOOSE_ACTION, HOME_ASK_ACTION, OPEN_ACTION, REASON_ACTION } from './blocks/action-ids.ts';
import { boltLogger } from './bolt-logger.ts';
import { answerDirectMessage, answerMention, channelThreadReply, replyToText } from './conversations.ts';
import type { SlackDeps } from './deps.ts';
import type { Log } from '../../log.ts';
import type { ExpertDesk } from '../../experts/desk.ts';
import { EXPERT_ACTION, EXPERT_TEAM_ACTION } from './blocks/expert.ts';
import { askExpert, chooseOption, draftEntry, expertStep, homeQuestion, openEntry, readMore, recordFeedback, recordReason, shareAnswer, showInHome } from './interactions.ts';
import { DEFAULT_ANSWER_RETRY_POLICY, platformError, realSleep, type Sleep } from './retry.ts';
import { createSlackSender } from './sender.ts';
import type { SlackConfig } from '../../config.ts';
import { SlackSettingsError, apiUrlOrDefault } from './settings.ts';
import { createSlackWeb } from './web.ts';
import { createInFlight, type InFlight } from './in-flight.ts';
import { afterPendingRequests } from './turns.ts';
import { verifySignedRequest } from './verify.ts';
import { sections } from './blocks/kit.ts';

/** The path Slack posts to in HTTP mode. */
export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackChannelOptions {
  /** The connection config.ts read and checked (Socket Mode or HTTP mode, and the Web API URL). */
  config: SlackConfig;
  conversation: Conversation;
  store: Store;
  logger: Log;
  now: () => Date;
  /** Wall-clock ms that Slack's request timestamps are checked against (default Date.now; tests pass their own). */
  clock?: () => number;
  /** How to wait between attempts and out a 429's Retry-After (tests pass a recorder). */
  sleep?: Sleep;
  /** How long one Slack call may take before it counts as failed (default 10 s; tests pass less). */
  webTimeoutMs?: number;
  /** How long stop() waits for answers still being worked out (default 10 s). */
  stopWaitMs?: number;
  /** Hand-offs to expert teams: replies in a hand-off's thread are relayed to the asker. */
  desk?: ExpertDesk;
}

/** How long stop() waits for answers in progress before letting shutdown go on. */
export const STOP_WAIT_MS = 10_000;

/** Shown to a `/msht` that arrives while the bot is stopping: never silence, and 999 first. */
export const RESTARTING_TEXT =
  'If someone is in immediate danger, call 999. The guide is restarting and could not answer that: please try again in a minute.';

/** Told to the asker when an answer to `/msht` could not be posted after retrying: never silence. */
export const UNDELIVERED_TEXT =
  'If someone is in immediate danger, call 999. Slack would not take my answer to your last question just now: please ask it again.';

/** Thrown for an event or click that arrives while stopping: it is refused, so Slack sends it again. */
class StoppingError extends Error {
  constructor() {
    super('the Slack channel is stopping');
  }
}

/**
 * Bolt's App, counting each event it processes until its listeners have finished (the receiver has
 * acknowledged it long before), and taking on none once the channel is stopping.
 */
class CountingApp extends App {
  readonly #work: InFlight;
  readonly #refuse: (event: ReceiverEvent) => Promise<void>;

  constructor(options: AppOptions, work: InFlight, refuse: (event: ReceiverEvent) => Promise<void>) {
    super(options);
    this.#work = work;
    this.#refuse = refuse;
  }

  override async processEvent(event: ReceiverEvent): Promise<void> {
    if (this.#work.closed) return this.#refuse(event);
    return this.#work.track(super.processEvent(event));
  }
}

/**
 * Slack as a Channel. `start()` checks the bot token with Slack (auth.test) and in Socket Mode opens the
 * connection; `stop()` takes on no new work, waits for answers in progress (at most `stopWaitMs`), then in
 * Socket Mode disconnects. In HTTP mode its one route is POST `/slack/events`.
 */
export interface SlackChannel extends Channel {
  readonly mode: 'socket' | 'http';
}

export function createSlackChannel(options: SlackChannelOptions): SlackChannel {
  const config = options.config;
  const apiUrl = apiUrlOrDefault(config.apiUrl);
  const logger = options.logger;
  const log = boltLogger(logger);
  const web = createSlackWeb({
    botToken: config.botToken,
    apiUrl,
    retry: { ...DEFAULT_ANSWER_RETRY_POLICY, sleep: options.sleep ?? realSleep },
    ...(options.webTimeoutMs ? { timeoutMs: options.webTimeoutMs } : {}),
    logger: log,
  });
  const deps: SlackDeps = {
    conversation: options.conversation,
    store: options.store,
    logger,
    web,
    now: options.now,
    ...(options.desk ? { desk: options.desk } : {}),
  };

  // auth.test once: it proves the token and tells Bolt who the bot is (so it ignores its own messages).
  let identity: Promise<{ userId: string | undefined; botId: string | undefined; teamId: string | undefined }> | undefined;
  const whoAmI = () => {
    identity ??= web.authTest().catch((error: unknown) => {
      identity = undefined;
      throw error;
    });
    return identity;
  };

  const receiver: Receiver =
    config.mode === 'socket'
      ? new SocketModeReceiver({
          appToken: config.appToken,
          logger: log,
          installerOptions: { clientOptions: { slackApiUrl: apiUrl } },
          // Left unacknowledged, a refused envelope is delivered again (to the next process to connect).
          processEventErrorHandler: async (args) => (args.error instanceof StoppingError ? false : socketErrorHandler(args)),
        })
      : new HTTPReceiver({
          signingSecret: config.signingSecret,
          endpoints: SLACK_EVENTS_PATH,
          logger: log,
          // verify.ts has already checked the signature, and more than Bolt does (see there).
          signatureVerification: false,
          processBeforeResponse: false,
          // 503 tells Slack to try a refused event again later, when the bot is back.
          processEventErrorHandler: async (args) => {
            if (!(args.error instanceof StoppingError)) return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
            if (!args.response.headersSent) {
              args.response.writeHead(503, { 'retry-after': '60' });
              args.response.end();
            }
            return true;
          },
          // Bolt's own "not acknowledged within 3 seconds" check, minus its error for a request already refused.
          unhandledRequestHandler: (args) => {
            if (!args.response.headersSent) HTTPModuleFunctions.defaultUnhandledRequestHandler(args);
          },
        });

  const work = createInFlight();
  const refuse = async (event: ReceiverEvent): Promise<void> => {
    const command = (event.body as { command?: unknown }).command;
    logger.info({ kind: typeof command === 'string' ? 'command' : 'event' }, 'Slack request refused: stopping');
    if (typeof command === 'string') return event.ack({ response_type: 'ephemeral', text: RESTARTING_TEXT });
    throw new StoppingError();
  };

  const app = new CountingApp(
    {
      receiver,
      logger: log,
      clientOptions: { slackApiUrl: apiUrl },
      // Bolt's conversation store keeps state the bot never reads, at the cost of a failed lookup (a
      // rejected promise) on every request.
      convoStore: false,
      authorize: async () => {
        const me = await whoAmI();
        return { botToken: config.botToken, botUserId: me.userId, botId: me.botId, teamId: me.teamId };
      },
    },
    work,
    refuse,
  );

  app.error(async (error) => {
    logger.error({ code: (error as { code?: string }).code, error: error.message }, 'Slack request failed');
  });

  // A retried event is dropped here, before any listener sees it.
  // If the store cannot be read the event is answered anyway: a rare duplicate beats silence mid-incident.
  app.use(async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !(await firstDelivery(`slack:${eventId}`))) {
      logger.info({ eventId, retryNum: context.retryNum, retryReason: context.retryReason }, 'Slack event already handled; retry ignored');
      return;
    }
    await next();
  });
  const firstDelivery = async (key: string): Promise<boolean> => {
    try {
      return await options.store.markEventSeen(key, options.now());
    } catch (error) {
      logger.error({ error: (error as Error).message }, 'could not check a Slack event against those already handled');
      return true;
    }
  };

  registerListeners(app, deps);

  const sender = createSlackSender(web, logger);
  let stopping: Promise<void> | undefined;
  const routes: Route[] = [];

  const channel: SlackChannel = {
    platform: 'slack',
    mode: config.mode,
    routes,
    async start() {
      try {
        const me = await whoAmI();
        logger.debug({ mode: config.mode, botUserId: me.userId, team: me.teamId }, 'Slack token accepted');
      } catch (error) {
        const refused = platformError(error);
        if (refused === undefined) throw new Error(`Slack could not be reached at ${apiUrl} (${(error as Error).message}).`);
        throw new SlackSettingsError('SLACK_BOT_TOKEN', `Slack refused SLACK_BOT_TOKEN (${refused}): check the Bot User OAuth Token and that the app is installed.`);
      }
      if (config.mode === 'socket') {
        try {
          await app.start();
        } catch (error) {
          const reason = platformError(error) ?? (error as Error).message;
          throw new SlackSettingsError('SLACK_APP_TOKEN', `Slack refused SLACK_APP_TOKEN (${reason}): check the app-level token and that Socket Mode is enabled.`);
        }
        logger.debug({ mode: 'socket' }, 'Slack connected in Socket Mode');
      } else {
        logger.debug({ mode: 'http', path: SLACK_EVENTS_PATH }, `Slack listening over HTTP on ${SLACK_EVENTS_PATH}`);
      }
    },
    stop: () =>
      (stopping ??= (async () => {
        const { unfinished } = await work.close(options.stopWaitMs ?? STOP_WAIT_MS);
        if (unfinished > 0) logger.warn({ unfinished }, 'Slack stopped with answers still in progress');
        else logger.debug({}, 'Slack answers in progress finished');
        if (config.mode === 'socket') await app.stop();
      })()),
    send: (to, message) => sender.send(to, message),
    describe: () => (config.mode === 'socket' ? 'started in Socket Mode (no inbound port needed)' : `started in HTTP mode on ${SLACK_EVENTS_PATH}`),
  };
  if (receiver instanceof HTTPReceiver) {
    const listener = receiver.requestListener;
    const verify = { signingSecret: config.mode === 'http' ? config.signingSecret : '', clock: options.clock ?? Date.now, firstSeen: (signature: string) => firstDelivery(`slack-signature:${signature}`) };
    const handler = async (req: HttpRequest, res: ServerResponse): Promise<void> => {
      // Slack only ever POSTs.
      if (req.method !== 'POST') {
        res.writeHead(405, { allow: 'POST' }).end();
        return;
      }
      const verdict = await verifySignedRequest(req, verify);
      if (verdict.ok === 'ssl_check') {
        res.writeHead(200).end();
        return;
      }
      if (!verdict.ok) {
        logger.warn({ reason: verdict.reason }, `Slack request refused: ${verdict.reason === 'replayed' ? 'a signature already used (a replay)' : `signature ${verdict.reason}`}`);
        res.writeHead(401).end();
        return;
      }
      await new Promise<void>((resolve) => {
        res.once('finish', () => resolve());
        res.once('close', () => resolve());
        try {
          listener(req, res);
        } catch {
          if (!res.headersSent) res.writeHead(405, { allow: 'POST' });
          res.end();
        }
      });
    };
    routes.push({ path: SLACK_EVENTS_PATH, handler });
  }
  return channel;
}

function registerListeners(app: App, deps: SlackDeps): void {
  const { logger } = deps;
  const failed = (what: string) => (error: unknown) =>
    logger.error({ what, code: (error as { code?: string }).code, error: (error as Error).message }, 'Slack reply failed');
  // Everything after the acknowledgement lets the requests already waiting be acknowledged first (turns.ts).
  const later = (what: string, work: () => Promise<unknown>) => afterPendingRequests(work).catch(failed(what));
  // An answer is retried (web.ts, withAnswerRetry); one that still could not be posted is logged and kept,
  // redacted, with the unanswered questions, so it shows in what was asked and how it went.
  const answer = (what: string, question: string, work: () => Promise<unknown>, tellAsker?: () => Promise<unknown>) =>
    afterPendingRequests(work).catch(async (error: unknown) => {
      logger.error(
        { what, event: 'slack.undelivered', code: (error as { code?: string }).code, error: (error as Error).message },
        'Slack answer could not be delivered after retrying; recorded as undelivered',
      );
      await deps.store
        .recordUnanswered({ question, status: 'undelivered', platform: 'slack', score: 0 }, deps.now())
        .catch((e: unknown) => logger.error({ error: (e as Error).message }, 'could not record an undelivered answer'));
      await tellAsker?.().catch(failed(`${what} notice`));
    });

  app.command('/msht', async ({ command, ack }) => {
    await ack();
    await answer(
      'command',
      command.text ?? '',
      async () => {
        const reply = await replyToText(command.text ?? '', command.channel_id, true, deps, { user: command.user_id });
        await deps.web.respond(command.response_url, { response_type: 'ephemeral', ...reply });
      },
      // The response_url would not take it: say so the other way Slack offers, only the asker sees it.
      () => deps.web.postEphemeral({ channel: command.channel_id, user: command.user_id, text: UNDELIVERED_TEXT, blocks: sections(UNDELIVERED_TEXT) }),
    );
  });

  app.event('app_mention', async ({ event }) => {
    const message = { channel: event.channel, user: event.user ?? '', text: event.text, ts: event.ts };
    await answer('mention', event.text, () => answerMention(event.thread_ts ? { ...message, threadTs: event.thread_ts } : message, deps));
  });

  app.event('message', async ({ event, context }) => {
    const m = event as { channel_type?: string; subtype?: string; bot_id?: string; text?: string; channel: string; user?: string; ts: string; thread_ts?: string };
    if (m.subtype !== undefined || m.bot_id !== undefined || !m.user) return;
    if (m.channel_type === 'channel' || m.channel_type === 'group') {
      // A thread reply in a channel: an expert answering a hand-off. A mention is left to app_mention.
      const mentioned = context.botUserId !== undefined && (m.text ?? '').includes(`<@${context.botUserId}>`);
      if (m.thread_ts === undefined || m.thread_ts === m.ts || mentioned) return;
      const reply = { channel: m.channel, user: m.user, text: m.text ?? '', ts: m.ts, threadTs: m.thread_ts };
      await later('expert answer', () => channelThreadReply(reply, deps));
      return;
    }
    if (m.channel_type !== 'im') return;
    const message = { channel: m.channel, user: m.user, text: m.text ?? '', ts: m.ts };
    await answer('dm', message.text, () => answerDirectMessage(m.thread_ts ? { ...message, threadTs: m.thread_ts } : message, deps));
  });

  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    await later('home', () => showInHome(event.user, undefined, deps));
  });

  const clicks: Array<[string | RegExp, string, (body: BlockAction) => Promise<void>]> = [
    [OPEN_ACTION, 'open', (body) => openEntry(body, deps)],
    [CHOOSE_ACTION, 'choose', (body) => chooseOption(body, deps)],
    [ACTION.feedbackUp, 'feedback', (body) => recordFeedback(body, true, deps)],
    [ACTION.feedbackDown, 'feedback', (body) => recordFeedback(body, false, deps)],
    [REASON_ACTION, 'feedback reason', (body) => recordReason(body, deps)],
    [ACTION.share, 'share', (body) => shareAnswer(body, deps)],
    [ACTION.more, 'more', (body) => readMore(body, deps)],
    [HOME_ASK_ACTION, 'home', (body) => homeQuestion(body, deps, 'quick')],
    [ACTION.homePlace, 'home', (body) => homeQuestion(body, deps, 'place')],
    [EXPERT_ACTION.ask, 'expert', (body) => askExpert(body, deps)],
    [EXPERT_TEAM_ACTION, 'expert', (body) => expertStep(body, 'team', deps)],
    [EXPERT_ACTION.send, 'expert', (body) => expertStep(body, 'send', deps)],
    [EXPERT_ACTION.cancel, 'expert', (body) => expertStep(body, 'cancel', deps)],
    [EXPERT_ACTION.draft, 'expert draft', (body) => draftEntry(body, deps)],
  ];
  for (const [actionId, what, handle] of clicks) {
    app.action<BlockAction>(actionId, async ({ ack, body }) => {
      await ack();
      await later(what, () => handle(body));
    });
  }
}
