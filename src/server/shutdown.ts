// Graceful shutdown on SIGTERM/SIGINT: run the steps once, in order (stop accepting and drain the HTTP
// server, stop the platforms and the scheduler, close the store last so nothing writes to a closed
// database), then exit. A second signal, or steps that outlast the timeout, force the exit: an operator
// pressing Ctrl-C twice, or a supervisor about to SIGKILL, must never be left waiting.
//
// Started through npm (`npx msht-guide serve`, `npm start`), the bot runs under a `sh -c` that npm spawns.
// npm forwards SIGTERM/SIGINT to that shell only; the shell dies and npm exits, and the bot would be left
// serving with nobody to stop it. So under npm the bot also watches its parent: when the shell that started
// it is gone, that is the signal.
import type { Log } from '../log.ts';

export interface ShutdownStep {
  /** What the step stops, for the log: "HTTP server", "Slack", "store". */
  name: string;
  run: () => unknown;
}

/** The part of `process` this needs; tests pass an EventEmitter. */
export interface SignalSource {
  on(event: string, listener: (signal: string) => void): unknown;
  off(event: string, listener: (signal: string) => void): unknown;
}

export interface ShutdownOptions {
  logger: Log;
  /** Default SIGTERM and SIGINT. */
  signals?: readonly string[];
  /** Longest the whole shutdown may take before exiting anyway. Default 15 s (beyond the HTTP drain's 10 s). */
  timeoutMs?: number;
  /** Default `process`. */
  process?: SignalSource;
  /** Default `process.exit`. Called exactly once. */
  exit?: (code: number) => void;
  /** Also shut down when the parent process goes away (the bot was started by npm or npx). */
  parent?: ParentWatch;
  /**
   * Start-up in progress: true once it finished, false if it failed (and undid itself). A signal that
   * arrives before then waits for it, so the steps it runs are all there; after a failed start it only exits.
   */
  ready?: Promise<boolean>;
}

/** How the parent is watched: the pid that started the process, its parent now, and a way to check again. */
export interface ParentWatch {
  /** The parent's pid when the process started (recorded early: npm can be gone before start-up ends). */
  startedBy: number;
  ppid(): number;
  /** Calls `check` repeatedly until the returned function is called. */
  every(check: () => void): () => void;
}

export const PARENT_POLL_MS = 200;

/** The real process's parent, checked every `intervalMs` on a timer that never keeps the process alive. */
export function pollParent(startedBy: number, intervalMs = PARENT_POLL_MS): ParentWatch {
  return {
    startedBy,
    ppid: () => process.ppid,
    every(check) {
      const timer = setInterval(check, intervalMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}

export interface Shutdown {
  /** Start shutting down as if a signal arrived (e.g. after a fatal error); resolves with the exit code. */
  shutdown(reason: string): Promise<number>;
  /** Stop listening for signals (tests, or a caller that takes over). */
  dispose(): void;
}

export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 15_000;

/** Exit codes: 0 clean; 1 a step failed or the timeout passed; 130 forced by a second signal. */
export const EXIT_CLEAN = 0;
export const EXIT_FAILED = 1;
export const EXIT_FORCED = 130;

export function onShutdown(steps: readonly ShutdownStep[], options: ShutdownOptions): Shutdown {
  const { logger } = options;
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  const timeoutMs = options.timeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  const source: SignalSource = options.process ?? process;
  const exitProcess = options.exit ?? ((code: number) => process.exit(code));

  let running: Promise<number> | undefined;
  let startedUp: boolean | undefined;
  void options.ready?.then((ok) => (startedUp = ok));
  let exited = false;
  const exit = (code: number) => {
    if (exited) return;
    exited = true;
    exitProcess(code);
  };

  const onSignal = (signal: string) => {
    if (running) {
      logger.warn({ signal }, 'second signal during shutdown; exiting now');
      exit(EXIT_FORCED);
      return;
    }
    void shutdown(signal);
  };
  for (const signal of signals) source.on(signal, onSignal);

  let stopWatching: (() => void) | undefined;
  if (options.parent) {
    const parent = options.parent;
    const { startedBy } = parent;
    const check = () => {
      const now = parent.ppid();
      if (now === startedBy || running) return;
      logger.warn({ parent: startedBy, now }, 'the process that started the bot (npm or npx) has gone; shutting down');
      stopWatching?.();
      void shutdown('parent exited');
    };
    stopWatching = parent.every(check);
    check(); // already gone during start-up
  }

  function shutdown(reason: string): Promise<number> {
    running ??= (async () => {
      if (options.ready) {
        if (startedUp === undefined) logger.info({ reason }, 'stopping as soon as start-up ends');
        if (!(await options.ready)) {
          exit(EXIT_FAILED);
          return EXIT_FAILED;
        }
      }
      logger.info({ reason, steps: steps.map((s) => s.name) }, 'shutting down');
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<number>((resolve) => {
        timer = setTimeout(() => {
          logger.error({ timeoutMs }, 'shutdown did not finish in time; exiting anyway');
          resolve(EXIT_FAILED);
        }, timeoutMs);
        timer.unref?.();
      });
      const code = await Promise.race([runSteps(), timedOut]);
      clearTimeout(timer);
      if (code === EXIT_CLEAN) logger.info('shut down cleanly');
      exit(code);
      return code;
    })();
    return running;
  }

  async function runSteps(): Promise<number> {
    let code = EXIT_CLEAN;
    for (const step of steps) {
      if (exited) break; // forced by a second signal: stop starting new steps
      try {
        await step.run();
        logger.info({ step: step.name }, 'stopped');
      } catch (error) {
        // Keep going: a failed platform disconnect must not stop the store from closing cleanly.
        logger.error({ err: error, step: step.name }, 'shutdown step failed');
        code = EXIT_FAILED;
      }
    }
    return code;
  }

  return {
    shutdown,
    dispose: () => {
      for (const signal of signals) source.off(signal, onSignal);
      stopWatching?.();
    },
  };
}
