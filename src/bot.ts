// The composition root: config → knowledge → store → conversation core → channels (every configured
// platform, from src/channels/platforms.ts) → HTTP server → reminder scheduler (and the admins' digest) →
// retention, and a graceful shutdown that undoes it in reverse. `msht-guide serve` runs it, and `npm start` when a platform is configured.
import { hostname } from 'node:os';
import { DIGEST_TIMEZONE, describeConfig, type Config } from './config.ts';
import { logger as defaultLogger, type Log, type Logger } from './log.ts';
import { openLiveKnowledge, type LiveKnowledge } from './knowledge/live.ts';
import { createReviewWatch } from './knowledge/review-watch.ts';
import { formatProblem } from './knowledge/problems.ts';
import { openStore } from './store/open.ts';
import type { Store } from './store/store.ts';
import { createConversation, type Conversation } from './conversation/conversation.ts';
import { toAnswerEntry } from './answer/build.ts';
import { prepareGuide } from './answer/guide.ts';
import { createMeaningReader, WORDS_ONLY, type MeaningReader } from './answer/meaning-reader.ts';
import { createHttpServer, type HttpServer } from './server/http.ts';
import { onShutdown, type ParentWatch, type ShutdownStep } from './server/shutdown.ts';
import { createScheduler, type Scheduler } from './reminders/scheduler.ts';
import { createRetention, type Retention } from './store/retention.ts';
import { nextDigests, type DigestOptions } from './reminders/digest.ts';
import { buildReport } from './report/report.ts';
import { buildDigest } from './report/digest.ts';
import type { AdminUser } from './config.ts';
import type { KnowledgeBase } from './knowledge/knowledge-base.ts';
import type { Channel } from './channels/channel.ts';
import { PLATFORMS } from './channels/platforms.ts';
import { createExpertDesk, type ExpertDesk } from './experts/desk.ts';
import { unreachableTeams } from './experts/reach.ts';

/** How often the running bot looks for entries that have fallen past their review date. */
const REVIEW_CHECK_MS = 12 * 60 * 60 * 1000;

/** A start-up failure already explained to whoever runs the bot: print it and exit 1, no stack trace. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

export interface RunningBot {
  port: number;
  http: HttpServer;
  store: Store;
  knowledge: LiveKnowledge;
  conversation: Conversation;
  scheduler: Scheduler;
  /** Deletes questions and feedback older than RETENTION_DAYS: at start-up, then hourly. */
  retention: Retention;
  /** Hand-offs to expert teams: posted, reminded, expired, answers relayed. */
  desk: ExpertDesk;
  /** The platforms started, in start order. */
  channels: readonly Channel[];
  /** Stop everything in reverse order of starting; safe to call twice. */
  stop(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  now?: () => Date;
  /** Listen here instead of config.port (tests pass 0 for a free port). */
  port?: number;
  host?: string;
  /** Install SIGTERM/SIGINT handlers that stop the bot and exit (the real process does; tests do not). */
  handleSignals?: boolean;
  /** With handleSignals: also stop when the parent process goes (started by npm or npx, whose shell does not pass signals on). */
  parent?: ParentWatch;
}

/** Everything `msht-guide serve` runs. Resolves once the HTTP server listens and the platforms started. */
export async function startBot(config: Config, options: StartOptions = {}): Promise<RunningBot> {
  if (!options.logger) defaultLogger.level = config.logLevel;
  const logger = options.logger ?? defaultLogger;
  // Each part registers how to stop it as soon as it exists (see startParts below).
  const steps: ShutdownStep[] = [];
  if (!options.handleSignals) return startAll(config, options, logger, steps);
  // Signals are heard from the first moment: one that arrives during start-up stops the bot once start-up
  // ends, rather than killing it half-started (or, as PID 1 in a container, being ignored).
  let ready!: (ok: boolean) => void;
  onShutdown(steps, { logger, ready: new Promise<boolean>((resolve) => (ready = resolve)), ...(options.parent ? { parent: options.parent } : {}) });
  try {
    const bot = await startAll(config, options, logger, steps);
    ready(true);
    return bot;
  } catch (error) {
    ready(false);
    throw error;
  }
}

