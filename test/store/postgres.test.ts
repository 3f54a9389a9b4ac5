// What is particular to the PostgreSQL store: its migrations, its timeouts and error messages, the leases
// that let one instance finish what a dead one claimed, and a database that goes away and comes back.
// What every store promises is in the contract (contract.ts), run on PostgreSQL by contract.test.ts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openPostgresStore, PostgresStoreError } from '../../src/store/postgres.ts';
import { pgMigrations, type PgMigration } from '../../src/store/postgres-migrations.ts';
import type { DeliveryKey, Store } from '../../src/store/store.ts';
import { startTcpProxy } from '../helpers/tcp-proxy.ts';
import { TEST_DATABASE_URL, adminQuery, freshSchema, sayWhySkipped, urlForSchema, type TestSchema } from './postgres-helpers.ts';

sayWhySkipped();

const T0 = new Date('2026-10-18T08:00:00.000Z');
const MINUTE = 60_000;
const STALE = 10 * MINUTE;
const key: DeliveryKey = { reminderId: 'anti-slavery-day', occurrence: T0.toISOString(), platform: 'slack', channelId: 'C0PARTNERS' };

describe.skipIf(!TEST_DATABASE_URL)('the PostgreSQL store', () => {
  let schema: TestSchema;
  const opened: Store[] = [];
  const open = async (options: Parameters<typeof openPostgresStore>[1] = {}, url = schema.url) => {
    const store = await openPostgresStore(url, options);
    opened.push(store);
    return store;
  };
  const rows = <R extends pg.QueryResultRow>(sql: string, values: unknown[] = []) =>
    adminQuery<R>(sql.replaceAll('{s}', schema.schema), values);

  beforeEach(async () => {
    schema = await freshSchema();
  });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    await schema.drop();
  });

  describe('migrations', () => {
    it('migrates a new schema once, and reopening changes nothing', async () => {
      await (await open()).setMeta('k', 'v');
      const tablesBefore = await rows("SELECT tablename FROM pg_tables WHERE schemaname = '{s}' ORDER BY 1");
      for (let i = 0; i < 2; i++) await (await open()).close();
      expect(await rows('SELECT version FROM {s}.schema_migrations ORDER BY version')).toEqual(pgMigrations.map((m) => ({ version: m.version })));
      expect(await rows("SELECT tablename FROM pg_tables WHERE schemaname = '{s}' ORDER BY 1")).toEqual(tablesBefore);
      expect(await (await open()).getMeta('k')).toBe('v');
    });

    it('lets several instances start on a new schema at once: one migrates, the others wait and find it done', async () => {
      const stores = await Promise.all([open(), open(), open()]);
      expect(await rows('SELECT count(*)::int AS n FROM {s}.schema_migrations')).toEqual([{ n: pgMigrations.length }]);
      await stores[0]!.subscribe({ platform: 'slack', channelId: 'C1' }, 'tips', T0);
      expect(await stores[2]!.subscribersOf('tips')).toHaveLength(1);
    });

    const extra: PgMigration = {
      version: pgMigrations.length + 1,
      description: 'test: add a column',
      up: async (client) => void (await client.query('ALTER TABLE meta ADD COLUMN note text')),
    };

    it('applies a new step to an existing schema once, keeping its data', async () => {
      await (await open()).setMeta('k', 'v');
      await open({ migrations: [...pgMigrations, extra] });
      const again = await open({ migrations: [...pgMigrations, extra] });
      expect(await again.getMeta('k')).toBe('v');
      expect(await rows('SELECT max(version) AS v FROM {s}.schema_migrations')).toEqual([{ v: pgMigrations.length + 1 }]);
    });

    it('rolls back every pending step when one fails, leaving the schema as it was', async () => {
      await open();
      const broken: PgMigration = { version: pgMigrations.length + 2, description: 'test: fails', up: async (c) => void (await c.query('ALTER TABLE nope ADD x int')) };
      await expect(open({ migrations: [...pgMigrations, extra, broken] })).rejects.toThrow(/relation "nope" does not exist/);
      expect(await rows('SELECT max(version) AS v FROM {s}.schema_migrations')).toEqual([{ v: pgMigrations.length }]);
      expect(await rows("SELECT column_name FROM information_schema.columns WHERE table_schema = '{s}' AND table_name = 'meta' AND column_name = 'note'")).toEqual([]);
    });

    it('refuses a schema written by a newer version', async () => {
      await open();
      await rows("INSERT INTO {s}.schema_migrations (version, description) VALUES (99, 'from the future')");
      await expect(open()).rejects.toThrow(/schema version 99, newer than this program knows .*upgrade msht-guide/);
    });
  });

  describe('connecting', () => {
    it('fails fast, naming the database without its password, when nothing listens there', async () => {
      const url = 'postgres://bot:s3cret-pw@127.0.0.1:1/msht';
      const started = performance.now();
      const error = await openPostgresStore(url).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PostgresStoreError);
      expect((error as Error).message).toMatch(/^cannot use the PostgreSQL database at postgres:\/\/bot@127\.0\.0\.1:1\/msht: nothing is listening there/);
      expect((error as Error).message).not.toContain('s3cret');
      expect(performance.now() - started).toBeLessThan(5_000);
    });

    it('says what the server said when it refuses (a database that does not exist)', async () => {
      const url = new URL(TEST_DATABASE_URL!);
      url.pathname = '/no_such_database_msht';
      url.password = 'pw-not-shown';
      const error = await openPostgresStore(url.toString()).catch((e: unknown) => e);
      expect((error as Error).message).toMatch(/database "no_such_database_msht" does not exist/);
      expect((error as Error).message).not.toContain('pw-not-shown');
    });

    it('gives up a statement that runs past the statement timeout instead of hanging', async () => {
      const store = await open({ statementTimeoutMs: 200 });
      await store.setMeta('k', 'v');
      const holder = new pg.Client({ connectionString: schema.url });
      await holder.connect();
      try {
        await holder.query('BEGIN');
        await holder.query("SELECT * FROM meta WHERE key = 'k' FOR UPDATE");
        const started = performance.now();
        await expect(store.setMeta('k', 'w')).rejects.toThrow(/statement timeout/);
        expect(performance.now() - started).toBeGreaterThanOrEqual(150);
      } finally {
        await holder.query('ROLLBACK');
        await holder.end();
      }
      await store.setMeta('k', 'w');
      expect(await store.getMeta('k')).toBe('w');
    });
  });

  describe('leases: a claim whose instance is gone', () => {
    // Long enough that nothing renews or expires by itself during a test; the tests move the database's
    // record of when an instance was last heard from instead of waiting.
    const lease = { instanceTimeoutMs: MINUTE, heartbeatMs: 60 * MINUTE };
    const instances = () => rows<{ id: string; label: string }>('SELECT id, label FROM {s}.store_instances ORDER BY label');
    /** As if the instance labelled so had not renewed for two minutes. */
    const silence = (label: string) => rows("UPDATE {s}.store_instances SET alive_at = now() - interval '2 minutes' WHERE label = $1", [label]);
    /** As if the instance labelled so had been renewing without a break for two minutes. */
    const settle = (label: string) => rows("UPDATE {s}.store_instances SET up_since = now() - interval '2 minutes' WHERE label = $1", [label]);

    it('is taken over at once by a settled instance, long before it is stale', async () => {
      const a = await open({ ...lease, label: 'a' });
      const b = await open({ ...lease, label: 'b' });
      expect((await instances()).map((i) => i.label)).toEqual(['a', 'b']);
      expect(await a.claimDelivery(key, 'bot-a', T0, STALE)).toBe(true);

      // a is alive: its claim holds.
      await settle('b');
      expect(await b.claimDelivery(key, 'bot-b', T0, STALE)).toBe(false);
      // a stops renewing (killed): b, renewing without a break, takes the claim over.
      await silence('a');
      expect(await b.claimDelivery(key, 'bot-b', T0, STALE)).toBe(true);
      expect(await b.delivery(key)).toMatchObject({ status: 'claimed', claimedBy: 'bot-b', attempts: 2 });
      // Now b holds it, alive.
      await settle('a');
      expect(await a.claimDelivery(key, 'bot-a', T0, STALE)).toBe(false);
    });

    it('is not judged while no instance has renewed unbroken for the timeout (just after an outage or a restart)', async () => {
      const a = await open({ ...lease, label: 'a' });
      const b = await open({ ...lease, label: 'b' });
      await a.claimDelivery(key, 'bot-a', T0, STALE);
      await silence('a');
      // Nobody has been renewing long: the database may just be back, and a only reconnecting.
      expect(await b.claimDelivery(key, 'bot-b', T0, STALE)).toBe(false);
      // b itself was cut off for longer than the timeout: its own unbroken run starts again.
      await settle('b');
      await silence('b');
      expect(await b.claimDelivery(key, 'bot-b', T0, STALE)).toBe(false);
      await settle('b');
      expect(await b.claimDelivery(key, 'bot-b', T0, STALE)).toBe(true);
    });

    it('is judged by a new instance when another live instance has been renewing unbroken for the timeout', async () => {
      const a = await open({ ...lease, label: 'a' });
      await open({ ...lease, label: 'b' });
      await a.claimDelivery(key, 'bot-a', T0, STALE);
      await silence('a');
      const restarted = await open({ ...lease, label: 'c' });
      expect(await restarted.claimDelivery(key, 'bot-c', T0, STALE)).toBe(false);
      await settle('b');
      expect(await restarted.claimDelivery(key, 'bot-c', T0, STALE)).toBe(true);
    });

    it('is taken over at once when its instance closed (a clean stop)', async () => {
      const a = await open({ ...lease, label: 'a' });
      const b = await open({ ...lease, label: 'b' });
      await settle('b');
      await a.claimDelivery(key, 'bot-a', T0, STALE);
      await a.close();
      expect((await instances()).map((i) => i.label)).toEqual(['b']);
      expect(await b.claimDelivery(key, 'bot-b', T0, STALE)).toBe(true);
    });

    it('leaves delivered, skipped and permanently failed deliveries alone whoever made them', async () => {
      const a = await open({ ...lease, label: 'a' });
      const b = await open({ ...lease, label: 'b' });
      const keys = ['C1', 'C2', 'C3'].map((channelId) => ({ ...key, channelId }));
      for (const k of keys) await a.claimDelivery(k, 'bot-a', T0, STALE);
      await a.markDelivered(keys[0]!, T0);
      await a.markSkipped(keys[1]!, 'too old', T0);
      await a.markFailed(keys[2]!, 'channel_not_found', T0, true);
      await silence('a');
      await settle('b');
      for (const k of keys) expect(await b.claimDelivery(k, 'bot-b', T0, STALE)).toBe(false);
    });
  });

  describe('a database that goes away and comes back', () => {
    let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
    beforeEach(async () => {
      proxy = await startTcpProxy(Number(new URL(TEST_DATABASE_URL!).port || 5432), new URL(TEST_DATABASE_URL!).hostname);
    });
    afterEach(async () => {
      await proxy.close();
    });

    it('reports unhealthy and fails calls while it is away, then works again without a restart', async () => {
      const via = new URL(urlForSchema(schema.schema));
      via.port = String(proxy.port);
      const store = await open({ connectTimeoutMs: 1_000 }, via.toString());
      await store.setMeta('k', 'v');
      expect(await store.healthy()).toBe(true);

      proxy.down();
      expect(await store.healthy()).toBe(false);
      await expect(store.setMeta('k', 'w')).rejects.toThrow();
      await expect(store.claimDelivery(key, 'bot-a', T0, STALE)).rejects.toThrow();

      proxy.up();
      expect(await store.healthy()).toBe(true);
      expect(await store.getMeta('k')).toBe('v');
      expect(await store.claimDelivery(key, 'bot-a', T0, STALE)).toBe(true);
    });
  });
});

