// The admins' digest as an Adaptive Card in each admin's personal chat with the bot: title and period, the
// figures, then each part under a heading. Lines to copy (YAML) are in a monospace block; everything shown
// is escaped, so a question's `**` or `[x](y)` shows as written. A long week is cut to the card's size
// budget, saying the report has the rest.
import type { Digest, DigestSection } from '../../../report/digest.ts';
import { digestToLines } from '../../../report/digest.ts';
import { CARD_LIMITS } from './limits.ts';
import { escapeMarkdown } from './markdown.ts';
import { card, cardBytes, heading, text, type AdaptiveCard, type CardElement } from './elements.ts';

function part<T>(s: DigestSection<T>, item: (t: T, i: number) => CardElement[]): CardElement[] {
  const out: CardElement[] = [heading(escapeMarkdown(s.title))];
  if (s.items.length === 0) out.push(text(escapeMarkdown(s.empty), { isSubtle: true }));
  s.items.forEach((t, i) => out.push(...item(t, i)));
  if (s.more > 0) out.push(text(escapeMarkdown(`…and ${s.more} more in the report`), { isSubtle: true, size: 'Small' }));
  return out;
}

export function digestCard(digest: Digest): AdaptiveCard {
  const body: CardElement[] = [
    text(escapeMarkdown(digest.title), { size: 'Large', weight: 'Bolder', style: 'heading' }),
    text(escapeMarkdown(digest.period), { isSubtle: true, spacing: 'None' }),
    ...digest.figures.map((line, i) => text(escapeMarkdown(line), i === 0 ? { spacing: 'Medium' } : { spacing: 'None' })),
    ...part(digest.unanswered, (g, i) => [
      text(escapeMarkdown(`${i + 1}. ${g.headline}`), { spacing: 'Small' }),
      text(escapeMarkdown(`→ ${g.action}`), { isSubtle: true, spacing: 'None' }),
      ...(g.yaml ? [text(escapeMarkdown(g.yaml), { fontType: 'Monospace', spacing: 'None' } as const)] : []),
    ]),
    ...part(digest.unhelpful, (e) => [
      text(escapeMarkdown(e.line), { spacing: 'Small' }),
      ...e.questions.map((q) => text(escapeMarkdown(`on “${q}”`), { isSubtle: true, spacing: 'None' })),
    ]),
    ...part(digest.review, (line) => [text(escapeMarkdown(line), { spacing: 'Small' })]),
  ];
  if (digest.deliveries.items.length > 0) body.push(...part(digest.deliveries, (line) => [text(escapeMarkdown(line), { spacing: 'Small' })]));
  const footer: CardElement[] = [
    text(escapeMarkdown(digest.footer.text), { isSubtle: true, size: 'Small', spacing: 'Medium', separator: true }),
    text(escapeMarkdown(digest.footer.command), { fontType: 'Monospace', size: 'Small', spacing: 'None' }),
  ];
  const fallback = digestToLines(digest).join('\n');
  let built = card([...body, ...footer], fallback);
  // A week with very long questions: drop lines from the end of the body until the card fits.
  while (cardBytes(built) > CARD_LIMITS.maxCardBytes && body.length > 3) {
    body.pop();
    built = card([...body, text('…cut to fit: the report has the rest.', { isSubtle: true }), ...footer], fallback);
  }
  return built;
}
