// The plain text of an answer, for a client that cannot show the card and for notification previews.
// Same order as the card: the 999 banner first when urgent.
import type { Answer, AnswerContact } from '../../../answer/answer.ts';

export function answerPlainText(answer: Answer): string {
  const lines: string[] = [];
  if (answer.urgent && answer.banner) lines.push(answer.banner, '');
  const entry = answer.entry;
  if (!entry) {
    if (answer.fallback) lines.push(answer.fallback);
  } else {
    lines.push(entry.title, entry.summary);
    entry.steps.forEach((step, i) => lines.push(`${i + 1}. ${step}`));
    if (entry.body) lines.push(entry.body);
    for (const section of entry.sections) lines.push(`${section.heading}: ${section.text}`);
    for (const contact of entry.contacts) lines.push(contactLine(contact));
    for (const link of entry.links) lines.push(`${link.title}: ${link.url}`);
  }
  if (answer.suggestions.length > 0) {
    lines.push(`Did you mean: ${answer.suggestions.map((s) => s.title).join('; ')}?`);
  }
  return lines.join('\n').trim();
}

function contactLine(contact: AnswerContact): string {
  const parts = [
    ...contact.phones.map((p) => `${p.label} ${p.number}${p.hours ? ` (${p.hours})` : ''}`),
    ...contact.emails.map((e) => `${e.label} ${e.address}`),
  ];
  if (contact.howToContact) parts.push(contact.howToContact);
  return `${contact.title}: ${parts.join('; ')}`;
}
