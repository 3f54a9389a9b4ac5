// Every card the bot can produce, for every entry in the shipped knowledge and the test fixtures, parses
// and validates in the Adaptive Cards SDK with no events, renders, and fits in a Teams message.
import { createRequire } from 'node:module';
import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, it } from 'vitest';
import { createGuide } from '../../src/answer/guide.ts';
import type { Answer } from '../../src/answer/answer.ts';
import { answerCard } from '../../src/channels/teams/cards/answer.ts';
import { reminderCard } from '../../src/channels/teams/cards/reminder.ts';
import { CARD_LIMITS } from '../../src/channels/teams/cards/limits.ts';
import type { AdaptiveCard } from '../../src/channels/teams/cards/elements.ts';
import { FIXTURE_KNOWLEDGE, SHIPPED_KNOWLEDGE, knowledge } from './helpers.ts';

// The SDK's UMD build is what runs on Node 20; rendering needs a DOM, so jsdom provides one.
type AC = {
  AdaptiveCard: {
    onProcessMarkdown?: (text: string, result: { didProcess: boolean; outputHtml?: string }) => void;
  } & (new () => {
    parse(json: unknown, context: unknown): void;
    validateProperties(): { validationEvents: { message: string }[] };
    render(): HTMLElement | undefined;
  });
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): { message: string } };
};
let AdaptiveCards: AC;

beforeAll(() => {
  const dom = new JSDOM('<!doctype html><html><body></body></html>');
  const g = globalThis as Record<string, unknown>;
  g.window = dom.window;
  g.document = dom.window.document;
  // The renderer checks elements against the DOM's classes (HTMLButtonElement and so on).
  for (const name of Object.getOwnPropertyNames(dom.window)) {
    if (/^[A-Z]/.test(name) && !(name in g)) g[name] = (dom.window as unknown as Record<string, unknown>)[name];
  }
  AdaptiveCards = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as AC;
  // Hosts bring their own markdown; this one does what matters here: backslash escapes show the
  // character itself, and nothing in the text becomes HTML.
  AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
    const plain = text.replace(/(?<!\\)\*\*/g, '').replace(/\\(.)/g, '$1');
    result.outputHtml = plain.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    result.didProcess = true;
  };
});

/**
 * Parse, validate and (unless told not to: rendering in jsdom is the slow part) render; returns every
 * problem the SDK reported, and the text it rendered.
 */
function check(card: AdaptiveCard, render = true): { problems: string[]; rendered: string } {
  const sdkCard = new AdaptiveCards.AdaptiveCard();
  const context = new AdaptiveCards.SerializationContext();
  sdkCard.parse(JSON.parse(JSON.stringify(card)), context);
  const problems = Array.from({ length: context.eventCount }, (_, i) => `parse: ${context.getEventAt(i).message}`);
  problems.push(...sdkCard.validateProperties().validationEvents.map((e) => `validate: ${e.message}`));
  const element = render ? sdkCard.render() : undefined;
  if (render && !element) problems.push('render: nothing rendered');
  const bytes = Buffer.byteLength(JSON.stringify(card));
  if (bytes > CARD_LIMITS.maxCardBytes) problems.push(`size: ${bytes} bytes`);
  return { problems, rendered: element?.textContent ?? '' };
}

for (const [name, dir] of [
  ['shipped knowledge', SHIPPED_KNOWLEDGE],
  ['test fixtures', FIXTURE_KNOWLEDGE],
] as const) {
  describe(`cards for every entry in the ${name}`, () => {
    const kb = knowledge(dir);
    const guide = createGuide(kb);

    it('loads some entries', () => {
      expect(kb.entries.length).toBeGreaterThan(0);
    });

    it.each(kb.entries.map((e) => [e.id]))('%s: the entry card, and the card for each of its questions', (id) => {
      const entry = kb.byId.get(id)!;
      const own = guide.answerEntry(id)!;
      const { problems, rendered } = check(answerCard(own));
      expect(problems).toEqual([]);
      expect(rendered).toContain(entry.title);
      for (const answer of entry.questions.map((q) => guide.ask(q))) {
        expect(check(answerCard(answer), false).problems, `${id}: ${answer.query}`).toEqual([]);
      }
    });

    it('the no-match card', () => {
      const answer = guide.ask('what time does the canteen open');
      expect(answer.status).toBe('no_match');
      expect(check(answerCard(answer)).problems).toEqual([]);
    });

    it.each(kb.reminders.map((r) => [r.id]))('reminder %s', (id) => {
      const reminder = kb.reminders.find((r) => r.id === id)!;
      const entry = reminder.entry ? guide.answerEntry(reminder.entry)?.entry ?? undefined : undefined;
      const card = reminderCard({ reminder, occurrence: new Date('2027-03-28T08:00:00Z'), localTime: 'Sun 28 Mar 2027, 09:00 BST', ...(entry ? { entry } : {}) });
      const { problems, rendered } = check(card);
      expect(problems).toEqual([]);
      expect(rendered).toContain(reminder.title);
    });
  });
}

// ------------------------------------------------------------------ limits, tested at the boundary

