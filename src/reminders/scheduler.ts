// Posts reminders when they fall due, each (reminder, occurrence, channel) exactly once.
//
// Every tick looks at the whole catch-up window, not just "since the last tick": the store decides what
// is still to do (a claim held by a live process, a delivery already made), so a claim left by a crash or
// a delivery that failed for a moment is picked up again by a later tick, by this process or another one
// on the same database. Occurrences missed for longer than the catch-up window are recorded as skipped,
// never posted late.
//
// What a failed post means decides what happens next, because a reminder posted twice is as bad as one
// lost: a post that surely did not go out (transient, rate limited) is retried; one that may have gone out
// (unknown) is never retried but recorded failed for good with an error an operator can act on; a channel
// that is gone is disabled; the bot's own credentials refused (unauthorized) disables nothing and pauses
// that platform for the rest of the tick.
//
// The one gap no store can close: a process that dies after the platform accepted a post but before
// `markDelivered` is written leaves a claim that goes stale and is posted again. That window is one SQLite
// write long (longer only while the database refuses the write: the mark is retried, then held in memory
// and written before this process sends anything else); a crash before the send (the likely one:
// shutdown, deploy) loses nothing and posts once.
import type { AnswerEntry } from '../answer/answer.ts';
import type { Log } from '../log.ts';
import type { Reminder } from '../knowledge/schema.ts';
import type { ChannelRef, DeliveryKey, Platform, Store, Subscription } from '../store/store.ts';
import { cronExpression, occurrencesBetween, nextDue, type Occurrence } from './schedule.ts';
import type { ReminderChannel, ReminderPost, SendResult } from './sender.ts';

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
  /** The platforms this process posts to (the started channels); a subscription on another is left alone. */
  channels: readonly ReminderChannel[];
  /** Read on every tick, so a knowledge reload changes the calendar without a restart. */
  reminders: () => readonly Reminder[];
  /** The knowledge entry a reminder links to, shown as "Read more". */
  entry: (id: string) => AnswerEntry | undefined;
  now: () => Date;
  /** Who holds a claim, e.g. `${hostname}:${pid}`: two processes on one database have different owners. */
  owner: string;
  logger: Log;
  /** Occurrences missed by less than this are still posted; older ones are skipped. Default 24 h. */
  catchUpMs?: number;
  /**
   * A claim older than this is taken to be left by a crash and is retried. It must be longer than one
   * delivery can take with its retries and waits. Default 10 minutes.
   */
  claimStaleMs?: number;
  retry?: Partial<RetryPolicy>;
  /**
   * How the scheduler waits between retries; tests pass one that returns at once. `signal` is aborted by
   * `stop()`: the scheduler stops waiting then whether or not the sleep honours it.
   */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
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
  /**
   * The platform may have posted it but did not say so (a timeout after sending, a dropped connection):
   * recorded failed for good and never retried, so it cannot be posted twice; logged as an error.
   */
  | 'unknown'
  /**
   * The bot's own credentials were refused on this platform (or were, earlier in this tick): nothing is
   * disabled, and a later tick retries it.
   */
  | 'unauthorized'
  /** This process has no sender for the platform (e.g. Teams is not configured here). */
  | 'no-sender'
  /**
   * Left for a later tick because the scheduler is stopping. A delivery stopped mid-retry keeps its claim
   * and is retried once the claim is stale (`claimStaleMs`).
   */
  | 'stopped'
  /** Too old to catch up: recorded so it is never posted. */
  | 'skipped';

export interface DeliveryResult {
  key: DeliveryKey;
  outcome: DeliveryOutcome;
  error?: string;
  /**
   * The outcome is settled but the database refused to record it (after local retries): this process
   * holds the delivery, sends nothing for it, and writes the record at its next tick.
   */
  unrecorded?: true;
}

export interface TickReport {
  now: Date;
  /** Occurrences in (from, now] were due. */
  from: Date;
  results: DeliveryResult[];
  delivered: number;
  /** Left to retry (`failed`) and never to be retried because the outcome is unknown (`unknown`). */
  failed: number;
  unknown: number;
  skipped: number;
  /** Channels disabled during this tick. */
  disabled: ChannelRef[];
  /** Platforms whose credentials were refused during this tick: nothing more was sent to them in it. */
  unauthorized: Platform[];
}

