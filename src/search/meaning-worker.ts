// The sentence encoder on a worker thread (see meaning.ts): encoding a question takes about 7 ms and the
// knowledge's phrasings half a minute, which on the bot's own thread would hold up every request it is
// reading and acknowledging meanwhile. Texts come in and unit vectors go back; or the vectors of an index are
// kept here, and each question comes back as its closeness to every entry and to the field (readAgainst).
import { parentPort } from 'node:worker_threads';
import { loadSentenceEncoder, readAgainst, type EncodeRequest, type EncodeResponse, type IndexVectors, type SentenceEncoder } from './meaning.ts';

let encoder: Promise<SentenceEncoder> | undefined;
/** The indexes questions are read against, newest last; older ones are dropped (a reload replaces one). */
const indexes = new Map<number, IndexVectors>();
const KEEP_INDEXES = 4;

async function answer(request: EncodeRequest): Promise<EncodeResponse> {
  if (request.kind === 'attach') {
    indexes.set(request.index, request.vectors);
    for (const old of [...indexes.keys()].slice(0, -KEEP_INDEXES)) indexes.delete(old);
    return { id: request.id, attached: true };
  }
  encoder ??= loadSentenceEncoder();
  const vectors = await (await encoder).encode(request.texts);
  if (request.kind === 'encode') return { id: request.id, vectors };
  const index = indexes.get(request.index);
  if (!index) throw new Error('the index this question was read against has been replaced');
  return { id: request.id, readings: vectors.map((q) => readAgainst(index, q)) };
}

parentPort?.on('message', (request: EncodeRequest) => {
  answer(request).then(
    (response) => parentPort!.postMessage(response),
    (error: unknown) => parentPort!.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies EncodeResponse),
  );
});
