// Answers wait for the acknowledgements already due. Slack wants every request acknowledged within 3 s; the
// answer may follow a moment later. Working out an answer (search, blocks, the store) holds the event loop
// for a few milliseconds, so when a burst arrives, answering each request as soon as it is acknowledged keeps
// the rest of the burst waiting for their acknowledgements. Started from a setImmediate callback, an answer
// waits only until Node has read and acknowledged the requests that were already waiting, then goes ahead.
// (Starting answers strictly one per turn made acknowledgements faster still, but in a sustained burst let
// answers fall seconds behind: an answer, not an acknowledgement, is what the officer is waiting for.)

/** Runs `work` once the requests already waiting for the event loop have been read. */
export function afterPendingRequests<T>(work: () => Promise<T>): Promise<T> {
  return new Promise<void>((resolve) => setImmediate(resolve)).then(work);
}
