// Two bot processes on one database file: each has its own connection, as two processes would.
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import { allPosts, antiSlaveryDay, reminder, world } from './harness.ts';
import { freshDatabasePath } from './stores.ts';

const subscribedOn = new Date('2026-10-01T12:00:00Z');

describe('reminders on one SQLite database shared by two processes', () => {
  it('posts each occurrence to each channel once, however the two ticks interleave', async () => {
    const file = freshDatabasePath();
    const storeA = openSqliteStore(file);
    const storeB = openSqliteStore(file);
    for (const channelId of ['C1', 'C2', 'C3']) await storeA.subscribe({ platform: 'slack', channelId }, 'awareness-days', subscribedOn);
    await storeA.subscribe({ platform: 'teams', channelId: '19:t1' }, 'awareness-days', subscribedOn);

    // Both processes see the same platforms (a post by either lands in the same channel).
    const a = world(storeA, '2026-10-18T08:00:00Z');
    const b = world(storeB, '2026-10-18T08:00:00Z');
    b.slack = a.slack;
    b.teams = a.teams;
    a.slack.onSend = () => new Promise((resolve) => setImmediate(resolve));
    a.teams.onSend = a.slack.onSend;

    const reports = await Promise.all([a.scheduler('host-a:1').tick(), b.scheduler('host-b:1').tick()]);
    expect(reports.map((r) => r.delivered).reduce((x, y) => x + y)).toBe(4);
    expect(allPosts(a).map((p) => `${p.platform}:${p.channelId}`).sort()).toEqual([
      'slack:C1',
      'slack:C2',
      'slack:C3',
      'teams:19:t1',
    ]);

    // Later ticks by either process add nothing.
    a.clock.set('2026-10-18T08:01:00Z');
    b.clock.set('2026-10-18T08:01:30Z');
    await Promise.all([a.scheduler('host-a:1').tick(), b.scheduler('host-b:1').tick()]);
    expect(allPosts(a)).toHaveLength(4);
    await storeA.close();
    await storeB.close();
  });

  it('remembers what it posted across a restart (the database reopened)', async () => {
    const file = freshDatabasePath();
    const first = openSqliteStore(file);
    await first.subscribe({ platform: 'slack', channelId: 'C1' }, 'awareness-days', subscribedOn);
    const before = world(first, '2026-10-18T08:00:00Z', [antiSlaveryDay, reminder({ id: 'noon', yearly: '10-18', at: '12:00' })]);
    await before.scheduler().tick();
    await first.close();

    const second = openSqliteStore(file);
    const after = world(second, '2026-10-18T10:30:00Z', before.reminders);
    after.slack = before.slack;
    const restarted = after.scheduler('bot-after-restart');
    await restarted.tick();
    expect(before.slack.posted.map((p) => p.localTime)).toEqual(['Sun 18 Oct 2026, 09:00 BST']);
    after.clock.set('2026-10-18T11:00:00Z');
    await restarted.tick();
    after.clock.set('2026-10-18T11:01:00Z');
    await restarted.tick();
    expect(before.slack.posted.map((p) => `${p.reminderId} ${p.localTime}`)).toEqual([
      'anti-slavery-day Sun 18 Oct 2026, 09:00 BST',
      'noon Sun 18 Oct 2026, 12:00 BST',
    ]);
    await second.close();
  });
});
