// Real Teams-shaped activities POSTed to /api/messages in emulator mode; the bot's replies are captured
// on a loopback fake of the Bot Framework connector. Assertions are on what people see.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FIXTURE_KNOWLEDGE, knowledge, startBot, startFakeConnector, type FakeConnector, type RunningBot } from './helpers.ts';
import { createConversation } from '../../src/conversation/conversation.ts';
import { actionsOf, cardOf, textOf, visibleLines } from './card-text.ts';
import { isLoopbackUrl } from '../../src/channels/teams/route.ts';
import {
  BOT,
  CHANNEL,
  GROUP_CHAT,
  PERSONAL_CHAT,
  TEAM,
  botAddedToTeam,
  botRemovedFromTeam,
  cardSubmit,
  channelMention,
  groupChatMention,
  installationUpdate,
  personalMessage,
} from './activities.ts';

let connector: FakeConnector;
let bot: RunningBot;

beforeEach(async () => {
  connector = await startFakeConnector();
  bot = await startBot();
});

afterEach(async () => {
  await bot.close();
  await connector.close();
});

describe('personal chat', () => {
  it('answers a question with a card: title, summary, numbered steps, source, feedback buttons', async () => {
    const res = await bot.post(personalMessage(connector.serviceUrl, 'how do I refer an adult to the NRM'));
    expect(res.status).toBe(200);
    expect(connector.calls).toHaveLength(1);
    const reply = connector.calls[0]!;
    expect(reply.conversationId).toBe(PERSONAL_CHAT);
    const lines = visibleLines(cardOf(reply));
    expect(lines[0]).toBe('Refer an adult to the National Referral Mechanism (NRM)');
    expect(lines).toContain('Steps');
    expect(lines.some((l) => l.startsWith('1. '))).toBe(true);
    expect(lines.some((l) => l.startsWith('Source: '))).toBe(true);
    expect(lines.slice(-2)).toEqual(['[👍 Helpful]', '[👎 Not helpful]']);
    expect(cardOf(reply).version).toBe('1.5');
    expect(String(cardOf(reply).fallbackText)).toContain('Refer an adult');
  });

  it('answers from an entry past its review date, saying under the summary that it may be out of date', async () => {
    await bot.close();
    const kb = knowledge(FIXTURE_KNOWLEDGE);
    bot = await startBot({
      conversation: (_kb, store, log) => createConversation({ knowledge: () => kb, store, log, now: () => new Date('2027-03-01T10:00:00Z') }),
    });
    await bot.post(personalMessage(connector.serviceUrl, 'how do I refer an adult to the NRM'));
    const card = cardOf(connector.calls[0]);
    const lines = visibleLines(card);
    const notice = '⚠ May be out of date: last checked 2026-11-23 — check Home Office NRM guidance: adult (England and Wales)';
    expect(lines[0]).toBe('Refer an adult to the National Referral Mechanism (NRM)');
    expect(lines).toContain(notice);
    expect(lines.indexOf(notice)).toBeLessThan(lines.indexOf('Steps'));
    expect(String(card.fallbackText)).toContain('May be out of date');
  });

  it('opens with the 999 banner in attention style when someone is in danger now', async () => {
    await bot.post(personalMessage(connector.serviceUrl, 'there is a man locked in a van and he is in danger right now'));
    const card = cardOf(connector.calls[0]);
    const first = (card.body as Record<string, unknown>[])[0]!;
    expect(first).toMatchObject({ type: 'Container', style: 'attention' });
    expect(visibleLines(card)[0]).toMatch(/999/);
    expect(String(connector.calls[0]!.activity.summary)).toMatch(/^Call 999/);
  });

  it('answers an off-topic question with the safe fallback: the helpline and 999', async () => {
    await bot.post(personalMessage(connector.serviceUrl, 'book a meeting room for tuesday'));
    const text = visibleLines(cardOf(connector.calls[0])).join('\n');
    expect(text).toContain('No clear answer found');
    expect(text).toContain('999');
    expect(text).not.toContain('Was this helpful?');
  });

  it('shows user text as written: markdown in what someone typed cannot restyle a reply or add a link', async () => {
    await bot.post(personalMessage(connector.serviceUrl, 'subscribe **all** [click](https://evil.example)'));
    const raw = String(connector.calls[0]!.activity.text);
    expect(raw).toContain('\\[click\\](https://evil.example)');
    expect(raw).not.toMatch(/(^|[^\\])\*\*/);
    expect(textOf(connector.calls[0])).toContain('There is no reminder topic "**all** [click](https://evil.example)"');
  });

  it('replies to help and to an empty message with what it can do', async () => {
    await bot.post(personalMessage(connector.serviceUrl, 'help'));
    expect(textOf(connector.calls[0])).toContain('subscribe <topic>');
    expect(textOf(connector.calls[0])).toContain('call 999');
  });

  it('answers "subscribe" without a topic with the help and the topics there are', async () => {
    await bot.post(personalMessage(connector.serviceUrl, 'subscribe'));
    expect(textOf(connector.calls[0])).toContain('subscribe <topic>');
    expect(textOf(connector.calls[0])).toContain('Topics: awareness-days, spot-the-signs.');
    expect(await bot.store.subscribersOf('awareness-days')).toEqual([]);
  });
});

