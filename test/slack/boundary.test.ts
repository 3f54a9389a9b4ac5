// Exactly at each Block Kit limit, and one past it: at the limit nothing changes; past it the text is
// split or trimmed (with an ellipsis or a "more" note), never sent in a form Slack would refuse.
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/channels/slack/blocks/limits.ts';
import { renderAnswer } from '../../src/channels/slack/blocks/answer.ts';
import { renderHome } from '../../src/channels/slack/blocks/home.ts';
import { actions, button, context, fitActionId } from '../../src/channels/slack/blocks/kit.ts';
import { decodeEntry, decodeFeedback, encodeEntry, encodeFeedback } from '../../src/channels/slack/blocks/action-ids.ts';
import { splitText, truncate } from '../../src/channels/slack/blocks/fit.ts';
import { adminMessage } from '../../src/channels/slack/admins.ts';
import type { Block } from '../../src/channels/slack/blocks/kit.ts';
import { answer, contact, entry } from './answers.ts';
import { expectWithinLimits } from './within-limits.ts';

const x = (n: number) => 'x'.repeat(n);
const sectionTexts = (blocks: Block[]) =>
  blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));
const buttons = (blocks: Block[]) => blocks.flatMap((b) => (b.type === 'actions' ? b.elements : [])) as { text: { text: string }; value: string; action_id: string }[];

describe('section text (3000 characters)', () => {
  it('keeps a summary of exactly 3000 characters in one section', () => {
    const blocks = renderAnswer(answer({ entry: entry({ summary: x(LIMITS.sectionText) }) })).blocks;
    expect(sectionTexts(blocks)).toContain(x(LIMITS.sectionText));
  });
  it('splits a summary of 3001 characters into two sections, losing nothing', () => {
    const summary = `${x(2000)} ${x(1000)}`;
    expect(summary.length).toBe(LIMITS.sectionText + 1);
    const blocks = renderAnswer(answer({ entry: entry({ summary }) })).blocks;
    expect(sectionTexts(blocks)).toEqual(expect.arrayContaining([x(2000), x(1000)]));
    expectWithinLimits(blocks);
  });
  it('splits at a line break rather than mid-line, and never inside an escaped character', () => {
    const pieces = splitText(`${x(2990)}\n${'&amp;'.repeat(10)}`, LIMITS.sectionText);
    expect(pieces).toEqual([x(2990), '&amp;'.repeat(10)]);
    const unbroken = splitText(`${x(2998)}&amp;${x(10)}`, LIMITS.sectionText);
    expect(unbroken[0]).toBe(x(2998));
    expect(unbroken[1]?.startsWith('&amp;')).toBe(true);
  });
});

describe('header (150 characters)', () => {
  it('keeps a title of exactly 150 characters', () => {
    expect(renderAnswer(answer({ entry: entry({ title: x(LIMITS.headerText) }) })).blocks[0]).toMatchObject({ text: { text: x(150) } });
  });
  it('trims a title of 151 characters to 150, ending in an ellipsis', () => {
    const header = renderAnswer(answer({ entry: entry({ title: x(LIMITS.headerText + 1) }) })).blocks[0] as { text: { text: string } };
    expect(header.text.text).toHaveLength(LIMITS.headerText);
    expect(header.text.text.endsWith('…')).toBe(true);
  });
});

describe('button label (75 characters)', () => {
  it('keeps a suggestion title of exactly 75 characters', () => {
    const blocks = renderAnswer(answer({ status: 'ambiguous', suggestions: [{ id: 'a', title: x(75), score: 0.5 }] })).blocks;
    expect(buttons(blocks)[0]?.text.text).toBe(x(75));
  });
  it('trims a title of 76 characters to 75 with an ellipsis; the button still opens the entry', () => {
    const blocks = renderAnswer(answer({ status: 'ambiguous', suggestions: [{ id: 'a', title: x(76), score: 0.5 }] })).blocks;
    const first = buttons(blocks)[0];
    expect(first?.text.text).toHaveLength(LIMITS.buttonText);
    expect(first?.text.text.endsWith('…')).toBe(true);
    expect(first?.value).toBe('a');
  });
});

