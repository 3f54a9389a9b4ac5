// Clicking a button on an urgent answer never loses the 999 banner: whatever the click shows (the chosen
// "Did you mean" or related entry, the answer after feedback, the shared answer) still opens with 999, and
// on a message others can see the original is left as it was, banner and all, for everyone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';
import type { RecordedCall } from './fake-slack.ts';
import { buttonOn, click, event, shown, slash } from './requests.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

// In the fixture this is urgent (the danger-now guidance) with "Refer a child to the NRM" offered as
// "Did you mean" and "Refer an adult to the NRM" as related: neither entry is urgent itself.
const URGENT_QUESTION = 'nrm referral locked in a room now';
const CHILD = 'Refer a child to the NRM';
const ADULT = 'Refer an adult to the National Referral Mechanism (NRM)';
const DTN = 'Duty to Notify when an adult does not consent';

/** The message opens with the 999 banner: first block, first words, and first in the notification text. */
function expectOpensWith999(call: RecordedCall, title?: string): void {
  const [first, second] = call.args.blocks as { type: string; text: { text: string } }[];
  expect(first?.type).toBe('section');
  expect(first?.text.text).toMatch(/^:rotating_light: \*999 — if anyone is in danger now, call 999 straight away/);
  expect(call.args.text).toMatch(/^999 /);
  if (title !== undefined) {
    expect(second?.type).toBe('header');
    expect(second?.text.text).toBe(title);
  }
}

/** The button as the user saw it, clicked on the message Slack sends back with the click. */
function messageAsSlackSendsIt(post: RecordedCall, ts: string) {
  return { type: 'message', ts, thread_ts: post.args.thread_ts, text: post.args.text, blocks: post.args.blocks };
}

describe('a "Did you mean" or related click on an urgent answer in a channel thread', () => {
  it('posts the chosen entry as a new reply in the thread, opening with 999, and leaves the answer as it was', async () => {
    const asked = '1700000010.000100';
    await event(h, 'EvU1', { type: 'app_mention', channel: 'C1', user: 'U1', text: `<@UBOT> ${URGENT_QUESTION}`, ts: asked });
    const answer = await h.slack.waitFor('chat.postMessage');
    expectOpensWith999(answer);

    const choice = buttonOn(answer, CHILD);
    await click(h, choice.action_id, choice.value, {
      responseUrl: h.slack.responseUrl(),
      message: messageAsSlackSendsIt(answer, '1700000011.000100'),
    });
    const reply = await h.slack.waitFor('chat.postMessage', (c) => c !== answer);
    expect(reply.args.channel).toBe('C1');
    expect(reply.args.thread_ts).toBe(asked);
    expectOpensWith999(reply, CHILD);
    expect(shown(reply)).toContain('Asked for by <@U1>');
    // The answer everyone can see is not replaced (it would lose its place and could lose its banner).
    expect(h.slack.callsTo('response_url')).toEqual([]);
  });

  it('keeps 999 first on the next click too (a related button on the reply)', async () => {
    const asked = '1700000012.000100';
    await event(h, 'EvU2', { type: 'app_mention', channel: 'C1', user: 'U1', text: `<@UBOT> ${URGENT_QUESTION}`, ts: asked });
    const answer = await h.slack.waitFor('chat.postMessage');
    const first = buttonOn(answer, ADULT);
    await click(h, first.action_id, first.value, { responseUrl: h.slack.responseUrl(), message: messageAsSlackSendsIt(answer, '1700000013.000100') });
    const reply = await h.slack.waitFor('chat.postMessage', (c) => c !== answer);
    expectOpensWith999(reply, ADULT);

    // The reply is in the thread: Slack sends its thread_ts with the click.
    const next = buttonOn(reply, DTN);
    await click(h, next.action_id, next.value, { responseUrl: h.slack.responseUrl(), message: messageAsSlackSendsIt(reply, '1700000014.000100') });
    const third = await h.slack.waitFor('chat.postMessage', (c) => c !== answer && c !== reply);
    expect(third.args.thread_ts).toBe(asked);
    expectOpensWith999(third, DTN);
  });

  it('answers through the click, still 999 first, when it cannot post in the thread', async () => {
    h.slack.reply('chat.postMessage', { status: 200, body: { ok: false, error: 'not_in_channel' } });
    const answer = { type: 'message', ts: '1700000015.000100', text: '999', blocks: [] };
    await click(h, 'msht_open_f0', '999:nrm-adult-referral', { responseUrl: h.slack.responseUrl(), message: answer });
    const reply = await h.slack.waitFor('response_url');
    expect(reply.args).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expectOpensWith999(reply, ADULT);
  });
});

