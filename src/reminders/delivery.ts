// The delivery step of the reminder scheduler: one occurrence to one channel, exactly once. It claims the
// delivery in the store, posts through the platform's channel, retries only what surely did not go out, and
// records the outcome. A reminder posted twice is as bad as one lost, so what a failed post means decides
// what happens next: surely not posted (transient, rate limited) is retried; perhaps posted (unknown) is
// never retried but recorded failed for good with an error an operator can act on; a gone conversation is
// disabled; the bot's own credentials refused (unauthorized) disables nothing and pauses that platform for
// the rest of the tick.
//
// Its state is explicit: `DeliveryState` holds what this process posted but the database refused to record
// (it outlives ticks, and nothing more is sent for those deliveries until the record is written); a tick
// passes its own `TickState` (the stop signal, the platforms refused, the channels disabled) to each call.
import type { AnswerEntry } from '../answer/answer.ts';
import type { Log } from '../log.ts';
import type { ChannelRef, DeliveryKey, Platform, Store, Subscription } from '../store/store.ts';
import type { Digest } from '../report/digest.ts';
import type { Occurrence } from './schedule.ts';
import type { ReminderChannel, ReminderPost, ScheduledDestination, ScheduledMessage, SendResult } from './sender.ts';

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

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseMs: 1_000, maxMs: 30_000, maxRetryAfterMs: 120_000 };
/** Writes of a delivery's outcome per delivery, the first included, waiting 100, 200, 400, 800 ms between. */
export const RECORD_ATTEMPTS = 5;
const RECORD_BASE_MS = 100;
export const OUTCOME_UNKNOWN_REASON = 'outcome unknown: not retried so it cannot post twice';

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

/** What one tick carries from delivery to delivery. */
export interface TickState {
  /** Aborted by the scheduler's stop(): no new delivery starts, retry waits end at once. */
  signal: AbortSignal;
  /** Platforms whose credentials were refused in this tick, with the error: nothing more goes to them. */
  unauthorized: Map<Platform, string>;
  /** Channels found gone in this tick (their subscriptions are disabled). */
  disabled: ChannelRef[];
}

/** A settled outcome the database refused to record: written before this process touches the delivery again. */
export interface Unrecorded {
  key: DeliveryKey;
  what: string;
  write: () => Promise<void>;
}

/** What the delivery step remembers across ticks. */
export interface DeliveryState {
  /** By delivery: outcomes posted (or perhaps posted) whose record the database refused. */
  readonly unrecorded: Map<string, Unrecorded>;
}

