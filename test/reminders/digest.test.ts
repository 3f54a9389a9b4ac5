// The admins' weekly digest through the reminder scheduler: on time, to each admin once, through the same
// claims and records as reminders, so a restart or a crash never sends it twice. On the memory and SQLite
// stores, with a hand-moved clock; and on one SQLite file opened again, the way a restarted process opens it.
import { describe, expect, it } from 'vitest';
import { DIGEST_ID, digestPeriod, digestSeries, type DigestOptions } from '../../src/reminders/digest.ts';
import { OUTCOME_UNKNOWN_REASON, type Recipient } from '../../src/reminders/delivery.ts';
import { buildDigest } from '../../src/report/digest.ts';
import { buildReport } from '../../src/report/report.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import type { Store } from '../../src/store/store.ts';
import { fixture } from '../report/week.ts';
import { world, type World } from './harness.ts';
import { freshDatabasePath, storeFactories } from './stores.ts';
import { openPostgresStore } from '../../src/store/postgres.ts';
import { TEST_DATABASE_URL, freshSchema, sayWhySkipped } from '../store/postgres-helpers.ts';

const MON_30_NOV_0900 = '2026-11-30T09:00:00.000Z'; // 09:00 GMT
const MON_23_NOV_0900 = '2026-11-23T09:00:00.000Z';
const ADMINS: Recipient[] = [
  { platform: 'slack', id: 'U0ADMIN' },
  { platform: 'teams', id: '29:admin' },
];
const kb = fixture();

function digestOf(store: Store, periods: { since: string; until: string }[], admins: Recipient[] = ADMINS): DigestOptions {
  return {
    cron: '0 9 * * 1',
    timezone: 'Europe/London',
    admins: () => admins,
    build: async (period) => {
      periods.push({ since: period.since.toISOString(), until: period.until.toISOString() });
      return buildDigest(await buildReport({ store, knowledge: kb, period }));
    },
  };
}

const digestsOf = (w: World) => [...w.slack.digests, ...w.teams.digests];
const key = (admin: Recipient, occurrence = MON_30_NOV_0900) => ({ platform: admin.platform, channelId: admin.id, reminderId: DIGEST_ID, occurrence });

describe('the digest period', () => {
  it('runs from the previous occurrence to this one, across the clock change', () => {
    const series = digestSeries({ cron: '0 9 * * 1', timezone: 'Europe/London' });
    expect(digestPeriod(series, new Date(MON_30_NOV_0900))).toEqual({ since: new Date(MON_23_NOV_0900), until: new Date(MON_30_NOV_0900) });
    // Monday 2 November 09:00 GMT, the week after the clocks went back: since Monday 26 October 09:00 GMT.
    expect(digestPeriod(series, new Date('2026-11-02T09:00:00Z')).since).toEqual(new Date('2026-10-26T09:00:00Z'));
    // Monday 30 March 09:00 BST, the week the clocks went forward: since Monday 23 March 09:00 GMT.
    expect(digestPeriod(series, new Date('2026-03-30T08:00:00Z')).since).toEqual(new Date('2026-03-23T09:00:00Z'));
    const daily = digestSeries({ cron: '30 8 * * *', timezone: 'Europe/London' });
    expect(digestPeriod(daily, new Date('2026-11-30T08:30:00Z')).since).toEqual(new Date('2026-11-29T08:30:00Z'));
  });
});