describe('button value (2000 characters)', () => {
  it('shortens the carried question so feedback always fits, keeping the entry id', () => {
    for (const length of [LIMITS.buttonValue - 20, LIMITS.buttonValue, LIMITS.buttonValue * 3]) {
      const value = encodeFeedback({ entryId: 'duty-to-notify', question: `"${x(length)}` });
      expect(value.length).toBeLessThanOrEqual(LIMITS.buttonValue);
      expect(decodeFeedback(value)?.entryId).toBe('duty-to-notify');
    }
  });
  it('leaves a question that fits untouched', () => {
    const question = x(LIMITS.buttonValue - JSON.stringify({ e: 'a', q: '' }).length);
    const value = encodeFeedback({ entryId: 'a', question });
    expect(value).toHaveLength(LIMITS.buttonValue);
    expect(decodeFeedback(value)?.question).toBe(question);
  });
  it('keeps the urgency on feedback whatever the question\'s length', () => {
    for (const length of [0, LIMITS.buttonValue, LIMITS.buttonValue * 3]) {
      const value = encodeFeedback({ entryId: 'duty-to-notify', question: x(length), urgent: true });
      expect(value.length).toBeLessThanOrEqual(LIMITS.buttonValue);
      expect(decodeFeedback(value)).toMatchObject({ entryId: 'duty-to-notify', urgent: true });
    }
  });
  it('carries an urgent entry id of exactly the limit, and keeps the urgency when the id is longer still', () => {
    const fits = `a${x(LIMITS.buttonValue - '999:'.length - 1)}`.toLowerCase();
    expect(encodeEntry({ entryId: fits, urgent: true })).toHaveLength(LIMITS.buttonValue);
    expect(decodeEntry(encodeEntry({ entryId: fits, urgent: true }))).toEqual({ entryId: fits, urgent: true });
    const tooLong = encodeEntry({ entryId: `${fits}b`, urgent: true });
    expect(tooLong).toHaveLength(LIMITS.buttonValue);
    expect(decodeEntry(tooLong)?.urgent).toBe(true);
    const rendered = buttons(
      renderAnswer(answer({ urgent: true, status: 'ambiguous', suggestions: [{ id: `${fits}b`, title: 'Long', score: 0.5 }] })).blocks,
    )[0];
    expect(rendered?.value).toHaveLength(LIMITS.buttonValue);
    expect(rendered?.value.startsWith('999:')).toBe(true);
  });
  it('reads a bare entry id (a button posted before urgency was carried) as not urgent', () => {
    expect(decodeEntry('nrm-adult-referral')).toEqual({ entryId: 'nrm-adult-referral', urgent: false });
  });
});

describe('action id (255 characters)', () => {
  it('keeps 255 and cuts 256', () => {
    expect(fitActionId(x(255))).toBe(x(255));
    expect(fitActionId(x(256))).toHaveLength(255);
  });
});

describe('section fields (10 per section, 2000 characters each)', () => {
  const contacts = (n: number) => Array.from({ length: n }, (_, i) => contact({ id: `c${i}`, title: `Contact ${i}` }));
  const fieldCounts = (blocks: Block[]) => blocks.flatMap((b) => (b.type === 'section' && b.fields ? [b.fields.length] : []));
  it('puts exactly 10 contacts in one section', () => {
    expect(fieldCounts(renderAnswer(answer({ entry: entry({ contacts: contacts(10) }) })).blocks)).toEqual([10]);
  });
  it('puts 11 contacts in two sections', () => {
    expect(fieldCounts(renderAnswer(answer({ entry: entry({ contacts: contacts(11) }) })).blocks)).toEqual([10, 1]);
  });
  it('keeps a field of exactly 2000 characters and trims one of 2001', () => {
    const title = '*T*\n';
    const at = renderAnswer(answer({ entry: entry({ contacts: [contact({ title: 'T', phones: [], howToContact: x(2000 - title.length) })] }) })).blocks;
    const over = renderAnswer(answer({ entry: entry({ contacts: [contact({ title: 'T', phones: [], howToContact: x(2001 - title.length) })] }) })).blocks;
    const field = (blocks: Block[]) => blocks.flatMap((b) => (b.type === 'section' && b.fields ? b.fields : []))[0]!.text;
    expect(field(at)).toHaveLength(2000);
    expect(field(at).endsWith('x')).toBe(true);
    expect(field(over)).toHaveLength(2000);
    expect(field(over).endsWith('…')).toBe(true);
  });
});

