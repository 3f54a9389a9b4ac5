// The knowledge loader on a worker thread: reading, parsing and checking the YAML of a reload takes the
// event loop for 100 ms or more, during which no request is read or acknowledged. Here it happens beside
// the bot, and only the finished KnowledgeBase (plain data) crosses back. See live.ts.
import { parentPort } from 'node:worker_threads';
import { loadKnowledge } from './loader.ts';

export interface LoadRequest {
  id: number;
  dir: string;
  /** Today, for review dates, as epoch ms. */
  now: number;
}

parentPort?.on('message', (request: LoadRequest) => {
  const result = loadKnowledge(request.dir, { now: new Date(request.now) });
  parentPort!.postMessage({ id: request.id, result });
});