export interface Scheduler {
  /** Deliver everything due now. Ticks never overlap: a second call waits for the one in flight. */
  tick(): Promise<TickReport>;
  /** Tick now, then at each next occurrence (at least every `maxIntervalMs`). Does nothing if started. */
  start(): void;
  /**
   * Stop the timer and wait for a tick in flight to finish: a post in flight completes, a retry wait ends
   * at once, no new delivery starts. Safe to call twice, and `start()` may follow at once.
   */
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
/** Writes of a delivery's outcome per delivery, the first included, waiting 100, 200, 400, 800 ms between. */
export const RECORD_ATTEMPTS = 5;
const RECORD_BASE_MS = 100;
export const OUTCOME_UNKNOWN_REASON = 'outcome unknown: not retried so it cannot post twice';

const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    // A pending reminder must never keep a process alive that is otherwise shutting down.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

const realSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(handle);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const handle = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

/** What stays true of one delivery while a tick runs. */
interface TickContext {
  signal: AbortSignal;
  /** Platforms whose credentials were refused in this tick, with the error. */
  unauthorized: Map<Platform, string>;
}

/** A settled outcome the database refused to record: written before this process touches the delivery again. */
interface Unrecorded {
  key: DeliveryKey;
  what: string;
  write: () => Promise<void>;
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { store, logger, owner } = options;
  const catchUpMs = options.catchUpMs ?? DEFAULT_CATCH_UP_MS;
  const claimStaleMs = options.claimStaleMs ?? DEFAULT_CLAIM_STALE_MS;
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const sleep = options.sleep ?? realSleep;
  const maxIntervalMs = options.maxIntervalMs ?? 60_000;
  const timers = options.timers ?? realTimers;
  const senders = new Map(options.channels.map((c) => [c.platform, c]));
  // A claim must outlive the longest a delivery can take, or another process takes it over mid-send.
  const longestDelivery = (retry.attempts - 1) * Math.max(retry.maxMs, retry.maxRetryAfterMs);
  if (claimStaleMs <= longestDelivery) {
    throw new RangeError(
      `claimStaleMs (${claimStaleMs} ms) must be longer than a delivery with all its retries can take (${longestDelivery} ms)`,
    );
  }

  /** Aborted by stop(); start() replaces an aborted one. A tick keeps the one current when it was asked for. */
  let lifecycle = new AbortController();
  /** The timer loop of the current start(), if started; a loop whose run is no longer current ends. */
  let run: { timer: unknown } | undefined;
  let inFlight: Promise<TickReport> | undefined;
  const unrecorded = new Map<string, Unrecorded>();
  const deliveryId = (key: DeliveryKey): string => JSON.stringify([key.platform, key.channelId, key.reminderId, key.occurrence]);

  async function lastTick(): Promise<Date | undefined> {
    const value = await store.getMeta(LAST_TICK_META_KEY);
    if (value === undefined) return undefined;
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }

