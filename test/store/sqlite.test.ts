import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import { migrations, type Migration } from '../../src/store/migrations.ts';
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
afterEach(() => {
  store.close();
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
  it('creates the parent folders and the file on first start, in WAL mode, at the latest schema version', () => {
    expect(fs.existsSync(tmp.file)).toBe(true);
    const db = new Database(tmp.file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    db.close();
    expect(store.healthy()).toBe(true);
  });

  it.skipIf(process.platform === 'win32')('creates the file readable by its owner only', () => {
    store.setMeta('k', 'v');
    for (const f of [tmp.file, `${tmp.file}-wal`]) expect(fs.statSync(f).mode & 0o777).toBe(0o600);
  });

  it('keeps every kind of data across a reopen, and reopening changes no schema', () => {
    store.subscribe({ platform: 'slack', channelId: 'C1' }, 'awareness-days', T0);
    store.saveConversationReference('19:abc@thread.tacv2', { serviceUrl: 'https://smba.example/' }, T0);
    store.claimDelivery(key, 'bot-a', T0, STALE);
    store.markDelivered(key, plus(1000));
    store.markEventSeen('slack:Ev01', T0);
    store.setMeta('scheduler.lastRun', T0.toISOString());
    store.recordFeedback({ entryId: 'nrm-referral', helpful: true, platform: 'slack' }, T0);
    store.recordUnanswered({ question: 'what about bees', status: 'no_match', platform: 'teams', score: 0.1 }, T0);
    store.close();

    const schemaBefore = rawRows('SELECT name, sql FROM sqlite_master ORDER BY name');
    for (let i = 0; i < 3; i++) openSqliteStore(tmp.file).close();
    store = openSqliteStore(tmp.file);
    expect(rawRows('SELECT name, sql FROM sqlite_master ORDER BY name')).toEqual(schemaBefore);

    expect(store.subscribersOf('awareness-days').map((s) => s.channelId)).toEqual(['C1']);
    expect(store.conversationReference('19:abc@thread.tacv2')).toEqual({ serviceUrl: 'https://smba.example/' });
    expect(store.delivery(key)?.status).toBe('delivered');
    expect(store.claimDelivery(key, 'bot-b', plus(STALE * 10), STALE)).toBe(false);
    expect(store.markEventSeen('slack:Ev01', plus(MINUTE))).toBe(false);
    expect(store.getMeta('scheduler.lastRun')).toBe(T0.toISOString());
    expect(store.feedback()).toHaveLength(1);
    expect(store.unanswered()).toHaveLength(1);
  });

  it('waits for another holder of the write lock up to busyTimeoutMs before giving up', () => {
    store.close();
    store = openSqliteStore(tmp.file, { busyTimeoutMs: 100 });
    const other = new Database(tmp.file);
    other.exec('BEGIN IMMEDIATE');
    try {
      const started = performance.now();
      expect(() => store.setMeta('k', 'v')).toThrow(/busy|locked/i);
      expect(performance.now() - started).toBeGreaterThanOrEqual(90);
      // Readers are not blocked by a writer in WAL mode.
      expect(store.getMeta('k')).toBeUndefined();
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    store.setMeta('k', 'v');
    expect(store.getMeta('k')).toBe('v');
  });

  it('works in memory for quick use', () => {
    const mem = openSqliteStore(':memory:');
    expect(mem.subscribe({ platform: 'teams', channelId: 'T1' }, 'tips', T0)).toBe(true);
    expect(mem.healthy()).toBe(true);
    mem.close();
    expect(mem.healthy()).toBe(false);
  });

  it('reports unhealthy once closed, and closing twice is harmless', () => {
    store.close();
    expect(store.healthy()).toBe(false);
    expect(() => store.close()).not.toThrow();
  });
});

describe('migrations', () => {
  const extra: Migration = {
    version: migrations.length + 1,
    description: 'test: add a column',
    up: (db) => db.exec('ALTER TABLE meta ADD COLUMN note TEXT'),
  };

  it('applies a new step to an existing database once, keeping its data', () => {
    store.setMeta('k', 'v');
    store.close();
    store = openSqliteStore(tmp.file, { migrations: [...migrations, extra] });
    store.close();
    store = openSqliteStore(tmp.file, { migrations: [...migrations, extra] });
    expect(store.getMeta('k')).toBe('v');
    expect(rawRows('PRAGMA user_version')).toEqual([{ user_version: migrations.length + 1 }]);
    expect(rawRows("SELECT name FROM pragma_table_info('meta') WHERE name = 'note'")).toHaveLength(1);
  });

  it('rolls back every pending step when one fails, leaving the database as it was', () => {
    store.close();
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

  it('refuses a database written by a newer version', () => {
    store.close();
    const db = new Database(tmp.file);
    db.pragma(`user_version = ${migrations.length + 5}`);
    db.close();
    expect(() => openSqliteStore(tmp.file)).toThrow(/newer than this program knows/);
    store = openSqliteStore(':memory:');
  });
});

describe('subscriptions', () => {
  const c1 = { platform: 'slack', channelId: 'C1' } as const;
  const c2 = { platform: 'teams', channelId: '19:team@thread.tacv2' } as const;

  it('subscribes once; a second subscribe says it already was', () => {
    expect(store.subscribe(c1, 'awareness-days', T0)).toBe(true);
    expect(store.subscribe(c1, 'awareness-days', plus(MINUTE))).toBe(false);
    expect(store.subscriptionsFor(c1)).toEqual([
      { ...c1, topic: 'awareness-days', createdAt: T0.toISOString(), disabledAt: null, disabledReason: null },
    ]);
  });

  it('lists the enabled subscribers of a topic across platforms', () => {
    store.subscribe(c1, 'tips', T0);
    store.subscribe(c2, 'tips', T0);
    store.subscribe(c2, 'partnership', T0);
    expect(store.subscribersOf('tips').map((s) => [s.platform, s.channelId])).toEqual([
      ['slack', 'C1'],
      ['teams', '19:team@thread.tacv2'],
    ]);
    expect(store.subscribersOf('nothing')).toEqual([]);
  });

  it('disables every subscription of a channel that is gone, and subscribing again re-enables it', () => {
    store.subscribe(c1, 'tips', T0);
    store.subscribe(c1, 'awareness-days', T0);
    store.subscribe(c2, 'tips', T0);

    expect(store.disableChannel(c1, 'channel_not_found', plus(MINUTE))).toBe(2);
    expect(store.disableChannel(c1, 'channel_not_found', plus(2 * MINUTE))).toBe(0);
    expect(store.subscribersOf('tips').map((s) => s.channelId)).toEqual([c2.channelId]);
    expect(store.subscriptionsFor(c1).map((s) => [s.topic, s.disabledAt, s.disabledReason])).toEqual([
      ['awareness-days', plus(MINUTE).toISOString(), 'channel_not_found'],
      ['tips', plus(MINUTE).toISOString(), 'channel_not_found'],
    ]);

    expect(store.subscribe(c1, 'tips', plus(3 * MINUTE))).toBe(true);
    const tips = store.subscriptionsFor(c1).find((s) => s.topic === 'tips');
    expect(tips).toMatchObject({ disabledAt: null, disabledReason: null, createdAt: T0.toISOString() });
    expect(store.subscribersOf('tips').map((s) => s.channelId)).toEqual(['C1', c2.channelId]);
    expect(store.subscribersOf('awareness-days')).toEqual([]);
  });

  it('unsubscribes, saying whether there was anything to remove', () => {
    store.subscribe(c1, 'tips', T0);
    expect(store.unsubscribe(c1, 'tips')).toBe(true);
    expect(store.unsubscribe(c1, 'tips')).toBe(false);
    expect(store.subscriptionsFor(c1)).toEqual([]);
  });

  it('keeps the same channel id on different platforms apart', () => {
    store.subscribe({ platform: 'slack', channelId: 'X' }, 'tips', T0);
    expect(store.subscribe({ platform: 'teams', channelId: 'X' }, 'tips', T0)).toBe(true);
    expect(store.subscribersOf('tips')).toHaveLength(2);
  });
});

describe('conversation references', () => {
  const reference = {
    activityId: 'a1',
    bot: { id: '28:bot', name: 'MSHT Guide' },
    conversation: { id: '19:abc@thread.tacv2', conversationType: 'channel', tenantId: 'tenant' },
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/uk/',
    locale: 'en-GB',
    nested: [1, 'two', null, { three: true }],
  };

  it('round-trips a reference exactly, replaces it on save, and removes it', () => {
    store.saveConversationReference('19:abc@thread.tacv2', reference, T0);
    expect(store.conversationReference('19:abc@thread.tacv2')).toEqual(reference);
    store.saveConversationReference('19:abc@thread.tacv2', { ...reference, locale: 'cy-GB' }, plus(MINUTE));
    expect(store.conversationReference('19:abc@thread.tacv2')).toEqual({ ...reference, locale: 'cy-GB' });
    store.saveConversationReference('a:personal', { conversation: { id: 'a:personal' } }, T0);
    expect(store.conversationReferences().map((r) => r.conversationId)).toEqual(['19:abc@thread.tacv2', 'a:personal']);

    expect(store.removeConversationReference('19:abc@thread.tacv2')).toBe(true);
    expect(store.removeConversationReference('19:abc@thread.tacv2')).toBe(false);
    expect(store.conversationReference('19:abc@thread.tacv2')).toBeUndefined();
  });
});

describe('reminder deliveries', () => {
  it('lets one caller claim a fresh delivery; a live claim holds against everyone', () => {
    expect(store.claimDelivery(key, 'bot-a', T0, STALE)).toBe(true);
    expect(store.claimDelivery(key, 'bot-b', plus(MINUTE), STALE)).toBe(false);
    expect(store.claimDelivery(key, 'bot-a', plus(MINUTE), STALE)).toBe(false);
    expect(store.delivery(key)).toEqual({
      ...key,
      status: 'claimed',
      permanent: false,
      attempts: 1,
      claimedAt: T0.toISOString(),
      claimedBy: 'bot-a',
      deliveredAt: null,
      lastError: null,
    });
  });

  it('never claims a delivered one again, however late', () => {
    store.claimDelivery(key, 'bot-a', T0, STALE);
    store.markDelivered(key, plus(2000));
    expect(store.claimDelivery(key, 'bot-b', plus(365 * 24 * 60 * MINUTE), STALE)).toBe(false);
    expect(store.delivery(key)).toMatchObject({ status: 'delivered', deliveredAt: plus(2000).toISOString() });
  });

  it('re-claims a claim left by a crash once it is older than staleAfterMs, and not before', () => {
    store.claimDelivery(key, 'bot-a', T0, STALE);
    expect(store.claimDelivery(key, 'bot-b', plus(STALE), STALE)).toBe(false);
    expect(store.claimDelivery(key, 'bot-b', plus(STALE + 1), STALE)).toBe(true);
    expect(store.delivery(key)).toMatchObject({
      status: 'claimed',
      claimedBy: 'bot-b',
      claimedAt: plus(STALE + 1).toISOString(),
      attempts: 2,
    });
    // The new claim is live again.
    expect(store.claimDelivery(key, 'bot-a', plus(STALE + 2), STALE)).toBe(false);
  });

  it('re-claims after a transient failure, at once, keeping the error', () => {
    store.claimDelivery(key, 'bot-a', T0, STALE);
    store.markFailed(key, 'HTTP 503', plus(1000), false);
    expect(store.delivery(key)).toMatchObject({ status: 'failed', permanent: false, lastError: 'HTTP 503' });
    expect(store.claimDelivery(key, 'bot-a', plus(2000), STALE)).toBe(true);
    expect(store.delivery(key)).toMatchObject({ status: 'claimed', attempts: 2, lastError: 'HTTP 503' });
    store.markDelivered(key, plus(3000));
    expect(store.deliveries({ status: 'delivered' })).toHaveLength(1);
  });

  it('never re-claims a permanent failure', () => {
    store.claimDelivery(key, 'bot-a', T0, STALE);
    store.markFailed(key, 'channel_not_found', plus(1000), true);
    expect(store.claimDelivery(key, 'bot-a', plus(2000), STALE)).toBe(false);
    expect(store.claimDelivery(key, 'bot-b', plus(STALE * 100), STALE)).toBe(false);
    // A later transient report cannot turn it back into a retryable one.
    store.markFailed(key, 'HTTP 500', plus(3000), false);
    expect(store.delivery(key)).toMatchObject({ status: 'failed', permanent: true, lastError: 'channel_not_found' });
  });

  it('records a skipped occurrence so it is never sent later, and does not skip a delivered one', () => {
    store.markSkipped(key, 'older than the catch-up window', T0);
    expect(store.claimDelivery(key, 'bot-a', plus(MINUTE), STALE)).toBe(false);
    expect(store.delivery(key)).toMatchObject({
      status: 'skipped',
      attempts: 0,
      lastError: 'older than the catch-up window',
    });

    const other = { ...key, channelId: 'C0OTHER' };
    store.claimDelivery(other, 'bot-a', T0, STALE);
    store.markDelivered(other, plus(1000));
    store.markSkipped(other, 'older than the catch-up window', plus(2000));
    expect(store.delivery(other)?.status).toBe('delivered');
  });

  it('treats the same instant written differently as the same delivery', () => {
    expect(store.claimDelivery({ ...key, occurrence: '2026-10-18T08:00:00Z' }, 'bot-a', T0, STALE)).toBe(true);
    expect(store.claimDelivery({ ...key, occurrence: '2026-10-18T09:00:00+01:00' }, 'bot-b', T0, STALE)).toBe(false);
    expect(store.delivery(key)?.occurrence).toBe('2026-10-18T08:00:00.000Z');
    expect(() => store.claimDelivery({ ...key, occurrence: 'yesterday' }, 'bot-a', T0, STALE)).toThrow(/not a date/);
  });

  it('keeps each (reminder, occurrence, channel) separate, and filters the list', () => {
    const keys: DeliveryKey[] = [
      key,
      { ...key, channelId: 'C2' },
      { ...key, platform: 'teams' },
      { ...key, occurrence: '2027-10-18T08:00:00.000Z' },
      { ...key, reminderId: 'world-day' },
    ];
    for (const k of keys) expect(store.claimDelivery(k, 'bot-a', T0, STALE)).toBe(true);
    store.markDelivered(keys[1]!, T0);
    expect(store.deliveries()).toHaveLength(5);
    expect(store.deliveries({ reminderId: 'world-day' })).toHaveLength(1);
    expect(store.deliveries({ status: 'delivered' }).map((d) => d.channelId)).toEqual(['C2']);
    expect(store.deliveries({ reminderId: 'anti-slavery-day', status: 'claimed' })).toHaveLength(3);
    expect(store.delivery({ ...key, channelId: 'never' })).toBeUndefined();
  });

  it('stores times as ISO strings in UTC', () => {
    store.claimDelivery(key, 'bot-a', at('2026-03-29T01:30:00+01:00'), STALE);
    const [row] = rawRows('SELECT occurrence, claimed_at FROM deliveries');
    expect(row).toEqual({ occurrence: '2026-10-18T08:00:00.000Z', claimed_at: '2026-03-29T00:30:00.000Z' });
  });
});

describe('platform event de-duplication', () => {
  it('says true the first time a key is seen and false for retries', () => {
    expect(store.markEventSeen('slack:Ev123', T0)).toBe(true);
    expect(store.markEventSeen('slack:Ev123', plus(1000))).toBe(false);
    expect(store.markEventSeen('slack:Ev124', plus(1000))).toBe(true);
  });

  it('forgets keys older than the retention period', () => {
    store.close();
    store = openSqliteStore(tmp.file, { eventRetentionMs: 60 * MINUTE });
    store.markEventSeen('old', T0);
    store.markEventSeen('recent', plus(30 * MINUTE));
    store.markEventSeen('tick', plus(61 * MINUTE));
    expect(rawRows('SELECT key FROM seen_events ORDER BY key')).toEqual([{ key: 'recent' }, { key: 'tick' }]);
    expect(store.markEventSeen('recent', plus(62 * MINUTE))).toBe(false);
    expect(store.markEventSeen('old', plus(62 * MINUTE))).toBe(true);
  });
});

describe('meta', () => {
  it('sets, replaces and reads small values', () => {
    expect(store.getMeta('scheduler.lastRun')).toBeUndefined();
    store.setMeta('scheduler.lastRun', 'a');
    store.setMeta('scheduler.lastRun', 'b');
    expect(store.getMeta('scheduler.lastRun')).toBe('b');
  });
});

describe('feedback and unanswered questions are stored redacted', () => {
  const question = 'Victim DOB 12/03/1998 at SW1A 1AA, phone 07700 900123, email v@example.com — NRM referral?';
  const redacted = 'Victim DOB [date] at [postcode], phone [phone], email [email] — NRM referral?';

  it('redacts the question on feedback before it reaches the file', () => {
    store.recordFeedback({ entryId: 'nrm-referral', helpful: false, platform: 'teams', question }, T0);
    store.recordFeedback({ entryId: 'duty-to-notify', helpful: true, platform: 'console' }, plus(1000));
    expect(rawRows('SELECT entry_id, helpful, question FROM feedback ORDER BY id')).toEqual([
      { entry_id: 'nrm-referral', helpful: 0, question: redacted },
      { entry_id: 'duty-to-notify', helpful: 1, question: null },
    ]);
    expect(store.feedback()).toEqual([
      { entryId: 'nrm-referral', helpful: false, platform: 'teams', question: redacted, at: T0.toISOString() },
      { entryId: 'duty-to-notify', helpful: true, platform: 'console', question: null, at: plus(1000).toISOString() },
    ]);
  });

  it('redacts unanswered questions before they reach the file, and lists the newest first', () => {
    store.recordUnanswered({ question, status: 'no_match', platform: 'slack', score: 0.12 }, T0);
    store.recordUnanswered({ question: 'MS1 form or NRM?', status: 'ambiguous', platform: 'console', score: 0.5 }, plus(1000));
    expect(rawRows('SELECT question FROM unanswered ORDER BY id')).toEqual([
      { question: redacted },
      { question: 'MS1 form or NRM?' },
    ]);
    expect(store.unanswered()).toEqual([
      { question: 'MS1 form or NRM?', status: 'ambiguous', platform: 'console', score: 0.5, at: plus(1000).toISOString() },
      { question: redacted, status: 'no_match', platform: 'slack', score: 0.12, at: T0.toISOString() },
    ]);
    expect(store.unanswered(1)).toHaveLength(1);
  });

  it('keeps at most 2,000 characters of a question, cut after redaction', () => {
    // The number straddles the 2,000th character as written, and fits once it is "[phone]".
    const long = `${'why '.repeat(497)}07700 900123 ${'x'.repeat(5_000)}`;
    store.recordUnanswered({ question: long, status: 'no_match', platform: 'slack', score: 0 }, T0);
    const [row] = store.unanswered();
    expect(row!.question).toHaveLength(2_000);
    expect(row!.question).toContain('why [phone] xxx');
    expect(row!.question).not.toMatch(/\d/);
    expect(row!.question.endsWith('…')).toBe(true);
  });

  it('leaves no trace of the original details anywhere in the database files', () => {
    store.recordUnanswered({ question, status: 'no_match', platform: 'slack', score: 0 }, T0);
    store.recordFeedback({ entryId: 'x', helpful: true, platform: 'slack', question }, T0);
    store.close();
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