describe('channels and group chats', () => {
  it('answers an @mention in a channel in the thread, with the mention stripped', async () => {
    const activity = channelMention(connector.serviceUrl, 'what is duty to notify');
    await bot.post(activity);
    expect(connector.calls).toHaveLength(1);
    const reply = connector.calls[0]!;
    expect(reply.conversationId).toBe(`${CHANNEL};messageid=${activity.id}`);
    expect(visibleLines(cardOf(reply))[0]).toBe('Duty to Notify when an adult does not consent');
  });

  it('strips the mention whatever the bot is called in that team', async () => {
    await bot.post(channelMention(connector.serviceUrl, 'help', 'Anti-Slavery Helper (Leeds)'));
    expect(textOf(connector.calls[0])).toContain('subscribe <topic>');
  });

  it('stays quiet in a channel when not mentioned', async () => {
    const res = await bot.post(channelMention(connector.serviceUrl, 'what is duty to notify', BOT.name, false));
    expect(res.status).toBe(200);
    expect(connector.calls).toHaveLength(0);
  });

  it('answers an @mention in a channel, with the HTML Teams leaves in the text, in the thread it was asked in', async () => {
    const activity = channelMention(connector.serviceUrl, 'salvation army&nbsp;referral line');
    await bot.post(activity);
    expect(visibleLines(cardOf(connector.calls[0]))[0]).toBe('The Salvation Army victim care referral line');
  });

  it('answers an @mention in a group chat', async () => {
    await bot.post(groupChatMention(connector.serviceUrl, 'salvation army referral line'));
    expect(connector.calls[0]!.conversationId).toBe(GROUP_CHAT);
    expect(visibleLines(cardOf(connector.calls[0]))[0]).toBe('The Salvation Army victim care referral line');
  });

  it('subscribes the channel (not the thread) to a topic, lists it with the next reminder, and unsubscribes', async () => {
    await bot.post(channelMention(connector.serviceUrl, 'subscribe awareness-days'));
    expect(textOf(connector.calls[0])).toContain('Subscribed this conversation to "awareness-days"');
    expect(textOf(connector.calls[0])).toMatch(/Next: .+/);
    expect((await bot.store.subscribersOf('awareness-days')).map((s) => s.channelId)).toEqual([CHANNEL]);

    await bot.post(channelMention(connector.serviceUrl, 'subscriptions'));
    expect(textOf(connector.calls[1])).toMatch(/^awareness-days: Next: /);

    await bot.post(channelMention(connector.serviceUrl, 'unsubscribe awareness-days'));
    expect(textOf(connector.calls[2])).toContain('Unsubscribed this conversation from "awareness-days"');
    expect(await bot.store.subscribersOf('awareness-days')).toEqual([]);
  });

  it('refuses an unknown topic and lists the real ones', async () => {
    await bot.post(channelMention(connector.serviceUrl, 'subscribe cats'));
    const text = textOf(connector.calls[0]);
    expect(text).toContain('There is no reminder topic "cats"');
    expect(text).toContain('awareness-days');
    expect(await bot.store.subscriptionsFor({ platform: 'teams', channelId: CHANNEL })).toEqual([]);
  });
});

