// The phrasings' vectors on disk (see meaning.ts), so a restart does not encode the knowledge again. One
// line per text: the text as JSON and its vector in base64. The first line names the encoder; a file made
// by another encoder, or one that cannot be read, is ignored (and rewritten on the next save). The file is
// replaced whole through a temporary file, so two processes saving at once leave one complete file.
import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface VectorCache {
  get(text: string): Float32Array | undefined;
  set(text: string, vector: Float32Array): void;
  save(): Promise<void>;
}

export function memoryVectorCache(): VectorCache {
  const vectors = new Map<string, Float32Array>();
  return { get: (text) => vectors.get(text), set: (text, vector) => void vectors.set(text, vector), save: async () => {} };
}

/** A cache kept in `path`, for vectors made by the encoder `encoderId`. */
export function fileVectorCache(path: string, encoderId: string): VectorCache {
  const vectors = new Map<string, Float32Array>();
  try {
    const [header, ...lines] = readFileSync(path, 'utf8').split('\n');
    if (header === headerFor(encoderId)) {
      for (const line of lines) {
        const tab = line.indexOf('\t');
        if (tab < 0) continue;
        const bytes = Buffer.from(line.slice(tab + 1), 'base64');
        vectors.set(JSON.parse(line.slice(0, tab)) as string, new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4).slice());
      }
    }
  } catch {
    // no cache yet, or one that cannot be read: start empty
  }
  return {
    get: (text) => vectors.get(text),
    set: (text, vector) => void vectors.set(text, vector),
    async save() {
      const lines = [headerFor(encoderId)];
      for (const [text, vector] of vectors) lines.push(`${JSON.stringify(text)}\t${Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64')}`);
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(temporary, lines.join('\n') + '\n');
      await rename(temporary, path);
    },
  };
}

function headerFor(encoderId: string): string {
  return `msht-guide sentence vectors\t${encoderId}`;
}