describe.each(storeFactories)('the digest on the %s store', (_name, makeStore) => {
  it('goes to each admin at 09:00 on Monday, once, covering the week since the last one', async () => {
    const store = makeStore();
    const periods: { since: string; until: string }[] = [];
    const w = world(store, '2026-11-30T08:00:00Z', []);
    const scheduler = w.scheduler('bot-1', { digest: digestOf(store, periods) });
    await store.recordQuestion({ platform: 'slack', status: 'no_match', urgent: false, entryId: null }, new Date('2026-11-25T10:00:00Z'));
    await store.recordUnanswered({ question: 'parking at HQ', status: 'no_match', platform: 'slack', score: 0 }, new Date('2026-11-25T10:00:00Z'));

    expect((await scheduler.tick()).delivered).toBe(0);
    w.clock.set(MON_30_NOV_0900);
    expect((await scheduler.tick()).delivered).toBe(2);
    expect(digestsOf(w).map((d) => [d.platform, d.user, d.title, d.period])).toEqual([
      ['slack', 'U0ADMIN', 'MSHT Guide weekly digest', '23 Nov 2026 to 30 Nov 2026'],
      ['teams', '29:admin', 'MSHT Guide weekly digest', '23 Nov 2026 to 30 Nov 2026'],
    ]);
    expect(w.slack.digests[0]!.text).toContain('1 question: 0 urgent, 0 answered, 0 ambiguous, 1 no match');
    expect(w.slack.digests[0]!.text).toContain('1. 1× “parking at HQ”');
    // Built once for both admins, for the week since last Monday 09:00.
    expect(periods).toEqual([{ since: MON_23_NOV_0900, until: MON_30_NOV_0900 }]);
    expect(w.logs.filter((l) => l.message === 'digest posted').map((l) => l.fields)).toEqual([
      { reminder: DIGEST_ID, occurrence: MON_30_NOV_0900, platform: 'slack', channel: 'U0ADMIN' },
      { reminder: DIGEST_ID, occurrence: MON_30_NOV_0900, platform: 'teams', channel: '29:admin' },
    ]);

    w.clock.set('2026-11-30T09:01:00Z');
    expect((await scheduler.tick()).delivered).toBe(0);
    // A restart the same morning: a new scheduler, the same database.
    w.clock.set('2026-11-30T12:00:00Z');
    expect((await w.scheduler('bot-1-restarted', { digest: digestOf(store, periods) }).tick()).delivered).toBe(0);
    expect(digestsOf(w)).toHaveLength(2);
    expect(periods).toHaveLength(1);
    expect((await store.deliveries({ reminderId: DIGEST_ID })).map((d) => [d.channelId, d.status])).toEqual([
      ['U0ADMIN', 'delivered'],
      ['29:admin', 'delivered'],
    ]);
    // The report counts them as digests, not reminders.
    const report = await buildReport({ store, knowledge: kb, period: { since: new Date(MON_23_NOV_0900), until: new Date('2026-11-30T12:00:00Z') } });
    expect(report.deliveries.digests).toEqual({ delivered: 2, failed: 0, skipped: 0, pending: 0 });
    expect(report.deliveries.reminders.delivered).toBe(0);
  });

  it('sends one missed while the bot was down if it is back within the catch-up window; skips and records an older one', async () => {
    const store = makeStore();
    const w = world(store, '2026-11-29T12:00:00Z', []);
    await w.scheduler('bot-1', { digest: digestOf(store, []) }).tick();
    // Down over Monday 09:00, back at 15:00: sent late.
    w.clock.set('2026-11-30T15:00:00Z');
    expect((await w.scheduler('bot-2', { digest: digestOf(store, []) }).tick()).delivered).toBe(2);

    // Down from Sunday 6 December to Tuesday 8 December 10:00: more than a day late, so skipped.
    w.clock.set('2026-12-06T12:00:00Z');
    await w.scheduler('bot-3', { digest: digestOf(store, []) }).tick();
    w.clock.set('2026-12-08T10:00:00Z');
    const report = await w.scheduler('bot-4', { digest: digestOf(store, []) }).tick();
    expect(report.skipped).toBe(2);
    expect(digestsOf(w)).toHaveLength(2);
    expect(await store.delivery(key(ADMINS[0]!, '2026-12-07T09:00:00.000Z'))).toMatchObject({ status: 'skipped' });
    expect(w.logs.find((l) => l.message?.startsWith('digest missed while the bot was down'))?.fields).toEqual({
      reminder: DIGEST_ID,
      occurrence: '2026-12-07T09:00:00.000Z',
      channels: 2,
    });
  });

  it('records an admin with no chat with the bot as failed for good, says so, and still sends the others theirs', async () => {
    const store = makeStore();
    const w = world(store, '2026-11-30T08:00:00Z', []);
    const scheduler = w.scheduler('bot-1', { digest: digestOf(store, []) });
    await scheduler.tick();
    w.teams.script('29:admin', { ok: false, kind: 'gone', error: 'teams: the person has no chat with the bot yet' });
    w.clock.set(MON_30_NOV_0900);
    const report = await scheduler.tick();
    expect(report.results.map((r) => [r.key.channelId, r.outcome])).toEqual([
      ['U0ADMIN', 'delivered'],
      ['29:admin', 'gone'],
    ]);
    expect(await store.delivery(key(ADMINS[1]!))).toMatchObject({ status: 'failed', permanent: true });
    expect(w.logs.find((l) => l.level === 'warn')?.message).toBe(
      'the digest could not reach this admin (no chat with the bot, or the user is gone): not retried this week; ask them to open a chat with the bot',
    );
    w.clock.set('2026-11-30T09:05:00Z');
    await scheduler.tick();
    expect(w.teams.digests).toEqual([]);
    // Nothing was disabled: next week it tries again.
    w.clock.set('2026-12-07T09:00:00Z');
    await scheduler.tick();
    expect(w.teams.digests.map((d) => d.user)).toEqual(['29:admin']);
  });

  it('never sends again a digest the platform may have posted without saying so', async () => {
    const store = makeStore();
    const w = world(store, '2026-11-30T08:00:00Z', []);
    const scheduler = w.scheduler('bot-1', { digest: digestOf(store, [], [ADMINS[0]!]) });
    await scheduler.tick();
    w.slack.script('U0ADMIN', { ok: false, kind: 'unknown', error: 'timeout after sending' });
    w.clock.set(MON_30_NOV_0900);
    expect((await scheduler.tick()).unknown).toBe(1);
    w.clock.set('2026-11-30T10:00:00Z');
    await scheduler.tick();
    expect(w.slack.digests).toEqual([]);
    expect(await store.delivery(key(ADMINS[0]!))).toMatchObject({ status: 'failed', permanent: true, lastError: `${OUTCOME_UNKNOWN_REASON} (timeout after sending)` });
    expect(w.logs.find((l) => l.level === 'error')?.message).toBe(
      "digest may have been posted, but the platform did not confirm it: not retried so it cannot post twice; check the admin's chat with the bot and post it by hand if it is missing",
    );
  });

  it('retries a digest that could not be built (the database busy) at the next tick, and one that surely did not go out', async () => {
    const store = makeStore();
    const w = world(store, '2026-11-30T08:00:00Z', []);
    let refuse = true;
    const options = digestOf(store, [], [ADMINS[0]!]);
    const build = options.build;
    options.build = async (period) => {
      if (refuse) throw new Error('database is locked');
      return build(period);
    };
    const scheduler = w.scheduler('bot-1', { digest: options });
    await scheduler.tick();
    w.clock.set(MON_30_NOV_0900);
    expect((await scheduler.tick()).failed).toBe(1);
    expect(w.logs.find((l) => l.level === 'error')).toMatchObject({
      message: 'digest could not be made ready to post; a later tick tries again',
      fields: { error: 'database is locked' },
    });
    refuse = false;
    w.slack.script('U0ADMIN', { ok: false, kind: 'transient', error: 'ECONNREFUSED' });
    w.clock.set('2026-11-30T09:01:00Z');
    expect((await scheduler.tick()).delivered).toBe(1);
    expect(w.sleeps).toEqual([1000]);
    expect(w.slack.digests).toHaveLength(1);
  });

  it('sends nothing when there are no admins, and nothing from before the digest was first scheduled', async () => {
    const store = makeStore();
    // A first start at 09:30 on a fresh database: nothing from before it started, so this Monday's is not sent.
    const w = world(store, '2026-11-30T09:30:00Z', []);
    await w.scheduler('bot-1', { digest: digestOf(store, []) }).tick();
    // With no one to send it to, next Monday's goes nowhere.
    w.clock.set('2026-12-07T09:00:00Z');
    await w.scheduler('bot-1', { digest: digestOf(store, [], []) }).tick();
    expect(digestsOf(w)).toEqual([]);
    expect(await store.deliveries({ reminderId: DIGEST_ID })).toEqual([]);
  });
});

