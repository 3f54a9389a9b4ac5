// The stores the scheduler scenarios run on: the in-memory one, and the SQLite one on a fresh file.
import type { Store } from '../../src/store/store.ts';
import { createMemoryStore } from './memory-store.ts';

export const storeFactories: [string, () => Store][] = [['memory', createMemoryStore]];
