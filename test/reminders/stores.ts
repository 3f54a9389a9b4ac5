// The stores the scheduler scenarios run on: the in-memory one, and the SQLite one on a fresh file.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import type { Store } from '../../src/store/store.ts';
import { createMemoryStore } from '../../src/store/memory.ts';

/** A fresh database file, as a bot would have on its first start. */
export function freshDatabasePath(): string {
  return join(mkdtempSync(join(tmpdir(), 'msht-reminders-')), 'bot.sqlite');
}

export const storeFactories: [string, () => Store][] = [
  ['memory', () => createMemoryStore()],
  ['SQLite', () => openSqliteStore(freshDatabasePath())],
];
