// Answer → Adaptive Card. Order follows what a person under pressure needs first: the 999 banner when
// someone is in danger now, then the answer, the steps, who to contact, where to read more, and only
// then the choices (did you mean, related, was this helpful). A no-match answer may carry the chooser's
// options instead.
import type { Answer, AnswerContact, AnswerEntry } from '../../../answer/answer.ts';
import type { Chooser } from '../../../conversation/chooser.ts';
import { answerToText, outOfDateLine } from '../../../answer/text.ts';
import { DEFAULT_BANNER } from '../../../answer/safety.ts';
import { CARD_LIMITS } from './limits.ts';
import { escapeMarkdown, truncate } from './markdown.ts';
import {
  actionSets,
  card,
  cardBytes,
  heading,
  openUrl,
  submit,
  text,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
  type FactSet,
} from './elements.ts';

export const NOT_HELPFUL_TITLE = '👎 Not helpful';
export const HELPFUL_TITLE = '👍 Helpful';
export const SHORTENED_NOTE = 'This answer was shortened to fit in Teams. Open the source below for the full text.';

/**
 * The card for an answer. Always under Teams' message size: long knowledge text is cut down step by step
 * (with a note saying so) rather than letting Teams reject the message.
 */
export function answerCard(answer: Answer, chooser?: Chooser): AdaptiveCard {
  let built = buildAnswerCard(answer, FULL, chooser);
  for (const budget of SHRINK_STEPS) {
    if (cardBytes(built) <= CARD_LIMITS.maxCardBytes) break;
    built = buildAnswerCard(answer, budget, chooser);
  }
  return built;
}

/** How much of a long answer to keep: characters per text, and items per list (steps, sections, contacts). */
interface Budget {
  chars: number;
  items: number;
  /** Drop the body and sections entirely: the summary, steps and contacts matter most. */
  minimal: boolean;
}

const FULL: Budget = { chars: Infinity, items: Infinity, minimal: false };
// Tried in order until the card fits: first shorter texts, then fewer items, then only the essentials.
const SHRINK_STEPS: readonly Budget[] = [
  { chars: 4_000, items: Infinity, minimal: false },
  { chars: 2_000, items: Infinity, minimal: false },
  { chars: 1_000, items: 30, minimal: false },
  { chars: 500, items: 20, minimal: false },
  { chars: CARD_LIMITS.minTrimmedTextChars, items: 12, minimal: false },
  { chars: CARD_LIMITS.minTrimmedTextChars, items: 8, minimal: true },
  { chars: 100, items: 4, minimal: true },
];

function buildAnswerCard(answer: Answer, budget: Budget, chooser: Chooser | undefined): AdaptiveCard {
  const cut = (value: string) => escapeMarkdown(truncate(value.trim(), budget.chars));
  const shortened = budget !== FULL;
  const minimal = budget.minimal;
  const body: CardElement[] = [];

  if (answer.urgent) {
    // The core's default stands in if an urgent answer arrives without its banner: urgent always opens with 999.
    body.push({
      type: 'Container',
      style: 'attention',
      bleed: true,
      items: [text(escapeMarkdown(answer.banner ?? DEFAULT_BANNER), { weight: 'Bolder', color: 'Attention', size: 'Medium' })],
    });
  }

  const entry = answer.entry;
  if (entry) {
    body.push(...entryElements(entry, answer, cut, budget));
  } else {
    body.push(text('**No clear answer found**', { size: 'Medium' }));
    if (answer.fallback) body.push(text(cut(answer.fallback)));
  }
  if (shortened) body.push(text(escapeMarkdown(SHORTENED_NOTE), { isSubtle: true, size: 'Small' }));

  // Buttons carry the card's urgency, so whatever a click shows still opens with 999.
  const urgent = answer.urgent ? { urgent: true as const } : {};
  if (chooser && chooser.options.length > 0) {
    body.push(heading(escapeMarkdown(chooser.prompt)));
    body.push(
      ...actionSets(
        chooser.options.map((o) =>
          o.choice.kind === 'entry'
            ? submit(o.label, { msht: 'entry', id: o.choice.id, via: 'chooser', ...urgent })
            : submit(o.label, { msht: 'ask', q: o.choice.question, ...urgent }),
        ),
      ),
    );
  }

  if (answer.suggestions.length > 0) {
    body.push(heading('Did you mean:'));
    body.push(
      ...actionSets(
        answer.suggestions
          .slice(0, CARD_LIMITS.maxSuggestions)
          .map((s) => submit(s.title, { msht: 'entry', id: s.id, via: 'suggestion', ...urgent })),
      ),
    );
  }
  if (answer.followUps.length > 0 && !minimal) {
    body.push(heading('Related'));
    body.push(
      ...actionSets(
        answer.followUps
          .slice(0, CARD_LIMITS.maxFollowUps)
          .map((f) => submit(f.title, { msht: 'entry', id: f.id, via: 'follow_up', ...urgent })),
      ),
    );
  }
  if (entry) {
    const q = answer.query.trim() === '' ? undefined : truncate(answer.query.trim(), CARD_LIMITS.maxFeedbackQueryChars);
    const data = (helpful: boolean) =>
      q === undefined ? { msht: 'feedback' as const, id: entry.id, helpful } : { msht: 'feedback' as const, id: entry.id, helpful, q };
    body.push(text('Was this helpful?', { isSubtle: true, size: 'Small', spacing: 'Medium' }));
    body.push(...actionSets([submit(HELPFUL_TITLE, data(true)), submit(NOT_HELPFUL_TITLE, data(false))]));
  }

  // A shortened card gets a shorter fallback too: it counts towards the same message size.
  const plain = chooser ? `${answerToText(answer)}\n\n${[chooser.prompt, ...chooser.options.map((o) => `- ${o.label}`)].join('\n')}` : answerToText(answer);
  return card(body, shortened ? truncate(plain, 1_000) : plain);
}