describe('card buttons', () => {
  it('offers "Did you mean" choices for an ambiguous question, and a click answers the choice', async () => {
    await bot.post(personalMessage(connector.serviceUrl, 'nrm'));
    const card = cardOf(connector.calls[0]);
    const lines = visibleLines(card);
    expect(lines).toContain('Did you mean:');
    expect(lines).toContain('[Refer a child to the NRM]');
    const choice = actionsOf(card).find((a) => a.title === 'Refer a child to the NRM')!;
    expect(choice.type).toBe('Action.Submit');
    await bot.post(cardSubmit(connector.serviceUrl, choice.data));
    expect(visibleLines(cardOf(connector.calls[1]))[0]).toBe('Refer a child to the NRM');
    // The unclear question is kept (redacted) for the knowledge editors.
    expect((await bot.store.unanswered()).map((u) => u.status)).toEqual(['ambiguous']);
  });

  it('answers a "Did you mean" or follow-up click with that entry', async () => {
    await bot.post(cardSubmit(connector.serviceUrl, { msht: 'entry', id: 'nrm-child-referral', via: 'suggestion' }));
    expect(visibleLines(cardOf(connector.calls[0]))[0]).toBe('Refer a child to the NRM');
  });

  it('records 👍 / 👎 with the question redacted, and thanks the person', async () => {
    await bot.post(cardSubmit(connector.serviceUrl, { msht: 'feedback', id: 'duty-to-notify', helpful: true, q: 'duty to notify for John Smith 07700 900123' }));
    expect(textOf(connector.calls[0])).toBe('Thanks, your feedback is recorded.');
    const [row] = await bot.store.feedback();
    expect(row).toMatchObject({ entryId: 'duty-to-notify', helpful: true, platform: 'teams' });
    expect(row!.question).not.toContain('07700 900123');
  });

  it('after 👎 on an answer asks why, one click and optional; the pick is recorded against that 👎', async () => {
    await bot.post(personalMessage(connector.serviceUrl, 'what is the duty to notify'));
    const down = actionsOf(cardOf(connector.calls[0])).find((a) => a.title === '👎 Not helpful')!;
    await bot.post(cardSubmit(connector.serviceUrl, down.data));
    const asked = connector.calls[1]!;
    expect(visibleLines(cardOf(asked))).toEqual([
      "Thanks, your feedback is recorded and the guide's editors will see it.",
      'Try asking in other words, or type help.',
      'Why was it not helpful? One click, if you like:',
      '[Wrong answer]',
      '[Out of date]',
      '[Missing detail]',
      '[Something else]',
    ]);
    expect(asked.activity.summary).toBe("Thanks, your feedback is recorded and the guide's editors will see it.");
    const [row] = await bot.store.feedback();
    expect(row).toMatchObject({ entryId: 'duty-to-notify', helpful: false, platform: 'teams', reason: null, question: 'what is the duty to notify' });

    const outOfDate = actionsOf(cardOf(asked)).find((a) => a.title === 'Out of date')!;
    expect(Object.keys(outOfDate.data as object).sort()).toEqual(['f', 'msht', 'reason']);
    await bot.post(cardSubmit(connector.serviceUrl, outOfDate.data));
    expect(textOf(connector.calls[2])).toBe("Noted: out of date. The guide's editors will see it.");
    expect((await bot.store.feedback()).map((f) => [f.entryId, f.helpful, f.reason])).toEqual([['duty-to-notify', false, 'out_of_date']]);

    // Another pick replaces it; a pick for a 👎 the store does not hold is owned up to; a forged one is ignored.
    const wrong = actionsOf(cardOf(asked)).find((a) => a.title === 'Wrong answer')!;
    await bot.post(cardSubmit(connector.serviceUrl, wrong.data));
    expect((await bot.store.feedback()).map((f) => f.reason)).toEqual(['wrong']);
    await bot.post(cardSubmit(connector.serviceUrl, { msht: 'reason', f: '00000000-0000-4000-8000-000000000000', reason: 'other' }));
    expect(textOf(connector.calls[4])).toBe('Sorry, that reason could not be recorded. Your 👎 still counts.');
    await bot.post(cardSubmit(connector.serviceUrl, { msht: 'reason', f: 'x', reason: 'because' }));
    await bot.post(cardSubmit(connector.serviceUrl, { msht: 'reason', f: '<script>', reason: 'other' }));
    expect((await bot.store.feedback()).map((f) => f.reason)).toEqual(['wrong']);
  });

  it('says so when a clicked entry no longer exists, and still gives 999', async () => {
    await bot.post(cardSubmit(connector.serviceUrl, { msht: 'entry', id: 'removed-entry', via: 'follow_up' }));
    expect(textOf(connector.calls[0])).toContain('no longer in the guide');
    expect(textOf(connector.calls[0])).toContain('999');
  });

  it('every button on an answer card works when clicked', async () => {
    await bot.post(personalMessage(connector.serviceUrl, 'how do I refer an adult to the NRM'));
    const submits = actionsOf(cardOf(connector.calls[0])).filter((a) => a.type === 'Action.Submit');
    expect(submits.length).toBeGreaterThan(2);
    for (const action of submits) {
      const before = connector.calls.length;
      await bot.post(cardSubmit(connector.serviceUrl, action.data));
      expect(connector.calls.length).toBe(before + 1);
    }
  });
});

