// The knowledge the running bot serves, kept fresh from the folder. A valid edit is swapped in whole (one
// reference assignment: a question in flight keeps the KnowledgeBase it started with); a broken edit is
// reported with the same messages as `kb check` and the last good knowledge keeps serving.
import { EventEmitter } from 'node:events';
import { watch as fsWatch, type FSWatcher } from 'node:fs';
import type { KnowledgeBase } from './knowledge-base.ts';
import { loadKnowledge, type LoadOptions, type LoadResult } from './loader.ts';
import { formatProblem, type Problem } from './problems.ts';

export interface LiveKnowledgeEvents {
  /** A valid edit is now being served. `problems` holds its warnings and notices. */
  reloaded: [kb: KnowledgeBase, problems: Problem[]];
  /** An edit was refused; the previous knowledge is still served. Channels tell the admins. */
  rejected: [problems: Problem[], kept: KnowledgeBase];
}

export interface LiveKnowledgeOptions {
  /** Loads the folder; the real loader unless a test passes another. */
  load?: (dir: string, options: LoadOptions) => LoadResult;
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
  readonly #load: NonNullable<LiveKnowledgeOptions['load']>;
  readonly #now: () => Date;
  readonly #debounceMs: number;
  readonly #watch: NonNullable<LiveKnowledgeOptions['watch']>;

  constructor(readonly dir: string, initial: KnowledgeBase, options: LiveKnowledgeOptions = {}) {
    super();
    this.#current = initial;
    this.#load = options.load ?? loadKnowledge;
    this.#now = options.now ?? (() => new Date());
    this.#debounceMs = options.debounceMs ?? 300;
    this.#watch = options.watch ?? watchFolder;
  }

  /** The knowledge to answer from now. Read it once per question and keep it for that question. */
  current(): KnowledgeBase {
    return this.#current;
  }

  /** Load the folder now: swap in a valid edit, or report a broken one and keep serving. */
  reload(): LoadResult {
    const result = this.#load(this.dir, { now: this.#now() });
    if (result.kb) {
      this.#lastRejected = '';
      if (result.kb.version !== this.#current.version) {
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
      this.#timer = setTimeout(() => this.reload(), this.#debounceMs);
    });
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#watcher?.close();
    this.#watcher = undefined;
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
