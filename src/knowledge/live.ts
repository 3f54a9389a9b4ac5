// The knowledge the running bot serves, kept fresh from the folder. A valid edit is swapped in whole (one
// reference assignment: a question in flight keeps the KnowledgeBase it started with); a broken edit is
// reported with the same messages as `kb check` and the last good knowledge keeps serving.
import { EventEmitter } from 'node:events';
import { watch as fsWatch, type FSWatcher } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { startWorker } from './worker-thread.ts';
import type { KnowledgeBase } from './knowledge-base.ts';
import { loadKnowledge, type LoadOptions, type LoadResult } from './loader.ts';
import { formatProblem, type Problem } from './problems.ts';

export interface LiveKnowledgeEvents {
  /** A valid edit is now being served. `problems` holds its warnings and notices. */
  reloaded: [kb: KnowledgeBase, problems: Problem[]];
  /** An edit was refused; the previous knowledge is still served. Channels tell the admins. */
  rejected: [problems: Problem[], kept: KnowledgeBase];
  /** The loader's worker thread failed: reloads run on the event loop instead (and stall it while they do). */
  loaderFailed: [error: Error];
}

export interface LiveKnowledgeOptions {
  /**
   * Loads the folder. By default a reload runs the real loader on a worker thread (load-worker.ts), so the
   * event loop keeps serving while the YAML is read and checked; a test may pass a loader to run in place.
   */
  load?: (dir: string, options: LoadOptions) => LoadResult;
  /**
   * Work to do with a valid new knowledge base before it is served (building its search index), so the
   * first question after a reload does not pay for it. A promise is awaited: the old knowledge is served
   * until it settles, so the work can run in slices without stalling the bot.
   */
  prepare?: (kb: KnowledgeBase) => unknown;
  now?: () => Date;
  /** Editors write a file in several steps: wait this long after the last change before reloading. */
  debounceMs?: number;
  /** Watches the folder; node's fs.watch unless a test passes another. */
  watch?: (dir: string, onChange: () => void) => { close(): void };
}

export class LiveKnowledge extends EventEmitter<LiveKnowledgeEvents> {
  #current: KnowledgeBase;
  #watcher: { close(): void } | undefined;
  #timer: NodeJS.Timeout | undefined;
  #lastRejected = '';
  #loading: Promise<LoadResult> | undefined;
  #again: Promise<LoadResult> | undefined;
  readonly #load: (dir: string, options: LoadOptions) => Promise<LoadResult>;
  readonly #loader: WorkerLoader | undefined;
  readonly #prepare: (kb: KnowledgeBase) => unknown;
  readonly #now: () => Date;
  readonly #debounceMs: number;
  readonly #watch: NonNullable<LiveKnowledgeOptions['watch']>;

  constructor(readonly dir: string, initial: KnowledgeBase, options: LiveKnowledgeOptions = {}) {
    super();
    this.#current = initial;
    if (options.load) {
      const load = options.load;
      this.#load = async (d, o) => load(d, o);
    } else {
      const loader = new WorkerLoader();
      loader.onFailure = (error) => this.emit('loaderFailed', error);
      this.#loader = loader;
      this.#load = (d, o) => loader.load(d, o);
    }
    this.#prepare = options.prepare ?? (() => {});
    this.#now = options.now ?? (() => new Date());
    this.#debounceMs = options.debounceMs ?? 300;
    this.#watch = options.watch ?? watchFolder;
  }

  /** The knowledge to answer from now. Read it once per question and keep it for that question. */
  current(): KnowledgeBase {
    return this.#current;
  }

