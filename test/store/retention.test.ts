// Retention: what people asked and told the bot goes after RETENTION_DAYS; what the bot needs to run stays.
// On the memory and SQLite stores (the contract suite covers forgetBefore itself on PostgreSQL too), with a
// hand-moved clock and hand-fired timers, and through `serve` start-up on a real database file.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../../src/bot.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { createRetention, type RetentionTimers } from '../../src/store/retention.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import type { Store } from '../../src/store/store.ts';
import { captureLog } from '../helpers/log.ts';
import { freshDatabasePath, storeFactories } from '../reminders/stores.ts';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-11-23T12:00:00Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY);

/** A question, an unanswered question and a 👎 with a reason, all recorded `age` days ago; and a delivery and a subscription. */
async function record(store: Store, age: number, channelId: string): Promise<void> {
  const at = daysAgo(age);
  await store.recordQuestion({ platform: 'slack', status: 'no_match', urgent: false, entryId: null }, at);
  await store.recordUnanswered({ question: `where is the form ${age}`, status: 'no_match', platform: 'slack', score: 0.1 }, at);
  const id = await store.recordFeedback({ entryId: 'nrm-adult-referral', helpful: false, platform: 'teams', question: 'nrm' }, at);
  await store.recordFeedbackReason(id, 'out_of_date', at);
  await store.subscribe({ platform: 'slack', channelId }, 'awareness-days', at);
  await store.markDelivered({ platform: 'slack', channelId, reminderId: 'anti-slavery-day', occurrence: at.toISOString() }, at);
}

class HandTimers implements RetentionTimers {
  fn: (() => void) | undefined;
  ms: number | undefined;
  cleared = 0;
  setInterval(fn: () => void, ms: number): unknown {
    this.fn = fn;
    this.ms = ms;
    return 1;
  }
  clearInterval(): void {
    this.fn = undefined;
    this.cleared++;
  }
}

describe.each(storeFactories)('retention on the %s store', (_name, open) => {
  it('deletes questions, unanswered questions and feedback older than the period; keeps subscriptions and deliveries', async () => {
    const store = open();
    await record(store, 91, 'C-OLD');
    await record(store, 89, 'C-NEW');
    const { log, lines } = captureLog();
    const retention = createRetention({ store, days: 90, now: () => NOW, log });
    expect(await retention.sweep()).toEqual({ questions: 1, unanswered: 1, feedback: 1, handoffs: 0 });

    expect((await store.questions(new Date(0))).map((q) => q.at)).toEqual([daysAgo(89).toISOString()]);
    expect((await store.unanswered(100, new Date(0))).map((u) => u.question)).toEqual(['where is the form 89']);
    expect((await store.feedback()).map((f) => [f.at, f.reason])).toEqual([[daysAgo(89).toISOString(), 'out_of_date']]);
    expect((await store.subscriptions()).map((s) => s.channelId).sort()).toEqual(['C-NEW', 'C-OLD']);
    expect(await store.deliveries()).toHaveLength(2);
    expect(lines).toEqual([
      {
        level: 'info',
        fields: { questions: 1, unanswered: 1, feedback: 1, handoffs: 0, before: daysAgo(90).toISOString(), days: 90 },
        message: 'retention: deleted what was recorded more than 90 days ago',
      },
    ]);

    // Nothing more to delete: nothing logged.
    expect(await retention.sweep()).toEqual({ questions: 0, unanswered: 0, feedback: 0, handoffs: 0 });
    expect(lines).toHaveLength(1);
    await store.close();
  });

  it('sweeps at start, then each time the timer fires, as the clock moves on; stop() ends it', async () => {
    const store = open();
    await record(store, 20, 'C1');
    await record(store, 5, 'C2');
    let now = NOW;
    const timers = new HandTimers();
    const retention = createRetention({ store, days: 30, now: () => now, log: captureLog().log, timers, everyMs: 3_600_000 });
    retention.start();
    retention.start(); // started once only
    expect(timers.ms).toBe(3_600_000);
    await retention.stop(); // waits for the first sweep
    expect(await store.feedback()).toHaveLength(2);
    expect(timers.cleared).toBe(1);

    now = new Date(NOW.getTime() + 11 * DAY); // the 20-day-old records are now 31 days old
    retention.start();
    await retention.stop();
    expect((await store.feedback()).map((f) => f.at)).toEqual([daysAgo(5).toISOString()]);

    retention.start();
    now = new Date(NOW.getTime() + 26 * DAY); // and, some hours on, the 5-day-old ones too
    timers.fn!();
    await retention.stop();
    expect(await store.feedback()).toEqual([]);
    expect(await store.questions(new Date(0))).toEqual([]);
    await store.close();
  });
});

describe('a sweep that fails', () => {
  it('is logged as an error and tried again at the next timer, never thrown', async () => {
    let fail = true;
    const store = {
      forgetBefore: async () => {
        if (fail) throw new Error('database is locked');
        return { questions: 2, unanswered: 0, feedback: 0, handoffs: 0 };
      },
    };
    const timers = new HandTimers();
    const { log, lines } = captureLog();
    const retention = createRetention({ store, days: 90, now: () => NOW, log, timers });
    retention.start();
    await retention.stop();
    expect(lines.map((l) => [l.level, l.message, l.fields])).toEqual([
      ['error', 'retention sweep failed; it runs again within the hour', { error: 'database is locked' }],
    ]);
    fail = false;
    retention.start();
    await retention.stop();
    expect(lines.map((l) => l.message)).toEqual([
      'retention sweep failed; it runs again within the hour',
      'retention: deleted what was recorded more than 90 days ago',
    ]);
  });
});

describe('serve', () => {
  const running: RunningBot[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((bot) => bot.stop()));
  });

  it('deletes what is older than RETENTION_DAYS as it starts, and says how long things are kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'msht-retention-'));
    cpSync('test/fixtures/knowledge/valid', join(dir, 'knowledge'), { recursive: true });
    const database = freshDatabasePath();
    const before = openSqliteStore(database);
    await record(before, 40, 'C1');
    await record(before, 10, 'C2');
    await before.close();

    const lines: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (line: string) => lines.push(line) } });
    const config = loadConfig({ KNOWLEDGE_DIR: join(dir, 'knowledge'), DATABASE_PATH: database, RETENTION_DAYS: '30' });
    const bot = await startBot(config, { logger, port: 0, host: '127.0.0.1', now: () => NOW });
    running.push(bot);
    await bot.retention.stop(); // the start-up sweep has finished
    const messages = lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(messages).toContain('Retention: questions and feedback are deleted after 30 days (checked hourly)');
    expect(messages).toContain('retention: deleted what was recorded more than 30 days ago');
    expect((await bot.store.feedback()).map((f) => f.at)).toEqual([daysAgo(10).toISOString()]);
    expect(await bot.store.unanswered(100, new Date(0))).toHaveLength(1);
    expect(await bot.store.subscriptions()).toHaveLength(2);
  }, 30_000); // a whole start-up: seconds on a busy machine
});
