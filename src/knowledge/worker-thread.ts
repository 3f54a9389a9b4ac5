// Starting a worker thread on a module that sits beside the caller, whether the bot runs from the compiled
// build (plain JavaScript) or from the TypeScript source through tsx. From the source, the worker registers
// tsx first: `--import tsx` in a worker's execArgv comes too late for the worker's own first module. Used by
// the knowledge loader (live.ts) and the sentence encoder (search/meaning.ts).
import { Worker } from 'node:worker_threads';

/** `name` without extension, e.g. './load-worker'; `from` is the caller's `import.meta.url`. */
export function startWorker(name: string, from: string): Worker {
  const source = from.endsWith('.ts');
  const entry = new URL(`${name}.${source ? 'ts' : 'js'}`, from);
  return source
    ? new Worker(
        `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})` +
          `.then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`,
        { eval: true },
      )
    : new Worker(entry);
}
