// Socket Mode start-up against a loopback fake: apps.connections.open with the app-level token, the
// WebSocket hello, an events_api envelope acknowledged by envelope id, the answer posted through the Web
// API, and a retried envelope acknowledged but not answered again.
import { afterEach, describe, expect, it } from 'vitest';
import { APP_TOKEN, startHarness, type Harness } from './harness.ts';
import { visibleText } from './fake-slack.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function envelope(envelopeId: string, eventId: string, retryAttempt: number) {
  return JSON.stringify({
    envelope_id: envelopeId,
    type: 'events_api',
    accepts_response_payload: false,
    retry_attempt: retryAttempt,
    retry_reason: retryAttempt > 0 ? 'timeout' : '',
    payload: {
      token: 'legacy',
      team_id: 'T1',
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: eventId,
      event_time: 1700000000,
      authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true }],
      event: { type: 'app_mention', channel: 'C1', user: 'U1', text: '<@UBOT> how do I make an NRM referral', ts: '1700000009.000900' },
    },
  });
}

describe('Socket Mode', () => {
  it('connects with the app-level token, acknowledges an event and answers it once', async () => {
    h = await startHarness({ mode: 'socket' });
    const harness = h;
    expect(harness.channel.mode).toBe('socket');
    // Socket Mode serves nothing over HTTP: no inbound port is needed.
    expect(harness.channel.routes).toEqual([]);

    const started = harness.channel.start();
    const socket = await harness.slack.waitForSocket();
    socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' } }));
    await started;

    const open = harness.slack.callsTo('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]?.authorization).toBe(`Bearer ${APP_TOKEN}`);
    expect(harness.log.lines.some((r) => r.message === 'Slack connected in Socket Mode')).toBe(true);

    socket.send(envelope('env-1', 'EvS1', 0));
    const ack = await harness.slack.waitForSocketMessage((m) => m.envelope_id === 'env-1');
    expect(ack).toEqual({ envelope_id: 'env-1', payload: {} });
    const post = await harness.slack.waitFor('chat.postMessage');
    expect(post.args.thread_ts).toBe('1700000009.000900');
    expect(visibleText(post.args)).toContain('Refer an adult to the National Referral Mechanism (NRM)');

    socket.send(envelope('env-2', 'EvS1', 1));
    await harness.slack.waitForSocketMessage((m) => m.envelope_id === 'env-2');
    await harness.log.waitFor('retry ignored');
    expect(harness.slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('stops start-up naming SLACK_APP_TOKEN when Slack refuses it', async () => {
    h = await startHarness({ mode: 'socket' });
    h.slack.reply('apps.connections.open', { status: 200, body: { ok: false, error: 'invalid_auth' } });
    const failure = await h.channel.start().then(
      () => undefined,
      (error: Error) => error,
    );
    expect(failure?.message).toMatch(/SLACK_APP_TOKEN/);
    expect(failure?.message).toContain('invalid_auth');
    expect(failure?.message).not.toContain(APP_TOKEN);
  });
});
