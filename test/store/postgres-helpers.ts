// PostgreSQL for the tests: TEST_DATABASE_URL names a server and database the tests may create schemas in
// (`.ci/run` sets it to the machine's local server). Each store under test gets a schema of its own, so test
// files running in parallel (and other runs on the same server) never see each other's rows; every schema is
// dropped when its test ends.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_DATABASE_URL: string | undefined = process.env.TEST_DATABASE_URL?.trim() || undefined;

export const NO_POSTGRES =
  'TEST_DATABASE_URL is not set, so the PostgreSQL tests are skipped (e.g. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test)';

/** Says once, in the test output, why a file's PostgreSQL tests did not run. */
export function sayWhySkipped(): void {
  if (!TEST_DATABASE_URL) console.warn(NO_POSTGRES);
}

/** The test database's URL with the search path set to `schema`: what an instance would be given as DATABASE_URL. */
export function urlForSchema(schema: string, base = TEST_DATABASE_URL!): string {
  const url = new URL(base);
  // Commits in tests need not wait for the disk: a crash of the test server loses nothing anyone needs.
  url.searchParams.set('options', `-c search_path=${schema} -c synchronous_commit=off`);
  return url.toString();
}

/** Runs one statement on the test database with a connection of its own. */
export async function adminQuery<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, values: unknown[] = [], base = TEST_DATABASE_URL!): Promise<R[]> {
  const client = new pg.Client({ connectionString: base, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return (await client.query<R>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

export interface TestSchema {
  schema: string;
  /** DATABASE_URL for a store in this schema. */
  url: string;
  drop: () => Promise<void>;
}

/** A new, empty schema in the test database. */
export async function freshSchema(): Promise<TestSchema> {
  const schema = `msht_test_${process.pid}_${randomBytes(5).toString('hex')}`;
  await adminQuery(`SET synchronous_commit = off; CREATE SCHEMA ${schema}`);
  return {
    schema,
    url: urlForSchema(schema),
    drop: async () => {
      await adminQuery(`SET synchronous_commit = off; DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  };
}

/**
 * One schema for a whole test file, emptied (not recreated) for each test: creating and migrating a schema
 * is catalogue work that costs far more than deleting a few rows.
 */
export function reusedSchema(): { url: () => Promise<string>; empty: () => Promise<void>; drop: () => Promise<void> } {
  let made: Promise<TestSchema> | undefined;
  let emptying: string | undefined;
  return {
    url: async () => (await (made ??= freshSchema())).url,
    empty: async () => {
      if (!made) return;
      const { schema } = await made;
      if (emptying === undefined) {
        const tables = await adminQuery<{ name: string }>(
          "SELECT tablename AS name FROM pg_tables WHERE schemaname = $1 AND tablename <> 'schema_migrations'",
          [schema],
        );
        if (tables.length === 0) return;
        emptying = `SET synchronous_commit = off; ${tables.map((t) => `DELETE FROM ${schema}."${t.name}";`).join(' ')}`;
      }
      await adminQuery(emptying);
    },
    drop: async () => {
      if (made) await (await made).drop();
    },
  };
}
