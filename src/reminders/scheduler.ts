// Posts reminders when they fall due, each (reminder, occurrence, channel) exactly once.
//
// Every tick looks at the whole catch-up window, not just "since the last tick": the store decides what
// is still to do (a claim held by a live process, a delivery already made), so a claim left by a crash or
// a delivery that failed for a moment is picked up again by a later tick, by this process or another one
// on the same database. Occurrences missed for longer than the catch-up window are recorded as skipped,
// never posted late.
//
// The one gap no store can close: a process that dies after the platform accepted a post but before
// `markDelivered` is written leaves a claim that goes stale and is posted again. That window is one SQLite
// write long; a crash before the send (the likely one: shutdown, deploy) loses nothing and posts once.
import type { AnswerEntry } from '../answer/answer.ts';
import type { Reminder } from '../knowledge/schema.ts';
import type { ChannelRef, DeliveryKey, Store, Subscription } from '../store/store.ts';
import { cronExpression, occurrencesBetween, nextDue, type Occurrence } from './schedule.ts';
import type { ChannelSender, ReminderPost, SendResult } from './sender.ts';

/** pino-shaped: structured fields first, then the message. */
export interface SchedulerLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
  debug(fields: Record<string, unknown>, message: string): void;
}

export interface RetryPolicy {
  /** Sends per delivery per tick, the first included. */
  attempts: number;
  /** The wait after the first transient failure; doubles each time. */
  baseMs: number;
  /** No single wait is longer than this. */
  maxMs: number;
  /** A platform asking for a longer wait than this (429 Retry-After) is left to a later tick. */
  maxRetryAfterMs: number;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SchedulerOptions {
  store: Store;
  senders: readonly ChannelSender[];
  /** Read on every tick, so a knowledge reload changes the calendar without a restart. */
  reminders: () => readonly Reminder[];
  /** The knowledge entry a reminder links to, shown as "Read more". */
  entry: (id: string) => AnswerEntry | undefined;
  now: () => Date;
  /** Who holds a claim, e.g. `${hostname}:${pid}`: two processes on one database have different owners. */
  owner: string;
  logger: SchedulerLogger;
  /** Occurrences missed by less than this are still posted; older ones are skipped. Default 24 h. */
  catchUpMs?: number;
  /**
   * A claim older than this is taken to be left by a crash and is retried. It must be longer than one
   * delivery can take with its retries and waits. Default 10 minutes.
   */
  claimStaleMs?: number;
  retry?: Partial<RetryPolicy>;
  /** How the scheduler waits between retries; tests pass one that returns at once. */
  sleep?: (ms: number) => Promise<void>;
  /** The longest the timer sleeps between ticks, so clock jumps and reloads are noticed. Default 60 s. */
  maxIntervalMs?: number;
  timers?: Timers;
}

export type DeliveryOutcome =
  /** Posted and recorded. */
  | 'delivered'
  /** Another tick or process has it, or it was done before: nothing to do. */
  | 'held'
  /** Retries ran out; a later tick tries again while the occurrence is inside the catch-up window. */
  | 'failed'
  /** The channel is gone or removed the bot: its subscriptions are disabled. */
  | 'gone'
  /** This process has no sender for the platform (e.g. Teams is not configured here). */
  | 'no-sender'
  /** Left for a later tick because the scheduler is stopping. */
  | 'stopped'
  /** Too old to catch up: recorded so it is never posted. */
  | 'skipped';

export interface DeliveryResult {
  key: DeliveryKey;
  outcome: DeliveryOutcome;
  error?: string;
}

export interface TickReport {
  now: Date;
  /** Occurrences in (from, now] were due. */
  from: Date;
  results: DeliveryResult[];
  delivered: number;
  failed: number;
  skipped: number;
  /** Channels disabled during this tick. */
  disabled: ChannelRef[];
}

export interface Scheduler {
  /** Deliver everything due now. Ticks never overlap: a second call waits for the one in flight. */
  tick(): Promise<TickReport>;
  /** Tick now, then at each next occurrence (at least every `maxIntervalMs`). */
  start(): void;
  /** Stop the timer and wait for a tick in flight to finish; no new delivery starts after this is called. */
  stop(): Promise<void>;
}

export const LAST_TICK_META_KEY = 'reminders.last_tick';
/** Followed by a reminder id: that reminder's schedule and since when it has had it. */
export const SCHEDULE_META_PREFIX = 'reminders.schedule.';

function parseScheduleMeta(value: string | undefined): { schedule: string; since: Date } | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed = JSON.parse(value) as { schedule?: unknown; since?: unknown };
    const since = new Date(String(parsed.since));
    if (typeof parsed.schedule !== 'string' || Number.isNaN(since.getTime())) return undefined;
    return { schedule: parsed.schedule, since };
  } catch {
    return undefined;
  }
}

