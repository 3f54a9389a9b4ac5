// Retention: what people asked and told the bot is kept for a set time, then deleted. The questions asked
// (outcomes only), the unanswered questions (redacted text) and the 👍/👎 feedback (with its redacted question
// and reason) are what the admins' report and digest read; after `days` they are of no more use to them and
// are only a risk. `serve` sweeps at start-up and then every hour, so nothing outlives the period by more
// than an hour. Several instances on one database may all sweep: deleting what is already gone is harmless.
import type { Log } from '../log.ts';
import type { Forgotten, Store } from './store.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How often the running bot sweeps. */
export const RETENTION_SWEEP_MS = 60 * 60 * 1000;

export interface RetentionTimers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface RetentionOptions {
  store: Pick<Store, 'forgetBefore'>;
  /** Keep what was recorded in the last `days` days. */
  days: number;
  now: () => Date;
  log: Log;
  everyMs?: number;
  timers?: RetentionTimers;
}

export interface Retention {
  /** Delete what was recorded before `days` ago; what it deleted. Throws when the store does. */
  sweep(): Promise<Forgotten>;
  /** Sweep now, then every `everyMs`. A failed sweep is logged and tried again next time. */
  start(): void;
  /** Stop the timer and wait for a sweep in flight. Safe to call twice. */
  stop(): Promise<void>;
}

const realTimers: RetentionTimers = {
  setInterval: (fn, ms) => {
    const handle = setInterval(fn, ms);
    // A sweep must never keep a process alive that is otherwise shutting down.
    handle.unref();
    return handle;
  },
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

/** The instant before which records are deleted. */
export function retentionCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

export function createRetention(options: RetentionOptions): Retention {
  const { store, days, now, log } = options;
  const timers = options.timers ?? realTimers;
  let handle: unknown;
  let inFlight: Promise<unknown> | undefined;

  async function sweep(): Promise<Forgotten> {
    const before = retentionCutoff(now(), days);
    const forgotten = await store.forgetBefore(before);
    if (forgotten.questions + forgotten.unanswered + forgotten.feedback > 0) {
      log.info({ ...forgotten, before: before.toISOString(), days }, `retention: deleted what was recorded more than ${days} days ago`);
    }
    return forgotten;
  }

  function run(): void {
    // One sweep at a time: a sweep asked for while one runs follows it.
    const next = (inFlight ?? Promise.resolve())
      .then(sweep)
      .catch((error: unknown) => {
        log.error({ error: error instanceof Error ? error.message : String(error) }, 'retention sweep failed; it runs again within the hour');
      })
      .finally(() => {
        if (inFlight === next) inFlight = undefined;
      });
    inFlight = next;
  }

  return {
    sweep,
    start() {
      if (handle !== undefined) return;
      run();
      handle = timers.setInterval(run, options.everyMs ?? RETENTION_SWEEP_MS);
    },
    async stop() {
      if (handle !== undefined) timers.clearInterval(handle);
      handle = undefined;
      await inFlight;
    },
  };
}
