// The commands every platform accepts, and the subscription rules behind them, on the real SQLite store.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Reminder } from '../../src/knowledge/schema.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import type { ChannelRef, Store } from '../../src/store/store.ts';
import { parseChatCommand, type SubscriptionCommand } from '../../src/conversation/commands.ts';
import { runSubscriptionCommand, type SubscriptionOutcome } from '../../src/conversation/subscriptions.ts';

const NOW = new Date('2026-11-23T10:00:00Z');

const reminders = [
  Reminder.parse({ id: 'anti-slavery-day', title: 'UK Anti-Slavery Day', message: 'Today is Anti-Slavery Day.', topic: 'awareness-days', yearly: '10-18' }),
  Reminder.parse({ id: 'abolition-day', title: 'Abolition of Slavery Day', message: 'Today is Abolition Day.', topic: 'awareness-days', yearly: '12-02' }),
  Reminder.parse({ id: 'monthly-signs', title: 'Spot the signs', message: 'Refresh the signs.', topic: 'spot-the-signs', cron: '0 9 1 * *' }),
];

describe('parseChatCommand', () => {
  it.each([
    ['', { kind: 'help' }],
    ['   ', { kind: 'help' }],
    ['  HELP ', { kind: 'help' }],
    ['?', { kind: 'help' }],
    ['/help', { kind: 'help' }],
    ['subscribe', { kind: 'help' }],
    ['Unsubscribe  ', { kind: 'help' }],
    ['subscriptions', { kind: 'subscriptions' }],
    ['Subscription', { kind: 'subscriptions' }],
    ['topics', { kind: 'subscriptions' }],
    ['Subscribe Awareness-Days', { kind: 'subscribe', topic: 'awareness-days' }],
    ['unsubscribe   spot-the-signs ', { kind: 'unsubscribe', topic: 'spot-the-signs' }],
    ['subscribe\nawareness-days', { kind: 'subscribe', topic: 'awareness-days' }],
    ['subscribe two  words', { kind: 'subscribe', topic: 'two words' }],
    ['help with an NRM referral', { kind: 'ask', question: 'help with an NRM referral' }],
    ['subscriptions for a victim?', { kind: 'ask', question: 'subscriptions for a victim?' }],
    ['subscriber rights at work', { kind: 'ask', question: 'subscriber rights at work' }],
    ['  What does subscribe mean ', { kind: 'ask', question: 'What does subscribe mean' }],
  ])('%j → %j', (text, expected) => {
    expect(parseChatCommand(text)).toEqual(expected);
  });

  it.each([['subscribe awareness-days'], ['subscriptions'], ['unsubscribe spot-the-signs']])(
    'reads %j as a question where there are no subscriptions (the terminal)',
    (text) => {
      expect(parseChatCommand(text, { subscriptions: false })).toEqual({ kind: 'ask', question: text });
    },
  );
});

