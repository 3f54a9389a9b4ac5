// The reminder sender: what the scheduler learns from each way a post can fail. It never waits by itself.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';
import { visibleText } from './fake-slack.ts';
import type { ReminderPost } from '../../src/reminders/sender.ts';
import { createSlackWeb } from '../../src/channels/slack/web.ts';
import { createSlackSender } from '../../src/channels/slack/sender.ts';
import { entry } from './answers.ts';
import { form, postSigned } from './signed.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const post: ReminderPost = {
  reminder: {
    id: 'anti-slavery-day',
    title: 'UK Anti-Slavery Day',
    message: 'Today is Anti-Slavery Day: share how to spot the signs.',
    topic: 'awareness-days',
    timezone: 'Europe/London',
    yearly: '10-18',
  },
  occurrence: new Date('2026-10-18T08:00:00Z'),
  localTime: 'Sun 18 Oct 2026, 09:00 BST',
  entry: entry({ id: 'what-is-modern-slavery', title: 'What modern slavery means' }),
};

describe('Slack reminder sender', () => {
  it('posts the reminder into the channel', async () => {
    expect(h.channel.sender.platform).toBe('slack');
    expect(await h.channel.sender.send('C42', post)).toEqual({ ok: true });
    const call = await h.slack.waitFor('chat.postMessage');
    expect(call.args.channel).toBe('C42');
    const text = visibleText(call.args);
    expect(text).toContain('🔔 UK Anti-Slavery Day');
    expect(text).toContain('Sun 18 Oct 2026, 09:00 BST');
    expect(text).toContain('What modern slavery means');
    expect(text).toContain('Read more');
  });

  for (const error of ['channel_not_found', 'not_in_channel', 'is_archived']) {
    it(`reports ${error} as gone`, async () => {
      h.slack.reply('chat.postMessage', { status: 200, body: { ok: false, error } });
      expect(await h.channel.sender.send('C42', post)).toEqual({ ok: false, kind: 'gone', error });
    });
  }

  it('reports 429 as rate limited with Retry-After, without waiting or retrying', async () => {
    h.slack.reply('chat.postMessage', { status: 429, headers: { 'retry-after': '30' }, body: { ok: false, error: 'ratelimited' } });
    expect(await h.channel.sender.send('C42', post)).toEqual({ ok: false, kind: 'rate_limited', retryAfterMs: 30_000, error: 'rate_limited' });
    expect(h.sleeps).toEqual([]);
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('reports a 5xx as transient', async () => {
    h.slack.reply('chat.postMessage', { status: 503, body: { ok: false } });
    expect(await h.channel.sender.send('C42', post)).toMatchObject({ ok: false, kind: 'transient', error: 'http_503' });
  });

  it('reports a network failure as transient', async () => {
    const web = createSlackWeb({ botToken: 'xoxb-1-2-x', apiUrl: 'http://127.0.0.1:9/api/', rateLimit: { sleep: async () => {}, maxAttempts: 1, maxWaitMs: 0 } });
    const sender = createSlackSender(web, h.log.logger);
    expect(await sender.send('C42', post)).toMatchObject({ ok: false, kind: 'transient', error: 'network_error' });
  });

  it('answers "Read more" privately to whoever clicked', async () => {
    const payload = {
      type: 'block_actions',
      user: { id: 'U7', username: 'analyst', team_id: 'T1' },
      api_app_id: 'A1',
      token: 'legacy',
      trigger_id: '1.2.3',
      team: { id: 'T1', domain: 'test' },
      container: { type: 'message', message_ts: '1.2', channel_id: 'C42', is_ephemeral: false },
      channel: { id: 'C42', name: 'partnership' },
      response_url: h.slack.responseUrl(),
      actions: [{ type: 'button', action_id: 'msht_more', block_id: 'msht_reminder_more', value: 'what-is-modern-slavery', action_ts: '1.3' }],
    };
    await postSigned(h.eventsUrl, form({ payload: JSON.stringify(payload) }), { contentType: 'application/x-www-form-urlencoded' });
    const call = await h.slack.waitFor('chat.postEphemeral');
    expect(call.args).toMatchObject({ channel: 'C42', user: 'U7' });
    expect(visibleText(call.args)).toContain('What modern slavery means');
  });
});