  /**
   * Load the folder now: swap in a valid edit, or report a broken one and keep serving. A reload asked for
   * while one is running starts once it ends (one, however many were asked for), so the last edit wins.
   */
  reload(): Promise<LoadResult> {
    if (this.#loading) {
      this.#again ??= this.#loading.then(() => {
        this.#again = undefined;
        return this.reload();
      });
      return this.#again;
    }
    this.#loading = this.#reloadOnce().finally(() => {
      this.#loading = undefined;
    });
    return this.#loading;
  }

  async #reloadOnce(): Promise<LoadResult> {
    const result = await this.#load(this.dir, { now: this.#now() });
    if (result.kb) {
      this.#lastRejected = '';
      if (result.kb.version !== this.#current.version) {
        await this.#prepare(result.kb);
        this.#current = result.kb;
        this.emit('reloaded', result.kb, result.problems);
      }
    } else {
      // Editors save often while someone is mid-edit: tell the admins once per distinct set of problems.
      const signature = result.problems.map(formatProblem).join('\n');
      if (signature !== this.#lastRejected) {
        this.#lastRejected = signature;
        this.emit('rejected', result.problems, this.#current);
      }
    }
    return result;
  }

  /** Start watching the folder for edits. */
  start(): void {
    if (this.#watcher) return;
    this.#watcher = this.#watch(this.dir, () => {
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => void this.reload(), this.#debounceMs);
    });
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#watcher?.close();
    this.#watcher = undefined;
    this.#loader?.close();
  }
}

/**
 * The loader on one long-lived worker thread, started at the first reload. The worker never keeps the
 * process alive, and if it cannot start or dies, the load runs in place instead: a stall beats no reload.
 */
class WorkerLoader {
  /** Told when the worker fails, so it can be logged; loads then run in place. */
  onFailure: ((error: Error) => void) | undefined;
  #worker: Worker | undefined;
  #next = 0;
  readonly #waiting = new Map<number, { resolve: (result: LoadResult) => void; dir: string; options: LoadOptions }>();

  load(dir: string, options: LoadOptions): Promise<LoadResult> {
    return new Promise((resolve) => {
      const worker = this.#start();
      if (!worker) return resolve(loadKnowledge(dir, options));
      const id = (this.#next += 1);
      this.#waiting.set(id, { resolve, dir, options });
      worker.postMessage({ id, dir, now: (options.now ?? new Date()).getTime() });
    });
  }

  close(): void {
    void this.#worker?.terminate();
    this.#worker = undefined;
  }

  #start(): Worker | undefined {
    if (this.#worker) return this.#worker;
    try {
      const worker = startWorker('./load-worker', import.meta.url);
      worker.unref();
      worker.on('message', (message: { id: number; result: LoadResult }) => {
        const waiting = this.#waiting.get(message.id);
        this.#waiting.delete(message.id);
        waiting?.resolve(message.result);
      });
      const failed = (error?: unknown) => {
        if (error instanceof Error) this.onFailure?.(error);
        if (this.#worker === worker) this.#worker = undefined;
        for (const [id, waiting] of this.#waiting) {
          this.#waiting.delete(id);
          waiting.resolve(loadKnowledge(waiting.dir, waiting.options));
        }
      };
      worker.on('error', failed);
      worker.on('exit', () => failed());
      this.#worker = worker;
      return worker;
    } catch (error) {
      this.onFailure?.(error as Error);
      return undefined;
    }
  }
}

function watchFolder(dir: string, onChange: () => void): FSWatcher {
  const watcher = fsWatch(dir, { persistent: false }, onChange);
  // A folder that disappears (a checkout in progress) must not crash the bot; the next load reports it.
  watcher.on('error', onChange);
  return watcher;
}

/** Load the knowledge once at start-up: there is no last good knowledge yet, so errors stop the start. */
export function openLiveKnowledge(dir: string, options: LiveKnowledgeOptions = {}): { live: LiveKnowledge; problems: Problem[] } | { live: null; problems: Problem[] } {
  const load = options.load ?? loadKnowledge;
  const result = load(dir, { now: (options.now ?? (() => new Date()))() });
  if (!result.kb) return { live: null, problems: result.problems };
  return { live: new LiveKnowledge(dir, result.kb, options), problems: result.problems };
}