async function startAll(config: Config, options: StartOptions, logger: Logger, steps: ShutdownStep[]): Promise<RunningBot> {
  const now = options.now ?? (() => new Date());
  // One line for the whole configuration; each platform then logs one line saying how it actually started.
  logger.info({ settings: describeConfig(config) }, 'configuration');

  // A reload is read and checked on a worker thread, and its search index is built before it is served,
  // so neither the reload nor the first question after it holds up requests (knowledge/live.ts).
  // Questions are read for meaning too (src/search/meaning.ts): the phrasings of new knowledge are encoded
  // before it is served, from the vector cache where they were seen before.
  const meaning = meaningReaderOf(config, logger);
  const opened = openLiveKnowledge(config.knowledgeDir, { now, prepare: (kb) => Promise.all([prepareGuide(kb), meaning.prepare(kb)]) });
  if (!opened.live) {
    throw new StartupError(
      `the knowledge in ${config.knowledgeDir} has errors, so the bot cannot start:\n${opened.problems.map(formatProblem).join('\n')}\nRun \`msht-guide kb check\` after fixing them.`,
    );
  }
  const knowledge = opened.live;
  // Each part registers how to stop it as soon as it exists, so a failure later in start-up (Slack
  // refusing its token, the port in use) unwinds what was started and the process can exit.
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      for (const step of steps) {
        try {
          await step.run();
        } catch (error) {
          logger.error({ err: error, step: step.name }, 'error while stopping');
        }
      }
    })());
  const stopFirst = (name: string, run: () => unknown) => steps.unshift({ name, run });
  for (const problem of opened.problems) logger.warn(formatProblem(problem));
  logger.info({ version: knowledge.current().version, entries: knowledge.current().entries.length }, 'knowledge loaded');
  await meaning.prepare(knowledge.current());

  // Names this process in the reminder claims it makes and, on PostgreSQL, among the instances sharing it.
  const owner = `${hostname()}:${process.pid}`;
  let store: Store;
  try {
    store = await openStore(config, { label: owner });
  } catch (error) {
    throw new StartupError((error as Error).message);
  }
  stopFirst('store', () => store.close());
  try {
    return await startParts();
  } catch (error) {
    await stop();
    if (error instanceof StartupError) throw error;
    throw new StartupError((error as Error).message ?? String(error));
  }

  async function startParts(): Promise<RunningBot> {
    // The desk posts hand-offs through the platforms, which are opened below; a confirmed hand-off is posted
    // at once (and, whatever happens, on the desk's next tick).
    const channels: Channel[] = [];
    const desk = createExpertDesk({
      store,
      channels: () => channels,
      knowledge: () => knowledge.current(),
      now,
      owner,
      log: logger.child({ part: 'experts' }),
      tellAdmins: (lines) => notifyAdmins(channels, config.adminUsers, lines, logger),
    });
    const conversation = createConversation({
      knowledge: () => knowledge.current(),
      store,
      now,
      log: logger.child({ part: 'conversation' }),
      onHandoffOpened: (id) => desk.opened(id),
      meaning,
    });

    const http = createHttpServer({
      logger,
      health: async () => {
        const kb = knowledge.current();
        return { knowledge: { version: kb.version, entries: kb.entries.length }, store: await store.healthy() };
      },
    });

    // Every platform the configuration asks for: its routes mounted now, started below.
    const titles = new Map<Channel, string>();
    for (const load of PLATFORMS) {
      const platform = await load();
      const opened = platform.open({
        config,
        conversation,
        store,
        log: logger.child({ channel: platform.title.toLowerCase() }),
        now,
        desk,
      });
      if ('notStarted' in opened) {
        logger.info(`${platform.title}: ${opened.notStarted}`);
        continue;
      }
      for (const route of opened.routes) http.route(route.path, route.handler);
      channels.push(opened);
      titles.set(opened, platform.title);
    }

    // The admins' digest: the report of the period since the last one, cut to a message, to each of
    // ADMIN_USERS through the same exactly-once delivery as reminders.
    const digest: DigestOptions | undefined =
      config.digestSchedule === undefined
        ? undefined
        : {
            cron: config.digestSchedule,
            timezone: DIGEST_TIMEZONE,
            admins: () => config.adminUsers,
            build: async (period) => buildDigest(await buildReport({ store, knowledge: knowledge.current(), period })),
          };

    const scheduler = createScheduler({
      store,
      channels,
      reminders: () => knowledge.current().reminders,
      entry: (id) => {
        const kb = knowledge.current();
        const entry = kb.byId.get(id);
        return entry ? toAnswerEntry(entry, kb) : undefined;
      },
      now,
      owner,
      logger: logger.child({ part: 'reminders' }),
      catchUpMs: config.reminderCatchUpHours * 60 * 60 * 1000,
      ...(digest ? { digest } : {}),
    });

    const tellAdmins = (lines: string[]) => notifyAdmins(channels, config.adminUsers, lines, logger);
    knowledge.on('reloaded', (kb, problems) => {
      logger.info({ version: kb.version, entries: kb.entries.length, warnings: problems.length }, 'knowledge reloaded');
    });
    knowledge.on('loaderFailed', (error) => {
      logger.warn({ error: error.message }, 'the knowledge loader thread failed; reloads run on the event loop and hold up requests while they do');
    });
    knowledge.on('rejected', (problems) => {
      const lines = problems.filter((p) => p.severity === 'error').map(formatProblem);
      logger.error({ problems: lines }, 'knowledge edit rejected; still serving the last good knowledge');
      void tellAdmins([
        `A knowledge edit in ${config.knowledgeDir} has ${lines.length} error(s), so it was not loaded. The bot keeps answering from the last good knowledge (version ${knowledge.current().version}).`,
        ...lines,
      ]);
    });
    knowledge.start();
    stopFirst('knowledge watcher', () => knowledge.stop());

    // In list order (Slack first: a refused token must stop the start before the port is opened).
    for (const channel of channels) {
      const title = titles.get(channel)!;
      try {
        await channel.start();
      } catch (error) {
        throw new StartupError(`${title} did not start: ${(error as Error).message}`);
      }
      stopFirst(title, () => channel.stop());
      logger.info(`${title}: ${channel.describe()}`);
    }

    const listenPort = options.port ?? config.port;
    let port: number;
    try {
      ({ port } = await http.listen(listenPort, options.host));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new StartupError(
        code === 'EADDRINUSE' ? `port ${listenPort} is already in use: stop the other process or set PORT` : `cannot listen on port ${listenPort} (PORT): ${(error as Error).message}`,
      );
    }
    stopFirst('HTTP server', () => http.close());
    const paths = ['/healthz', ...channels.flatMap((c) => c.routes.map((r) => r.path))];
    logger.info(`HTTP: listening on port ${port} (${paths.join(', ')})`);

    scheduler.start();
    stopFirst('reminders', () => scheduler.stop());
    desk.start();
    stopFirst('expert hand-offs', () => desk.stop());
    warnUnreachableTeams(knowledge.current(), channels, store, logger);
    knowledge.on('reloaded', (kb) => warnUnreachableTeams(kb, channels, store, logger));

    // Entries past their review date are still served (each answer says so); the admins are told when that
    // starts, on every reload that changes it, and twice a day the clock is looked at for newly due ones.
    const reviewWatch = createReviewWatch({
      knowledge: () => knowledge.current(),
      now,
      notify: (lines) => {
        logger.warn({ overdue: lines.length - 1 }, 'knowledge entries are past their review date');
        void tellAdmins(lines);
      },
    });
    reviewWatch.check();
    knowledge.on('reloaded', () => reviewWatch.check());
    const reviewTimer = setInterval(() => reviewWatch.check(), REVIEW_CHECK_MS);
    reviewTimer.unref();
    stopFirst('review check', () => clearInterval(reviewTimer));
    logger.info(`Reminders: ${knowledge.current().reminders.length} scheduled, catch-up window ${config.reminderCatchUpHours} h`);
    logger.info(`Admins' digest: ${digestLine(digest, config.adminUsers, channels, now())}`);

    // What people asked and told the bot is kept RETENTION_DAYS, then deleted (src/store/retention.ts).
    const retention = createRetention({ store, days: config.retentionDays, now, log: logger.child({ part: 'retention' }) });
    retention.start();
    stopFirst('retention', () => retention.stop());
    logger.info(`Retention: questions and feedback are deleted after ${config.retentionDays} days (checked hourly)`);

    return { port, http, store, knowledge, conversation, scheduler, retention, desk, channels, stop };
  }
}

