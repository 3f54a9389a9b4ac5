import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import { migrate, migrations, type Migration } from '../../src/store/migrations.ts';
import type { DeliveryKey, Store } from '../../src/store/store.ts';
import { at, tempDbPath } from './helpers.ts';

const T0 = at('2026-10-18T08:00:00.000Z');
const plus = (ms: number) => new Date(T0.getTime() + ms);
const MINUTE = 60_000;
const STALE = 10 * MINUTE;

const key: DeliveryKey = {
  reminderId: 'anti-slavery-day',
  occurrence: '2026-10-18T08:00:00.000Z',
  platform: 'slack',
  channelId: 'C0PARTNERS',
};

let tmp: ReturnType<typeof tempDbPath>;
let store: Store;

beforeEach(() => {
  tmp = tempDbPath();
  store = openSqliteStore(tmp.file);
});
afterEach(async () => {
  await store.close();
  tmp.cleanup();
});

function rawRows(sql: string): unknown[] {
  const db = new Database(tmp.file, { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

describe('opening', () => {
  it('creates the parent folders and the file on first start, in WAL mode, at the latest schema version', async () => {
    expect(fs.existsSync(tmp.file)).toBe(true);
    const db = new Database(tmp.file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    db.close();
    expect(await store.healthy()).toBe(true);
  });

  it.skipIf(process.platform === 'win32')('creates the file readable by its owner only', async () => {
    await store.setMeta('k', 'v');
    for (const f of [tmp.file, `${tmp.file}-wal`]) expect(fs.statSync(f).mode & 0o777).toBe(0o600);
  });

  it('changes no schema on reopening (the data kept across a restart is the contract\'s test)', async () => {
    await store.setMeta('k', 'v');
    await store.close();
    const schemaBefore = rawRows('SELECT name, sql FROM sqlite_master ORDER BY name');
    for (let i = 0; i < 3; i++) await openSqliteStore(tmp.file).close();
    store = openSqliteStore(tmp.file);
    expect(rawRows('SELECT name, sql FROM sqlite_master ORDER BY name')).toEqual(schemaBefore);
    expect(await store.getMeta('k')).toBe('v');
  });

  it('waits for another holder of the write lock up to busyTimeoutMs before giving up', async () => {
    await store.close();
    store = openSqliteStore(tmp.file, { busyTimeoutMs: 100 });
    const other = new Database(tmp.file);
    other.exec('BEGIN IMMEDIATE');
    try {
      const started = performance.now();
      await expect(store.setMeta('k', 'v')).rejects.toThrow(/busy|locked/i);
      expect(performance.now() - started).toBeGreaterThanOrEqual(90);
      // Readers are not blocked by a writer in WAL mode.
      expect(await store.getMeta('k')).toBeUndefined();
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    await store.setMeta('k', 'v');
    expect(await store.getMeta('k')).toBe('v');
  });

  it('works in memory for quick use', async () => {
    const mem = openSqliteStore(':memory:');
    expect(await mem.subscribe({ platform: 'teams', channelId: 'T1' }, 'tips', T0)).toBe(true);
    expect(await mem.healthy()).toBe(true);
    await mem.close();
    expect(await mem.healthy()).toBe(false);
  });
});

describe('migrations', () => {
  const extra: Migration = {
    version: migrations.length + 1,
    description: 'test: add a column',
    up: (db) => db.exec('ALTER TABLE meta ADD COLUMN note TEXT'),
  };

  it('applies a new step to an existing database once, keeping its data', async () => {
    await store.setMeta('k', 'v');
    await store.close();
    store = openSqliteStore(tmp.file, { migrations: [...migrations, extra] });
    await store.close();
    store = openSqliteStore(tmp.file, { migrations: [...migrations, extra] });
    expect(await store.getMeta('k')).toBe('v');
    expect(rawRows('PRAGMA user_version')).toEqual([{ user_version: migrations.length + 1 }]);
    expect(rawRows("SELECT name FROM pragma_table_info('meta') WHERE name = 'note'")).toHaveLength(1);
  });

  it('rolls back every pending step when one fails, leaving the database as it was', async () => {
    await store.close();
    const broken: Migration = {
      version: migrations.length + 2,
      description: 'test: fails',
      up: (db) => db.exec('ALTER TABLE no_such_table ADD COLUMN x TEXT'),
    };
    expect(() => openSqliteStore(tmp.file, { migrations: [...migrations, extra, broken] })).toThrow(/no_such_table/);
    expect(rawRows('PRAGMA user_version')).toEqual([{ user_version: migrations.length }]);
    expect(rawRows("SELECT name FROM pragma_table_info('meta') WHERE name = 'note'")).toHaveLength(0);
    store = openSqliteStore(tmp.file);
  });

  it('upgrades a version 1 database: its feedback keeps its rows and gets ids a reason can be recorded against', async () => {
    await store.close();
    tmp.cleanup();
    tmp = tempDbPath();
    fs.mkdirSync(path.dirname(tmp.file), { recursive: true });
    const db = new Database(tmp.file);
    migrate(db, migrations.slice(0, 1));
    db.prepare('INSERT INTO feedback (entry_id, helpful, platform, question, at) VALUES (?, 0, ?, ?, ?)').run('nrm', 'slack', '[name] asked', T0.toISOString());
    db.close();
    store = openSqliteStore(tmp.file);
    const [row] = await store.feedback();
    expect(row).toMatchObject({ entryId: 'nrm', helpful: false, question: '[name] asked', reason: null });
    expect(await store.recordFeedbackReason(row!.id, 'wrong', T0)).toBe(true);
    expect((await store.feedback())[0]!.reason).toBe('wrong');
    expect(await store.questions(new Date(0))).toEqual([]);
  });

  it('refuses a database written by a newer version', async () => {
    await store.close();
    const db = new Database(tmp.file);
    db.pragma(`user_version = ${migrations.length + 5}`);
    db.close();
    expect(() => openSqliteStore(tmp.file)).toThrow(/newer than this program knows/);
    store = openSqliteStore(':memory:');
  });
});

describe('what reaches the file', () => {
  it('stores times as ISO strings in UTC', async () => {
    await store.claimDelivery(key, 'bot-a', at('2026-03-29T01:30:00+01:00'), STALE);
    const [row] = rawRows('SELECT occurrence, claimed_at FROM deliveries');
    expect(row).toEqual({ occurrence: '2026-10-18T08:00:00.000Z', claimed_at: '2026-03-29T00:30:00.000Z' });
  });

  it('deletes event keys older than the retention period from the table', async () => {
    await store.close();
    store = openSqliteStore(tmp.file, { eventRetentionMs: 60 * MINUTE });
    await store.markEventSeen('old', T0);
    await store.markEventSeen('recent', plus(30 * MINUTE));
    await store.markEventSeen('tick', plus(61 * MINUTE));
    expect(rawRows('SELECT key FROM seen_events ORDER BY key')).toEqual([{ key: 'recent' }, { key: 'tick' }]);
  });
});

describe('feedback and unanswered questions are stored redacted', () => {
  const question = 'Victim DOB 12/03/1998 at SW1A 1AA, phone 07700 900123, email v@example.com — NRM referral?';
  const redacted = 'Victim DOB [date] at [postcode], phone [phone], email [email] — NRM referral?';

  it('redacts the question on feedback before it reaches the file', async () => {
    await store.recordFeedback({ entryId: 'nrm-referral', helpful: false, platform: 'teams', question }, T0);
    await store.recordFeedback({ entryId: 'duty-to-notify', helpful: true, platform: 'console' }, plus(1000));
    expect(rawRows('SELECT entry_id, helpful, question FROM feedback ORDER BY id')).toEqual([
      { entry_id: 'nrm-referral', helpful: 0, question: redacted },
      { entry_id: 'duty-to-notify', helpful: 1, question: null },
    ]);
    expect(await store.feedback()).toMatchObject([
      { entryId: 'nrm-referral', helpful: false, platform: 'teams', question: redacted, reason: null, at: T0.toISOString() },
      { entryId: 'duty-to-notify', helpful: true, platform: 'console', question: null, reason: null, at: plus(1000).toISOString() },
    ]);
  });

  it('redacts unanswered questions before they reach the file, and lists the newest first', async () => {
    await store.recordUnanswered({ question, status: 'no_match', platform: 'slack', score: 0.12 }, T0);
    await store.recordUnanswered({ question: 'MS1 form or NRM?', status: 'ambiguous', platform: 'console', score: 0.5 }, plus(1000));
    expect(rawRows('SELECT question FROM unanswered ORDER BY id')).toEqual([
      { question: redacted },
      { question: 'MS1 form or NRM?' },
    ]);
    expect(await store.unanswered()).toEqual([
      { question: 'MS1 form or NRM?', status: 'ambiguous', platform: 'console', score: 0.5, at: plus(1000).toISOString() },
      { question: redacted, status: 'no_match', platform: 'slack', score: 0.12, at: T0.toISOString() },
    ]);
    expect(await store.unanswered(1)).toHaveLength(1);
  });

  it('leaves no trace of the original details anywhere in the database files', async () => {
    await store.recordUnanswered({ question, status: 'no_match', platform: 'slack', score: 0 }, T0);
    await store.recordFeedback({ entryId: 'x', helpful: true, platform: 'slack', question }, T0);
    await store.close();
    const bytes = [tmp.file, `${tmp.file}-wal`]
      .filter((f) => fs.existsSync(f))
      .map((f) => fs.readFileSync(f).toString('latin1'))
      .join('');
    expect(bytes).toContain('[postcode]');
    for (const detail of ['12/03/1998', 'SW1A 1AA', '07700 900123', 'v@example.com']) {
      expect(bytes).not.toContain(detail);
    }
    store = openSqliteStore(tmp.file);
  });
});