const HOUR = 60 * 60 * 1000;
export const DEFAULT_CATCH_UP_MS = 24 * HOUR;
export const DEFAULT_CLAIM_STALE_MS = 10 * 60 * 1000;
export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseMs: 1_000, maxMs: 30_000, maxRetryAfterMs: 120_000 };
/** Downtime longer than this is not walked occurrence by occurrence to record skips. */
const MAX_SKIP_LOOKBACK_MS = 400 * 24 * HOUR;
/** Wake a little after an occurrence so the tick's `now` is surely past it. */
const WAKE_MARGIN_MS = 250;

const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    // A pending reminder must never keep a process alive that is otherwise shutting down.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { store, logger, owner } = options;
  const catchUpMs = options.catchUpMs ?? DEFAULT_CATCH_UP_MS;
  const claimStaleMs = options.claimStaleMs ?? DEFAULT_CLAIM_STALE_MS;
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const sleep = options.sleep ?? realSleep;
  const maxIntervalMs = options.maxIntervalMs ?? 60_000;
  const timers = options.timers ?? realTimers;
  const senders = new Map(options.senders.map((s) => [s.platform, s]));
  // A claim must outlive the longest a delivery can take, or another process takes it over mid-send.
  const longestDelivery = (retry.attempts - 1) * Math.max(retry.maxMs, retry.maxRetryAfterMs);
  if (claimStaleMs <= longestDelivery) {
    throw new RangeError(
      `claimStaleMs (${claimStaleMs} ms) must be longer than a delivery with all its retries can take (${longestDelivery} ms)`,
    );
  }

  let stopping = false;
  let running = false;
  let timer: unknown;
  let inFlight: Promise<TickReport> | undefined;

  function lastTick(): Date | undefined {
    const value = store.getMeta(LAST_TICK_META_KEY);
    if (value === undefined) return undefined;
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }

  /** Channels that should get an occurrence: subscribed to its topic, enabled, and subscribed before it. */
  function recipients(occurrence: Occurrence): Subscription[] {
    return store
      .subscribersOf(occurrence.reminder.topic)
      .filter((s) => s.disabledAt === null && Date.parse(s.createdAt) <= occurrence.at.getTime());
  }

  function keyFor(occurrence: Occurrence, channel: ChannelRef): DeliveryKey {
    return {
      platform: channel.platform,
      channelId: channel.channelId,
      reminderId: occurrence.reminder.id,
      occurrence: occurrence.at.toISOString(),
    };
  }

  function fields(key: DeliveryKey): Record<string, unknown> {
    return { reminder: key.reminderId, occurrence: key.occurrence, platform: key.platform, channel: key.channelId };
  }

  /**
   * Since when the reminder has had its current schedule. A reminder added to the calendar, or moved to a
   * new time, does not reach back into the catch-up window: moving today's 09:00 reminder to 08:00 at
   * 10:00 must not post it a second time, and a reminder added at 11:00 on its day is not posted late.
   * Kept in the store, so a restart keeps catching up what was really missed.
   */
  function scheduledSince(reminder: Reminder, now: Date): Date {
    const key = `${SCHEDULE_META_PREFIX}${reminder.id}`;
    const schedule = `${cronExpression(reminder)} ${reminder.timezone}`;
    const stored = parseScheduleMeta(store.getMeta(key));
    if (stored && stored.schedule === schedule) return stored.since;
    store.setMeta(key, JSON.stringify({ schedule, since: now.toISOString() }));
    if (stored) {
      logger.info(
        { reminder: reminder.id, was: stored.schedule, now: schedule },
        'reminder schedule changed: occurrences before now will not be posted',
      );
    }
    return now;
  }

  function recordSkips(
    reminders: readonly Reminder[],
    from: Date,
    to: Date,
    now: Date,
    known: (o: Occurrence) => boolean,
    results: DeliveryResult[],
  ): void {
    for (const reminder of reminders) {
      for (const occurrence of occurrencesBetween(reminder, from, to).filter(known)) {
        const keys = recipients(occurrence)
          .map((channel) => keyFor(occurrence, channel))
          // Something already happened to it (delivered, or claimed by a process that will finish or go stale).
          .filter((key) => store.delivery(key) === undefined);
        if (keys.length === 0) continue;
        for (const key of keys) {
          store.markSkipped(key, `missed by more than the catch-up window (${Math.round(catchUpMs / 60_000)} min)`, now);
          results.push({ key, outcome: 'skipped' });
        }
        logger.warn(
          { reminder: reminder.id, occurrence: occurrence.at.toISOString(), channels: keys.length },
          'reminder occurrence missed while the bot was down, older than the catch-up window: skipped, not posted late',
        );
      }
    }
  }

  async function send(sender: ChannelSender, channelId: string, post: ReminderPost): Promise<SendResult> {
    try {
      return await sender.send(channelId, post);
    } catch (error) {
      // A sender that throws instead of returning a result is treated as a passing fault.
      return { ok: false, kind: 'transient', error: error instanceof Error ? error.message : String(error) };
    }
  }

  async function deliver(occurrence: Occurrence, channel: Subscription, report: TickReport): Promise<DeliveryResult> {
    const key = keyFor(occurrence, channel);
    const sender = senders.get(channel.platform);
    if (!sender) {
      logger.debug(fields(key), 'no sender for this platform in this process: left for one that has it');
      return { key, outcome: 'no-sender' };
    }
    if (stopping) return { key, outcome: 'stopped' };
    // Every tick looks back over the whole catch-up window: a read settles the finished ones without
    // taking the database's write lock.
    const known = store.delivery(key);
    if (known && (known.status === 'delivered' || known.status === 'skipped' || (known.status === 'failed' && known.permanent))) {
      return { key, outcome: 'held' };
    }
    if (!store.claimDelivery(key, owner, options.now(), claimStaleMs)) return { key, outcome: 'held' };

    const reminder = occurrence.reminder;
    const entry = reminder.entry === undefined ? undefined : options.entry(reminder.entry);
    const post: ReminderPost = {
      reminder,
      occurrence: occurrence.at,
      localTime: occurrence.localTime,
      ...(entry ? { entry } : {}),
    };

    let lastError = '';
    for (let attempt = 1; attempt <= retry.attempts; attempt++) {
      const result = await send(sender, channel.channelId, post);
      if (result.ok) {
        store.markDelivered(key, options.now());
        logger.info(fields(key), 'reminder posted');
        return { key, outcome: 'delivered' };
      }
      lastError = result.error;
      if (result.kind === 'gone') {
        const now = options.now();
        store.markFailed(key, result.error, now, true);
        const count = store.disableChannel({ platform: channel.platform, channelId: channel.channelId }, result.error, now);
        report.disabled.push({ platform: channel.platform, channelId: channel.channelId });
        logger.warn(
          { ...fields(key), error: result.error, subscriptions: count },
          'channel is gone or removed the bot: its reminder subscriptions are disabled',
        );
        return { key, outcome: 'gone', error: result.error };
      }
      if (attempt === retry.attempts || stopping) break;
      let wait: number;
      if (result.kind === 'rate_limited') {
        if (result.retryAfterMs > retry.maxRetryAfterMs) {
          logger.warn({ ...fields(key), retryAfterMs: result.retryAfterMs }, 'rate limited for longer than we wait: left for a later tick');
          break;
        }
        wait = Math.max(0, result.retryAfterMs);
      } else {
        wait = Math.min(retry.maxMs, retry.baseMs * 2 ** (attempt - 1));
      }
      logger.debug({ ...fields(key), attempt, waitMs: wait, error: result.error }, 'reminder post failed, retrying');
      await sleep(wait);
      if (stopping) break;
    }
    store.markFailed(key, lastError, options.now(), false);
    logger.warn({ ...fields(key), error: lastError }, 'reminder post failed; a later tick retries it within the catch-up window');
    return { key, outcome: 'failed', error: lastError };
  }

  async function runTick(): Promise<TickReport> {
    const now = options.now();
    const catchUpFrom = new Date(now.getTime() - catchUpMs);
    const reminders = options.reminders();
    const report: TickReport = { now, from: catchUpFrom, results: [], delivered: 0, failed: 0, skipped: 0, disabled: [] };

    const since = new Map(reminders.map((r) => [r.id, scheduledSince(r, now)]));
    const known = (o: Occurrence): boolean => o.at.getTime() >= since.get(o.reminder.id)!.getTime();

    const previous = lastTick();
    if (previous && previous < catchUpFrom) {
      const skipFrom = new Date(Math.max(previous.getTime(), now.getTime() - MAX_SKIP_LOOKBACK_MS));
      recordSkips(reminders, skipFrom, catchUpFrom, now, known, report.results);
    }

    const due = reminders
      .flatMap((r) => occurrencesBetween(r, catchUpFrom, now))
      .filter(known)
      .sort((a, b) => a.at.getTime() - b.at.getTime() || a.reminder.id.localeCompare(b.reminder.id));
    for (const occurrence of due) {
      // Read per occurrence: a channel found gone a moment ago is no longer a subscriber.
      for (const channel of recipients(occurrence)) {
        try {
          report.results.push(await deliver(occurrence, channel, report));
        } catch (error) {
          // A store fault on one delivery (e.g. the database busy) must not cost the other channels theirs.
          const key = keyFor(occurrence, channel);
          const message = error instanceof Error ? error.message : String(error);
          logger.error({ ...fields(key), error: message }, 'reminder delivery could not be recorded; a later tick retries it');
          report.results.push({ key, outcome: 'failed', error: message });
        }
      }
    }

    // Never move the mark backwards (another process with a later clock may have ticked).
    if (!previous || now > previous) store.setMeta(LAST_TICK_META_KEY, now.toISOString());
    for (const result of report.results) {
      if (result.outcome === 'delivered') report.delivered++;
      else if (result.outcome === 'failed') report.failed++;
      else if (result.outcome === 'skipped') report.skipped++;
    }
    return report;
  }

  function tick(): Promise<TickReport> {
    const run = (inFlight ?? Promise.resolve()).catch(() => undefined).then(runTick);
    const tracked = run.finally(() => {
      if (inFlight === tracked) inFlight = undefined;
    });
    inFlight = tracked;
    return tracked;
  }

  function schedule(): void {
    if (!running) return;
    const now = options.now();
    let delay = maxIntervalMs;
    try {
      const next = nextDue(options.reminders(), now);
      if (next) delay = Math.min(maxIntervalMs, Math.max(0, next.getTime() - now.getTime()) + WAKE_MARGIN_MS);
    } catch (error) {
      logger.error({ error: String(error) }, 'could not work out the next reminder; checking again shortly');
    }
    timer = timers.setTimeout(() => {
      timer = undefined;
      tick()
        .catch((error: unknown) => logger.error({ error: error instanceof Error ? error.message : String(error) }, 'reminder tick failed'))
        .finally(schedule);
    }, delay);
  }

  return {
    tick,
    start() {
      if (running) return;
      running = true;
      stopping = false;
      tick()
        .catch((error: unknown) => logger.error({ error: error instanceof Error ? error.message : String(error) }, 'reminder tick failed'))
        .finally(schedule);
    },
    async stop() {
      running = false;
      stopping = true;
      if (timer !== undefined) {
        timers.clearTimeout(timer);
        timer = undefined;
      }
      await inFlight?.catch(() => undefined);
    },
  };
}
