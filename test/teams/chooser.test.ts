// A question in the field that matches no one entry: Teams shows the no-match fallback (helpline, 999)
// with the chooser's options as Action.Submit buttons, and a click answers in the same conversation.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBot, startFakeConnector, type FakeConnector, type RunningBot } from './helpers.ts';
import { actionsOf, cardOf, visibleLines } from './card-text.ts';
import { CHANNEL, cardSubmit, channelMention, personalMessage } from './activities.ts';
import { CHOOSER_LABELS, IN_FIELD_NO_MATCH, OFF_TOPIC_WITH_CUE, chooserKnowledge } from '../conversation/chooser-kb.ts';

let connector: FakeConnector;
let bot: RunningBot;
beforeEach(async () => {
  connector = await startFakeConnector();
  bot = await startBot({ knowledge: chooserKnowledge() });
});
afterEach(async () => {
  await bot.close();
  await connector.close();
});

const PROMPT = 'I could not match that to one answer. Is it one of these?';

describe('the chooser on Teams', () => {
  it('shows the fallback with the helpline and 999, then the options as buttons', async () => {
    await bot.post(personalMessage(connector.serviceUrl, IN_FIELD_NO_MATCH));
    const card = cardOf(connector.calls[0]);
    const lines = visibleLines(card);
    const text = lines.join('\n');
    expect(lines[0]).toBe('No clear answer found');
    expect(text).toContain("I don't have guidance that matches that question");
    expect(text).toContain('call 999');
    expect(text).toContain('08000 121 700');
    expect(lines).toContain(PROMPT);
    expect(lines.slice(lines.indexOf(PROMPT) + 1, lines.indexOf(PROMPT) + 1 + CHOOSER_LABELS.length)).toEqual(CHOOSER_LABELS.map((l) => `[${l}]`));
    const submits = actionsOf(card).filter((a) => a.type === 'Action.Submit');
    expect(submits.map((a) => a.data)).toEqual([
      { msht: 'entry', id: 'child-referral-nrm', via: 'chooser' },
      { msht: 'entry', id: 'nrm-adult-consents', via: 'chooser' },
      { msht: 'entry', id: 'signs-general', via: 'chooser' },
      { msht: 'entry', id: 'find-a-local-partnership', via: 'chooser' },
      { msht: 'entry', id: 'modern-slavery-helpline', via: 'chooser' },
    ]);
    // The fallback text for clients that cannot show cards says the same.
    expect(String(card.fallbackText)).toContain('08000 121 700');
    expect(String(card.fallbackText)).toContain('Refer a child (under 18)');
  });

  it('answers a click with the chosen entry, in the same conversation', async () => {
    await bot.post(personalMessage(connector.serviceUrl, IN_FIELD_NO_MATCH));
    const option = actionsOf(cardOf(connector.calls[0])).find((a) => a.title === 'Refer a child (under 18)')!;
    await bot.post(cardSubmit(connector.serviceUrl, option.data));
    const reply = connector.calls[1]!;
    expect(reply.conversationId).toBe(connector.calls[0]!.conversationId);
    const lines = visibleLines(cardOf(reply));
    expect(lines[0]).toBe('Refer a child to the NRM');
    expect(lines).toContain('1. Safeguard the child.');
  });

  it('answers in the channel thread when asked with an @mention', async () => {
    const activity = channelMention(connector.serviceUrl, IN_FIELD_NO_MATCH);
    await bot.post(activity);
    expect(connector.calls[0]!.conversationId).toBe(`${CHANNEL};messageid=${activity.id}`);
    expect(visibleLines(cardOf(connector.calls[0]))).toContain('[Spot the signs]');
  });

  it('keeps the 999 banner when an option was picked from an urgent card', async () => {
    await bot.post(cardSubmit(connector.serviceUrl, { msht: 'entry', id: 'modern-slavery-helpline', via: 'chooser', urgent: true }));
    const card = cardOf(connector.calls[0]);
    expect(visibleLines(card)[0]).toMatch(/^999 — if anyone is in danger now/);
    expect(visibleLines(card)[1]).toBe('Modern Slavery & Exploitation Helpline');
  });

  it('offers no options for an everyday request: the fallback alone', async () => {
    await bot.post(personalMessage(connector.serviceUrl, OFF_TOPIC_WITH_CUE));
    const lines = visibleLines(cardOf(connector.calls[0]));
    expect(lines.join('\n')).toContain('08000 121 700');
    expect(lines).not.toContain(PROMPT);
    expect(actionsOf(cardOf(connector.calls[0]))).toEqual([]);
  });
});
