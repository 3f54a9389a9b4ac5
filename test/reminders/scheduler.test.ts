import { describe, expect, it } from 'vitest';
import { LAST_TICK_META_KEY } from '../../src/reminders/scheduler.ts';
import { OUTCOME_UNKNOWN_REASON } from '../../src/reminders/delivery.ts';
import type { Store } from '../../src/store/store.ts';
import { allPosts, antiSlaveryDay, ManualTimers, reminder, world } from './harness.ts';
import { storeFactories } from './stores.ts';

const OCT_18_0900_BST = '2026-10-18T08:00:00.000Z';
const slackChannel = { platform: 'slack' as const, channelId: 'C-PARTNERSHIP' };
const teamsChannel = { platform: 'teams' as const, channelId: '19:partnership@thread.tacv2' };
const subscribedOn = new Date('2026-10-01T12:00:00Z');

async function subscribeBoth(store: Store, topic = 'awareness-days'): Promise<void> {
  await store.subscribe(slackChannel, topic, subscribedOn);
  await store.subscribe(teamsChannel, topic, subscribedOn);
}

describe.each(storeFactories)('reminder scheduler on the %s store', (_name, makeStore) => {
  it('posts on time to every subscribed channel, once, with the local time and the linked entry', async () => {
    const w = world(makeStore(), '2026-10-18T07:59:00Z');
    await subscribeBoth(w.store);
    const scheduler = w.scheduler();

    expect((await scheduler.tick()).delivered).toBe(0);
    expect(allPosts(w)).toEqual([]);

    w.clock.set(OCT_18_0900_BST);
    const report = await scheduler.tick();
    expect(report.delivered).toBe(2);
    expect(allPosts(w).map((p) => [p.platform, p.channelId, p.occurrence, p.localTime])).toEqual([
      ['slack', 'C-PARTNERSHIP', OCT_18_0900_BST, 'Sun 18 Oct 2026, 09:00 BST'],
      ['teams', '19:partnership@thread.tacv2', OCT_18_0900_BST, 'Sun 18 Oct 2026, 09:00 BST'],
    ]);
    expect(w.slack.posted[0]!.text).toBe(
      'UK Anti-Slavery Day\n\nToday is Anti-Slavery Day.\n\nRead more: UK Anti-Slavery Day (18 October)\nA day set by the Anti-Slavery Day Act 2010.',
    );

    w.clock.advance(60_000);
    expect((await scheduler.tick()).delivered).toBe(0);
    expect(allPosts(w)).toHaveLength(2);
    expect(await w.store.getMeta(LAST_TICK_META_KEY)).toBe('2026-10-18T08:01:00.000Z');
  });

  it('posts nothing twice after a restart mid-day', async () => {
    const store = makeStore();
    const w = world(store, OCT_18_0900_BST);
    await subscribeBoth(store);
    await w.scheduler('bot-1').tick();
    expect(allPosts(w)).toHaveLength(2);

    // The process restarts at lunchtime: a new scheduler, same database.
    w.clock.set('2026-10-18T12:30:00Z');
    const restarted = w.scheduler('bot-1-restarted');
    const report = await restarted.tick();
    expect(report.delivered).toBe(0);
    w.clock.set('2026-10-18T18:00:00Z');
    await restarted.tick();
    expect(allPosts(w)).toHaveLength(2);
  });

  it('retries a delivery claimed by a process that crashed before sending, once the claim is stale', async () => {
    const store = makeStore();
    const w = world(store, OCT_18_0900_BST);
    await store.subscribe(slackChannel, 'awareness-days', subscribedOn);
    // The process that crashed had been running since the morning...
    w.clock.set('2026-10-18T07:00:00Z');
    await w.scheduler('crashed-bot').tick();
    // ...claimed the 09:00 delivery and died before it posted.
    const key = { ...slackChannel, reminderId: 'anti-slavery-day', occurrence: OCT_18_0900_BST };
    expect(await store.claimDelivery(key, 'crashed-bot', new Date(OCT_18_0900_BST), 10 * 60 * 1000)).toBe(true);

    const scheduler = w.scheduler('bot-2');
    w.clock.set('2026-10-18T08:05:00Z');
    await scheduler.tick();
    expect(allPosts(w)).toEqual([]); // the claim might still be live: wait

    w.clock.set('2026-10-18T08:11:00Z');
    await scheduler.tick();
    expect(allPosts(w).map((p) => p.localTime)).toEqual(['Sun 18 Oct 2026, 09:00 BST']);
    expect((await store.delivery(key))?.status).toBe('delivered');

    w.clock.set('2026-10-18T08:30:00Z');
    await scheduler.tick();
    expect(allPosts(w)).toHaveLength(1);
  });

  it('catches up an occurrence missed inside the catch-up window, once', async () => {
    const store = makeStore();
    await subscribeBoth(store);
    // Last ran the evening before; down until 15:00 on the day.
    const w = world(store, '2026-10-17T20:00:00Z');
    await w.scheduler('before-the-outage').tick();
    w.clock.set('2026-10-18T14:00:00Z');
    const scheduler = w.scheduler();
    const report = await scheduler.tick();
    expect(report.delivered).toBe(2);
    expect(report.skipped).toBe(0);
    expect(w.slack.posted.map((p) => p.localTime)).toEqual(['Sun 18 Oct 2026, 09:00 BST']);
    w.clock.advance(60_000);
    await scheduler.tick();
    expect(allPosts(w)).toHaveLength(2);
  });

  it('skips, with a log line, an occurrence missed by more than the catch-up window, and never posts it later', async () => {
    const store = makeStore();
    await subscribeBoth(store);
    const w = world(store, '2026-10-17T20:00:00Z');
    await w.scheduler('before-the-outage').tick();
    w.clock.set('2026-10-19T09:00:00Z'); // 25 h after the occurrence
    const scheduler = w.scheduler();
    const report = await scheduler.tick();
    expect(allPosts(w)).toEqual([]);
    expect(report.skipped).toBe(2);
    expect((await store.delivery({ ...slackChannel, reminderId: 'anti-slavery-day', occurrence: OCT_18_0900_BST }))?.status).toBe('skipped');
    expect(w.logs.filter((l) => l.level === 'warn').map((l) => [l.message, l.fields])).toEqual([
      [
        'reminder occurrence missed while the bot was down, older than the catch-up window: skipped, not posted late',
        { reminder: 'anti-slavery-day', occurrence: OCT_18_0900_BST, channels: 2 },
      ],
    ]);

    // A longer catch-up window configured later does not bring it back.
    const generous = w.scheduler('bot-1', { catchUpMs: 72 * 60 * 60 * 1000 });
    await generous.tick();
    expect(allPosts(w)).toEqual([]);
  });

  it('does not post an occurrence to a channel that subscribed after it', async () => {
    const store = makeStore();
    const w = world(store, '2026-10-18T07:00:00Z');
    await w.scheduler().tick();
    await store.subscribe(slackChannel, 'awareness-days', new Date('2026-10-18T09:30:00Z'));
    w.clock.set('2026-10-18T10:00:00Z');
    await w.scheduler().tick();
    expect(allPosts(w)).toEqual([]);
  });

  it('does not post again when an admin moves a reminder that already went out to earlier the same day', async () => {
    const store = makeStore();
    await store.subscribe(slackChannel, 'awareness-days', subscribedOn);
    const w = world(store, OCT_18_0900_BST);
    const scheduler = w.scheduler();
    await scheduler.tick();
    // At 10:00 the knowledge is reloaded with the reminder moved to 08:00.
    w.reminders = [reminder({ ...antiSlaveryDay, at: '08:00' })];
    w.clock.set('2026-10-18T09:00:00Z');
    await scheduler.tick();
    expect(w.slack.posted.map((p) => p.localTime)).toEqual(['Sun 18 Oct 2026, 09:00 BST']);
    expect(w.logs.some((l) => l.message === 'reminder schedule changed: occurrences before now will not be posted')).toBe(true);
    // Next year it runs at the new time.
    w.clock.set('2027-10-18T07:00:00Z');
    await scheduler.tick();
    expect(w.slack.posted.map((p) => p.localTime)).toEqual(['Sun 18 Oct 2026, 09:00 BST', 'Mon 18 Oct 2027, 08:00 BST']);
  });

  it('does not post late a reminder added to the calendar after its time, nor anything on a first start', async () => {
    const store = makeStore();
    await store.subscribe(slackChannel, 'awareness-days', subscribedOn);
    const w = world(store, '2026-10-18T07:00:00Z', []);
    const scheduler = w.scheduler();
    await scheduler.tick();
    w.reminders = [antiSlaveryDay]; // added at 11:00 on the day
    w.clock.set('2026-10-18T10:00:00Z');
    await scheduler.tick();
    expect(w.slack.posted).toEqual([]);

    const fresh = world(makeStore(), '2026-10-18T10:00:00Z');
    await fresh.store.subscribe(slackChannel, 'awareness-days', subscribedOn);
    await fresh.scheduler().tick();
    expect(fresh.slack.posted).toEqual([]);
  });

  it('waits for Retry-After when a platform says 429, then posts once', async () => {
    const store = makeStore();
    const w = world(store, OCT_18_0900_BST);
    await subscribeBoth(store);
    w.slack.script('C-PARTNERSHIP', { ok: false, kind: 'rate_limited', retryAfterMs: 30_000, error: 'ratelimited' });
    const report = await w.scheduler().tick();
    expect(w.sleeps).toEqual([30_000]);
    expect(report.delivered).toBe(2);
    expect(w.slack.posted.map((p) => p.channelId)).toEqual(['C-PARTNERSHIP']);
  });

  it('retries transient errors with bounded exponential backoff, and a later tick tries again', async () => {
    const store = makeStore();
    const w = world(store, OCT_18_0900_BST);
    await store.subscribe(slackChannel, 'awareness-days', subscribedOn);
    const fault = { ok: false as const, kind: 'transient' as const, error: 'HTTP 503' };
    w.slack.script('C-PARTNERSHIP', fault, fault, new Error('socket hang up'), fault, fault, fault);
    const scheduler = w.scheduler();

    const first = await scheduler.tick();
    expect(w.sleeps).toEqual([1000, 2000, 4000]); // four attempts, waits doubling
    expect(first.failed).toBe(1);
    expect(allPosts(w)).toEqual([]);
    expect(w.logs.some((l) => l.level === 'warn' && l.message?.startsWith('reminder post failed') && l.fields.error === 'HTTP 503')).toBe(true);

    w.clock.advance(60_000);
    const second = await scheduler.tick();
    expect(w.sleeps).toEqual([1000, 2000, 4000, 1000, 2000]);
    expect(second.delivered).toBe(1);
    expect(allPosts(w)).toHaveLength(1);
  });

  it('caps the backoff at maxMs', async () => {
    const store = makeStore();
    const w = world(store, OCT_18_0900_BST);
    await store.subscribe(slackChannel, 'awareness-days', subscribedOn);
    const fault = { ok: false as const, kind: 'transient' as const, error: 'timeout' };
    w.slack.script('C-PARTNERSHIP', fault, fault, fault, fault, fault);
    await w.scheduler('bot-1', { retry: { attempts: 6, baseMs: 1000, maxMs: 3000, maxRetryAfterMs: 60_000 } }).tick();
    expect(w.sleeps).toEqual([1000, 2000, 3000, 3000, 3000]);
    expect(allPosts(w)).toHaveLength(1);
  });

  it('refuses a claim timeout shorter than a delivery with its retries, which would let another process post twice', () => {
    const w = world(makeStore(), OCT_18_0900_BST);
    expect(() => w.scheduler('bot-1', { claimStaleMs: 60_000, retry: { attempts: 4, maxRetryAfterMs: 120_000 } })).toThrow(
      'claimStaleMs (60000 ms) must be longer than a delivery with all its retries can take (360000 ms)',
    );
  });

  it('disables only a channel that is gone; the other channels still get theirs', async () => {
    const store = makeStore();
    const gone = { platform: 'slack' as const, channelId: 'C-ARCHIVED' };
    const w = world(store, OCT_18_0900_BST);
    await store.subscribe(gone, 'awareness-days', subscribedOn);
    await store.subscribe(gone, 'spot-the-signs', subscribedOn);
    await subscribeBoth(store);
    w.slack.script('C-ARCHIVED', { ok: false, kind: 'gone', error: 'channel_not_found' });

    const report = await w.scheduler().tick();
    expect(allPosts(w).map((p) => `${p.platform}:${p.channelId}`)).toEqual(['slack:C-PARTNERSHIP', 'teams:19:partnership@thread.tacv2']);
    expect(report.disabled).toEqual([gone]);
    expect((await store.subscriptionsFor(gone)).map((s) => [s.topic, s.disabledReason])).toEqual([
      ['awareness-days', 'channel_not_found'],
      ['spot-the-signs', 'channel_not_found'],
    ]);
    expect((await store.subscriptionsFor(slackChannel)).every((s) => s.disabledAt === null)).toBe(true);
    expect(w.logs.filter((l) => l.level === 'warn').map((l) => [l.message, l.fields.channel, l.fields.error])).toEqual([
      ['channel is gone or removed the bot: its reminder subscriptions are disabled', 'C-ARCHIVED', 'channel_not_found'],
    ]);
    expect(w.sleeps).toEqual([]); // never retried

    // The next reminder does not try it again.
    w.reminders = [antiSlaveryDay, reminder({ id: 'abolition-day', yearly: '12-02' })];
    w.clock.set('2026-12-02T09:00:00Z');
    await w.scheduler().tick();
    expect(w.slack.posted.map((p) => p.channelId)).toEqual(['C-PARTNERSHIP', 'C-PARTNERSHIP']);
  });

  it('never disables a channel when the bot\'s own token is refused, and sends nothing more to that platform in the tick', async () => {
    const store = makeStore();
    const second = { platform: 'slack' as const, channelId: 'C-SECOND' };
    const w = world(store, OCT_18_0900_BST);
    await subscribeBoth(store);
    await store.subscribe(second, 'awareness-days', subscribedOn);
    w.slack.script('C-PARTNERSHIP', { ok: false, kind: 'unauthorized', error: 'account_inactive' });
    const scheduler = w.scheduler();

    const report = await scheduler.tick();
    expect(allPosts(w).map((p) => p.platform)).toEqual(['teams']); // Teams is not held up
    expect(report.disabled).toEqual([]);
    expect(report.unauthorized).toEqual(['slack']);
    expect(report.results.filter((r) => r.key.platform === 'slack').map((r) => [r.key.channelId, r.outcome])).toEqual([
      ['C-PARTNERSHIP', 'unauthorized'],
      ['C-SECOND', 'unauthorized'],
    ]);
    expect(w.sleeps).toEqual([]); // not retried in the tick
    expect(await store.delivery({ ...second, reminderId: 'anti-slavery-day', occurrence: OCT_18_0900_BST })).toBeUndefined(); // never tried
    expect([...(await store.subscriptionsFor(slackChannel)), ...(await store.subscriptionsFor(second))].every((s) => s.disabledAt === null)).toBe(true);
    const errors = w.logs.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain("the bot's slack credentials were refused");
    expect(errors[0]!.fields.error).toBe('account_inactive');

    // The token is fixed: the next tick posts both Slack channels, once each.
    w.clock.advance(60_000);
    expect((await scheduler.tick()).delivered).toBe(2);
    w.clock.advance(60_000);
    await scheduler.tick();
    expect(allPosts(w).map((p) => `${p.platform}:${p.channelId}`).sort()).toEqual(['slack:C-PARTNERSHIP', 'slack:C-SECOND', 'teams:19:partnership@thread.tacv2']);
  });

  it('never retries a post whose outcome is unknown: recorded failed for good, with an error an operator can act on', async () => {
    const store = makeStore();
    const w = world(store, OCT_18_0900_BST);
    await subscribeBoth(store);
    w.slack.script('C-PARTNERSHIP', { ok: false, kind: 'unknown', error: 'timeout after the request was sent' });
    const scheduler = w.scheduler();

    const report = await scheduler.tick();
    expect(w.sleeps).toEqual([]);
    expect(report.unknown).toBe(1);
    expect(report.delivered).toBe(1);
    const key = { ...slackChannel, reminderId: 'anti-slavery-day', occurrence: OCT_18_0900_BST };
    expect(await store.delivery(key)).toMatchObject({
      status: 'failed',
      permanent: true,
      lastError: `${OUTCOME_UNKNOWN_REASON} (timeout after the request was sent)`,
    });
    expect(OUTCOME_UNKNOWN_REASON).toBe('outcome unknown: not retried so it cannot post twice');
    const error = w.logs.find((l) => l.level === 'error')!;
    expect(error.fields).toMatchObject({ reminder: 'anti-slavery-day', occurrence: OCT_18_0900_BST, platform: 'slack', channel: 'C-PARTNERSHIP' });
    expect(error.message).toContain('check the channel');
    expect((await store.subscriptionsFor(slackChannel)).every((s) => s.disabledAt === null)).toBe(true); // not gone

    // Nor later, by this process or another, however long the claim has been left.
    for (const at of ['2026-10-18T08:01:00Z', '2026-10-18T09:00:00Z', '2026-10-18T20:00:00Z']) {
      w.clock.set(at);
      await scheduler.tick();
      await w.scheduler('bot-2').tick();
    }
    expect(allPosts(w).map((p) => p.platform)).toEqual(['teams']);
  });

  it('retries the delivered mark when the database is busy for a moment, and posts once', async () => {
    const store = makeStore();
    await store.subscribe(slackChannel, 'awareness-days', subscribedOn);
    let busyFor = 2;
    const flaky: Store = Object.create(store) as Store;
    flaky.markDelivered = async (key, now) => {
      if (busyFor-- > 0) throw new Error('SQLITE_BUSY: database is locked');
      await store.markDelivered(key, now);
    };
    const w = world(flaky, OCT_18_0900_BST);
    const report = await w.scheduler().tick();
    expect(report.delivered).toBe(1);
    expect(w.sleeps).toEqual([100, 200]);
    expect((await store.delivery({ ...slackChannel, reminderId: 'anti-slavery-day', occurrence: OCT_18_0900_BST }))?.status).toBe('delivered');
    expect(w.logs.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('when the delivered mark cannot be written, logs it, never posts it again, and writes the mark before anything else', async () => {
    const store = makeStore();
    await store.subscribe(slackChannel, 'awareness-days', subscribedOn);
    let busy = true;
    const flaky: Store = Object.create(store) as Store;
    flaky.markDelivered = async (key, now) => {
      if (busy) throw new Error('SQLITE_BUSY: database is locked');
      await store.markDelivered(key, now);
    };
    const w = world(flaky, OCT_18_0900_BST);
    const scheduler = w.scheduler();
    const key = { ...slackChannel, reminderId: 'anti-slavery-day', occurrence: OCT_18_0900_BST };

    const report = await scheduler.tick();
    expect(report.results).toEqual([{ key, outcome: 'delivered', unrecorded: true }]);
    expect(w.sleeps).toEqual([100, 200, 400, 800]); // bounded local retries
    const error = w.logs.find((l) => l.level === 'error')!;
    expect(error.fields).toMatchObject({ reminder: 'anti-slavery-day', occurrence: OCT_18_0900_BST, channel: 'C-PARTNERSHIP', error: 'SQLITE_BUSY: database is locked' });
    expect(error.message).toContain('refused to record it');

    // Still busy; by now the claim is stale, yet this process does not post it again.
    w.clock.set('2026-10-18T08:20:00Z');
    expect((await scheduler.tick()).results).toEqual([{ key, outcome: 'held', unrecorded: true }]);
    expect((await store.delivery(key))?.status).toBe('claimed');

    // The database is back: the mark is written first, and nothing is posted again.
    busy = false;
    w.clock.advance(60_000);
    await scheduler.tick();
    expect((await store.delivery(key))?.status).toBe('delivered');
    expect((await store.delivery(key))?.deliveredAt).toBe(OCT_18_0900_BST); // when it was posted
    await w.scheduler('bot-2').tick();
    expect(w.slack.posted).toHaveLength(1);
  });

  it('keeps going when the store fails on one delivery, and retries that one later', async () => {
    const store = makeStore();
    await subscribeBoth(store);
    let busy = true;
    const flaky: Store = Object.create(store) as Store;
    flaky.claimDelivery = async (key, owner, now, stale) => {
      if (busy && key.platform === 'slack') throw new Error('SQLITE_BUSY: database is locked');
      return await store.claimDelivery(key, owner, now, stale);
    };
    const w = world(flaky, OCT_18_0900_BST);
    const scheduler = w.scheduler();
    const report = await scheduler.tick();
    expect(allPosts(w).map((p) => p.platform)).toEqual(['teams']);
    expect(report.failed).toBe(1);
    expect(w.logs.some((l) => l.level === 'error' && l.fields.error === 'SQLITE_BUSY: database is locked')).toBe(true);
    busy = false;
    w.clock.advance(60_000);
    await scheduler.tick();
    expect(allPosts(w).map((p) => p.platform)).toEqual(['slack', 'teams']);
  });

  it('posts at 09:00 local across the change to BST and back', async () => {
    const store = makeStore();
    const w = world(store, '2026-03-29T07:59:00Z', [reminder({ id: 'sundays', cron: '0 9 * * SUN' })]);
    await store.subscribe(slackChannel, 'awareness-days', new Date('2026-03-01T00:00:00Z'));
    const scheduler = w.scheduler();
    await scheduler.tick();
    expect(w.slack.posted).toEqual([]);
    w.clock.set('2026-03-29T08:00:00Z'); // 09:00 BST, the first morning of summer time
    await scheduler.tick();
    w.clock.set('2026-10-25T08:00:00Z'); // 08:00 GMT, the first morning of winter time: not yet
    await scheduler.tick();
    expect(w.slack.posted.map((p) => p.occurrence)).toEqual(['2026-03-29T08:00:00.000Z']);
    w.clock.set('2026-10-25T09:00:00Z');
    await scheduler.tick();
    expect(w.slack.posted.map((p) => [p.occurrence, p.localTime])).toEqual([
      ['2026-03-29T08:00:00.000Z', 'Sun 29 Mar 2026, 09:00 BST'],
      ['2026-10-25T09:00:00.000Z', 'Sun 25 Oct 2026, 09:00 GMT'],
    ]);
  });

  it('leaves a platform this process cannot post to for one that can', async () => {
    const store = makeStore();
    const w = world(store, OCT_18_0900_BST);
    await subscribeBoth(store);
    const slackOnly = w.scheduler('slack-only', { channels: [w.slack] });
    await slackOnly.tick();
    expect(allPosts(w).map((p) => p.platform)).toEqual(['slack']);
    w.clock.advance(60_000);
    await w.scheduler('both').tick();
    expect(allPosts(w).map((p) => p.platform)).toEqual(['slack', 'teams']);
  });

  it('two schedulers on one database never double-post, even ticking at the same moment', async () => {
    const store = makeStore();
    const w = world(store, OCT_18_0900_BST);
    await subscribeBoth(store);
    // Each send yields, so the two ticks interleave.
    w.slack.onSend = () => new Promise((resolve) => setImmediate(resolve));
    w.teams.onSend = w.slack.onSend;
    const a = w.scheduler('bot-a');
    const b = w.scheduler('bot-b');
    const reports = await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
    expect(reports.reduce((n, r) => n + r.delivered, 0)).toBe(2);
    expect(allPosts(w).map((p) => p.platform).sort()).toEqual(['slack', 'teams']);
  });

  it('runs on a timer aimed at the next occurrence, and stop() waits for a tick in flight', async () => {
    const store = makeStore();
    await store.subscribe(slackChannel, 'awareness-days', subscribedOn);
    const timers = new ManualTimers();
    const w = world(store, '2026-10-18T07:59:30Z');
    let releaseSend: () => void = () => {};
    const scheduler = w.scheduler('bot-1', { timers, maxIntervalMs: 60_000 });

    scheduler.start(); // ticks at once, then sets a timer
    await new Promise((resolve) => setImmediate(resolve));
    expect(timers.pending.map((t) => t.ms)).toEqual([30_250]); // the occurrence, plus a small margin

    w.clock.set('2026-10-18T08:00:00.250Z');
    let sending!: () => void;
    const sendStarted = new Promise<void>((resolve) => (sending = resolve));
    w.slack.onSend = () =>
      new Promise<void>((resolve) => {
        releaseSend = resolve;
        sending();
      });
    timers.fire();
    await sendStarted;
    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false); // still posting
    releaseSend();
    await stopping;
    expect(w.slack.posted.map((p) => p.localTime)).toEqual(['Sun 18 Oct 2026, 09:00 BST']);
    expect(timers.pending).toEqual([]); // nothing scheduled after stop
  });

  it('stop() cuts a retry wait short at once, and leaves that delivery for a later tick, not failed', async () => {
    const store = makeStore();
    await store.subscribe(slackChannel, 'awareness-days', subscribedOn);
    const w = world(store, OCT_18_0900_BST);
    w.slack.script('C-PARTNERSHIP', { ok: false, kind: 'rate_limited', retryAfterMs: 120_000, error: 'ratelimited' });
    let waiting!: () => void;
    const waitStarted = new Promise<void>((resolve) => (waiting = resolve));
    let signalled: AbortSignal | undefined;
    const scheduler = w.scheduler('bot-1', {
      retry: { attempts: 4, baseMs: 1000, maxMs: 8000, maxRetryAfterMs: 120_000 },
      // A wait that would take two minutes; it never ends by itself here.
      sleep: (ms, signal) => {
        w.sleeps.push(ms);
        signalled = signal;
        waiting();
        return new Promise<void>(() => {});
      },
    });
    const ticking = scheduler.tick();
    await waitStarted;
    await scheduler.stop(); // returns although the sleep never does
    expect(signalled?.aborted).toBe(true);
    const report = await ticking;
    const key = { ...slackChannel, reminderId: 'anti-slavery-day', occurrence: OCT_18_0900_BST };
    expect(report.results).toEqual([{ key, outcome: 'stopped', error: 'ratelimited' }]);
    expect(report.failed).toBe(0);
    expect(await store.delivery(key)).toMatchObject({ status: 'claimed', lastError: null });
    expect(w.slack.posted).toEqual([]);

    // After a restart, once the claim is stale, it is posted once.
    w.clock.set('2026-10-18T08:11:00Z');
    await w.scheduler('bot-1-restarted').tick();
    expect(w.slack.posted.map((p) => p.localTime)).toEqual(['Sun 18 Oct 2026, 09:00 BST']);
  });

  it('start(), stop(), start() before the first tick settles runs one timer loop, and start() twice is one loop', async () => {
    const store = makeStore();
    const timers = new ManualTimers();
    const w = world(store, '2026-11-23T12:00:00Z');
    const scheduler = w.scheduler('bot-1', { timers, maxIntervalMs: 60_000 });
    scheduler.start();
    const stopped = scheduler.stop();
    scheduler.start();
    scheduler.start();
    await stopped;
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(timers.pending.map((t) => t.ms)).toEqual([60_000]);
    // The loop keeps one timer as it goes.
    timers.fire();
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(timers.pending).toHaveLength(1);
    await scheduler.stop();
    await scheduler.stop(); // twice is fine
    expect(timers.pending).toEqual([]);
  });

  it('wakes at least every maxIntervalMs when nothing is due soon', async () => {
    const timers = new ManualTimers();
    const w = world(makeStore(), '2026-11-23T12:00:00Z');
    const scheduler = w.scheduler('bot-1', { timers, maxIntervalMs: 60_000 });
    scheduler.start();
    await new Promise((resolve) => setImmediate(resolve));
    expect(timers.pending.map((t) => t.ms)).toEqual([60_000]);
    await scheduler.stop();
    expect(timers.pending).toEqual([]);
  });
});
