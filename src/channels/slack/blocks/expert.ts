// The "Ask an expert" pieces in Block Kit: the offer under an answer, the teams to pick from, the preview
// with Send and Cancel, the question as posted in the team's channel, and what the asker gets back.
// Everything a person typed is escaped; the asker and the expert are shown as mentions of their Slack ids.
import type { ExpertOffer, HandoffPreview, Reply } from '../../../conversation/reply.ts';
import { POST_TEXT, type HandoffPost, type HandoffRelayed } from '../../../experts/post.ts';
import { escapeMrkdwn, mentionUser } from '../mrkdwn.ts';
import { type Block, type SlackMessage, actions, button, context, header, sections } from './kit.ts';
import { truncate } from './fit.ts';

export const EXPERT_ACTION = {
  /** Under an answer: start a hand-off. Value: the question. */
  ask: 'msht_expert_ask',
  /** Pick a team. Value: `<hand-off id> <team id>`. Suffixed with the position. */
  team: 'msht_expert_team',
  /** Value: the hand-off id. */
  send: 'msht_expert_send',
  cancel: 'msht_expert_cancel',
  /** In the team's thread: draft a knowledge entry from an answer. Value: `<hand-off id> <answer number>`. */
  draft: 'msht_expert_draft',
} as const;
export const EXPERT_TEAM_ACTION = /^msht_expert_team_/;

/** Quote lines in mrkdwn: each line of escaped text behind `>`. */
const quote = (text: string): string =>
  escapeMrkdwn(text)
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');

export function offerBlocks(offer: ExpertOffer): Block[] {
  return [
    ...sections(escapeMrkdwn(offer.prompt)),
    ...actions([button(offer.label, EXPERT_ACTION.ask, offer.question)], 'msht_expert_offer'),
  ];
}

/** The asking flow's replies; undefined for any other Reply. */
export function renderExpertReply(reply: Reply): SlackMessage | undefined {
  switch (reply.kind) {
    case 'expert-pick':
      return {
        text: reply.prompt,
        blocks: [
          ...sections(`*${escapeMrkdwn(reply.prompt)}*`),
          ...actions(reply.options.map((o, i) => button(o.name, `${EXPERT_ACTION.team}_${i}`, `${reply.handoffId} ${o.teamId}`)), 'msht_expert_teams'),
        ],
      };
    case 'expert-preview':
      return previewMessage(reply.preview);
    case 'expert-notice':
      return { text: reply.text, blocks: sections(codeAware(reply.text)) };
    case 'expert-answer': {
      const lead = reply.late
        ? `Another answer from ${mentionUser(reply.expert)} (${escapeMrkdwn(reply.teamName)}), after the first:`
        : `Answer from ${mentionUser(reply.expert)} (${escapeMrkdwn(reply.teamName)}) to your question:`;
      return {
        text: `${reply.late ? 'Another answer' : 'Answer'} from ${reply.teamName}`,
        blocks: [...sections(`${lead}\n${quote(truncate(reply.question, 500))}`), ...sections(escapeMrkdwn(reply.text))],
      };
    }
    case 'expert-expired':
      return {
        text: `Nobody from ${reply.teamName} answered in time`,
        blocks: [...sections(`${escapeMrkdwn(reply.text)}\n${quote(truncate(reply.question, 500))}`)],
      };
    default:
      return undefined;
  }
}

function previewMessage(preview: HandoffPreview): SlackMessage {
  return {
    text: `Check your question before it is sent to ${preview.teamName}`,
    blocks: [
      ...sections(`:warning: ${escapeMrkdwn(preview.warning)}`),
      ...sections(`*This is exactly what ${escapeMrkdwn(preview.teamName)} will see:*\n${quote(preview.question)}`),
      ...(preview.bestGuess ? [context([`With the guide's best guess: ${escapeMrkdwn(preview.bestGuess)}`])] : []),
      context([codeAware(preview.rephrase)]),
      ...actions(
        [button(preview.confirmLabel, EXPERT_ACTION.send, preview.handoffId, 'primary'), button(preview.cancelLabel, EXPERT_ACTION.cancel, preview.handoffId)],
        'msht_expert_confirm',
      ),
    ],
  };
}

/** The question in the team's channel (or, in its thread, the reminder). */
export function handoffMessage(post: HandoffPost): SlackMessage {
  if (post.reminder) {
    const text = `${POST_TEXT.reminder} It expires ${post.expires}.`;
    return { text, blocks: sections(escapeMrkdwn(text)) };
  }
  return {
    text: `A question for ${post.teamName}`,
    blocks: [
      header(`A question for ${post.teamName}`),
      ...sections(`From ${mentionUser(post.asker)}:\n${quote(post.question)}`),
      ...(post.bestGuess ? [context([`The guide's best guess: ${escapeMrkdwn(post.bestGuess.title)}`])] : []),
      context([`${escapeMrkdwn(POST_TEXT.howToAnswer)} Unanswered, it expires ${escapeMrkdwn(post.expires)}.`]),
    ],
  };
}

/** In the thread, after an answer was passed on. */
export function relayedMessage(relayed: HandoffRelayed): SlackMessage {
  const text = relayed.first ? `Sent to ${mentionUser(relayed.asker)}.` : `Sent to ${mentionUser(relayed.asker)} too, as a later answer.`;
  return {
    text,
    blocks: [
      ...sections(text),
      ...actions([button(POST_TEXT.draftLabel, EXPERT_ACTION.draft, `${relayed.handoffId} ${relayed.seq}`)], 'msht_expert_draft'),
    ],
  };
}

/** Core texts mark what a person types in backticks; keep those as code, escape the rest. */
function codeAware(line: string): string {
  return line
    .split(/(`[^`]*`)/)
    .map((part) => (part.startsWith('`') && part.endsWith('`') && part.length > 1 ? part : escapeMrkdwn(part)))
    .join('');
}
