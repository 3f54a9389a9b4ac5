// The Store contract: what every implementation promises, run against each of them by contract.test.ts
// (and by any new implementation's own test). Implementation details — files, locks, migrations — are
// tested beside the implementation instead.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryKey, Store } from '../../src/store/store.ts';

export interface StoreUnderTest {
  store: Store;
  /** Reopens the same data (a restart); absent for stores that keep nothing across one. */
  reopen?: () => Promise<Store>;
  /** Opens a second store on the same data, as another process or instance would; absent for the memory store. */
  another?: () => Promise<Store>;
  cleanup?: () => void | Promise<void>;
}

export type OpenStore = (options?: { eventRetentionMs?: number }) => StoreUnderTest | Promise<StoreUnderTest>;

const T0 = new Date('2026-10-18T08:00:00.000Z');
const plus = (ms: number) => new Date(T0.getTime() + ms);
const MINUTE = 60_000;
const STALE = 10 * MINUTE;

const key: DeliveryKey = {
  reminderId: 'anti-slavery-day',
  occurrence: '2026-10-18T08:00:00.000Z',
  platform: 'slack',
  channelId: 'C0PARTNERS',
};

const HOUR = 60 * MINUTE;
const handoffInput = {
  platform: 'slack',
  asker: 'U0ASKER',
  replyTo: 'D0ASKER',
  replyThread: null,
  question: 'who handles car washes in Leeds?',
  teamId: 'leeds',
  teamChannel: 'C0LEEDS',
  bestGuess: 'west-yorkshire-partnership',
};
const times = { expiresAt: plus(4 * HOUR), remindAt: plus(2 * HOUR) };

