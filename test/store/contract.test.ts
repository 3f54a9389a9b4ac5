// The one Store contract, run against every implementation.
import { createMemoryStore } from '../../src/store/memory.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import { describeStoreContract } from './contract.ts';
import { tempDbPath } from './helpers.ts';

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
    cleanup: tmp.cleanup,
  };
});