describe('conversation references', () => {
  it('stores the team on install, says hello, and forgets it (and pauses its reminders) on uninstall', async () => {
    await bot.post(botAddedToTeam(connector.serviceUrl));
    expect(await bot.store.conversationReference(TEAM)).toBeDefined();
    expect(textOf(connector.calls[0])).toContain('Hello, I am MSHT Guide');

    await bot.store.subscribe({ platform: 'teams', channelId: TEAM }, 'awareness-days', new Date('2026-11-23T10:00:00Z'));
    await bot.post(installationUpdate(connector.serviceUrl, 'remove'));
    expect(await bot.store.conversationReference(TEAM)).toBeUndefined();
    expect(await bot.store.subscribersOf('awareness-days')).toEqual([]);
    expect((await bot.store.subscriptionsFor({ platform: 'teams', channelId: TEAM }))[0]!.disabledAt).not.toBeNull();
  });

  it('stores a reference from installationUpdate add and from every message, channel threads as the channel', async () => {
    await bot.post(installationUpdate(connector.serviceUrl, 'add'));
    await bot.post(personalMessage(connector.serviceUrl, 'help'));
    await bot.post(channelMention(connector.serviceUrl, 'help'));
    const ids = (await bot.store.conversationReferences()).map((r) => r.conversationId).sort();
    expect(ids).toEqual([CHANNEL, TEAM, PERSONAL_CHAT].sort());
  });

  it('forgets a team when the bot is removed from it', async () => {
    await bot.post(botAddedToTeam(connector.serviceUrl));
    await bot.post(botRemovedFromTeam(connector.serviceUrl));
    expect(await bot.store.conversationReference(TEAM)).toBeUndefined();
  });

  it('never logs the question', async () => {
    await bot.post(personalMessage(connector.serviceUrl, 'Jane Doe 12 Acacia Avenue in danger'));
    expect(JSON.stringify(bot.logs)).not.toContain('Acacia');
  });
});

describe('when something goes wrong', () => {
  it('still replies, briefly, with 999 and the helpline, and logs the failure without the question', async () => {
    const failing = await startBot({
      conversation: (_kb, store, log) =>
        createConversation({
          knowledge: () => {
            throw new Error('search index unavailable');
          },
          store,
          log,
        }),
    });
    try {
      const res = await failing.post(personalMessage(connector.serviceUrl, 'Jane Doe at 12 Acacia Avenue'));
      expect(res.status).toBe(200); // handled: Teams must not resend it
      // The core's apology: 999 and the helpline, never silence.
      expect(textOf(connector.calls[0])).toContain('Sorry, I could not answer that just now');
      expect(textOf(connector.calls[0])).toContain('call 999');
      expect(textOf(connector.calls[0])).toContain('08000 121 700');
      expect(failing.logs.some((l) => l.level === 'error' && JSON.stringify(l.fields).includes('search index unavailable'))).toBe(true);
      expect(JSON.stringify(failing.logs)).not.toContain('Acacia');
    } finally {
      await failing.close();
    }
  });
});

describe('the endpoint', () => {
  it('rejects what is not a JSON activity', async () => {
    const res = await fetch(bot.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'not json' });
    expect(res.status).toBe(400);
    const get = await fetch(bot.url);
    expect(get.status).toBe(405);
  });

  it('in emulator mode, refuses an activity that would send replies off this machine', async () => {
    const res = await bot.post(personalMessage('https://smba.trafficmanager.net/uk/', 'help'));
    expect(res.status).toBe(403);
    expect(await bot.store.conversationReferences()).toEqual([]);
    const internal = await bot.post(personalMessage('http://10.0.0.5:8080/', 'help'));
    expect(internal.status).toBe(403);
    expect(isLoopbackUrl('http://localhost:3978/')).toBe(true);
    expect(isLoopbackUrl('http://[::1]:9000/')).toBe(true);
    expect(isLoopbackUrl('http://127.0.0.1.evil.example/')).toBe(false);
    expect(isLoopbackUrl('file:///etc/passwd')).toBe(false);
  });

  it('says it is in unauthenticated emulator mode', () => {
    expect(bot.channel.describe()).toMatch(/emulator mode.*UNAUTHENTICATED/);
  });

  it('with Azure credentials, refuses an activity that carries no Bot Framework token', async () => {
    const azure = await startBot({
      overrides: { config: { mode: 'azure', appId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301', appPassword: 'not-a-real-secret', appType: 'MultiTenant' } },
    });
    try {
      expect(azure.channel.describe()).toMatch(/^Azure Bot 3f2504e0… \(MultiTenant\)/);
      expect(azure.channel.describe()).not.toContain('not-a-real-secret');
      const printed = [vi.spyOn(console, 'error').mockImplementation(() => {}), vi.spyOn(console, 'warn').mockImplementation(() => {})];
      const res = await azure.post(personalMessage(connector.serviceUrl, 'help'));
      expect(res.status).toBe(401);
      expect(connector.calls).toHaveLength(0);
      // Refused in one log line, not a stack trace printed past the logger (which reads like a crash).
      for (const spy of printed) {
        expect(spy).not.toHaveBeenCalled();
        spy.mockRestore();
      }
    } finally {
      await azure.close();
    }
  });
});
