// Reply → a Slack message. The conversation core decides what to say; this only words it for Slack:
// mrkdwn, escaped, with Block Kit buttons. Every piece of knowledge or user text is escaped.
import { reasonLabel, type FeedbackReasonOption, type Reply } from '../../conversation/reply.ts';
import type { Help } from '../../conversation/help.ts';
import type { SubscriptionOutcome } from '../../conversation/subscriptions.ts';
import { bannerBlock, renderAnswer } from './blocks/answer.ts';
import { ACTION, BLOCK_ID, encodeReason } from './blocks/action-ids.ts';
import { type Block, type SlackMessage, actions, button, context, sections } from './blocks/kit.ts';
import { escapeMrkdwn } from './mrkdwn.ts';
import { offerBlocks, renderExpertReply } from './blocks/expert.ts';

export interface ReplyRenderOptions {
  /** The question as asked: echoed back and carried with the feedback buttons. */
  question?: string;
  /**
   * Asked with `/msht`: the answer is private, so it gets a "Share in channel" button; and `/msht` works in
   * channels the bot is not in, so a subscription may need an invitation.
   */
  slash?: boolean;
  /** Offer "Share in channel" on a private answer (a click on an ephemeral one); defaults to `slash`. */
  share?: boolean;
  /** A context line under the title, e.g. "Shared by @someone" (mrkdwn, already safe). */
  note?: string;
}

export const NOT_FOUND = 'That guidance is no longer available. Ask again with `/msht <question>`.';
export const THANKS = {
  helpful: '👍 Thanks, that helps us keep this guidance useful.',
  unhelpful: '👎 Thanks. We will look at how to answer this better.',
} as const;

export const REASON_PROMPT = 'Why was it not helpful? One click, if you like:';

/** After a recorded 👎: why it was not helpful, to pick with one click (optional), each button carrying the 👎's id. */
export function reasonBlocks(reasons: NonNullable<Extract<Reply, { kind: 'feedback' }>['reasons']>): Block[] {
  const { feedbackId, options } = reasons;
  const buttons = options.map((o: FeedbackReasonOption) => button(o.label, `${ACTION.reason}${o.reason}`, encodeReason({ feedbackId, reason: o.reason })));
  return [{ ...context([REASON_PROMPT]), block_id: BLOCK_ID.reasonPrompt }, ...actions(buttons, BLOCK_ID.reasons)];
}

/** The thanks for a reason picked after 👎 (or why it was not kept). */
export function reasonThanks(reason: Parameters<typeof reasonLabel>[0], recorded: boolean): string {
  return recorded
    ? `Noted: ${escapeMrkdwn(reasonLabel(reason).toLowerCase())}. The guide's editors will see it.`
    : 'Sorry, that reason could not be recorded. Your 👎 still counts.';
}

export function renderReply(reply: Reply, options: ReplyRenderOptions = {}): SlackMessage {
  const share = options.share ?? options.slash === true;
  const answerOptions = {
    share,
    ...(options.question !== undefined ? { question: options.question } : {}),
    ...(options.note !== undefined ? { note: options.note } : {}),
  };
  switch (reply.kind) {
    case 'answer':
      return renderAnswer(reply.answer, { ...answerOptions, ...(reply.expert ? { expert: reply.expert } : {}) });
    case 'chooser':
      return renderAnswer(reply.answer, { ...answerOptions, chooser: reply.chooser, ...(reply.expert ? { expert: reply.expert } : {}) });
    case 'help':
      return helpMessage(reply.help);
    case 'subscription':
      return subscriptionMessage(reply.outcome, options.slash === true);
    case 'gone':
      if (!reply.urgent) return plain(NOT_FOUND);
      return { text: `${reply.banner}\n${NOT_FOUND}`, blocks: [bannerBlock(reply.banner), ...sections(NOT_FOUND)] };
    case 'feedback':
      return feedbackMessage(reply);
    case 'expert-pick':
    case 'expert-preview':
    case 'expert-notice':
    case 'expert-answer':
    case 'expert-expired':
      return renderExpertReply(reply)!;
    case 'feedback-reason':
      return plain(reasonThanks(reply.reason, reply.recorded));
    case 'apology':
      return plain(escapeMrkdwn(reply.text));
  }
}

