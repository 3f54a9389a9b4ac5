// A question in the field that matches no one entry: Slack shows the no-match fallback (helpline, 999)
// with the chooser's options as buttons, and a click answers in the same place, as "Did you mean" does.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';
import { buttonOn, buttonsOn, click, event, shown, slash } from './requests.ts';
import { CHOOSER_LABELS, IN_FIELD_NO_MATCH, OFF_TOPIC_WITH_CUE, chooserKnowledge } from '../conversation/chooser-kb.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ knowledge: chooserKnowledge() });
});
afterEach(async () => {
  await h.close();
});

const CHILD = 'Refer a child (under 18)';
const PROMPT = 'I could not match that to one answer. Is it one of these?';

describe('the chooser on Slack', () => {
  it('shows the fallback with the helpline and 999, then the options as buttons, in a DM', async () => {
    await event(h, 'EvC1', { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text: IN_FIELD_NO_MATCH, ts: '1.1' });
    const post = await h.slack.waitFor('chat.postMessage');
    const text = shown(post);
    expect(text).toContain("I don't have guidance that matches that question");
    expect(text).toContain('call 999');
    expect(text).toContain('08000 121 700');
    expect(text).toContain(PROMPT);
    // The fallback comes before the options.
    expect(text.indexOf('08000 121 700')).toBeLessThan(text.indexOf(PROMPT));
    expect(buttonsOn(post).map((b) => b.text.text)).toEqual(CHOOSER_LABELS);
    expect(buttonOn(post, CHILD).value).toBe('e:child-referral-nrm');
  });

  it('answers a click in place in the DM with the chosen entry', async () => {
    await event(h, 'EvC2', { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text: IN_FIELD_NO_MATCH, ts: '1.1' });
    const post = await h.slack.waitFor('chat.postMessage');
    const option = buttonOn(post, CHILD);
    await click(h, option.action_id, option.value, { channel: 'D1', responseUrl: h.slack.responseUrl() });
    const reply = await h.slack.waitFor('response_url');
    expect(reply.args.replace_original).toBe(true);
    expect(shown(reply)).toContain('Refer a child to the NRM');
    expect(shown(reply)).toContain('Safeguard the child.');
    expect(shown(reply)).not.toContain(PROMPT);
  });

  it('answers a click on a private /msht reply in place, with its Share button', async () => {
    await slash(h, IN_FIELD_NO_MATCH, h.slack.responseUrl());
    const asked = await h.slack.waitFor('response_url');
    expect(asked.args.response_type).toBe('ephemeral');
    expect(shown(asked)).toContain(PROMPT);
    const option = buttonOn(asked, 'Refer an adult');
    await click(h, option.action_id, option.value, { ephemeral: true, responseUrl: h.slack.responseUrl() });
    const reply = await h.slack.waitFor('response_url', (c) => c !== asked);
    expect(reply.args.replace_original).toBe(true);
    expect(shown(reply)).toContain('Refer an adult who consents to the NRM');
    expect(shown(reply)).toContain('Share in channel');
  });

  it('answers a click under an @mention as a new reply in the thread, leaving the reply others saw', async () => {
    const asked = '1700000020.000100';
    await event(h, 'EvC3', { type: 'app_mention', channel: 'C1', user: 'U1', text: `<@UBOT> ${IN_FIELD_NO_MATCH}`, ts: asked });
    const post = await h.slack.waitFor('chat.postMessage');
    const option = buttonOn(post, 'Spot the signs');
    await click(h, option.action_id, option.value, {
      responseUrl: h.slack.responseUrl(),
      message: { type: 'message', ts: '1700000021.000100', thread_ts: asked, blocks: post.args.blocks },
    });
    const reply = await h.slack.waitFor('chat.postMessage', (c) => c !== post);
    expect(reply.args.thread_ts).toBe(asked);
    expect(shown(reply)).toContain('Spot the signs of modern slavery');
    expect(shown(reply)).toContain('Asked for by <@U1>');
    expect(h.slack.callsTo('response_url')).toEqual([]);
  });

  it('keeps the 999 banner when an option was picked from an urgent reply', async () => {
    await click(h, 'msht_choose_4', '999:e:modern-slavery-helpline', { channel: 'D1', responseUrl: h.slack.responseUrl() });
    const reply = await h.slack.waitFor('response_url');
    const [first] = reply.args.blocks as { type: string; text: { text: string } }[];
    expect(first?.text.text).toMatch(/^:rotating_light: \*999 — if anyone is in danger now/);
    expect(shown(reply)).toContain('Modern Slavery &amp; Exploitation Helpline');
  });

  it('offers no options for an everyday request: the fallback alone', async () => {
    await event(h, 'EvC4', { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text: OFF_TOPIC_WITH_CUE, ts: '1.1' });
    const post = await h.slack.waitFor('chat.postMessage');
    expect(shown(post)).toContain('08000 121 700');
    expect(shown(post)).not.toContain(PROMPT);
    expect(buttonsOn(post)).toEqual([]);
  });
});
