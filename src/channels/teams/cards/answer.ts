// Answer → Adaptive Card. Order follows what a person under pressure needs first: the 999 banner when
// someone is in danger now, then the answer, the steps, who to contact, where to read more, and only
// then the choices (did you mean, related, was this helpful).
import type { Answer, AnswerContact, AnswerEntry } from '../../../answer/answer.ts';
import { answerToText } from '../../../answer/text.ts';
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
export function answerCard(answer: Answer): AdaptiveCard {
  let built = buildAnswerCard(answer, Infinity);
  // Halve the allowance for each long text until the card fits; the floor keeps every text readable.
  let budget = 4_000;
  while (cardBytes(built) > CARD_LIMITS.maxCardBytes && budget >= CARD_LIMITS.minTrimmedTextChars) {
    built = buildAnswerCard(answer, budget);
    budget = Math.floor(budget / 2);
  }
  if (cardBytes(built) > CARD_LIMITS.maxCardBytes) built = buildAnswerCard(answer, CARD_LIMITS.minTrimmedTextChars, true);
  return built;
}

function buildAnswerCard(answer: Answer, budget: number, minimal = false): AdaptiveCard {
  const cut = (value: string) => escapeMarkdown(truncate(value.trim(), budget));
  const shortened = budget !== Infinity;
  const body: CardElement[] = [];

  if (answer.urgent && answer.banner) {
    body.push({
      type: 'Container',
      style: 'attention',
      bleed: true,
      items: [text(escapeMarkdown(answer.banner), { weight: 'Bolder', color: 'Attention', size: 'Medium' })],
    });
  }

  const entry = answer.entry;
  if (entry) {
    body.push(...entryElements(entry, answer, cut, minimal));
  } else {
    body.push(text('**No clear answer found**', { size: 'Medium' }));
    if (answer.fallback) body.push(text(cut(answer.fallback)));
  }
  if (shortened) body.push(text(escapeMarkdown(SHORTENED_NOTE), { isSubtle: true, size: 'Small' }));

  if (answer.suggestions.length > 0) {
    body.push(heading('Did you mean:'));
    body.push(
      ...actionSets(
        answer.suggestions
          .slice(0, CARD_LIMITS.maxSuggestions)
          .map((s) => submit(s.title, { msht: 'entry', id: s.id, via: 'suggestion' })),
      ),
    );
  }
  if (answer.followUps.length > 0 && !minimal) {
    body.push(heading('Related'));
    body.push(
      ...actionSets(
        answer.followUps
          .slice(0, CARD_LIMITS.maxFollowUps)
          .map((f) => submit(f.title, { msht: 'entry', id: f.id, via: 'follow_up' })),
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

  return card(body, answerToText(answer));
}

function entryElements(
  entry: AnswerEntry,
  answer: Answer,
  cut: (value: string) => string,
  minimal: boolean,
): CardElement[] {
  const out: CardElement[] = [];
  out.push(text(escapeMarkdown(entry.title), { size: 'Large', weight: 'Bolder', style: 'heading' }));
  if (answer.status === 'ambiguous') {
    out.push(text('Closest match. If this is not what you meant, pick one of the choices below.', { isSubtle: true, size: 'Small' }));
  }
  out.push(text(cut(entry.summary)));

  if (entry.steps.length > 0) {
    out.push(heading('Steps'));
    entry.steps.forEach((step, i) => out.push(text(`**${i + 1}\\.** ${cut(step)}`, { spacing: 'Small' })));
  }
  if (entry.body && !minimal) out.push(text(cut(entry.body)));
  if (!minimal) {
    for (const section of entry.sections) {
      out.push(heading(escapeMarkdown(section.heading)));
      out.push(text(cut(section.text), { spacing: 'Small' }));
    }
  }

  if (entry.contacts.length > 0) {
    out.push(heading(entry.kind === 'contact' ? 'How to contact' : 'Contacts'));
    for (const contact of entry.contacts) out.push(...contactElements(contact, entry, cut));
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
  if (contact.id !== entry.id) out.push(text(`**${escapeMarkdown(contact.title)}**`, { spacing: 'Small' }));
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