function answerWith(overrides: Partial<NonNullable<Answer['entry']>>, extra: Partial<Answer> = {}): Answer {
  return {
    query: 'q',
    status: 'answered',
    urgent: false,
    score: 0.9,
    entry: {
      id: 'sample-entry',
      kind: 'referral',
      title: 'Sample',
      summary: 'Summary.',
      steps: [],
      sections: [],
      contacts: [],
      links: [],
      source: ['Home Office statutory guidance'],
      reviewed: '2026-11-01',
      ...overrides,
    },
    suggestions: [],
    followUps: [],
    ...extra,
  };
}

const links = (n: number) => Array.from({ length: n }, (_, i) => ({ title: `Link ${i + 1}`, url: `https://www.gov.uk/page-${i + 1}` }));
const buttons = (card: AdaptiveCard) =>
  card.body.flatMap((el) => (el.type === 'ActionSet' ? el.actions : [])).filter((a) => a.type === 'Action.OpenUrl');

describe('card limits', () => {
  it(`keeps ${CARD_LIMITS.maxLinkActions} links as buttons in one row`, () => {
    const card = answerCard(answerWith({ links: links(CARD_LIMITS.maxLinkActions) }));
    expect(buttons(card)).toHaveLength(CARD_LIMITS.maxLinkActions);
    expect(check(card).problems).toEqual([]);
  });

  it('gives links past the button limit as text, so none is lost', () => {
    const card = answerCard(answerWith({ links: links(CARD_LIMITS.maxLinkActions + 1) }));
    expect(buttons(card)).toHaveLength(CARD_LIMITS.maxLinkActions);
    expect(JSON.stringify(card)).toContain(`https://www.gov.uk/page-${CARD_LIMITS.maxLinkActions + 1}`);
    expect(check(card).problems).toEqual([]);
  });

  it('cuts long button labels to what a phone shows', () => {
    const title = 'x'.repeat(CARD_LIMITS.maxActionTitleChars + 10);
    const card = answerCard(answerWith({}, { suggestions: [{ id: 'a', title, score: 0.5 }], status: 'ambiguous' }));
    const submit = card.body.flatMap((el) => (el.type === 'ActionSet' ? el.actions : [])).find((a) => a.type === 'Action.Submit')!;
    expect(submit.title.length).toBeLessThanOrEqual(CARD_LIMITS.maxActionTitleChars);
  });

  it('leaves a card exactly at the size limit alone, and shortens one a byte over it, with a note', () => {
    // Past the fallback text's own cap, each body character adds exactly one byte to the card.
    const bytesWith = (n: number) => Buffer.byteLength(JSON.stringify(answerCard(answerWith({ body: 'a'.repeat(n) }))));
    const probe = 10_000;
    const exact = probe + (CARD_LIMITS.maxCardBytes - bytesWith(probe));
    const atLimit = answerCard(answerWith({ body: 'a'.repeat(exact) }));
    expect(Buffer.byteLength(JSON.stringify(atLimit))).toBe(CARD_LIMITS.maxCardBytes);
    expect(JSON.stringify(atLimit)).not.toContain('shortened');
    const over = answerCard(answerWith({ body: 'a'.repeat(exact + 1) }));
    expect(Buffer.byteLength(JSON.stringify(over))).toBeLessThanOrEqual(CARD_LIMITS.maxCardBytes);
    expect(JSON.stringify(over)).toContain('shortened to fit in Teams');
    expect(check(over).problems).toEqual([]);
  });

  it('stays under the limit even when every field is enormous', () => {
    const long = 'Ä'.repeat(50_000);
    const card = answerCard(
      answerWith(
        {
          title: long.slice(0, 500),
          summary: long,
          body: long,
          steps: Array.from({ length: 100 }, () => long.slice(0, 2_000)),
          sections: Array.from({ length: 50 }, () => ({ heading: 'H', text: long.slice(0, 5_000) })),
          contacts: Array.from({ length: 30 }, (_, i) => ({ id: `c-${i}`, title: `Contact ${i}`, phones: [{ label: 'Phone', number: '0800 000 000' }], emails: [], links: [], howToContact: long.slice(0, 3_000) })),
        },
        { urgent: true, banner: 'If someone is in immediate danger, call 999.' },
      ),
    );
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(CARD_LIMITS.maxCardBytes);
    expect(check(card).problems).toEqual([]);
  });

  it('opens an urgent answer with 999 even if the banner text is missing', () => {
    const card = answerCard(answerWith({}, { urgent: true }));
    const first = card.body[0]!;
    expect(first).toMatchObject({ type: 'Container', style: 'attention' });
    expect(JSON.stringify(first)).toContain('999');
  });

  it('escapes knowledge text for the card markdown subset', () => {
    const card = answerCard(answerWith({ summary: '1. Not a list *or bold* [or a link](https://x.example) <at>someone</at>', steps: ['- not a bullet'] }));
    const json = JSON.stringify(card);
    expect(json).toContain('1\\\\. Not a list \\\\*or bold\\\\* \\\\[or a link\\\\](https://x.example) \\\\<at\\\\>someone\\\\</at\\\\>');
    expect(json).toContain('\\\\- not a bullet');
    expect(check(card).rendered).toContain('1. Not a list *or bold* [or a link](https://x.example) <at>someone</at>');
  });
});