describe('a click on a private urgent answer', () => {
  it('replaces a DM answer in place, 999 first', async () => {
    await event(h, 'EvU3', { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text: URGENT_QUESTION, ts: '1700000020.000100' });
    const answer = await h.slack.waitFor('chat.postMessage');
    const related = buttonOn(answer, ADULT);
    await click(h, related.action_id, related.value, {
      channel: 'D1',
      responseUrl: h.slack.responseUrl(),
      message: messageAsSlackSendsIt(answer, '1700000021.000100'),
    });
    const replaced = await h.slack.waitFor('response_url');
    expect(replaced.args.replace_original).toBe(true);
    expectOpensWith999(replaced, ADULT);
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('rebuilds the answer after 👍 with 999 first when Slack sends the click without the blocks', async () => {
    await event(h, 'EvU4', { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text: URGENT_QUESTION, ts: '1700000022.000100' });
    const answer = await h.slack.waitFor('chat.postMessage');
    const related = buttonOn(answer, ADULT);
    await click(h, related.action_id, related.value, { channel: 'D1', responseUrl: h.slack.responseUrl() });
    const replaced = await h.slack.waitFor('response_url');

    const helpful = buttonOn(replaced, '👍 Helpful');
    await click(h, helpful.action_id, helpful.value, { channel: 'D1', responseUrl: h.slack.responseUrl() });
    const thanked = await h.slack.waitFor('response_url', (c) => c !== replaced);
    expectOpensWith999(thanked, ADULT);
    expect(shown(thanked)).toContain('👍 Thanks');
  });
});

describe('sharing an urgent /msht answer', () => {
  it('keeps 999 first through "Did you mean" and "Share in channel"', async () => {
    await slash(h, URGENT_QUESTION, h.slack.responseUrl());
    const privately = await h.slack.waitFor('response_url');
    expect(privately.args.response_type).toBe('ephemeral');
    expectOpensWith999(privately);

    const choice = buttonOn(privately, CHILD);
    await click(h, choice.action_id, choice.value, { ephemeral: true, responseUrl: h.slack.responseUrl() });
    const chosen = await h.slack.waitFor('response_url', (c) => c !== privately);
    expect(chosen.args.replace_original).toBe(true);
    expectOpensWith999(chosen, CHILD);

    const share = buttonOn(chosen, 'Share in channel');
    await click(h, share.action_id, share.value, { ephemeral: true, responseUrl: h.slack.responseUrl() });
    const shared = await h.slack.waitFor('response_url', (c) => c.args.response_type === 'in_channel');
    expectOpensWith999(shared, CHILD);
    expect(shown(shared)).toContain('Shared by <@U1>');
    await h.slack.waitFor('response_url', (c) => c.args.delete_original === true);
  });

  it('says 999 first when the shared guidance is no longer there', async () => {
    await click(h, 'msht_share', '999:an-entry-since-removed', { ephemeral: true, responseUrl: h.slack.responseUrl() });
    const reply = await h.slack.waitFor('response_url');
    expect(reply.args.response_type).toBe('ephemeral');
    expectOpensWith999(reply);
    expect(shown(reply)).toContain('no longer available');
  });
});

describe('button values', () => {
  it('carry the urgency on an urgent answer and nothing extra on any other', async () => {
    await event(h, 'EvU5', { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text: URGENT_QUESTION, ts: '1.1' });
    await event(h, 'EvU6', { type: 'message', channel_type: 'im', channel: 'D2', user: 'U1', text: 'duty to notify', ts: '1.2' });
    const urgent = await h.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'D1');
    const calm = await h.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'D2');
    expect(buttonOn(urgent, CHILD).value).toBe('999:nrm-child-referral');
    expect(JSON.parse(buttonOn(urgent, '👍 Helpful').value)).toMatchObject({ u: 1 });
    expect(buttonOn(calm, ADULT).value).toBe('nrm-adult-referral');
    expect(JSON.parse(buttonOn(calm, '👍 Helpful').value)).not.toHaveProperty('u');
  });
});
