// An @mention or a DM accepts the same words as `/msht` (help, subscribe, unsubscribe, subscriptions),
// read by the core's parser, and replies where it was asked: in the mention's thread, or in the DM.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';
import { event, shown } from './requests.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

let n = 0;
/** Mention the bot in channel C1 and return the reply, checked to be in the thread under the mention. */
async function mention(text: string, channel = 'C1') {
  n += 1;
  const ts = `1700000${String(n).padStart(3, '0')}.000100`;
  await event(h, `EvM${n}`, { type: 'app_mention', channel, user: 'U1', text: `<@UBOT> ${text}`, ts });
  const reply = await h.slack.waitFor('chat.postMessage', (c) => c.args.thread_ts === ts);
  expect(reply.args.channel).toBe(channel);
  return shown(reply);
}

/** DM the bot and return the reply, checked to be in the DM (not threaded). */
async function dm(text: string) {
  n += 1;
  const earlier = h.slack.callsTo('chat.postMessage').length;
  await event(h, `EvD${n}`, { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text, ts: `1.${n}` });
  const reply = await h.slack.waitFor('chat.postMessage', (c) => h.slack.callsTo('chat.postMessage').indexOf(c) === earlier);
  expect(reply.args.channel).toBe('D1');
  expect(reply.args.thread_ts).toBeUndefined();
  return shown(reply);
}

describe('@mention commands', () => {
  it('`@bot help` explains usage in the thread, 999 included, instead of searching for "help"', async () => {
    const reply = await mention('help');
    expect(reply).toContain('`/msht <question>`');
    expect(reply).toContain('`awareness-days`');
    expect(reply).toContain('call 999');
    expect(reply).not.toContain("I don't have guidance");
    expect(await h.store.unanswered()).toEqual([]);
  });

  it('`@bot subscribe awareness-days` subscribes the channel and says when the next reminder is', async () => {
    const reply = await mention('subscribe awareness-days');
    expect(reply).toContain('✅ This channel will get reminders on `awareness-days`');
    expect(reply).toContain('Next: *UK Anti-Slavery Day* — Mon 18 Oct 2027, 09:00 BST');
    // Mentioned in the channel, the bot is already there: no need to ask for an invitation.
    expect(reply).not.toContain('/invite');
    expect((await h.store.subscriptionsFor({ platform: 'slack', channelId: 'C1' })).map((s) => s.topic)).toEqual(['awareness-days']);
  });

  it('`@bot subscriptions` lists the channel\'s topics and the next reminder', async () => {
    await mention('subscribe awareness-days');
    const reply = await mention('subscriptions');
    expect(reply).toContain('• `awareness-days`');
    expect(reply).toContain('Next reminder: *UK Anti-Slavery Day* — Mon 18 Oct 2027, 09:00 BST');
  });

  it('`@bot unsubscribe awareness-days` stops them, and an unknown topic is refused with the list', async () => {
    await mention('subscribe awareness-days');
    expect(await mention('unsubscribe awareness-days')).toContain('This channel will no longer get reminders on `awareness-days`');
    expect(await h.store.subscriptionsFor({ platform: 'slack', channelId: 'C1' })).toEqual([]);
    const refused = await mention('subscribe <!channel>');
    expect(refused).toContain('There is no reminder topic `&lt;!channel&gt;`');
    expect(refused).toContain('`spot-the-signs`');
  });

  it('still answers a question that merely starts with a command word', async () => {
    expect(await mention('help with an NRM referral for an adult')).toContain('National Referral Mechanism');
  });
});

describe('DM commands', () => {
  it('`help` explains usage in the DM', async () => {
    const reply = await dm('help');
    expect(reply).toContain('`/msht <question>`');
    expect(reply).toContain('call 999');
  });

  it('`subscriptions`, `subscribe` and `unsubscribe` work in the DM as `/msht` does there', async () => {
    expect(await dm('subscriptions')).toContain('This channel gets no reminders');
    expect(await dm('subscribe spot-the-signs')).toContain('This channel will get reminders on `spot-the-signs`');
    expect((await h.store.subscriptionsFor({ platform: 'slack', channelId: 'D1' })).map((s) => s.topic)).toEqual(['spot-the-signs']);
    expect(await dm('unsubscribe spot-the-signs')).toContain('no longer get reminders');
  });

  it('a question is still answered, with no Share button (the DM is already private)', async () => {
    const reply = await dm('duty to notify');
    expect(reply).toContain('Duty to Notify');
    expect(reply).not.toContain('Share in channel');
  });
});
