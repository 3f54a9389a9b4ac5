// What the bot makes of what people type in Teams, and how text is made safe for card markdown.
import { describe, expect, it } from 'vitest';
import { cleanMessageText } from '../../src/channels/teams/commands.ts';
import { parseChatCommand } from '../../src/conversation/commands.ts';
import { escapeMarkdown, truncate } from '../../src/channels/teams/cards/markdown.ts';
import { parseCardSubmit } from '../../src/channels/teams/cards/actions.ts';

describe('commands', () => {
  it.each([
    ['', { kind: 'help' }],
    ['  HELP ', { kind: 'help' }],
    ['subscriptions', { kind: 'subscriptions' }],
    ['Subscribe Awareness-Days', { kind: 'subscribe', topic: 'awareness-days' }],
    // Without a topic, the help: it says how to use the command and lists the topics.
    ['unsubscribe', { kind: 'help' }],
    ['subscriber rights at work', { kind: 'ask', question: 'subscriber rights at work' }],
    ['what does subscribe mean', { kind: 'ask', question: 'what does subscribe mean' }],
  ])('%j → %j', (text, command) => {
    expect(parseChatCommand(text)).toEqual(command);
  });

  it('turns the HTML Teams leaves in channel text back into what was typed', () => {
    expect(cleanMessageText('<at>Jo Bloggs</at> can you help&nbsp;with&nbsp;this &amp; that<br>thanks')).toBe('can you help with this & that\nthanks');
  });
});

describe('escapeMarkdown', () => {
  it.each([
    ['**bold**', '\\*\\*bold\\*\\*'],
    ['_x_ ~y~ `z`', '\\_x\\_ \\~y\\~ \\`z\\`'],
    ['[link](https://a.example)', '\\[link\\](https://a.example)'],
    ['<at>Team</at>', '\\<at\\>Team\\</at\\>'],
    ['1. first', '1\\. first'],
    ['  12) twelfth', '  12\\) twelfth'],
    ['- item\n+ item\n# heading\n> quote', '\\- item\n\\+ item\n\\# heading\n\\> quote'],
    ['a - b, 3.5 miles, #1 priority', 'a - b, 3.5 miles, #1 priority'],
    ['back\\slash', 'back\\\\slash'],
    ['line\r\nbreak', 'line\nbreak'],
  ])('%j → %j', (input, output) => {
    expect(escapeMarkdown(input)).toBe(output);
  });

  it('truncates at a word with an ellipsis, never past the limit', () => {
    expect(truncate('short', 10)).toBe('short');
    const cut = truncate('the quick brown fox jumps over the lazy dog', 20);
    expect(cut.length).toBeLessThanOrEqual(20);
    expect(cut).toBe('the quick brown fox…');
  });
});

describe('card clicks', () => {
  it("accepts only the payloads the bot's own cards send", () => {
    expect(parseCardSubmit({ msht: 'entry', id: 'duty-to-notify', via: 'suggestion' })).toEqual({ msht: 'entry', id: 'duty-to-notify', via: 'suggestion' });
    expect(parseCardSubmit({ msht: 'feedback', id: 'duty-to-notify', helpful: true, q: 'x' })).toEqual({ msht: 'feedback', id: 'duty-to-notify', helpful: true, q: 'x' });
    expect(parseCardSubmit({ msht: 'entry', id: '../../etc/passwd', via: 'suggestion' })).toBeUndefined();
    expect(parseCardSubmit({ msht: 'entry', id: 'ok', via: 'somewhere' })).toBeUndefined();
    expect(parseCardSubmit({ msht: 'feedback', id: 'ok', helpful: 'yes' })).toBeUndefined();
    expect(parseCardSubmit('entry')).toBeUndefined();
    expect(parseCardSubmit(null)).toBeUndefined();
  });
});
