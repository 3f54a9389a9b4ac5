// An answer is not a reminder: a rare duplicate beats silence. Faults from a load run, through the loopback
// fake of Slack: a 500, a 503, a reset connection, a timeout, a 429 with a long Retry-After. Each is retried
// with backoff (the waits are recorded, not slept); what cannot pass is given up at once; an answer that
// still could not be posted is recorded as undelivered, and a /msht asker is told.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';
import { event as eventAs, shown, slash as slashAs } from './requests.ts';

let h: Harness;
afterEach(() => h.close());

const slash = (text: string) => slashAs(h, text, h.slack.responseUrl());
const dm = (id: string, text: string) => eventAs(h, id, { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text, ts: '1.1' });
const refer = 'Refer an adult to the National Referral Mechanism (NRM)';

describe('an answer to /msht', () => {
  it('is posted after a 500, a 503 and a reset connection, backing off between tries', async () => {
    h = await startHarness();
    h.slack.reply('response_url', { status: 500, body: 'oops' }, { status: 503, body: 'busy' }, { reset: true });
    expect((await slash('how do I make an NRM referral')).status).toBe(200);
    await h.slack.waitFor('response_url', () => h.slack.callsTo('response_url').length === 4);
    const calls = h.slack.callsTo('response_url');
    expect(shown(calls[3]!)).toContain(refer);
    expect(h.sleeps).toEqual([500, 1000, 2000]);
  });

  it('waits out a 429 whose Retry-After is over 30 s, then posts it', async () => {
    h = await startHarness();
    h.slack.reply('response_url', { status: 429, headers: { 'retry-after': '45' }, body: 'slow down' });
    await slash('how do I make an NRM referral');
    await h.slack.waitFor('response_url', () => h.slack.callsTo('response_url').length === 2);
    expect(shown(h.slack.callsTo('response_url')[1]!)).toContain(refer);
    expect(h.sleeps).toEqual([45_000]);
  });

  it('still failing after every try: recorded as undelivered (redacted) and the asker is told, with 999', async () => {
    h = await startHarness();
    h.slack.reply('response_url', ...Array.from({ length: 8 }, () => ({ status: 502, body: 'bad gateway' })));
    await slash('how do I make an NRM referral for Jane Doe 07700 900123');
    const notice = await h.slack.waitFor('chat.postEphemeral');
    expect(notice.args.user).toBe('U1');
    expect(shown(notice)).toMatch(/^If someone is in immediate danger, call 999\..*ask it again/);
    expect(h.slack.callsTo('response_url')).toHaveLength(8);
    expect(h.sleeps).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
    await h.log.waitFor('recorded as undelivered');
    const [row] = await h.store.unanswered();
    expect(row).toMatchObject({ status: 'undelivered', platform: 'slack', question: 'how do I make an NRM referral for [name] [phone]' });
  });

  it('gives up at once on a response_url Slack says is expired, and tells the asker', async () => {
    h = await startHarness();
    h.slack.reply('response_url', { status: 404, body: 'expired_url' });
    await slash('duty to notify');
    await h.slack.waitFor('chat.postEphemeral');
    expect(h.slack.callsTo('response_url')).toHaveLength(1);
    expect(h.sleeps).toEqual([]);
  });
});

describe('an answer to a direct message', () => {
  it('is posted after Slack says service_unavailable and after a call that timed out', async () => {
    h = await startHarness({ webTimeoutMs: 200 });
    h.slack.reply('chat.postMessage', { status: 200, body: { ok: false, error: 'service_unavailable' } }, { hang: true });
    await dm('Ev1', 'duty to notify');
    await h.slack.waitFor('chat.postMessage', () => h.slack.callsTo('chat.postMessage').length === 3);
    await h.log.waitFor('answered a Slack direct message');
    expect(shown(h.slack.callsTo('chat.postMessage')[2]!)).toContain('Duty to Notify');
    expect(h.sleeps).toEqual([500, 1000]);
  });

  it('is not retried when the channel is gone, and is recorded as undelivered', async () => {
    h = await startHarness();
    h.slack.reply('chat.postMessage', { status: 200, body: { ok: false, error: 'channel_not_found' } });
    await dm('Ev2', 'duty to notify');
    await h.log.waitFor('recorded as undelivered');
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(h.sleeps).toEqual([]);
    expect((await h.store.unanswered())[0]).toMatchObject({ status: 'undelivered', question: 'duty to notify' });
  });
});
