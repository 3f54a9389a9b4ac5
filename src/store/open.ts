// Which store the bot runs on: PostgreSQL when DATABASE_URL is set (several instances can share it), else
// the SQLite file at DATABASE_PATH. One place, so every command that needs the bot's state opens the same.
import { withoutPassword } from './database-url.ts';
import { openSqliteStore } from './sqlite.ts';
import type { Store } from './store.ts';

export interface StoreSettings {
  databasePath: string;
  databaseUrl?: string;
}

/** Thrown when the configured database cannot be opened; the message names it (never a password) and the variable. */
export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
}

/** Open the configured store. `label` names this instance in PostgreSQL's `store_instances`. */
export async function openStore(settings: StoreSettings, options: { label?: string } = {}): Promise<Store> {
  if (settings.databaseUrl !== undefined) {
    // Loaded only when used: a SQLite deployment never loads the PostgreSQL driver.
    const { openPostgresStore } = await import('./postgres.ts');
    try {
      return await openPostgresStore(settings.databaseUrl, options.label === undefined ? {} : { label: options.label });
    } catch (error) {
      const message = error instanceof Error && error.name === 'PostgresStoreError' ? error.message : `cannot use the PostgreSQL database at ${withoutPassword(settings.databaseUrl)}: ${(error as Error).message}`;
      throw new StoreOpenError(`${message} (DATABASE_URL)`);
    }
  }
  try {
    return openSqliteStore(settings.databasePath);
  } catch (error) {
    throw new StoreOpenError(`cannot open the database at ${settings.databasePath} (DATABASE_PATH): ${(error as Error).message}`);
  }
}
