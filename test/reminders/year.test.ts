// A year of the shipped calendar on SQLite, with restarts, outages shorter than the catch-up window, and
// platform faults: every occurrence reaches every subscribed channel exactly once.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { KnowledgeFile } from '../../src/knowledge/schema.ts';
import { occurrencesBetween } from '../../src/reminders/schedule.ts';
import type { SendResult } from '../../src/reminders/sender.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import { world } from './harness.ts';
import { freshDatabasePath } from './stores.ts';

const calendar = KnowledgeFile.parse(parse(readFileSync('knowledge/reminders.yaml', 'utf8'))).reminders ?? [];

/** A fixed sequence of "random" numbers, so the year is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('a year of reminders', () => {
  it('posts every occurrence of the shipped calendar to every channel exactly once', async () => {
    const random = seeded(2027);
    const file = freshDatabasePath();
    let store = openSqliteStore(file);
    const channels = [
      { platform: 'slack' as const, channelId: 'C-ALL', topics: ['awareness-days', 'spot-the-signs', 'partnership'] },
      { platform: 'teams' as const, channelId: '19:all@thread.tacv2', topics: ['awareness-days', 'spot-the-signs', 'partnership'] },
      { platform: 'slack' as const, channelId: 'C-DAYS', topics: ['awareness-days'] },
    ];
    for (const c of channels) for (const topic of c.topics) await store.subscribe(c, topic, new Date('2026-12-01T00:00:00Z'));

    const w = world(store, '2026-12-31T12:00:00Z', calendar);
    const faults = (): SendResult => {
      const roll = random();
      if (roll < 0.15) return { ok: false, kind: 'transient', error: 'HTTP 503' };
      if (roll < 0.2) return { ok: false, kind: 'rate_limited', retryAfterMs: 5_000, error: 'ratelimited' };
      return { ok: true };
    };
    for (const sender of [w.slack, w.teams]) {
      const send = sender.send.bind(sender);
      sender.send = async (channelId, post) => {
        const fault = faults();
        return fault.ok ? send(channelId, post) : fault;
      };
    }

    let scheduler = w.scheduler('bot-0');
    await scheduler.tick();
    const end = new Date('2028-01-01T00:00:00Z');
    let restarts = 0;
    while (w.clock.current < end) {
      // Ticks every 4 to 12 hours; now and then the process restarts after an outage of up to 20 hours.
      if (random() < 0.05) {
        await store.close();
        w.clock.advance(Math.floor(random() * 20) * 60 * 60 * 1000);
        store = openSqliteStore(file);
        w.store = store;
        scheduler = w.scheduler(`bot-${++restarts}`, { store });
      } else {
        w.clock.advance((4 + Math.floor(random() * 9)) * 60 * 60 * 1000);
      }
      await scheduler.tick();
    }

    const expected = channels.flatMap((c) =>
      calendar
        .filter((r) => c.topics.includes(r.topic))
        .flatMap((r) => occurrencesBetween(r, new Date('2027-01-01T00:00:00Z'), new Date('2028-01-01T00:00:00Z')))
        .map((o) => `${c.platform}:${c.channelId} ${o.reminder.id} ${o.at.toISOString()}`),
    );
    const posted = [...w.slack.posted, ...w.teams.posted].map((p) => `${p.platform}:${p.channelId} ${p.reminderId} ${p.occurrence}`);
    expect(restarts).toBeGreaterThan(5);
    expect(expected.length).toBeGreaterThan(40);
    expect([...posted].sort()).toEqual([...expected].sort());
    await store.close();
  }, 60_000);
});