function entryElements(
  entry: AnswerEntry,
  answer: Answer,
  cut: (value: string) => string,
  budget: Budget,
): CardElement[] {
  const out: CardElement[] = [];
  const { minimal, items } = budget;
  const more = (total: number, what: string) =>
    total > items ? [text(escapeMarkdown(`…and ${total - items} more ${what}: see the source.`), { isSubtle: true, size: 'Small' })] : [];
  out.push(text(cut(entry.title), { size: 'Large', weight: 'Bolder', style: 'heading' }));
  if (answer.status === 'ambiguous') {
    out.push(text('Closest match. If this is not what you meant, pick one of the choices below.', { isSubtle: true, size: 'Small' }));
  }
  out.push(text(cut(entry.summary)));
  if (answer.outOfDate) out.push(text(escapeMarkdown(outOfDateLine(answer.outOfDate)), { color: 'Warning', weight: 'Bolder' }));

  if (entry.steps.length > 0) {
    out.push(heading('Steps'));
    entry.steps.slice(0, items).forEach((step, i) => out.push(text(`**${i + 1}\\.** ${cut(step)}`, { spacing: 'Small' })));
    out.push(...more(entry.steps.length, 'steps'));
  }
  if (entry.body && !minimal) out.push(text(cut(entry.body)));
  if (!minimal) {
    for (const section of entry.sections.slice(0, items)) {
      out.push(heading(cut(section.heading)));
      out.push(text(cut(section.text), { spacing: 'Small' }));
    }
    out.push(...more(entry.sections.length, 'sections'));
  }

  if (entry.contacts.length > 0) {
    out.push(heading(entry.kind === 'contact' ? 'How to contact' : 'Contacts'));
    for (const contact of entry.contacts.slice(0, items)) out.push(...contactElements(contact, entry, cut));
    out.push(...more(entry.contacts.length, 'contacts'));
  }

  const links: CardAction[] = [];
  const seen = new Set<string>();
  for (const link of [...entry.links, ...entry.contacts.flatMap((c) => c.links)]) {
    if (seen.has(link.url)) continue;
    seen.add(link.url);
    links.push(openUrl(link.title, link.url));
  }
  if (links.length > 0) {
    out.push(heading('Read more'));
    out.push(...actionSets(links.slice(0, CARD_LIMITS.maxLinkActions)));
    // Links past the button limit are still given, as text, so nothing the knowledge says is lost.
    for (const action of links.slice(CARD_LIMITS.maxLinkActions)) {
      if (action.type === 'Action.OpenUrl') out.push(text(escapeMarkdown(`${action.title}: ${action.url}`), { size: 'Small' }));
    }
  }

  const source = entry.source.join('; ');
  out.push(
    text(escapeMarkdown(`Source: ${truncate(source, 300)} · Reviewed ${entry.reviewed}`), {
      isSubtle: true,
      size: 'Small',
      spacing: 'Medium',
      separator: true,
    }),
  );
  return out;
}

function contactElements(contact: AnswerContact, entry: AnswerEntry, cut: (value: string) => string): CardElement[] {
  const out: CardElement[] = [];
  // A contact entry shown on its own already has its title at the top of the card.
  if (contact.id !== entry.id) out.push(text(`**${cut(contact.title)}**`, { spacing: 'Small' }));
  const facts: FactSet['facts'] = [
    ...contact.phones.map((p) => ({
      title: escapeMarkdown(p.label),
      value: escapeMarkdown(p.hours ? `${p.number} (${p.hours})` : p.number),
    })),
    ...contact.emails.map((e) => ({ title: escapeMarkdown(e.label), value: escapeMarkdown(e.address) })),
  ];
  if (facts.length > 0) out.push({ type: 'FactSet', facts });
  if (contact.howToContact) out.push(text(cut(contact.howToContact), { spacing: 'Small' }));
  return out;
}