/** `slash`: asked with `/msht`, which works in channels the bot is not in, so it may need inviting. */
function subscriptionMessage(outcome: SubscriptionOutcome, slash: boolean): SlackMessage {
  switch (outcome.kind) {
    case 'subscribed': {
      const topic = escapeMrkdwn(outcome.topic);
      const lines = [
        outcome.already
          ? `This channel already gets reminders on \`${topic}\`.`
          : `✅ This channel will get reminders on \`${topic}\`.`,
      ];
      if (outcome.next) lines.push(`Next: *${escapeMrkdwn(outcome.next.reminder.title)}* — ${escapeMrkdwn(outcome.next.localTime)}`);
      if (slash) lines.push('Invite me to the channel (`/invite @MSHT Guide`) so I can post here.');
      return plain(lines.join('\n'));
    }
    case 'unknown-topic':
      return plain(`There is no reminder topic \`${escapeMrkdwn(outcome.topic)}\`. Topics: ${topicList(outcome.topics)}.`);
    case 'unsubscribed': {
      const topic = escapeMrkdwn(outcome.topic);
      return plain(
        outcome.wasSubscribed
          ? `This channel will no longer get reminders on \`${topic}\`.`
          : `This channel was not subscribed to \`${topic}\`. See \`/msht subscriptions\`.`,
      );
    }
    case 'list': {
      if (outcome.subscriptions.length === 0) {
        return plain(`This channel gets no reminders. Add a topic with \`/msht subscribe <topic>\`. Topics: ${topicList(outcome.topics)}.`);
      }
      const lines = ['*This channel’s reminder topics*'];
      for (const s of outcome.subscriptions) {
        const state = s.paused ? ` — paused (${escapeMrkdwn(s.reason ?? 'channel unavailable')})` : '';
        lines.push(`• \`${escapeMrkdwn(s.topic)}\`${state}`);
      }
      const next = outcome.next;
      lines.push(next ? `Next reminder: *${escapeMrkdwn(next.reminder.title)}* — ${escapeMrkdwn(next.localTime)}` : 'No reminder is scheduled for these topics.');
      return plain(lines.join('\n'));
    }
  }
}

function topicList(topics: readonly string[]): string {
  return topics.length > 0 ? topics.map((t) => `\`${escapeMrkdwn(t)}\``).join(', ') : 'none yet';
}

/** The core's help in mrkdwn: its `code` spans kept as they are (they come from the code), the rest escaped. */
function helpLine(line: string): string {
  return line
    .split(/(`[^`]*`)/)
    .map((part) => (part.startsWith('`') && part.endsWith('`') && part.length > 1 ? part : escapeMrkdwn(part)))
    .join('');
}

function helpMessage(help: Help): SlackMessage {
  const lines = [`*${escapeMrkdwn(help.title)}*`, ...help.lines.map((line) => `• ${helpLine(line)}`)];
  if (help.topics.length > 0) lines.push(`Topics: ${topicList(help.topics)}`);
  return {
    text: `How to use the MSHT guide. ${help.danger}`,
    blocks: [...sections(lines.join('\n')), context([`:rotating_light: ${escapeMrkdwn(help.danger)}`])],
  };
}

function feedbackMessage(reply: Extract<Reply, { kind: 'feedback' }>): SlackMessage {
  const thanks = reply.helpful ? THANKS.helpful : THANKS.unhelpful;
  return {
    text: thanks,
    blocks: [...sections(thanks), ...(reply.reasons ? reasonBlocks(reply.reasons) : []), ...(reply.expert ? offerBlocks(reply.expert) : [])],
  };
}

function plain(mrkdwn: string): SlackMessage {
  return { text: mrkdwn, blocks: sections(mrkdwn) };
}
