// The sentence encoder on a worker thread (see meaning.ts): encoding a question takes about 7 ms and the
// knowledge's phrasings half a minute, which on the bot's own thread would hold up every request it is
// reading and acknowledging meanwhile. Texts come in, unit vectors go back.
import { parentPort } from 'node:worker_threads';
import { loadSentenceEncoder, type EncodeRequest, type EncodeResponse, type SentenceEncoder } from './meaning.ts';

let encoder: Promise<SentenceEncoder> | undefined;

parentPort?.on('message', (request: EncodeRequest) => {
  encoder ??= loadSentenceEncoder();
  encoder
    .then((e) => e.encode(request.texts))
    .then(
      (vectors) => parentPort!.postMessage({ id: request.id, vectors } satisfies EncodeResponse),
      (error: unknown) => parentPort!.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies EncodeResponse),
    );
});
