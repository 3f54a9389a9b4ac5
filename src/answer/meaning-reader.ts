// Reading questions for meaning (src/search/meaning.ts) for whoever asks the guide: one sentence encoder
// per process, loaded on first use, and one meaning index per knowledge base, built once (from the vector
// cache where it can) and shared. Meaning re-orders what the words found and weighs in on whether a question
// belongs here at all; when it is off, or the encoder cannot load, the guide answers from the words alone (and
// judges scope as it did before meaning), a warning is logged once, and nothing fails.
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import { buildMeaningIndex, loadSentenceEncoderOnWorker, type Meaning, type MeaningIndex, type SentenceEncoder } from '../search/meaning.ts';
import { fileVectorCache, memoryVectorCache, type VectorCache } from '../search/meaning-cache.ts';

export interface MeaningReader {
  /** Get the knowledge's phrasings encoded (from the cache where it can); resolves when questions can be read. */
  prepare(kb: KnowledgeBase): Promise<void>;
  /** The question's closeness in meaning to each entry; undefined when meaning is off or unavailable. */
  meaningOf(kb: KnowledgeBase, question: string): Promise<Meaning | undefined>;
  meaningsOf(kb: KnowledgeBase, questions: readonly string[]): Promise<(Meaning | undefined)[]>;
}

export interface MeaningReaderOptions {
  /** The vector cache file (MEANING_CACHE); without it, vectors are kept in memory only. */
  cachePath?: string;
  /**
   * Phrasings encoded so far, of those not in the cache: told at each tenth of the way, when there are at
   * least 200 to encode (a first start encodes about 5,000; an edit, a few, and says nothing).
   */
  progress?: (done: number, total: number) => void;
  /** Told once when the encoder cannot be used: the guide then reads words alone. */
  warn?: (message: string) => void;
  /** Another encoder (tests). */
  encoder?: () => Promise<SentenceEncoder>;
  /**
   * At most this many milliseconds to wait for a question to be encoded (the bot, in a burst of questions
   * beyond what the encoder keeps up with); past it the question is answered from its words alone, and
   * `late` is told. Without it (the command-line tools, the eval) every question waits its turn.
   */
  wait?: number;
  late?: () => void;
}

/** Meaning off: the guide reads words alone. */
export const WORDS_ONLY: MeaningReader = {
  prepare: async () => {},
  meaningOf: async () => undefined,
  meaningsOf: async (_kb, questions) => questions.map(() => undefined),
};

export function createMeaningReader(options: MeaningReaderOptions = {}): MeaningReader {
  let encoder: Promise<SentenceEncoder | undefined> | undefined;
  let cache: VectorCache | undefined;
  let warned = false;
  const indexes = new WeakMap<KnowledgeBase, Promise<MeaningIndex | undefined>>();

  const unavailable = (error: unknown): undefined => {
    if (!warned) {
      warned = true;
      options.warn?.(`questions are read by their words alone: the sentence encoder could not be used (${error instanceof Error ? error.message : String(error)})`);
    }
    return undefined;
  };
  const encoderNow = (): Promise<SentenceEncoder | undefined> =>
    (encoder ??= (options.encoder ?? loadSentenceEncoderOnWorker)().catch(unavailable));
  const indexFor = (kb: KnowledgeBase): Promise<MeaningIndex | undefined> => {
    let index = indexes.get(kb);
    if (!index) {
      index = encoderNow().then(async (e) => {
        if (!e) return undefined;
        cache ??= options.cachePath ? fileVectorCache(options.cachePath, e.id) : memoryVectorCache();
        return buildMeaningIndex(kb.entries, e, { cache, outOfScope: kb.outOfScope, ...(options.progress ? { progress: everyTenth(options.progress) } : {}) });
      }).catch(unavailable);
      indexes.set(kb, index);
    }
    return index;
  };

  return {
    prepare: async (kb) => void (await indexFor(kb)),
    async meaningOf(kb, question) {
      const index = await indexFor(kb);
      if (!index) return undefined;
      const signal = options.wait === undefined ? undefined : AbortSignal.timeout(options.wait);
      const read = index.meaningOf(question, signal);
      // past the wait, whether the question was still queued or already being read: answer without it
      const given = signal
        ? Promise.race([read, new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }))])
        : read;
      return given.catch((error: unknown) => {
        if (!signal?.aborted) return unavailable(error);
        read.catch(() => undefined);
        options.late?.();
        return undefined;
      });
    },
    async meaningsOf(kb, questions) {
      const index = await indexFor(kb);
      const meanings = index ? await index.meaningsOf(questions).catch(unavailable) : undefined;
      return meanings ?? questions.map(() => undefined);
    },
  };
}

/** Progress worth showing: each tenth of the way, and only for a long encoding. */
const SHOW_PROGRESS_FROM = 200;

function everyTenth(progress: (done: number, total: number) => void): (done: number, total: number) => void {
  let shown = -1;
  return (done, total) => {
    const tenth = Math.floor((done / total) * 10);
    if (total < SHOW_PROGRESS_FROM || tenth === shown) return;
    shown = tenth;
    progress(done, total);
  };
}