/** How the start-up line says when the digest goes, and to how many. */
function digestLine(digest: DigestOptions | undefined, admins: readonly AdminUser[], channels: readonly Channel[], now: Date): string {
  if (!digest) return 'off (DIGEST_SCHEDULE=off)';
  if (admins.length === 0) return 'none sent: ADMIN_USERS names no one';
  const reached = admins.filter((a) => channels.some((c) => c.platform === a.platform)).length;
  const next = nextDigests(digest, now, 1)[0];
  const unreached = admins.length - reached;
  return (
    `next ${next ? next.localTime : 'never'} to ${reached} admin${reached === 1 ? '' : 's'} ("${digest.cron}", UK time)` +
    (unreached > 0 ? `; ${unreached} in ADMIN_USERS ${unreached === 1 ? 'is' : 'are'} on a platform not started here` : '')
  );
}

/**
 * Tell the admins something (a knowledge edit that does not load, entries past their review date): each
 * through the platform they are on, in their chat with the bot. Never throws; what fails is logged.
 */
export async function notifyAdmins(channels: readonly Channel[], admins: readonly AdminUser[], lines: string[], log: Log): Promise<void> {
  if (lines.length === 0) return;
  for (const admin of admins) {
    const channel = channels.find((c) => c.platform === admin.platform);
    if (!channel) continue;
    try {
      const result = await channel.send({ user: admin.id }, { kind: 'notice', lines });
      if (!result.ok) log.warn({ platform: admin.platform, kind: result.kind, error: result.error }, 'could not notify an admin');
    } catch (error) {
      log.warn({ platform: admin.platform, error: (error as Error).message }, 'could not notify an admin');
    }
  }
}