describe('blocks per message (50)', () => {
  const withSections = (n: number, urgent = false) =>
    answer({
      urgent,
      banner: 'Call 999 now.',
      entry: entry({ sections: Array.from({ length: n }, (_, i) => ({ heading: `Part ${i + 1}`, text: 'text' })) }),
      followUps: [{ id: 'duty-to-notify', title: 'Duty to Notify' }],
    });
  const base = renderAnswer(withSections(0), { share: true }).blocks.length;

  it('sends exactly 50 blocks untouched', () => {
    const blocks = renderAnswer(withSections(LIMITS.messageBlocks - base), { share: true }).blocks;
    expect(blocks).toHaveLength(LIMITS.messageBlocks);
    expect(JSON.stringify(blocks)).not.toContain('longer than Slack shows');
  });

  it('trims 51 blocks to 50 with a "more" note and a link to the rest, keeping the banner and every button', () => {
    const blocks = renderAnswer(withSections(LIMITS.messageBlocks - base + 1, true), { share: true }).blocks;
    expect(blocks).toHaveLength(LIMITS.messageBlocks);
    const text = JSON.stringify(blocks);
    expect(text).toContain('This answer is longer than Slack shows in one message. Read the rest at <https://www.gov.uk/');
    expect(text).toContain('Call 999 now.');
    expect(blocks[0]?.type).toBe('section');
    expect(buttons(blocks).map((b) => b.text.text)).toEqual(['Duty to Notify', '👍 Helpful', '👎 Not helpful', 'Share in channel']);
    expectWithinLimits(blocks);
  });

  it('fits a very long answer (every field at its longest) within every limit', () => {
    const huge = answer({
      urgent: true,
      banner: x(5000),
      entry: entry({
        title: x(500),
        summary: `${'a & b < c > '.repeat(2000)}`,
        steps: Array.from({ length: 200 }, (_, i) => `Step ${i} ${x(100)}`),
        body: x(20000),
        sections: Array.from({ length: 60 }, (_, i) => ({ heading: `H${i}`, text: x(4000) })),
        contacts: Array.from({ length: 40 }, (_, i) => contact({ id: `c${i}`, howToContact: x(3000) })),
      }),
      suggestions: Array.from({ length: 3 }, (_, i) => ({ id: `s${i}`, title: x(200), score: 0.4 })),
      followUps: Array.from({ length: 30 }, (_, i) => ({ id: `f${i}`, title: x(200) })),
    });
    const message = renderAnswer(huge, { share: true, question: x(10000) });
    expectWithinLimits(message.blocks);
    expect(message.text.length).toBeLessThanOrEqual(LIMITS.messageText);
    const home = renderHome({ upcoming: [], shown: huge });
    expectWithinLimits(home.blocks as Block[], LIMITS.viewBlocks);
    expect(home.blocks.length).toBeGreaterThan(LIMITS.messageBlocks);
  });
});

describe('elements per actions block (25) and per context block (10)', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => button(`B${i}`, `a_${i}`, `${i}`));
  it('keeps 25 buttons in one block and puts 26 in two', () => {
    expect(actions(many(25)).map((b) => (b as { elements: unknown[] }).elements.length)).toEqual([25]);
    expect(actions(many(26), 'ids').map((b) => (b as { elements: unknown[] }).elements.length)).toEqual([25, 1]);
    expect(new Set(actions(many(26), 'ids').map((b) => (b as { block_id: string }).block_id)).size).toBe(2);
  });
  it('keeps 10 context elements and drops the 11th', () => {
    expect((context(Array.from({ length: 10 }, String)) as { elements: unknown[] }).elements).toHaveLength(10);
    expect((context(Array.from({ length: 11 }, String)) as { elements: unknown[] }).elements).toHaveLength(10);
  });
});

describe('truncate and admin notices', () => {
  it('truncate keeps text at the limit and marks a cut', () => {
    expect(truncate(x(10), 10)).toBe(x(10));
    expect(truncate(x(11), 10)).toBe(`${x(9)}…`);
    expect(truncate(`${x(7)}&amp;`, 10)).toBe(`${x(7)}…`);
  });
  it('an admin notice of many long lines stays within a message', () => {
    const lines = Array.from({ length: 500 }, (_, i) => `knowledge/entries.yaml:${i}:1: ${x(400)}`);
    const message = adminMessage(lines);
    expectWithinLimits(message.blocks);
    expect(JSON.stringify(message.blocks.at(-1))).toContain('500 lines in all');
  });
});
