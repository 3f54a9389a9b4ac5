// The work the Slack channel has accepted and not yet finished. Slack is acknowledged before an answer is
// worked out (HTTP mode acknowledges first; Socket Mode acks the envelope), so the answer outlives the
// request that brought it: shutdown has to wait for it here, or the store could close under an answer
// half-way through and the person who asked would get nothing.

export interface InFlight {
  /** True once closing has begun: no new work is accepted. */
  readonly closed: boolean;
  /** How many pieces of work are running now. */
  readonly size: number;
  /** Runs `work` and keeps it counted until it settles (it is returned as is, rejections included). */
  track<T>(work: Promise<T>): Promise<T>;
  /**
   * Stops accepting work and waits for what is running, at most `waitMs`. Says how many pieces were
   * still running when it gave up (0 when everything finished). Calling it again returns the same wait.
   */
  close(waitMs: number): Promise<{ unfinished: number }>;
}

export function createInFlight(): InFlight {
  const running = new Set<Promise<unknown>>();
  let closing: Promise<{ unfinished: number }> | undefined;
  let drained: (() => void) | undefined;

  const settle = (work: Promise<unknown>) => {
    running.delete(work);
    if (running.size === 0) drained?.();
  };

  return {
    get closed() {
      return closing !== undefined;
    },
    get size() {
      return running.size;
    },
    track(work) {
      const counted: Promise<void> = work.then(
        () => settle(counted),
        () => settle(counted),
      );
      running.add(counted);
      return work;
    },
    close(waitMs) {
      closing ??= new Promise((resolve) => {
        if (running.size === 0) return resolve({ unfinished: 0 });
        const timer = setTimeout(() => resolve({ unfinished: running.size }), waitMs);
        drained = () => {
          clearTimeout(timer);
          resolve({ unfinished: 0 });
        };
      });
      return closing;
    },
  };
}
