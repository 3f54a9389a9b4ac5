// The admins' digest as a Slack message (a DM to each admin): the title and period, the figures, then each
// part with a bold title. What people asked (the redacted examples, the lines to copy) is shown as inline
// code, so a `*` or `_` in a question cannot restyle the message; everything is escaped, and the message
// stays within Block Kit's limits however much the week held.
import type { Digest, DigestSection } from '../../../report/digest.ts';
import { escapeMrkdwn } from '../mrkdwn.ts';
import { truncate } from './fit.ts';
import { LIMITS } from './limits.ts';
import { type Block, type SlackMessage, context, divider, header, sections } from './kit.ts';

/** Inline code: mrkdwn styles nothing inside it; a backtick in it would end it early, so it becomes a quote. */
function code(text: string): string {
  return `\`${escapeMrkdwn(text.replace(/`/g, 'ʼ'))}\``;
}

function part<T>(s: DigestSection<T>, item: (t: T, i: number) => string): Block[] {
  const lines = s.items.length === 0 ? [`_${escapeMrkdwn(s.empty)}_`] : s.items.map(item);
  if (s.more > 0) lines.push(`…and ${s.more} more in the report`);
  return sections(`*${escapeMrkdwn(s.title)}*\n${lines.join('\n')}`);
}

/** The example in a group's headline (between “ and ”) as code, the rest as text. */
function headline(text: string): string {
  const match = /^(.*?)“(.*)”(.*)$/s.exec(text);
  return match ? `${escapeMrkdwn(match[1]!)}${code(match[2]!)}${escapeMrkdwn(match[3]!)}` : escapeMrkdwn(text);
}

export function renderDigest(digest: Digest): SlackMessage {
  const blocks: Block[] = [
    header(`📋 ${digest.title}`),
    context([escapeMrkdwn(digest.period)]),
    ...sections(digest.figures.map(escapeMrkdwn).join('\n')),
    divider(),
    ...part(digest.unanswered, (g, i) => `${i + 1}. ${headline(g.headline)}\n      → ${escapeMrkdwn(g.action)}${g.yaml ? ` ${code(g.yaml)}` : ''}`),
    ...part(digest.unhelpful, (e) => `• ${escapeMrkdwn(e.line)}${e.questions.map((q) => `\n      on ${code(q)}`).join('')}`),
    ...part(digest.review, (line) => `• ${escapeMrkdwn(line)}`),
  ];
  if (digest.deliveries.items.length > 0) blocks.push(...part(digest.deliveries, (line) => `• ${escapeMrkdwn(line)}`));
  const footer = context([`${escapeMrkdwn(digest.footer.text)} ${code(digest.footer.command)}`]);
  const kept = blocks.length + 1 > LIMITS.messageBlocks ? blocks.slice(0, LIMITS.messageBlocks - 1) : blocks;
  const text = truncate(escapeMrkdwn(`${digest.title}, ${digest.period}: ${digest.figures[0] ?? ''}`), LIMITS.sectionText);
  return { text, blocks: [...kept, footer] };
}
