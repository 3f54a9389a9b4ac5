// Answer → the plain text a person reads (terminal, `ask`, and the fallback text of rich messages).
// Order matters for safety: the 999 banner always comes first.
import type { Answer, AnswerContact, OutOfDate } from './answer.ts';

export interface TextOptions {
  /** ANSI colour for a terminal. Off by default: text also goes to files, pipes and JSON. */
  color?: boolean;
  /** Number the related entries after the "did you mean" choices, for surfaces where people type a number. */
  numberFollowUps?: boolean;
}

const ANSI = { bold: '\x1b[1m', red: '\x1b[1;31m', dim: '\x1b[2m', cyan: '\x1b[36m', reset: '\x1b[0m' } as const;

export function answerToText(answer: Answer, options: TextOptions = {}): string {
  const paint = (code: string, text: string): string => (options.color ? `${code}${text}${ANSI.reset}` : text);
  const blocks: string[] = [];

  if (answer.urgent && answer.banner) blocks.push(paint(ANSI.red, answer.banner));

  const entry = answer.entry;
  if (!entry) {
    blocks.push(answer.fallback ?? 'No guidance matches that question. If someone is in danger now, call 999.');
    return blocks.join('\n\n');
  }

  if (answer.status === 'ambiguous') blocks.push(paint(ANSI.dim, 'My best match (check it fits what you asked):'));
  blocks.push(`${paint(ANSI.bold, entry.title)}\n${entry.summary}`);
  if (answer.outOfDate) blocks.push(paint(ANSI.red, outOfDateLine(answer.outOfDate)));
  if (entry.steps.length > 0) blocks.push(['What to do:', ...entry.steps.map((s, i) => `${i + 1}. ${s}`)].join('\n'));
  if (entry.body) blocks.push(entry.body);
  for (const section of entry.sections) blocks.push(`${paint(ANSI.bold, section.heading)}\n${section.text}`);
  if (answer.comparedWith) blocks.push(`${paint(ANSI.bold, `Compared with: ${answer.comparedWith.title}`)}\n${answer.comparedWith.summary}`);
  if (entry.contacts.length > 0) blocks.push(['Contacts:', ...entry.contacts.map(contactText)].join('\n'));
  if (entry.links.length > 0) blocks.push(['Links:', ...entry.links.map((l) => `- ${l.title}: ${l.url}`)].join('\n'));

  if (answer.suggestions.length > 0) {
    const heading = answer.status === 'ambiguous' ? 'Did you mean:' : 'You might also want:';
    blocks.push([heading, ...answer.suggestions.map((s, i) => `${i + 1}. ${s.title}`)].join('\n'));
  }
  if (answer.followUps.length > 0) {
    const first = answer.suggestions.length + 1;
    const bullet = (i: number): string => (options.numberFollowUps ? `${first + i}.` : '-');
    blocks.push(['Related:', ...answer.followUps.map((f, i) => `${bullet(i)} ${f.title}`)].join('\n'));
  }
  blocks.push(paint(ANSI.dim, sourceText(entry.source, entry.reviewed)));
  return blocks.join('\n\n');
}

function contactText(contact: AnswerContact): string {
  const lines = [`- ${contact.title}`];
  for (const p of contact.phones) lines.push(`  ${p.label}: ${p.number}${p.hours ? ` (${p.hours})` : ''}`);
  for (const e of contact.emails) lines.push(`  ${e.label}: ${e.address}`);
  if (contact.howToContact) lines.push(`  ${contact.howToContact}`);
  for (const l of contact.links) lines.push(`  ${l.title}: ${l.url}`);
  return lines.join('\n');
}

/**
 * The line every channel shows under the title of an answer whose entry is past its review date. The bot
 * still answers (old guidance is usually better than none), but the reader is told to check the source.
 */
export function outOfDateLine(outOfDate: OutOfDate): string {
  return `⚠ May be out of date: last checked ${outOfDate.lastChecked} — check ${outOfDate.check}`;
}

/** The citation under an answer: one source on one line, several as a list, then the day it was checked. */
export function sourceText(sources: readonly string[], reviewed: string): string {
  if (sources.length <= 1) return `Source: ${sources[0] ?? 'not given'}. Reviewed ${reviewed}.`;
  return ['Sources:', ...sources.map((s) => `- ${s}`), `Reviewed ${reviewed}.`].join('\n');
}