/**
 * Expert teams this bot cannot reach (src/experts/reach.ts), said once at start and on each reload, so a
 * mistake in experts.yaml is a clear warning, never a crash nor a silent mystery.
 */
function warnUnreachableTeams(kb: KnowledgeBase, channels: readonly Channel[], store: Store, log: Log): void {
  const check = {
    platforms: new Set(channels.map((c) => c.platform)),
    teamsChannelKnown: async (id: string) => (await store.conversationReference(id)) !== undefined,
  };
  void unreachableTeams(kb, check).then(
    (warnings) => warnings.forEach((warning) => log.warn(warning)),
    (error: unknown) => log.warn({ error: (error as Error).message }, 'could not check the expert teams can be reached'),
  );
}

/** How long an answer waits for its question to be read for meaning before it goes by the words alone. */
const MEANING_WAIT_MS = 500;

/** The meaning reader the configuration asks for (MEANING_MODEL, MEANING_CACHE), logging as the bot does. */
function meaningReaderOf(config: Config, logger: Logger): MeaningReader {
  if (!config.meaning) return WORDS_ONLY;
  return createMeaningReader({
    cachePath: config.meaning.cachePath,
    warn: (message) => logger.warn(message),
    // A burst beyond what the encoder keeps up with (about 90 questions a second) is answered from the
    // words rather than left waiting.
    wait: MEANING_WAIT_MS,
    late: () => logger.debug({ waitedMs: MEANING_WAIT_MS }, 'answered from the words alone: reading for meaning fell behind'),
    progress: (done, total) => {
      logger.info({ done, total, cache: config.meaning?.cachePath }, 'reading the knowledge for meaning');
    },
  });
}
