// The reminder sender: what the scheduler learns from each way a post can fail. It never waits by itself.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';
import { visibleText } from './fake-slack.ts';
import type { ReminderPost } from '../../src/reminders/sender.ts';
import { createSlackWeb } from '../../src/channels/slack/web.ts';
import { createSlackSender } from '../../src/channels/slack/sender.ts';
import { classifySendError } from '../../src/channels/slack/retry.ts';
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

const C42 = { conversation: 'C42' };
const reminder = { kind: 'reminder', post } as const;

describe('Slack reminder sender', () => {
  it('posts the reminder into the channel', async () => {
    expect(h.channel.platform).toBe('slack');
    expect(await h.channel.send(C42, reminder)).toEqual({ ok: true, ref: expect.any(String) });
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
      expect(await h.channel.send(C42, reminder)).toEqual({ ok: false, kind: 'gone', error });
    });
  }

  it('reports 429 as rate limited with Retry-After, without waiting or retrying', async () => {
    h.slack.reply('chat.postMessage', { status: 429, headers: { 'retry-after': '30' }, body: { ok: false, error: 'ratelimited' } });
    expect(await h.channel.send(C42, reminder)).toEqual({ ok: false, kind: 'rate_limited', retryAfterMs: 30_000, error: 'rate_limited' });
    expect(h.sleeps).toEqual([]);
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  for (const error of ['invalid_auth', 'account_inactive', 'token_revoked', 'not_authed', 'token_expired', 'missing_scope']) {
    it(`reports ${error} (the bot's own token) as unauthorized, never as gone`, async () => {
      h.slack.reply('chat.postMessage', { status: 200, body: { ok: false, error } });
      expect(await h.channel.send(C42, reminder)).toEqual({ ok: false, kind: 'unauthorized', error });
    });
  }

  for (const error of ['fatal_error', 'internal_error']) {
    it(`reports ${error} (Slack: "some aspect of the operation" may have succeeded) as outcome unknown`, async () => {
      h.slack.reply('chat.postMessage', { status: 200, body: { ok: false, error } });
      expect(await h.channel.send(C42, reminder)).toEqual({ ok: false, kind: 'unknown', error });
    });
  }

  it('reports a 5xx as transient', async () => {
    h.slack.reply('chat.postMessage', { status: 503, body: { ok: false } });
    expect(await h.channel.send(C42, reminder)).toMatchObject({ ok: false, kind: 'transient', error: 'http_503' });
  });

  it('reports a 5xx whose body says it failed as transient, and one that does not say so as outcome unknown', async () => {
    h.slack.reply('chat.postMessage', { status: 500, body: { ok: false, error: 'service_unavailable' } });
    expect(await h.channel.send(C42, reminder)).toMatchObject({ ok: false, kind: 'transient' });
    h.slack.reply('chat.postMessage', { status: 500, body: { ok: false, error: 'internal_error' } });
    expect(await h.channel.send(C42, reminder)).toMatchObject({ ok: false, kind: 'unknown' });
    for (const status of [500, 502, 504]) {
      h.slack.reply('chat.postMessage', { status, body: 'upstream timed out' });
      expect(await h.channel.send(C42, reminder)).toEqual({ ok: false, kind: 'unknown', error: `http_${status}` });
    }
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(5); // each sent once: the client never retries
  });

  it('reports a network failure as transient', async () => {
    const web = createSlackWeb({ botToken: 'xoxb-1-2-x', apiUrl: 'http://127.0.0.1:9/api/', retry: { sleep: async () => {}, maxAttempts: 1, budgetMs: 0, firstDelayMs: 0, maxDelayMs: 0 } });
    const sender = createSlackSender(web, h.log.log);
    expect(await sender.send(C42, reminder)).toMatchObject({ ok: false, kind: 'transient', error: 'network_error' });
  });

  describe('when the request reached Slack but no answer came back', () => {
    /** A Web API stand-in that reads each whole request, then misbehaves as told. */
    async function misbehavingSlack(behaviour: 'hang-up' | 'cut-off' | 'silent') {
      let requests = 0;
      const server = createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          requests += 1;
          if (behaviour === 'hang-up') return void req.socket.destroy();
          if (behaviour === 'silent') return; // the client's timeout ends it
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': '200' });
          res.write('{"ok":true,"ch', () => req.socket.destroy());
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
      const web = createSlackWeb({
        botToken: 'xoxb-1-2-x',
        apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`,
        retry: { sleep: async () => {}, maxAttempts: 1, budgetMs: 0, firstDelayMs: 0, maxDelayMs: 0 },
        timeoutMs: 100,
      });
      return {
        sender: createSlackSender(web, h.log.log),
        requests: () => requests,
        close: () =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      };
    }

    for (const behaviour of ['hang-up', 'cut-off', 'silent'] as const) {
      it(`reports a ${behaviour === 'silent' ? 'timeout' : behaviour} after the request was sent as outcome unknown, sent once`, async () => {
        const slack = await misbehavingSlack(behaviour);
        try {
          const result = await slack.sender.send(C42, reminder);
          expect(result).toMatchObject({ ok: false, kind: 'unknown', error: expect.stringContaining('after the request was sent') });
          if (behaviour === 'silent') expect(result).toMatchObject({ error: 'timeout after the request was sent' });
          expect(slack.requests()).toBe(1);
        } finally {
          await slack.close();
        }
      });
    }
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

describe('Slack send error classification', () => {
  const requestError = (code: string, writableFinished: boolean | undefined) => ({
    code: 'slack_webapi_request_error',
    original: { code, message: code, ...(writableFinished === undefined ? {} : { request: { writableFinished } }) },
  });

  it('retries what cannot have reached Slack: refused, DNS, TLS, or cut off before the request was fully sent', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'CERT_HAS_EXPIRED']) {
      expect(classifySendError(requestError(code, undefined))).toEqual({ ok: false, kind: 'transient', error: 'network_error' });
    }
    expect(classifySendError(requestError('ECONNRESET', false))).toMatchObject({ kind: 'transient' });
    expect(classifySendError(requestError('ECONNABORTED', false))).toMatchObject({ kind: 'transient' });
  });

  it('never retries what may have reached Slack: a timeout or reset after sending, or when it cannot tell', () => {
    expect(classifySendError(requestError('ECONNABORTED', true))).toEqual({ ok: false, kind: 'unknown', error: 'timeout after the request was sent' });
    expect(classifySendError(requestError('ETIMEDOUT', true))).toMatchObject({ kind: 'unknown' });
    expect(classifySendError(requestError('ECONNRESET', true))).toEqual({ ok: false, kind: 'unknown', error: 'ECONNRESET after the request was sent' });
    expect(classifySendError(requestError('ECONNRESET', undefined))).toMatchObject({ kind: 'unknown' });
  });

  it('disables a channel only for errors about the conversation, never for the token', () => {
    const refused = (error: string) => classifySendError({ code: 'slack_webapi_platform_error', data: { ok: false, error } }).kind;
    expect(['channel_not_found', 'not_in_channel', 'is_archived'].map(refused)).toEqual(['gone', 'gone', 'gone']);
    for (const error of ['account_inactive', 'invalid_auth', 'token_revoked', 'not_authed', 'token_expired']) expect(refused(error)).toBe('unauthorized');
    for (const error of ['user_not_found', 'user_disabled', 'service_unavailable', 'request_timeout', 'invalid_blocks']) expect(refused(error)).toBe('transient');
  });
});