export function describeStoreContract(name: string, open: OpenStore, options: { skip?: string | undefined } = {}): void {
  const title = `the Store contract: ${name}`;
  (options.skip === undefined ? describe : describe.skip)(options.skip === undefined ? title : `${title} (skipped: ${options.skip})`, () => {
    let subject: StoreUnderTest;
    let store: Store;
    const reopen = async (options?: { eventRetentionMs?: number }) => {
      await store.close();
      await subject.cleanup?.();
      subject = await open(options);
      store = subject.store;
    };

    beforeEach(async () => {
      subject = await open();
      store = subject.store;
    });
    afterEach(async () => {
      await store.close();
      await subject.cleanup?.();
    });

    describe('health and closing', () => {
      it('is healthy when open, not once closed, and closing twice is harmless', async () => {
        expect(await store.healthy()).toBe(true);
        await store.close();
        expect(await store.healthy()).toBe(false);
        await expect(store.close()).resolves.toBeUndefined();
      });
    });

    describe('subscriptions', () => {
      const c1 = { platform: 'slack', channelId: 'C1' } as const;
      const c2 = { platform: 'teams', channelId: '19:team@thread.tacv2' } as const;

      it('subscribes once; a second subscribe says it already was', async () => {
        expect(await store.subscribe(c1, 'awareness-days', T0)).toBe(true);
        expect(await store.subscribe(c1, 'awareness-days', plus(MINUTE))).toBe(false);
        expect(await store.subscriptionsFor(c1)).toEqual([
          { ...c1, topic: 'awareness-days', createdAt: T0.toISOString(), disabledAt: null, disabledReason: null },
        ]);
      });

      it('lists the enabled subscribers of a topic across platforms, and a channel\'s topics in order', async () => {
        await store.subscribe(c2, 'tips', T0);
        await store.subscribe(c1, 'tips', T0);
        await store.subscribe(c2, 'partnership', T0);
        expect((await store.subscribersOf('tips')).map((s) => [s.platform, s.channelId])).toEqual([
          ['slack', 'C1'],
          ['teams', '19:team@thread.tacv2'],
        ]);
        expect((await store.subscriptionsFor(c2)).map((s) => s.topic)).toEqual(['partnership', 'tips']);
        expect(await store.subscribersOf('nothing')).toEqual([]);
      });

      it('disables every subscription of a channel that is gone, and subscribing again re-enables it', async () => {
        await store.subscribe(c1, 'tips', T0);
        await store.subscribe(c1, 'awareness-days', T0);
        await store.subscribe(c2, 'tips', T0);

        expect(await store.disableChannel(c1, 'channel_not_found', plus(MINUTE))).toBe(2);
        expect(await store.disableChannel(c1, 'channel_not_found', plus(2 * MINUTE))).toBe(0);
        expect((await store.subscribersOf('tips')).map((s) => s.channelId)).toEqual([c2.channelId]);
        expect((await store.subscriptionsFor(c1)).map((s) => [s.topic, s.disabledAt, s.disabledReason])).toEqual([
          ['awareness-days', plus(MINUTE).toISOString(), 'channel_not_found'],
          ['tips', plus(MINUTE).toISOString(), 'channel_not_found'],
        ]);

        expect(await store.subscribe(c1, 'tips', plus(3 * MINUTE))).toBe(true);
        const tips = (await store.subscriptionsFor(c1)).find((s) => s.topic === 'tips');
        expect(tips).toMatchObject({ disabledAt: null, disabledReason: null, createdAt: T0.toISOString() });
        expect((await store.subscribersOf('tips')).map((s) => s.channelId)).toEqual(['C1', c2.channelId]);
        expect(await store.subscribersOf('awareness-days')).toEqual([]);
      });

      it('unsubscribes, saying whether there was anything to remove', async () => {
        await store.subscribe(c1, 'tips', T0);
        expect(await store.unsubscribe(c1, 'tips')).toBe(true);
        expect(await store.unsubscribe(c1, 'tips')).toBe(false);
        expect(await store.subscriptionsFor(c1)).toEqual([]);
      });

      it('keeps the same channel id on different platforms apart', async () => {
        await store.subscribe({ platform: 'slack', channelId: 'X' }, 'tips', T0);
        expect(await store.subscribe({ platform: 'teams', channelId: 'X' }, 'tips', T0)).toBe(true);
        expect(await store.subscribersOf('tips')).toHaveLength(2);
      });

      it('hands out copies: changing a returned subscription changes nothing stored', async () => {
        await store.subscribe(c1, 'tips', T0);
        const [first] = await store.subscriptionsFor(c1);
        first!.disabledAt = 'x';
        expect((await store.subscriptionsFor(c1))[0]!.disabledAt).toBeNull();
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

      it('round-trips a reference exactly, replaces it on save, lists them in order and removes them', async () => {
        await store.saveConversationReference('a:personal', { conversation: { id: 'a:personal' } }, T0);
        await store.saveConversationReference('19:abc@thread.tacv2', reference, T0);
        expect(await store.conversationReference('19:abc@thread.tacv2')).toEqual(reference);
        await store.saveConversationReference('19:abc@thread.tacv2', { ...reference, locale: 'cy-GB' }, plus(MINUTE));
        expect(await store.conversationReference('19:abc@thread.tacv2')).toEqual({ ...reference, locale: 'cy-GB' });
        expect((await store.conversationReferences()).map((r) => r.conversationId)).toEqual(['19:abc@thread.tacv2', 'a:personal']);

        expect(await store.removeConversationReference('19:abc@thread.tacv2')).toBe(true);
        expect(await store.removeConversationReference('19:abc@thread.tacv2')).toBe(false);
        expect(await store.conversationReference('19:abc@thread.tacv2')).toBeUndefined();
      });

      it('refuses a reference that cannot be written as JSON, and keeps a copy of what it was given', async () => {
        await expect(store.saveConversationReference('x', undefined, T0)).rejects.toThrow(/JSON/);
        const given = { serviceUrl: 'https://a/', conversation: { id: 'x' } };
        await store.saveConversationReference('x', given, T0);
        given.serviceUrl = 'https://changed/';
        expect(await store.conversationReference('x')).toEqual({ serviceUrl: 'https://a/', conversation: { id: 'x' } });
      });
    });

    describe('reminder deliveries', () => {
      it('lets one caller claim a fresh delivery; a live claim holds against everyone', async () => {
        expect(await store.claimDelivery(key, 'bot-a', T0, STALE)).toBe(true);
        expect(await store.claimDelivery(key, 'bot-b', plus(MINUTE), STALE)).toBe(false);
        expect(await store.claimDelivery(key, 'bot-a', plus(MINUTE), STALE)).toBe(false);
        expect(await store.delivery(key)).toEqual({
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

      it('never claims a delivered one again, however late', async () => {
        await store.claimDelivery(key, 'bot-a', T0, STALE);
        await store.markDelivered(key, plus(2000));
        expect(await store.claimDelivery(key, 'bot-b', plus(365 * 24 * 60 * MINUTE), STALE)).toBe(false);
        expect(await store.delivery(key)).toMatchObject({ status: 'delivered', deliveredAt: plus(2000).toISOString() });
      });

      it('records a delivery marked without a claim (what was sent was sent)', async () => {
        await store.markDelivered(key, T0);
        expect(await store.delivery(key)).toMatchObject({ status: 'delivered', deliveredAt: T0.toISOString() });
      });

      it('re-claims a claim left by a crash once it is older than staleAfterMs, and not before', async () => {
        await store.claimDelivery(key, 'bot-a', T0, STALE);
        expect(await store.claimDelivery(key, 'bot-b', plus(STALE), STALE)).toBe(false);
        expect(await store.claimDelivery(key, 'bot-b', plus(STALE + 1), STALE)).toBe(true);
        expect(await store.delivery(key)).toMatchObject({
          status: 'claimed',
          claimedBy: 'bot-b',
          claimedAt: plus(STALE + 1).toISOString(),
          attempts: 2,
        });
        // The new claim is live again.
        expect(await store.claimDelivery(key, 'bot-a', plus(STALE + 2), STALE)).toBe(false);
      });

      it('refuses a staleAfterMs that is not a non-negative number', async () => {
        await expect(store.claimDelivery(key, 'bot-a', T0, -1)).rejects.toThrow(RangeError);
        await expect(store.claimDelivery(key, 'bot-a', T0, Number.NaN)).rejects.toThrow(RangeError);
      });

      it('re-claims after a transient failure, at once, keeping the error', async () => {
        await store.claimDelivery(key, 'bot-a', T0, STALE);
        await store.markFailed(key, 'HTTP 503', plus(1000), false);
        expect(await store.delivery(key)).toMatchObject({ status: 'failed', permanent: false, lastError: 'HTTP 503' });
        expect(await store.claimDelivery(key, 'bot-a', plus(2000), STALE)).toBe(true);
        expect(await store.delivery(key)).toMatchObject({ status: 'claimed', attempts: 2, lastError: 'HTTP 503' });
        await store.markDelivered(key, plus(3000));
        expect(await store.deliveries({ status: 'delivered' })).toHaveLength(1);
      });

      it('never re-claims a permanent failure', async () => {
        await store.claimDelivery(key, 'bot-a', T0, STALE);
        await store.markFailed(key, 'channel_not_found', plus(1000), true);
        expect(await store.claimDelivery(key, 'bot-a', plus(2000), STALE)).toBe(false);
        expect(await store.claimDelivery(key, 'bot-b', plus(STALE * 100), STALE)).toBe(false);
        // A later transient report cannot turn it back into a retryable one.
        await store.markFailed(key, 'HTTP 500', plus(3000), false);
        expect(await store.delivery(key)).toMatchObject({ status: 'failed', permanent: true, lastError: 'channel_not_found' });
      });

      it('never turns a delivered one into a failed one', async () => {
        await store.claimDelivery(key, 'bot-a', T0, STALE);
        await store.markDelivered(key, plus(1000));
        await store.markFailed(key, 'timeout', plus(2000), false);
        expect(await store.delivery(key)).toMatchObject({ status: 'delivered', lastError: null });
      });

      it('records a skipped occurrence so it is never sent later, and does not skip a delivered one', async () => {
        await store.markSkipped(key, 'older than the catch-up window', T0);
        expect(await store.claimDelivery(key, 'bot-a', plus(MINUTE), STALE)).toBe(false);
        expect(await store.delivery(key)).toMatchObject({
          status: 'skipped',
          attempts: 0,
          lastError: 'older than the catch-up window',
        });

        const other = { ...key, channelId: 'C0OTHER' };
        await store.claimDelivery(other, 'bot-a', T0, STALE);
        await store.markDelivered(other, plus(1000));
        await store.markSkipped(other, 'older than the catch-up window', plus(2000));
        expect((await store.delivery(other))?.status).toBe('delivered');
      });

      it('treats the same instant written differently as the same delivery, and refuses one that is not a date', async () => {
        expect(await store.claimDelivery({ ...key, occurrence: '2026-10-18T08:00:00Z' }, 'bot-a', T0, STALE)).toBe(true);
        expect(await store.claimDelivery({ ...key, occurrence: '2026-10-18T09:00:00+01:00' }, 'bot-b', T0, STALE)).toBe(false);
        expect((await store.delivery(key))?.occurrence).toBe('2026-10-18T08:00:00.000Z');
        await expect(store.claimDelivery({ ...key, occurrence: 'yesterday' }, 'bot-a', T0, STALE)).rejects.toThrow(/not a date/);
      });

      it('keeps each (reminder, occurrence, channel) separate, and filters and orders the list', async () => {
        const keys: DeliveryKey[] = [
          { ...key, occurrence: '2027-10-18T08:00:00.000Z' },
          { ...key, reminderId: 'world-day' },
          key,
          { ...key, channelId: 'C2' },
          { ...key, platform: 'teams' },
        ];
        for (const k of keys) expect(await store.claimDelivery(k, 'bot-a', T0, STALE)).toBe(true);
        await store.markDelivered(keys[3]!, T0);
        expect((await store.deliveries()).map((d) => [d.occurrence.slice(0, 4), d.reminderId, d.platform, d.channelId])).toEqual([
          ['2026', 'anti-slavery-day', 'slack', 'C0PARTNERS'],
          ['2026', 'anti-slavery-day', 'slack', 'C2'],
          ['2026', 'anti-slavery-day', 'teams', 'C0PARTNERS'],
          ['2026', 'world-day', 'slack', 'C0PARTNERS'],
          ['2027', 'anti-slavery-day', 'slack', 'C0PARTNERS'],
        ]);
        expect(await store.deliveries({ reminderId: 'world-day' })).toHaveLength(1);
        expect((await store.deliveries({ status: 'delivered' })).map((d) => d.channelId)).toEqual(['C2']);
        expect(await store.deliveries({ reminderId: 'anti-slavery-day', status: 'claimed' })).toHaveLength(3);
        expect(await store.delivery({ ...key, channelId: 'never' })).toBeUndefined();
      });

      it('gives times as ISO strings in UTC', async () => {
        await store.claimDelivery(key, 'bot-a', new Date('2026-03-29T01:30:00+01:00'), STALE);
        expect((await store.delivery(key))?.claimedAt).toBe('2026-03-29T00:30:00.000Z');
      });
    });

    describe('platform event de-duplication', () => {
      it('says true the first time a key is seen and false for retries', async () => {
        expect(await store.markEventSeen('slack:Ev123', T0)).toBe(true);
        expect(await store.markEventSeen('slack:Ev123', plus(1000))).toBe(false);
        expect(await store.markEventSeen('slack:Ev124', plus(1000))).toBe(true);
      });

      it('forgets keys older than the retention period', async () => {
        await reopen({ eventRetentionMs: 60 * MINUTE });
        await store.markEventSeen('old', T0);
        await store.markEventSeen('recent', plus(30 * MINUTE));
        await store.markEventSeen('tick', plus(61 * MINUTE));
        expect(await store.markEventSeen('recent', plus(62 * MINUTE))).toBe(false);
        expect(await store.markEventSeen('old', plus(62 * MINUTE))).toBe(true);
      });
    });

    describe('meta', () => {
      it('sets, replaces and reads small values', async () => {
        expect(await store.getMeta('scheduler.lastRun')).toBeUndefined();
        await store.setMeta('scheduler.lastRun', 'a');
        await store.setMeta('scheduler.lastRun', 'b');
        expect(await store.getMeta('scheduler.lastRun')).toBe('b');
      });
    });

    describe('feedback and unanswered questions are stored redacted', () => {
      const question = 'Victim DOB 12/03/1998 at SW1A 1AA, phone 07700 900123, email v@example.com — NRM referral?';
      const redacted = 'Victim DOB [date] at [postcode], phone [phone], email [email] — NRM referral?';

      it('redacts the question on feedback', async () => {
        await store.recordFeedback({ entryId: 'nrm-referral', helpful: false, platform: 'teams', question }, T0);
        await store.recordFeedback({ entryId: 'duty-to-notify', helpful: true, platform: 'console' }, plus(1000));
        expect(await store.feedback()).toEqual([
          { id: expect.any(String), entryId: 'nrm-referral', helpful: false, platform: 'teams', question: redacted, reason: null, at: T0.toISOString() },
          { id: expect.any(String), entryId: 'duty-to-notify', helpful: true, platform: 'console', question: null, reason: null, at: plus(1000).toISOString() },
        ]);
      });

      it('redacts unanswered questions, and lists the newest first, as many as asked for', async () => {
        await store.recordUnanswered({ question, status: 'no_match', platform: 'slack', score: 0.12 }, T0);
        await store.recordUnanswered({ question: 'MS1 form or NRM?', status: 'ambiguous', platform: 'console', score: 0.5 }, plus(1000));
        expect(await store.unanswered()).toEqual([
          { question: 'MS1 form or NRM?', status: 'ambiguous', platform: 'console', score: 0.5, at: plus(1000).toISOString() },
          { question: redacted, status: 'no_match', platform: 'slack', score: 0.12, at: T0.toISOString() },
        ]);
        expect(await store.unanswered(1)).toHaveLength(1);
        expect((await store.unanswered(100, plus(1000))).map((u) => u.question)).toEqual(['MS1 form or NRM?']);
        expect(await store.unanswered(100, plus(1001))).toEqual([]);
      });

      it('keeps at most 2,000 characters of a question, cut after redaction', async () => {
        // The number straddles the 2,000th character as written, and fits once it is "[phone]".
        const long = `${'why '.repeat(497)}07700 900123 ${'x'.repeat(5_000)}`;
        await store.recordUnanswered({ question: long, status: 'no_match', platform: 'slack', score: 0 }, T0);
        const [row] = await store.unanswered();
        expect(row!.question).toHaveLength(2_000);
        expect(row!.question).toContain('why [phone] xxx');
        expect(row!.question).not.toMatch(/\d/);
        expect(row!.question.endsWith('…')).toBe(true);
      });
    });

    describe('feedback reasons', () => {
      it('gives each feedback its own id, and records the reason picked after 👎 against it, the latest pick winning', async () => {
        const down = await store.recordFeedback({ entryId: 'nrm-referral', helpful: false, platform: 'slack', question: 'nrm for Jane Doe' }, T0);
        const up = await store.recordFeedback({ entryId: 'nrm-referral', helpful: true, platform: 'slack' }, T0);
        const other = await store.recordFeedback({ entryId: 'duty-to-notify', helpful: false, platform: 'teams' }, plus(1000));
        expect(new Set([down, up, other]).size).toBe(3);
        expect(down).toMatch(/^[\w-]{16,}$/);

        expect(await store.recordFeedbackReason(down, 'wrong', plus(MINUTE))).toBe(true);
        expect(await store.recordFeedbackReason(down, 'out_of_date', plus(2 * MINUTE))).toBe(true);
        // A 👍 has no reason, and an id the store never gave changes nothing.
        expect(await store.recordFeedbackReason(up, 'missing', plus(MINUTE))).toBe(false);
        expect(await store.recordFeedbackReason('not-an-id', 'missing', plus(MINUTE))).toBe(false);
        expect((await store.feedback()).map((f) => [f.id, f.reason])).toEqual([
          [down, 'out_of_date'],
          [up, null],
          [other, null],
        ]);
      });

      it('refuses a reason that is not one of the four', async () => {
        const id = await store.recordFeedback({ entryId: 'x', helpful: false, platform: 'slack' }, T0);
        await expect(store.recordFeedbackReason(id, 'rude' as never, T0)).rejects.toThrow(RangeError);
        expect((await store.feedback())[0]!.reason).toBeNull();
      });

      it('lists feedback given since a time, oldest first', async () => {
        await store.recordFeedback({ entryId: 'late', helpful: false, platform: 'slack' }, plus(2000));
        await store.recordFeedback({ entryId: 'early', helpful: true, platform: 'slack' }, T0);
        expect((await store.feedback()).map((f) => f.entryId)).toEqual(['early', 'late']);
        expect((await store.feedback(plus(2000))).map((f) => f.entryId)).toEqual(['late']);
      });
    });

    describe('questions asked (the outcome, never the text)', () => {
      it('records each question\'s outcome and lists those since a time, oldest first', async () => {
        await store.recordQuestion({ platform: 'slack', status: 'answered', urgent: false, entryId: 'nrm-referral' }, plus(2000));
        await store.recordQuestion({ platform: 'teams', status: 'no_match', urgent: false, entryId: null }, T0);
        await store.recordQuestion({ platform: 'console', status: 'answered', urgent: true, entryId: 'danger-now' }, plus(1000));
        expect(await store.questions(T0)).toEqual([
          { at: T0.toISOString(), platform: 'teams', status: 'no_match', urgent: false, entryId: null },
          { at: plus(1000).toISOString(), platform: 'console', status: 'answered', urgent: true, entryId: 'danger-now' },
          { at: plus(2000).toISOString(), platform: 'slack', status: 'answered', urgent: false, entryId: 'nrm-referral' },
        ]);
        expect((await store.questions(plus(1000))).map((q) => q.platform)).toEqual(['console', 'slack']);
      });
    });

    describe('retention', () => {
      it('forgets questions, unanswered questions and feedback recorded before a time, and keeps the rest', async () => {
        const old = plus(-91 * 24 * 60 * MINUTE);
        await store.recordQuestion({ platform: 'slack', status: 'no_match', urgent: false, entryId: null }, old);
        await store.recordQuestion({ platform: 'slack', status: 'answered', urgent: false, entryId: 'a' }, T0);
        await store.recordUnanswered({ question: 'old one', status: 'no_match', platform: 'slack', score: 0 }, old);
        await store.recordUnanswered({ question: 'new one', status: 'no_match', platform: 'slack', score: 0 }, T0);
        await store.recordFeedback({ entryId: 'a', helpful: false, platform: 'slack', question: 'old' }, old);
        await store.recordFeedback({ entryId: 'b', helpful: true, platform: 'slack' }, T0);
        await store.subscribe({ platform: 'slack', channelId: 'C1' }, 'tips', old);
        await store.setMeta('k', 'v');

        const oldDone = await store.createHandoff(handoffInput, old);
        await store.cancelHandoff(oldDone.id, old);
        const oldOpen = await store.createHandoff(handoffInput, old);
        await store.openHandoff(oldOpen.id, times, old);

        expect(await store.forgetBefore(plus(-90 * 24 * 60 * MINUTE))).toEqual({ questions: 1, unanswered: 1, feedback: 1, handoffs: 1 });
        expect(await store.forgetBefore(plus(-90 * 24 * 60 * MINUTE))).toEqual({ questions: 0, unanswered: 0, feedback: 0, handoffs: 0 });
        expect((await store.handoffs()).map((h) => h.id)).toEqual([oldOpen.id]);
        expect((await store.questions(new Date(0))).map((q) => q.entryId)).toEqual(['a']);
        expect((await store.unanswered()).map((u) => u.question)).toEqual(['new one']);
        expect((await store.feedback()).map((f) => f.entryId)).toEqual(['b']);
        expect(await store.subscribersOf('tips')).toHaveLength(1);
        expect(await store.getMeta('k')).toBe('v');
      });
    });

    describe('hand-offs to expert teams', () => {
      it('keeps a draft with the question redacted, and nothing else set', async () => {
        const draft = await store.createHandoff({ ...handoffInput, question: 'Jane, DOB 12/03/1998, phone 07700 900123: who in Leeds?' }, T0);
        expect(draft).toEqual({
          ...handoffInput,
          question: 'Jane, DOB [date], phone [phone]: who in Leeds?',
          id: expect.stringMatching(/^[\w-]{16,}$/),
          status: 'draft',
          createdAt: T0.toISOString(),
          openedAt: null,
          expiresAt: null,
          remindAt: null,
          remindedAt: null,
          postedAt: null,
          postRef: null,
          answeredAt: null,
          closedAt: null,
          answers: 0,
        });
        expect(await store.handoff(draft.id)).toEqual(draft);
        expect(await store.handoff('not-an-id')).toBeUndefined();
      });

      it('opens a draft once (a double click confirms once), only with a team, and a cancelled one never', async () => {
        const noTeam = await store.createHandoff({ ...handoffInput, teamId: null, teamChannel: null }, T0);
        expect(await store.openHandoff(noTeam.id, times, T0)).toBe(false);
        expect(await store.chooseHandoffTeam(noTeam.id, 'leeds', 'C0LEEDS', T0)).toBe(true);
        const [a, b] = await Promise.all([store.openHandoff(noTeam.id, times, plus(1000)), store.openHandoff(noTeam.id, times, plus(1000))]);
        expect([a, b].filter(Boolean)).toHaveLength(1);
        expect(await store.handoff(noTeam.id)).toMatchObject({
          status: 'open',
          teamId: 'leeds',
          teamChannel: 'C0LEEDS',
          openedAt: plus(1000).toISOString(),
          expiresAt: times.expiresAt.toISOString(),
          remindAt: times.remindAt.toISOString(),
        });
        expect(await store.chooseHandoffTeam(noTeam.id, 'other', 'C0OTHER', T0)).toBe(false);
        expect(await store.cancelHandoff(noTeam.id, T0)).toBe(false);

        const cancelled = await store.createHandoff(handoffInput, T0);
        expect(await store.cancelHandoff(cancelled.id, plus(1000))).toBe(true);
        expect(await store.openHandoff(cancelled.id, times, plus(2000))).toBe(false);
        expect(await store.handoff(cancelled.id)).toMatchObject({ status: 'cancelled', closedAt: plus(1000).toISOString(), openedAt: null });
      });

      it('finds a hand-off by its post in the team channel, counts answers (the first closes it) and keeps them redacted', async () => {
        const h = await store.createHandoff(handoffInput, T0);
        await store.openHandoff(h.id, times, T0);
        await store.markHandoffPosted(h.id, '1700000000.000100', plus(1000));
        expect(await store.handoffByPost('slack', 'C0LEEDS', '1700000000.000100')).toMatchObject({ id: h.id, postedAt: plus(1000).toISOString() });
        expect(await store.handoffByPost('slack', 'C0OTHER', '1700000000.000100')).toBeUndefined();

        expect(await store.recordHandoffAnswer(h.id, { expert: 'U0EXPERT', text: 'Call the MASH on 01632 960123' }, plus(MINUTE))).toEqual({ seq: 1, first: true });
        expect(await store.recordHandoffAnswer(h.id, { expert: 'U0OTHER', text: 'Also the ICTG' }, plus(2 * MINUTE))).toEqual({ seq: 2, first: false });
        expect(await store.handoff(h.id)).toMatchObject({ status: 'answered', answeredAt: plus(MINUTE).toISOString(), answers: 2 });
        expect(await store.handoffAnswer(h.id, 1)).toEqual({ handoffId: h.id, seq: 1, expert: 'U0EXPERT', text: 'Call the MASH on [phone]', at: plus(MINUTE).toISOString() });
        expect(await store.handoffAnswer(h.id, 3)).toBeUndefined();
        // An answered hand-off no longer expires; a draft takes no answers.
        expect(await store.expireHandoff(h.id, plus(HOUR))).toBe(false);
        const draft = await store.createHandoff(handoffInput, T0);
        expect(await store.recordHandoffAnswer(draft.id, { expert: 'U0EXPERT', text: 'x' }, T0)).toBeUndefined();
      });

      it('expires an open hand-off once, still takes a late answer, and records the reminder', async () => {
        const h = await store.createHandoff(handoffInput, T0);
        await store.openHandoff(h.id, times, T0);
        await store.markHandoffReminded(h.id, plus(2 * HOUR));
        expect(await store.expireHandoff(h.id, plus(4 * HOUR))).toBe(true);
        expect(await store.expireHandoff(h.id, plus(5 * HOUR))).toBe(false);
        expect(await store.handoff(h.id)).toMatchObject({ status: 'expired', remindedAt: plus(2 * HOUR).toISOString(), closedAt: plus(4 * HOUR).toISOString() });
        expect(await store.recordHandoffAnswer(h.id, { expert: 'U0EXPERT', text: 'Sorry, late' }, plus(5 * HOUR))).toEqual({ seq: 1, first: true });
        expect((await store.handoff(h.id))!.status).toBe('expired');
      });

      it('lists hand-offs by state and since a time, oldest first', async () => {
        const early = await store.createHandoff(handoffInput, T0);
        const late = await store.createHandoff(handoffInput, plus(MINUTE));
        await store.openHandoff(late.id, times, plus(MINUTE));
        expect((await store.handoffs()).map((h) => h.id)).toEqual([early.id, late.id]);
        expect((await store.handoffs({ status: ['open'] })).map((h) => h.id)).toEqual([late.id]);
        expect((await store.handoffs({ status: ['draft', 'open'], since: plus(1) })).map((h) => h.id)).toEqual([late.id]);
        expect(await store.handoffs({ status: [] })).toEqual([]);
      });
    });

    describe('what the report reads besides', () => {
      it('lists every subscription, disabled ones included, by platform, channel and topic', async () => {
        await store.subscribe({ platform: 'teams', channelId: 'T1' }, 'tips', T0);
        await store.subscribe({ platform: 'slack', channelId: 'C2' }, 'tips', T0);
        await store.subscribe({ platform: 'slack', channelId: 'C2' }, 'awareness-days', T0);
        await store.disableChannel({ platform: 'teams', channelId: 'T1' }, 'bot removed', plus(MINUTE));
        expect((await store.subscriptions()).map((s) => [s.platform, s.channelId, s.topic, s.disabledReason])).toEqual([
          ['slack', 'C2', 'awareness-days', null],
          ['slack', 'C2', 'tips', null],
          ['teams', 'T1', 'tips', 'bot removed'],
        ]);
      });

      it('lists deliveries of occurrences since a time', async () => {
        await store.markDelivered({ ...key, occurrence: '2026-10-11T08:00:00.000Z' }, T0);
        await store.markDelivered(key, T0);
        expect((await store.deliveries({ since: new Date('2026-10-18T08:00:00Z') })).map((d) => d.occurrence)).toEqual([key.occurrence]);
        expect(await store.deliveries({ since: new Date('2026-10-18T08:00:01Z') })).toEqual([]);
      });
    });

    describe('several instances on the same data', () => {
      const withAnother = async (run: (other: Store) => Promise<void>) => {
        if (!subject.another) return;
        const other = await subject.another();
        try {
          await run(other);
        } finally {
          await other.close();
        }
      };

      it('lets exactly one instance win each delivery when both claim at once, and a delivered one stays delivered for both', async () => {
        await withAnother(async (other) => {
          const keys = Array.from({ length: 12 }, (_, i) => ({ ...key, channelId: `C${i}` }));
          const won = await Promise.all(
            keys.map(async (k) => {
              const [a, b] = await Promise.all([store.claimDelivery(k, 'bot-a', T0, STALE), other.claimDelivery(k, 'bot-b', T0, STALE)]);
              return Number(a) + Number(b);
            }),
          );
          expect(won).toEqual(keys.map(() => 1));
          const first = keys[0]!;
          const holder = (await other.delivery(first))!.claimedBy === 'bot-a' ? store : other;
          await holder.markDelivered(first, plus(1000));
          expect(await store.claimDelivery(first, 'bot-a', plus(STALE * 10), STALE)).toBe(false);
          expect(await other.claimDelivery(first, 'bot-b', plus(STALE * 10), STALE)).toBe(false);
          expect(await other.delivery(first)).toMatchObject({ status: 'delivered', attempts: 1 });
        });
      });

      it('answers a platform event once however many instances receive it', async () => {
        await withAnother(async (other) => {
          const firsts = await Promise.all(
            Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? store : other).markEventSeen('slack:EvShared', plus(i))),
          );
          expect(firsts.filter(Boolean)).toHaveLength(1);
          expect(await other.markEventSeen('teams:19:x:1', T0)).toBe(true);
          expect(await store.markEventSeen('teams:19:x:1', plus(1000))).toBe(false);
        });
      });

      it('shares subscriptions, conversation references and meta', async () => {
        await withAnother(async (other) => {
          await store.subscribe({ platform: 'teams', channelId: '19:t' }, 'tips', T0);
          await store.saveConversationReference('19:t', { serviceUrl: 'https://smba.example/' }, T0);
          await store.setMeta('reminders.last_tick', T0.toISOString());
          expect((await other.subscribersOf('tips')).map((s) => s.channelId)).toEqual(['19:t']);
          expect(await other.conversationReference('19:t')).toEqual({ serviceUrl: 'https://smba.example/' });
          expect(await other.getMeta('reminders.last_tick')).toBe(T0.toISOString());
          expect(await other.subscribe({ platform: 'teams', channelId: '19:t' }, 'tips', plus(1000))).toBe(false);
        });
      });
    });

    describe('a restart', () => {
      it('keeps every kind of data, where the store keeps anything across one', async () => {
        if (!subject.reopen) return;
        await store.subscribe({ platform: 'slack', channelId: 'C1' }, 'awareness-days', T0);
        await store.saveConversationReference('19:abc@thread.tacv2', { serviceUrl: 'https://smba.example/' }, T0);
        await store.claimDelivery(key, 'bot-a', T0, STALE);
        await store.markDelivered(key, plus(1000));
        await store.markEventSeen('slack:Ev01', T0);
        await store.setMeta('scheduler.lastRun', T0.toISOString());
        await store.recordFeedback({ entryId: 'nrm-referral', helpful: true, platform: 'slack' }, T0);
        await store.recordUnanswered({ question: 'what about bees', status: 'no_match', platform: 'teams', score: 0.1 }, T0);
        const down = await store.recordFeedback({ entryId: 'nrm-referral', helpful: false, platform: 'teams' }, T0);
        await store.recordFeedbackReason(down, 'missing', T0);
        await store.recordQuestion({ platform: 'slack', status: 'answered', urgent: false, entryId: 'nrm-referral' }, T0);
        const handoff = await store.createHandoff(handoffInput, T0);
        await store.openHandoff(handoff.id, times, T0);
        await store.markHandoffPosted(handoff.id, '1.2', T0);
        store = await subject.reopen();

        expect((await store.subscribersOf('awareness-days')).map((s) => s.channelId)).toEqual(['C1']);
        expect(await store.conversationReference('19:abc@thread.tacv2')).toEqual({ serviceUrl: 'https://smba.example/' });
        expect((await store.delivery(key))?.status).toBe('delivered');
        expect(await store.claimDelivery(key, 'bot-b', plus(STALE * 10), STALE)).toBe(false);
        expect(await store.markEventSeen('slack:Ev01', plus(MINUTE))).toBe(false);
        expect(await store.getMeta('scheduler.lastRun')).toBe(T0.toISOString());
        expect((await store.feedback()).map((f) => f.reason)).toEqual([null, 'missing']);
        expect(await store.recordFeedbackReason(down, 'wrong', plus(MINUTE))).toBe(true);
        expect(await store.unanswered()).toHaveLength(1);
        expect(await store.questions(T0)).toHaveLength(1);
        expect(await store.handoffByPost('slack', 'C0LEEDS', '1.2')).toMatchObject({ id: handoff.id, status: 'open' });
      });
    });
  });
}