export interface DeliveryOptions {
  store: Store;
  /** The platforms this process posts to, by name. */
  channels: ReadonlyMap<Platform, ReminderChannel>;
  /** The knowledge entry a reminder links to, shown as "Read more". */
  entry: (id: string) => AnswerEntry | undefined;
  now: () => Date;
  owner: string;
  logger: Log;
  claimStaleMs: number;
  retry: RetryPolicy;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Someone a digest goes to: a person on a platform (one of ADMIN_USERS). */
export interface Recipient {
  platform: Platform;
  /** Their user id on that platform: the digest goes to their chat with the bot. */
  id: string;
}

export interface DeliveryStep {
  readonly state: DeliveryState;
  /** Deliver one occurrence to one subscribed channel, once. */
  deliver(occurrence: Occurrence, channel: Subscription, tick: TickState): Promise<DeliveryResult>;
  /**
   * Deliver one digest occurrence to one admin, once, through the same claim, retries and records as a
   * reminder. `build` is called only once the delivery is claimed (and may be shared by the admins).
   */
  deliverDigest(occurrence: Occurrence, admin: Recipient, build: () => Promise<Digest>, tick: TickState): Promise<DeliveryResult>;
  /** Write the records the database refused earlier, before anything new is sent. */
  writeUnrecorded(): Promise<void>;
}

/** What a delivery is called in log lines. */
type Noun = 'reminder' | 'digest';

/** One delivery for the shared step: its key, where it goes, its message (made once claimed), and what "gone" means for it. */
interface Job {
  key: DeliveryKey;
  noun: Noun;
  to: ScheduledDestination;
  /** Where an operator looks for a post whose outcome is unknown. */
  where: string;
  message: () => ScheduledMessage | Promise<ScheduledMessage>;
  /** After the delivery is recorded failed for good because the platform said the destination is gone. */
  gone: (error: string, at: Date) => Promise<void>;
}

export const realSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
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

/** The unit of exactly-once delivery for an occurrence to a channel. */
export function deliveryKey(occurrence: Occurrence, channel: ChannelRef): DeliveryKey {
  return {
    platform: channel.platform,
    channelId: channel.channelId,
    reminderId: occurrence.reminder.id,
    occurrence: occurrence.at.toISOString(),
  };
}

/** How a delivery is named in the log. */
export function deliveryFields(key: DeliveryKey): Record<string, unknown> {
  return { reminder: key.reminderId, occurrence: key.occurrence, platform: key.platform, channel: key.channelId };
}

const deliveryId = (key: DeliveryKey): string => JSON.stringify([key.platform, key.channelId, key.reminderId, key.occurrence]);

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function createDeliveryStep(options: DeliveryOptions): DeliveryStep {
  const { store, channels, entry, now, owner, logger, claimStaleMs, retry, sleep } = options;
  const state: DeliveryState = { unrecorded: new Map() };

  async function send(channel: ReminderChannel, to: ScheduledDestination, message: ScheduledMessage): Promise<SendResult> {
    try {
      return await channel.send(to, message);
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
  async function record(key: DeliveryKey, what: string, write: () => Promise<void>, signal: AbortSignal, noun: Noun): Promise<boolean> {
    let lastError = '';
    for (let attempt = 1; attempt <= RECORD_ATTEMPTS; attempt++) {
      try {
        await write();
        state.unrecorded.delete(deliveryId(key));
        return true;
      } catch (error) {
        lastError = errorText(error);
      }
      if (attempt < RECORD_ATTEMPTS && !(await wait(RECORD_BASE_MS * 2 ** (attempt - 1), signal))) break;
    }
    state.unrecorded.set(deliveryId(key), { key, what: `${noun} ${what}`, write });
    logger.error(
      { ...deliveryFields(key), error: lastError, claimStaleMs },
      `${noun} ${what}, but the database refused to record it: this process sends nothing more for it and writes the record on its next tick; if it stops before then, the ${noun} will be posted again once its claim is stale`,
    );
    return false;
  }

  /** Write the records the database refused earlier, before anything new is sent. */
  async function writeUnrecorded(): Promise<void> {
    for (const [id, pending] of state.unrecorded) {
      try {
        await pending.write();
        state.unrecorded.delete(id);
        logger.info(deliveryFields(pending.key), `${pending.what}: the record the database refused earlier is written`);
      } catch (error) {
        logger.error(
          { ...deliveryFields(pending.key), error: errorText(error) },
          `${pending.what}, and the database still refuses to record it: nothing is sent for it meanwhile`,
        );
      }
    }
  }

  /**
   * One delivery, once: settle it from the store, claim it, build the message, post it, retry only what surely
   * did not go out, and record the outcome.
   */
  async function run(job: Job, tick: TickState): Promise<DeliveryResult> {
    const { key, noun } = job;
    const { signal } = tick;
    const sender = channels.get(key.platform);
    if (!sender) {
      logger.debug(deliveryFields(key), 'no sender for this platform in this process: left for one that has it');
      return { key, outcome: 'no-sender' };
    }
    if (signal.aborted) return { key, outcome: 'stopped' };
    // Settled by this process, the record not yet written: the store may show a claim going stale.
    if (state.unrecorded.has(deliveryId(key))) return { key, outcome: 'held', unrecorded: true };
    const refused = tick.unauthorized.get(key.platform);
    if (refused !== undefined) return { key, outcome: 'unauthorized', error: refused };
    // Every tick looks back over the whole catch-up window: a read settles the finished ones without
    // taking the database's write lock.
    const known = await store.delivery(key);
    if (known && (known.status === 'delivered' || known.status === 'skipped' || (known.status === 'failed' && known.permanent))) {
      return { key, outcome: 'held' };
    }
    if (!(await store.claimDelivery(key, owner, now(), claimStaleMs))) return { key, outcome: 'held' };

    let message: ScheduledMessage;
    try {
      message = await job.message();
    } catch (error) {
      // Nothing was sent: a later tick tries again.
      const text = errorText(error);
      await store.markFailed(key, text, now(), false);
      logger.error({ ...deliveryFields(key), error: text }, `${noun} could not be made ready to post; a later tick tries again`);
      return { key, outcome: 'failed', error: text };
    }

    let lastError = '';
    for (let attempt = 1; attempt <= retry.attempts; attempt++) {
      const result = await send(sender, job.to, message);
      if (result.ok) {
        const postedAt = now();
        logger.info(deliveryFields(key), `${noun} posted`);
        const recorded = await record(key, 'posted', () => store.markDelivered(key, postedAt), signal, noun);
        return recorded ? { key, outcome: 'delivered' } : { key, outcome: 'delivered', unrecorded: true };
      }
      lastError = result.error;
      if (result.kind === 'gone') {
        const at = now();
        await store.markFailed(key, result.error, at, true);
        await job.gone(result.error, at);
        return { key, outcome: 'gone', error: result.error };
      }
      if (result.kind === 'unauthorized') {
        // The bot's token, not the channel: disable nothing, send nothing more to this platform this tick.
        await store.markFailed(key, result.error, now(), false);
        tick.unauthorized.set(key.platform, result.error);
        logger.error(
          { ...deliveryFields(key), error: result.error },
          `the bot's ${key.platform} credentials were refused: no ${noun} is posted to ${key.platform} until they are fixed; no channel is disabled, and what is due is retried on later ticks`,
        );
        return { key, outcome: 'unauthorized', error: result.error };
      }
      if (result.kind === 'unknown') {
        const reason = `${OUTCOME_UNKNOWN_REASON} (${result.error})`;
        logger.error(
          { ...deliveryFields(key), error: result.error },
          `${noun} may have been posted, but the platform did not confirm it: not retried so it cannot post twice; check ${job.where} and post it by hand if it is missing`,
        );
        const recorded = await record(key, 'not confirmed (outcome unknown)', () => store.markFailed(key, reason, now(), true), signal, noun);
        return { key, outcome: 'unknown', error: reason, ...(recorded ? {} : { unrecorded: true as const }) };
      }
      if (attempt === retry.attempts) break;
      let delay: number;
      if (result.kind === 'rate_limited') {
        if (result.retryAfterMs > retry.maxRetryAfterMs) {
          logger.warn({ ...deliveryFields(key), retryAfterMs: result.retryAfterMs }, 'rate limited for longer than we wait: left for a later tick');
          break;
        }
        delay = Math.max(0, result.retryAfterMs);
      } else {
        delay = Math.min(retry.maxMs, retry.baseMs * 2 ** (attempt - 1));
      }
      logger.debug({ ...deliveryFields(key), attempt, waitMs: delay, error: result.error }, `${noun} post failed, retrying`);
      if (!(await wait(delay, signal))) {
        // Stopping: nothing was posted. The claim is left to go stale, and a later tick (this process after
        // a restart, or another) sends it then.
        logger.info({ ...deliveryFields(key), error: result.error }, `${noun} retry cut short by shutdown: left for a later tick`);
        return { key, outcome: 'stopped', error: result.error };
      }
    }
    await store.markFailed(key, lastError, now(), false);
    logger.warn({ ...deliveryFields(key), error: lastError }, `${noun} post failed; a later tick retries it within the catch-up window`);
    return { key, outcome: 'failed', error: lastError };
  }

  function deliver(occurrence: Occurrence, channel: Subscription, tick: TickState): Promise<DeliveryResult> {
    const key = deliveryKey(occurrence, channel);
    const reminder = occurrence.reminder;
    return run(
      {
        key,
        noun: 'reminder',
        to: { conversation: channel.channelId },
        where: 'the channel',
        message: () => {
          const linked = reminder.entry === undefined ? undefined : entry(reminder.entry);
          const post: ReminderPost = {
            reminder,
            occurrence: occurrence.at,
            localTime: occurrence.localTime,
            ...(linked ? { entry: linked } : {}),
          };
          return { kind: 'reminder', post };
        },
        gone: async (error, at) => {
          const count = await store.disableChannel({ platform: channel.platform, channelId: channel.channelId }, error, at);
          tick.disabled.push({ platform: channel.platform, channelId: channel.channelId });
          logger.warn({ ...deliveryFields(key), error, subscriptions: count }, 'channel is gone or removed the bot: its reminder subscriptions are disabled');
        },
      },
      tick,
    );
  }

  function deliverDigest(occurrence: Occurrence, admin: Recipient, build: () => Promise<Digest>, tick: TickState): Promise<DeliveryResult> {
    const key = deliveryKey(occurrence, { platform: admin.platform, channelId: admin.id });
    return run(
      {
        key,
        noun: 'digest',
        to: { user: admin.id },
        where: "the admin's chat with the bot",
        message: async () => ({ kind: 'digest', digest: await build() }),
        gone: async (error) => {
          // Nothing to disable: the admin is still an admin, and next week's digest tries again.
          logger.warn(
            { ...deliveryFields(key), error },
            'the digest could not reach this admin (no chat with the bot, or the user is gone): not retried this week; ask them to open a chat with the bot',
          );
        },
      },
      tick,
    );
  }

  return { state, deliver, deliverDigest, writeUnrecorded };
}
