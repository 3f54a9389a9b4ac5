// Building the search for a large knowledge base takes a noticeable time. The builders are generators that
// yield between small pieces of work, so the same code runs straight through (at start-up, in tests) or in
// slices that give the event loop back every few milliseconds (a reload while the bot is serving).

/** A build that yields between pieces of work and returns what it built. */
export type Steps<T> = Generator<void, T, void>;

/** Runs a build straight through. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Runs a build in slices of about `sliceMs`, letting other work (requests, acks) run between them. */
export async function runStepsInSlices<T>(steps: Steps<T>, sliceMs = 8): Promise<T> {
  for (;;) {
    const until = performance.now() + sliceMs;
    for (;;) {
      const next = steps.next();
      if (next.done) return next.value;
      if (performance.now() >= until) break;
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