describe('the digest across a real restart (one SQLite file, opened again)', () => {
  it('a process that claimed the digest and died before sending it: the next one sends it once, when the claim is stale', async () => {
    const path = freshDatabasePath();
    const first = openSqliteStore(path);
    const w = world(first, '2026-11-30T08:00:00Z', []);
    await w.scheduler('bot-1', { digest: digestOf(first, [], [ADMINS[0]!]) }).tick();
    // At 09:00 it claims the delivery, then is killed before it posts.
    expect(await first.claimDelivery(key(ADMINS[0]!), 'bot-1', new Date(MON_30_NOV_0900), 10 * 60 * 1000)).toBe(true);
    await first.close();

    const second = openSqliteStore(path);
    const restarted = world(second, '2026-11-30T09:02:00Z', []);
    const scheduler = restarted.scheduler('bot-1-restarted', { digest: digestOf(second, [], [ADMINS[0]!]) });
    expect((await scheduler.tick()).results.map((r) => r.outcome)).toEqual(['held']);
    restarted.clock.set('2026-11-30T09:11:00Z');
    expect((await scheduler.tick()).delivered).toBe(1);
    restarted.clock.set('2026-11-30T09:30:00Z');
    await scheduler.tick();
    expect(restarted.slack.digests.map((d) => d.user)).toEqual(['U0ADMIN']);
    expect(await second.delivery(key(ADMINS[0]!))).toMatchObject({ status: 'delivered', attempts: 2 });
    await second.close();

    // And a third start that morning sends nothing.
    const third = openSqliteStore(path);
    const again = world(third, '2026-11-30T11:00:00Z', []);
    expect((await again.scheduler('bot-1-again', { digest: digestOf(third, [], [ADMINS[0]!]) }).tick()).delivered).toBe(0);
    expect(again.slack.digests).toEqual([]);
    await third.close();
  });
});

