import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh folder under the system temp dir; the database file inside it does not exist yet. */
export function tempDbPath(name = 'msht.db'): { dir: string; file: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'msht-store-'));
  return {
    dir,
    file: path.join(dir, 'nested', 'data', name),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export const at = (iso: string) => new Date(iso);