describe('runSubscriptionCommand', () => {
  const channel: ChannelRef = { platform: 'slack', channelId: 'C1' };
  let store: Store;
  const run = (command: SubscriptionCommand, now = NOW, where = channel): Promise<SubscriptionOutcome> =>
    runSubscriptionCommand(command, where, { store, reminders, now });

  beforeEach(() => {
    store = openSqliteStore(':memory:');
  });
  afterEach(async () => {
    await store.close();
  });

  it('subscribes to a known topic and gives that topic’s next reminder', async () => {
    const outcome = await run({ kind: 'subscribe', topic: 'awareness-days' });
    expect(outcome).toMatchObject({ kind: 'subscribed', topic: 'awareness-days', already: false });
    expect(outcome.kind === 'subscribed' && outcome.next?.reminder.id).toBe('abolition-day');
    expect(outcome.kind === 'subscribed' && outcome.next?.localTime).toBe('Wed 2 Dec 2026, 09:00 GMT');
    expect((await store.subscribersOf('awareness-days')).map((s) => s.channelId)).toEqual(['C1']);
  });

  it('says when the conversation was already subscribed', async () => {
    await run({ kind: 'subscribe', topic: 'awareness-days' });
    expect(await run({ kind: 'subscribe', topic: 'awareness-days' })).toMatchObject({ kind: 'subscribed', already: true });
    expect(await store.subscriptionsFor(channel)).toHaveLength(1);
  });

  it('resumes a paused subscription rather than calling it already subscribed', async () => {
    await run({ kind: 'subscribe', topic: 'awareness-days' });
    await store.disableChannel(channel, 'channel_not_found', NOW);
    expect(await run({ kind: 'subscribe', topic: 'awareness-days' })).toMatchObject({ kind: 'subscribed', already: false });
    expect((await store.subscriptionsFor(channel))[0]!.disabledAt).toBeNull();
  });

  it('refuses a topic no reminder uses, lists the real ones, and stores nothing', async () => {
    expect(await run({ kind: 'subscribe', topic: 'cats' })).toEqual({
      kind: 'unknown-topic',
      topic: 'cats',
      topics: ['awareness-days', 'spot-the-signs'],
    });
    expect(await store.subscriptionsFor(channel)).toEqual([]);
  });

  it('has no next reminder for a topic whose reminders have all ended', async () => {
    const ended = [Reminder.parse({ id: 'old', title: 'Old', message: 'x', topic: 'past', yearly: '01-01', until: '2025-12-31' })];
    const outcome = await runSubscriptionCommand({ kind: 'subscribe', topic: 'past' }, channel, { store, reminders: ended, now: NOW });
    expect(outcome).toEqual({ kind: 'subscribed', topic: 'past', already: false });
  });

  it('unsubscribes, and says when there was nothing to remove', async () => {
    await run({ kind: 'subscribe', topic: 'spot-the-signs' });
    expect(await run({ kind: 'unsubscribe', topic: 'spot-the-signs' })).toEqual({ kind: 'unsubscribed', topic: 'spot-the-signs', wasSubscribed: true });
    expect(await run({ kind: 'unsubscribe', topic: 'spot-the-signs' })).toEqual({ kind: 'unsubscribed', topic: 'spot-the-signs', wasSubscribed: false });
    expect(await store.subscriptionsFor(channel)).toEqual([]);
  });

  it('unsubscribes from a topic the reminders no longer use', async () => {
    await store.subscribe(channel, 'retired-topic', NOW);
    expect(await run({ kind: 'unsubscribe', topic: 'retired-topic' })).toMatchObject({ wasSubscribed: true });
  });

  it('lists nothing but the topics for a conversation with no subscriptions', async () => {
    expect(await run({ kind: 'subscriptions' })).toEqual({ kind: 'list', subscriptions: [], topics: ['awareness-days', 'spot-the-signs'] });
  });

  it('lists each subscription with its next reminder, and the conversation’s next across its topics', async () => {
    await run({ kind: 'subscribe', topic: 'awareness-days' });
    await run({ kind: 'subscribe', topic: 'spot-the-signs' });
    const outcome = await run({ kind: 'subscriptions' });
    if (outcome.kind !== 'list') throw new Error(`expected a list, got ${outcome.kind}`);
    expect(outcome.subscriptions.map((s) => [s.topic, s.paused, !s.paused && s.next?.reminder.id])).toEqual([
      ['awareness-days', false, 'abolition-day'],
      ['spot-the-signs', false, 'monthly-signs'],
    ]);
    // 1 December 09:00 comes before 2 December 09:00.
    expect(outcome.next?.reminder.id).toBe('monthly-signs');
    expect(outcome.next?.localTime).toBe('Tue 1 Dec 2026, 09:00 GMT');
  });

  it('shows a paused subscription with its reason, and leaves it out of the next reminder', async () => {
    await run({ kind: 'subscribe', topic: 'spot-the-signs' });
    await store.disableChannel(channel, 'channel_not_found', NOW);
    await run({ kind: 'subscribe', topic: 'awareness-days' });
    const outcome = await run({ kind: 'subscriptions' });
    expect(outcome).toMatchObject({
      kind: 'list',
      subscriptions: [
        { topic: 'awareness-days', paused: false },
        { topic: 'spot-the-signs', paused: true, reason: 'channel_not_found' },
      ],
    });
    expect(outcome.kind === 'list' && outcome.next?.reminder.id).toBe('abolition-day');
  });

  it('has no next reminder when every subscription is paused', async () => {
    await run({ kind: 'subscribe', topic: 'spot-the-signs' });
    await store.disableChannel(channel, 'bot removed', NOW);
    const outcome = await run({ kind: 'subscriptions' });
    expect(outcome.kind === 'list' && 'next' in outcome).toBe(false);
  });

  it('follows the clock it is given', async () => {
    await run({ kind: 'subscribe', topic: 'awareness-days' });
    const outcome = await run({ kind: 'subscriptions' }, new Date('2026-12-03T00:00:00Z'));
    expect(outcome.kind === 'list' && outcome.next?.localTime).toBe('Mon 18 Oct 2027, 09:00 BST');
  });

  it('keeps each conversation’s subscriptions, and each platform’s, apart', async () => {
    await run({ kind: 'subscribe', topic: 'awareness-days' });
    const teams: ChannelRef = { platform: 'teams', channelId: 'C1' };
    expect(await run({ kind: 'subscriptions' }, NOW, teams)).toMatchObject({ subscriptions: [] });
    expect(await run({ kind: 'subscribe', topic: 'awareness-days' }, NOW, teams)).toMatchObject({ already: false });
  });
});
