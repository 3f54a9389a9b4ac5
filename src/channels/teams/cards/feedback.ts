// The thanks after 👎, with why it was not helpful to pick in one click (optional). Each button sends the
// store's id for that 👎 and the reason; nothing the person typed travels with it.
import type { Reply } from '../../../conversation/reply.ts';
import { escapeMarkdown } from './markdown.ts';
import { actionSets, card, submit, text, type AdaptiveCard } from './elements.ts';

export const REASON_PROMPT = 'Why was it not helpful? One click, if you like:';

export function feedbackReasonsCard(thanks: readonly string[], reasons: NonNullable<Extract<Reply, { kind: 'feedback' }>['reasons']>): AdaptiveCard {
  const body = [
    ...thanks.map((line) => text(escapeMarkdown(line))),
    text(escapeMarkdown(REASON_PROMPT), { isSubtle: true, spacing: 'Medium' }),
    ...actionSets(reasons.options.map((o) => submit(o.label, { msht: 'reason', f: reasons.feedbackId, reason: o.reason }))),
  ];
  return card(body, [...thanks, REASON_PROMPT, reasons.options.map((o) => o.label).join(' · ')].join('\n'));
}
