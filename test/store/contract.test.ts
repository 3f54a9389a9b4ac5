// The one Store contract, run against every implementation.
import { afterAll } from 'vitest';
import { createMemoryStore } from '../../src/store/memory.ts';
import { openPostgresStore } from '../../src/store/postgres.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import { describeStoreContract } from './contract.ts';
import { tempDbPath } from './helpers.ts';
import { TEST_DATABASE_URL, reusedSchema, sayWhySkipped } from './postgres-helpers.ts';

describeStoreContract('memory', (options) => ({ store: createMemoryStore(options) }));

describeStoreContract('SQLite', (options) => {
  const tmp = tempDbPath();
  let store = openSqliteStore(tmp.file, options);
  return {
    store,
    reopen: async () => {
      await store.close();
      store = openSqliteStore(tmp.file, options);
      return store;
    },
    another: async () => openSqliteStore(tmp.file, options),
    cleanup: tmp.cleanup,
  };
});

sayWhySkipped();
const schema = reusedSchema();
afterAll(() => schema.drop());
describeStoreContract(
  'PostgreSQL',
  async (options) => {
    const url = await schema.url();
    await schema.empty();
    let store = await openPostgresStore(url, options);
    return {
      store,
      reopen: async () => {
        await store.close();
        store = await openPostgresStore(url, options);
        return store;
      },
      another: () => openPostgresStore(url, options),
    };
  },
  { skip: TEST_DATABASE_URL === undefined ? 'TEST_DATABASE_URL is not set' : undefined },
);