  /** Channels that should get an occurrence: subscribed to its topic, enabled, and subscribed before it. */
  async function recipients(occurrence: Occurrence): Promise<Subscription[]> {
    return (await store.subscribersOf(occurrence.reminder.topic)).filter((s) => s.disabledAt === null && Date.parse(s.createdAt) <= occurrence.at.getTime());
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
  async function scheduledSince(reminder: Reminder, now: Date): Promise<Date> {
    const key = `${SCHEDULE_META_PREFIX}${reminder.id}`;
    const schedule = `${cronExpression(reminder)} ${reminder.timezone}`;
    const stored = parseScheduleMeta(await store.getMeta(key));
    if (stored && stored.schedule === schedule) return stored.since;
    await store.setMeta(key, JSON.stringify({ schedule, since: now.toISOString() }));
    if (stored) {
      logger.info(
        { reminder: reminder.id, was: stored.schedule, now: schedule },
        'reminder schedule changed: occurrences before now will not be posted',
      );
    }
    return now;
  }

  async function recordSkips(
    reminders: readonly Reminder[],
    from: Date,
    to: Date,
    now: Date,
    known: (o: Occurrence) => boolean,
    results: DeliveryResult[],
  ): Promise<void> {
    for (const reminder of reminders) {
      for (const occurrence of occurrencesBetween(reminder, from, to).filter(known)) {
        const keys: DeliveryKey[] = [];
        for (const channel of await recipients(occurrence)) {
          const key = keyFor(occurrence, channel);
          // Something already happened to it (delivered, or claimed by a process that will finish or go stale).
          if ((await store.delivery(key)) === undefined) keys.push(key);
        }
        if (keys.length === 0) continue;
        for (const key of keys) {
          await store.markSkipped(key, `missed by more than the catch-up window (${Math.round(catchUpMs / 60_000)} min)`, now);
          results.push({ key, outcome: 'skipped' });
        }
        logger.warn(
          { reminder: reminder.id, occurrence: occurrence.at.toISOString(), channels: keys.length },
          'reminder occurrence missed while the bot was down, older than the catch-up window: skipped, not posted late',
        );
      }
    }
  }

  async function send(channel: ReminderChannel, channelId: string, post: ReminderPost): Promise<SendResult> {
    try {
      return await channel.send({ conversation: channelId }, { kind: 'reminder', post });
    } catch (error) {
      // Senders report a post that may have gone out as `unknown`; a throw is a fault before sending.
      return { ok: false, kind: 'transient', error: errorText(error) };
    }
  }

  /** Wait `ms`, unless stop() is called first. True when the wait ran its course. */
  async function wait(ms: number, signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return false;
    let onAbort!: () => void;
    const aborted = new Promise<void>((resolve) => {
      onAbort = resolve;
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      await Promise.race([sleep(ms, signal).catch(() => undefined), aborted]);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
    return !signal.aborted;
  }

  /**
   * Record a settled outcome (posted, or perhaps posted). A database busy for a moment must not leave the
   * claim to go stale and the reminder to be posted again: retry the write a few times here, then hold the
   * delivery in memory, send nothing for it, and write it at the start of each tick until it lands.
   */
  async function record(key: DeliveryKey, what: string, write: () => Promise<void>, signal: AbortSignal): Promise<boolean> {
    let lastError = '';
    for (let attempt = 1; attempt <= RECORD_ATTEMPTS; attempt++) {
      try {
        await write();
        unrecorded.delete(deliveryId(key));
        return true;
      } catch (error) {
        lastError = errorText(error);
      }
      if (attempt < RECORD_ATTEMPTS && !(await wait(RECORD_BASE_MS * 2 ** (attempt - 1), signal))) break;
    }
    unrecorded.set(deliveryId(key), { key, what, write });
    logger.error(
      { ...fields(key), error: lastError, claimStaleMs },
      `reminder ${what}, but the database refused to record it: this process sends nothing more for it and writes the record on its next tick; if it stops before then, the reminder will be posted again once its claim is stale`,
    );
    return false;
  }

  /** Write the records the database refused earlier, before anything new is sent. */
  async function writeUnrecorded(): Promise<void> {
    for (const [id, pending] of unrecorded) {
      try {
        await pending.write();
        unrecorded.delete(id);
        logger.info(fields(pending.key), `reminder ${pending.what}: the record the database refused earlier is written`);
      } catch (error) {
        logger.error(
          { ...fields(pending.key), error: errorText(error) },
          `reminder ${pending.what}, and the database still refuses to record it: nothing is sent for it meanwhile`,
        );
      }
    }
  }

  async function deliver(occurrence: Occurrence, channel: Subscription, report: TickReport, tick: TickContext): Promise<DeliveryResult> {
    const key = keyFor(occurrence, channel);
    const { signal } = tick;
    const sender = senders.get(channel.platform);
    if (!sender) {
      logger.debug(fields(key), 'no sender for this platform in this process: left for one that has it');
      return { key, outcome: 'no-sender' };
    }
    if (signal.aborted) return { key, outcome: 'stopped' };
    // Settled by this process, the record not yet written: the store may show a claim going stale.
    if (unrecorded.has(deliveryId(key))) return { key, outcome: 'held', unrecorded: true };
    const refused = tick.unauthorized.get(channel.platform);
    if (refused !== undefined) return { key, outcome: 'unauthorized', error: refused };
    // Every tick looks back over the whole catch-up window: a read settles the finished ones without
    // taking the database's write lock.
    const known = await store.delivery(key);
    if (known && (known.status === 'delivered' || known.status === 'skipped' || (known.status === 'failed' && known.permanent))) {
      return { key, outcome: 'held' };
    }
    if (!(await store.claimDelivery(key, owner, options.now(), claimStaleMs))) return { key, outcome: 'held' };

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
        const postedAt = options.now();
        logger.info(fields(key), 'reminder posted');
        const recorded = await record(key, 'posted', () => store.markDelivered(key, postedAt), signal);
        return recorded ? { key, outcome: 'delivered' } : { key, outcome: 'delivered', unrecorded: true };
      }
      lastError = result.error;
      if (result.kind === 'gone') {
        const now = options.now();
        await store.markFailed(key, result.error, now, true);
        const count = await store.disableChannel({ platform: channel.platform, channelId: channel.channelId }, result.error, now);
        report.disabled.push({ platform: channel.platform, channelId: channel.channelId });
        logger.warn(
          { ...fields(key), error: result.error, subscriptions: count },
          'channel is gone or removed the bot: its reminder subscriptions are disabled',
        );
        return { key, outcome: 'gone', error: result.error };
      }
      if (result.kind === 'unauthorized') {
        // The bot's token, not the channel: disable nothing, send nothing more to this platform this tick.
        await store.markFailed(key, result.error, options.now(), false);
        tick.unauthorized.set(channel.platform, result.error);
        report.unauthorized.push(channel.platform);
        logger.error(
          { ...fields(key), error: result.error },
          `the bot's ${channel.platform} credentials were refused: no reminder is posted to ${channel.platform} until they are fixed; no channel is disabled, and what is due is retried on later ticks`,
        );
        return { key, outcome: 'unauthorized', error: result.error };
      }
      if (result.kind === 'unknown') {
        const reason = `${OUTCOME_UNKNOWN_REASON} (${result.error})`;
        logger.error(
          { ...fields(key), error: result.error },
          'reminder may have been posted, but the platform did not confirm it: not retried so it cannot post twice; check the channel and post it by hand if it is missing',
        );
        const recorded = await record(key, 'not confirmed (outcome unknown)', () => store.markFailed(key, reason, options.now(), true), signal);
        return { key, outcome: 'unknown', error: reason, ...(recorded ? {} : { unrecorded: true as const }) };
      }
      if (attempt === retry.attempts) break;
      let delay: number;
      if (result.kind === 'rate_limited') {
        if (result.retryAfterMs > retry.maxRetryAfterMs) {
          logger.warn({ ...fields(key), retryAfterMs: result.retryAfterMs }, 'rate limited for longer than we wait: left for a later tick');
          break;
        }
        delay = Math.max(0, result.retryAfterMs);
      } else {
        delay = Math.min(retry.maxMs, retry.baseMs * 2 ** (attempt - 1));
      }
      logger.debug({ ...fields(key), attempt, waitMs: delay, error: result.error }, 'reminder post failed, retrying');
      if (!(await wait(delay, signal))) {
        // Stopping: nothing was posted. The claim is left to go stale, and a later tick (this process after
        // a restart, or another) sends it then.
        logger.info({ ...fields(key), error: result.error }, 'reminder retry cut short by shutdown: left for a later tick');
        return { key, outcome: 'stopped', error: result.error };
      }
    }
    await store.markFailed(key, lastError, options.now(), false);
    logger.warn({ ...fields(key), error: lastError }, 'reminder post failed; a later tick retries it within the catch-up window');
    return { key, outcome: 'failed', error: lastError };
  }

  async function runTick(signal: AbortSignal): Promise<TickReport> {
    // First what this process already posted but could not record: nothing new goes out before it.
    await writeUnrecorded();
    const now = options.now();
    const catchUpFrom = new Date(now.getTime() - catchUpMs);
    const reminders = options.reminders();
    const report: TickReport = {
      now,
      from: catchUpFrom,
      results: [],
      delivered: 0,
      failed: 0,
      unknown: 0,
      skipped: 0,
      disabled: [],
      unauthorized: [],
    };
    const context: TickContext = { signal, unauthorized: new Map() };

    const since = new Map<string, Date>();
    for (const r of reminders) since.set(r.id, await scheduledSince(r, now));
    const known = (o: Occurrence): boolean => o.at.getTime() >= since.get(o.reminder.id)!.getTime();

    const previous = await lastTick();
    if (previous && previous < catchUpFrom) {
      const skipFrom = new Date(Math.max(previous.getTime(), now.getTime() - MAX_SKIP_LOOKBACK_MS));
      await recordSkips(reminders, skipFrom, catchUpFrom, now, known, report.results);
    }

    const due = reminders
      .flatMap((r) => occurrencesBetween(r, catchUpFrom, now))
      .filter(known)
      .sort((a, b) => a.at.getTime() - b.at.getTime() || a.reminder.id.localeCompare(b.reminder.id));
    for (const occurrence of due) {
      // Read per occurrence: a channel found gone a moment ago is no longer a subscriber.
      for (const channel of await recipients(occurrence)) {
        try {
          report.results.push(await deliver(occurrence, channel, report, context));
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
    if (!previous || now > previous) await store.setMeta(LAST_TICK_META_KEY, now.toISOString());
    for (const result of report.results) {
      if (result.outcome === 'delivered') report.delivered++;
      else if (result.outcome === 'failed') report.failed++;
      else if (result.outcome === 'unknown') report.unknown++;
      else if (result.outcome === 'skipped') report.skipped++;
    }
    return report;
  }

  function tick(): Promise<TickReport> {
    // The signal current when the tick is asked for: a stop() before it runs stops it too.
    const { signal } = lifecycle;
    const ran = (inFlight ?? Promise.resolve()).catch(() => undefined).then(() => runTick(signal));
    const tracked = ran.finally(() => {
      if (inFlight === tracked) inFlight = undefined;
    });
    inFlight = tracked;
    return tracked;
  }

  const logTickFailure = (error: unknown): void => logger.error({ error: errorText(error) }, 'reminder tick failed');

  /** Set the next timer of `loop`, unless it has been stopped (or replaced by a later start()). */
  function schedule(loop: { timer: unknown }): void {
    if (run !== loop) return;
    const now = options.now();
    let delay = maxIntervalMs;
    try {
      const next = nextDue(options.reminders(), now);
      if (next) delay = Math.min(maxIntervalMs, Math.max(0, next.getTime() - now.getTime()) + WAKE_MARGIN_MS);
    } catch (error) {
      logger.error({ error: String(error) }, 'could not work out the next reminder; checking again shortly');
    }
    loop.timer = timers.setTimeout(() => {
      loop.timer = undefined;
      if (run !== loop) return;
      tick()
        .catch(logTickFailure)
        .finally(() => schedule(loop));
    }, delay);
  }

  return {
    tick,
    start() {
      if (run) return;
      if (lifecycle.signal.aborted) lifecycle = new AbortController();
      const loop = { timer: undefined as unknown };
      run = loop;
      tick()
        .catch(logTickFailure)
        .finally(() => schedule(loop));
    },
    async stop() {
      const loop = run;
      run = undefined;
      lifecycle.abort();
      if (loop?.timer !== undefined) {
        timers.clearTimeout(loop.timer);
        loop.timer = undefined;
      }
      await inFlight?.catch(() => undefined);
      // One last try at what the database refused: a delivery left unrecorded now is posted again later.
      if (unrecorded.size > 0) await writeUnrecorded();
    },
  };
}
