// Stopping the Slack channel in HTTP mode. Slack is acknowledged before the answer is worked out, so an
// answer can still be on its way when shutdown starts: stop() waits for it (for a bounded time) so the
// store is not closed under it, and takes on no new work meanwhile. Answers are held at the fake Web API
// and released by the test: no sleeps.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';
import { RESTARTING_TEXT } from '../../src/channels/slack/app.ts';
import { click, event, shown, slash } from './requests.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const dm = (harness: Harness, eventId: string, text: string) =>
  event(harness, eventId, { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text, ts: '1700000001.000100' });

describe('stop()', () => {
  it('waits for an answer in progress to be delivered, and refuses new work while it waits', async () => {
    h = await startHarness();
    const harness = h;
    const release = harness.slack.hold('chat.postMessage');
    await dm(harness, 'EvS1', 'duty to notify');
    const held = await harness.slack.waitFor('chat.postMessage');
    expect(shown(held)).toContain('Duty to Notify');

    let answeredWhenStopped: boolean | undefined;
    const stopped = harness.channel.stop().then(() => {
      answeredWhenStopped = harness.log.lines.some((r) => r.message === 'answered a Slack direct message');
    });

    // New events are refused with 503, so Slack sends them again once the bot is back.
    const refusedEvent = await dm(harness, 'EvS2', 'what is modern slavery');
    expect(refusedEvent.status).toBe(503);
    // A click too: Slack shows the clicker it did not go through.
    const refusedClick = await click(harness, 'msht_open_s0', 'nrm-child-referral', { ephemeral: true, responseUrl: harness.slack.responseUrl() });
    expect(refusedClick.status).toBe(503);
    // A /msht is answered at once with 999 and a "try again", never silence.
    const refusedCommand = await slash(harness, 'someone is in danger now', harness.slack.responseUrl());
    expect(refusedCommand.status).toBe(200);
    expect(JSON.parse(refusedCommand.body)).toEqual({ response_type: 'ephemeral', text: RESTARTING_TEXT });
    expect(RESTARTING_TEXT).toMatch(/^If someone is in immediate danger, call 999\./);

    // Three round trips later, stop() is still waiting for the held answer.
    expect(answeredWhenStopped).toBeUndefined();
    release();
    await stopped;
    expect(answeredWhenStopped).toBe(true);

    // Only the answer that was in progress went out; nothing refused was worked on.
    expect(harness.slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(harness.slack.callsTo('response_url')).toEqual([]);
    expect(await harness.store.markEventSeen('slack:EvS2', new Date())).toBe(true);
  });

  it('returns at once when nothing is in progress, and again when called twice', async () => {
    h = await startHarness();
    await dm(h, 'EvS3', 'duty to notify');
    await h.log.waitFor('answered a Slack direct message');
    const first = h.channel.stop();
    expect(h.channel.stop()).toBe(first);
    await first;
  });

  it('gives up waiting after its bound and says how many answers were cut off', async () => {
    h = await startHarness({ stopWaitMs: 20 });
    const release = h.slack.hold('chat.postMessage');
    await dm(h, 'EvS4', 'duty to notify');
    await h.slack.waitFor('chat.postMessage');
    await h.channel.stop();
    const warning = await h.log.waitFor('Slack stopped with answers still in progress');
    expect(warning.fields).toEqual({ unfinished: 1 });
    // Let the held answer finish before the store closes, as the process would have exited by now.
    release();
    await h.log.waitFor('answered a Slack direct message');
  });
});
