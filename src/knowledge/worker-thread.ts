// Starting a worker thread on a module that sits beside the caller, whether the bot runs from the compiled
// build (plain JavaScript) or from the TypeScript source through tsx. From the source, the worker registers
// tsx first: `--import tsx` in a worker's execArgv comes too late for the worker's own first module. Used by
// the knowledge loader (live.ts) and the sentence encoder (search/meaning.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** `name` without extension, e.g. './load-worker'; `from` is the caller's `import.meta.url`. */
export function startWorker(name: string, from: string): Worker {
  const source = from.endsWith('.ts');
  const entry = new URL(`${name}.${source ? 'ts' : 'js'}`, from);
  return source
    ? new Worker(
        `import(${JSON.stringify(tsxApi())})` +
          `.then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`,
        { eval: true },
      )
    : new Worker(entry);
}

/**
 * Where tsx's ES module API is: `import.meta.resolve` where the runtime has it; where it does not (vitest's
 * module runner, which runs the tests' global setup), the file tsx's package.json exports for it.
 */
function tsxApi(): string {
  try {
    return import.meta.resolve('tsx/esm/api');
  } catch {
    const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
    const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
    return pathToFileURL(join(dirname(manifest), exports['./esm/api']!.import.default)).href;
  }
}
