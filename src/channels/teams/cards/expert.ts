// The "Ask an expert" pieces for Teams: the teams to pick and the preview with Send and Cancel as Adaptive
// Cards; the question in the team's channel; notices and relayed answers as text. Everything a person typed
// is escaped for Teams' markdown.
import type { Activity } from 'botbuilder';
import type { ExpertOffer, Reply } from '../../../conversation/reply.ts';
import { POST_TEXT, type HandoffPost, type HandoffRelayed } from '../../../experts/post.ts';
import { cardActivity, textActivity } from '../activities.ts';
import { actionSets, card, heading, submit, text, type CardElement } from './elements.ts';
import { escapeMarkdown } from './markdown.ts';

/** The offer under an answer card. */
export function offerElements(offer: ExpertOffer): CardElement[] {
  return [text(escapeMarkdown(offer.prompt), { spacing: 'Medium' }), ...actionSets([submit(offer.label, { msht: 'expert', q: offer.question.slice(0, 1000) })])];
}

const plain = (line: string): string => line.replace(/`([^`]*)`/g, '"$1"');

export function expertActivity(reply: Reply): Partial<Activity> {
  switch (reply.kind) {
    case 'expert-pick':
      return cardActivity(
        card([heading(escapeMarkdown(reply.prompt)), ...actionSets(reply.options.map((o) => submit(o.name, { msht: 'expert_team', h: reply.handoffId, team: o.teamId })))], reply.prompt),
        reply.prompt,
      );
    case 'expert-preview': {
      const p = reply.preview;
      return cardActivity(
        card(
          [
            text(`⚠️ ${escapeMarkdown(p.warning)}`, { color: 'Attention' }),
            heading(`This is exactly what ${escapeMarkdown(p.teamName)} will see:`),
            text(escapeMarkdown(p.question)),
            ...(p.bestGuess ? [text(`With the guide's best guess: ${escapeMarkdown(p.bestGuess)}`, { isSubtle: true })] : []),
            text(escapeMarkdown(plain(p.rephrase)), { isSubtle: true, size: 'Small' }),
            ...actionSets([submit(p.confirmLabel, { msht: 'expert_send', h: p.handoffId }), submit(p.cancelLabel, { msht: 'expert_cancel', h: p.handoffId })]),
          ],
          `Check your question before it is sent to ${p.teamName}`,
        ),
        `Check your question before it is sent to ${p.teamName}`,
      );
    }
    case 'expert-notice':
      return textActivity([plain(reply.text)]);
    case 'expert-answer':
      return textActivity([
        reply.late ? `Another answer from ${reply.expert} (${reply.teamName}), after the first:` : `Answer from ${reply.expert} (${reply.teamName}) to your question:`,
        `> ${reply.question}`,
        reply.text,
      ]);
    case 'expert-expired':
      return textActivity([reply.text, `> ${reply.question}`]);
    default:
      return textActivity([]);
  }
}

export function handoffActivity(post: HandoffPost): Partial<Activity> {
  if (post.reminder) return textActivity([`${POST_TEXT.reminder} It expires ${post.expires}.`]);
  return textActivity([
    `A question for ${post.teamName}, from ${post.asker}:`,
    `> ${post.question}`,
    ...(post.bestGuess ? [`The guide's best guess: ${post.bestGuess.title}`] : []),
    `${POST_TEXT.howToAnswer} Unanswered, it expires ${post.expires}.`,
  ]);
}

export function relayedActivity(relayed: HandoffRelayed): Partial<Activity> {
  const line = relayed.first ? `Sent to ${relayed.asker}.` : `Sent to ${relayed.asker} too, as a later answer.`;
  return cardActivity(card([text(escapeMarkdown(line)), ...actionSets([submit(POST_TEXT.draftLabel, { msht: 'expert_draft', h: relayed.handoffId, n: relayed.seq })])], line), line);
}