sayWhySkipped();
describe.skipIf(!TEST_DATABASE_URL)('the digest from two instances on one PostgreSQL database', () => {
  it('goes to each admin once when both instances tick at 09:00 together, and once more never', async () => {
    const schema = await freshSchema();
    const a = await openPostgresStore(schema.url, { label: 'instance-a' });
    const b = await openPostgresStore(schema.url, { label: 'instance-b' });
    try {
      const wa = world(a, '2026-11-30T08:00:00Z', []);
      const wb = world(b, '2026-11-30T08:00:00Z', []);
      const periods: { since: string; until: string }[] = [];
      const sa = wa.scheduler('instance-a', { digest: digestOf(a, periods) });
      const sb = wb.scheduler('instance-b', { digest: digestOf(b, periods) });
      await Promise.all([sa.tick(), sb.tick()]);
      wa.clock.set(MON_30_NOV_0900);
      wb.clock.set(MON_30_NOV_0900);
      const [ra, rb] = await Promise.all([sa.tick(), sb.tick()]);
      expect(ra.delivered + rb.delivered).toBe(2);
      expect([...digestsOf(wa), ...digestsOf(wb)].map((d) => d.user).sort()).toEqual(['29:admin', 'U0ADMIN']);
      wa.clock.set('2026-11-30T09:30:00Z');
      wb.clock.set('2026-11-30T09:30:00Z');
      await Promise.all([sa.tick(), sb.tick()]);
      expect(digestsOf(wa).length + digestsOf(wb).length).toBe(2);
      expect((await a.deliveries({ reminderId: DIGEST_ID })).map((d) => [d.channelId, d.status, d.attempts]).sort()).toEqual([
        ['29:admin', 'delivered', 1],
        ['U0ADMIN', 'delivered', 1],
      ]);
    } finally {
      await a.close();
      await b.close();
      await schema.drop();
    }
  }, 30_000);
});
