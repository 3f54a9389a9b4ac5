// Posts reminders when they fall due, each (reminder, occurrence, channel) exactly once; and the admins'
// digest (digest.ts), each (occurrence, admin) exactly once, through the same delivery step.
//
// Every tick looks at the whole catch-up window, not just "since the last tick": the store decides what
// is still to do (a claim held by a live process, a delivery already made), so a claim left by a crash or
// a delivery that failed for a moment is picked up again by a later tick, by this process or another one
// on the same database. Occurrences missed for longer than the catch-up window are recorded as skipped,
// never posted late.
//
// Each (occurrence, channel) goes through the delivery step (delivery.ts): claim, post, retry only what
// surely did not go out, record. This file decides what is due, when to wake, and how to stop.
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
import type { Digest } from '../report/digest.ts';
import { cronExpression, occurrencesBetween, nextDue, type Occurrence } from './schedule.ts';
import type { ReminderChannel } from './sender.ts';
import { digestPeriod, digestSeries, type DigestOptions } from './digest.ts';
import {
  DEFAULT_RETRY,
  createDeliveryStep,
  deliveryFields,
  deliveryKey,
  errorText,
  realSleep,
  type DeliveryResult,
  type RetryPolicy,
  type TickState,
} from './delivery.ts';

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
  /** The admins' digest: when, to whom, and how it is built. Without it, no digest is sent. */
  digest?: DigestOptions;
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

/** Something the scheduler posts on a schedule, and to whom: a reminder's subscribers, or the admins. */
interface Series {
  reminder: Reminder;
  targets: (occurrence: Occurrence) => Promise<ChannelRef[]>;
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

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { store, logger, owner } = options;
  const catchUpMs = options.catchUpMs ?? DEFAULT_CATCH_UP_MS;
  const claimStaleMs = options.claimStaleMs ?? DEFAULT_CLAIM_STALE_MS;
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const sleep = options.sleep ?? realSleep;
  const maxIntervalMs = options.maxIntervalMs ?? 60_000;
  const timers = options.timers ?? realTimers;
  const delivery = createDeliveryStep({
    store,
    channels: new Map(options.channels.map((c) => [c.platform, c])),
    entry: options.entry,
    now: options.now,
    owner,
    logger,
    claimStaleMs,
    retry,
    sleep,
  });
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

  /** Every occurrence in (from, to] of each series not yet recorded for a target is recorded skipped, with a warn line. */
  async function recordSkips(
    series: readonly Series[],
    from: Date,
    to: Date,
    now: Date,
    known: (o: Occurrence) => boolean,
    results: DeliveryResult[],
  ): Promise<void> {
    for (const { reminder, targets } of series) {
      for (const occurrence of occurrencesBetween(reminder, from, to).filter(known)) {
        const keys: DeliveryKey[] = [];
        for (const target of await targets(occurrence)) {
          const key = deliveryKey(occurrence, target);
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
          `${reminder.id === digest?.id ? 'digest' : 'reminder occurrence'} missed while the bot was down, older than the catch-up window: skipped, not posted late`,
        );
      }
    }
  }

  /** The admins' digest as a series, if one is configured. */
  function digestNow(): { id: string; reminder: Reminder; options: DigestOptions } | undefined {
    if (!options.digest) return undefined;
    const reminder = digestSeries(options.digest);
    return { id: reminder.id, reminder, options: options.digest };
  }
  const digest = digestNow();

  function admins(): ChannelRef[] {
    return (options.digest?.admins() ?? []).map((a) => ({ platform: a.platform, channelId: a.id }));
  }

  async function runTick(signal: AbortSignal): Promise<TickReport> {
    // First what this process already posted but could not record: nothing new goes out before it.
    await delivery.writeUnrecorded();
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
    const state: TickState = { signal, unauthorized: new Map(), disabled: [] };

    const since = new Map<string, Date>();
    for (const r of reminders) since.set(r.id, await scheduledSince(r, now));
    // The digest's schedule counts like a reminder's: a first start, or a new schedule, posts nothing from before it.
    if (digest && admins().length > 0) since.set(digest.id, await scheduledSince(digest.reminder, now));
    const known = (o: Occurrence): boolean => since.has(o.reminder.id) && o.at.getTime() >= since.get(o.reminder.id)!.getTime();

    const series: Series[] = reminders.map((reminder) => ({ reminder, targets: recipients }));
    if (digest && since.has(digest.id)) series.push({ reminder: digest.reminder, targets: async () => admins() });

    const previous = await lastTick();
    if (previous && previous < catchUpFrom) {
      const skipFrom = new Date(Math.max(previous.getTime(), now.getTime() - MAX_SKIP_LOOKBACK_MS));
      await recordSkips(series, skipFrom, catchUpFrom, now, known, report.results);
    }

    const due = reminders
      .flatMap((r) => occurrencesBetween(r, catchUpFrom, now))
      .filter(known)
      .sort((a, b) => a.at.getTime() - b.at.getTime() || a.reminder.id.localeCompare(b.reminder.id));
    for (const occurrence of due) {
      // Read per occurrence: a channel found gone a moment ago is no longer a subscriber.
      for (const channel of await recipients(occurrence)) {
        try {
          report.results.push(await delivery.deliver(occurrence, channel, state));
        } catch (error) {
          // A store fault on one delivery (e.g. the database busy) must not cost the other channels theirs.
          const key = deliveryKey(occurrence, channel);
          const message = errorText(error);
          logger.error({ ...deliveryFields(key), error: message }, 'reminder delivery could not be recorded; a later tick retries it');
          report.results.push({ key, outcome: 'failed', error: message });
        }
      }
    }

    if (digest && since.has(digest.id)) {
      for (const occurrence of occurrencesBetween(digest.reminder, catchUpFrom, now).filter(known)) {
        // Built once per occurrence, and only when some admin's delivery is claimed.
        let built: Promise<Digest> | undefined;
        const build = () => (built ??= digest.options.build(digestPeriod(digest.reminder, occurrence.at)));
        for (const admin of digest.options.admins()) {
          try {
            report.results.push(await delivery.deliverDigest(occurrence, admin, build, state));
          } catch (error) {
            const key = deliveryKey(occurrence, { platform: admin.platform, channelId: admin.id });
            const message = errorText(error);
            logger.error({ ...deliveryFields(key), error: message }, 'digest delivery could not be recorded; a later tick retries it');
            report.results.push({ key, outcome: 'failed', error: message });
          }
        }
      }
    }

    // Never move the mark backwards (another process with a later clock may have ticked).
    if (!previous || now > previous) await store.setMeta(LAST_TICK_META_KEY, now.toISOString());
    report.disabled.push(...state.disabled);
    report.unauthorized.push(...state.unauthorized.keys());
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
      const next = nextDue(digest ? [...options.reminders(), digest.reminder] : options.reminders(), now);
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
      if (delivery.state.unrecorded.size > 0) await delivery.writeUnrecorded();
    },
  };
}
