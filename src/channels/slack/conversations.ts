// What someone typed to the bot, wherever they typed it: `/msht`, a direct message or an @mention. The
// words go to the conversation core, so every way of asking accepts the same commands; `/msht` answers
// privately with a button to share the answer, a DM or a mention answers in the conversation.
import type { SlackMessage } from './blocks/kit.ts';
import { stripMentions, unescapeSlackText } from './mrkdwn.ts';
import type { SlackDeps } from './deps.ts';
import { renderReply } from './render.ts';
import { slackAsker, slackWhere } from './surface.ts';

export interface IncomingMessage {
  channel: string;
  user: string;
  text: string;
  ts: string;
  threadTs?: string;
}

/**
 * The reply to what someone typed. `slash`: typed with `/msht`, which answers only the asker (with a
 * "Share in channel" button); otherwise the conversation is already where the answer is seen.
 */
export async function replyToText(
  text: string,
  channelId: string,
  slash: boolean,
  deps: SlackDeps,
  asker: { user?: string; thread?: string } = {},
): Promise<SlackMessage> {
  const where = slackAsker(slackWhere(channelId), asker.user, { thread: asker.thread, privately: slash });
  const reply = await deps.conversation.handle(text, where);
  return renderReply(reply, { question: text.trim(), slash });
}

/** Answer an @mention in a thread under it (or in the thread it was asked in). */
export async function answerMention(message: IncomingMessage, deps: SlackDeps): Promise<void> {
  // A mention in the thread of a question handed to experts is an expert's answer: passed on, not answered.
  if (message.threadTs && deps.desk) {
    const text = unescapeSlackText(stripMentions(message.text));
    if (text !== '' && (await deps.desk.answer({ platform: 'slack', channel: message.channel, thread: message.threadTs, expert: message.user, text }))) return;
  }
  const reply = await replyTo(message, deps, message.threadTs ?? message.ts);
  await deps.web.postMessage({ channel: message.channel, thread_ts: message.threadTs ?? message.ts, ...reply });
  deps.logger.info({ channel: message.channel, kind: 'mention' }, 'answered a Slack mention');
}

/** Answer a direct message in the DM. */
export async function answerDirectMessage(message: IncomingMessage, deps: SlackDeps): Promise<void> {
  const reply = await replyTo(message, deps);
  const args = { channel: message.channel, ...reply };
  await deps.web.postMessage(message.threadTs ? { ...args, thread_ts: message.threadTs } : args);
  deps.logger.info({ channel: message.channel, kind: 'dm' }, 'answered a Slack direct message');
}

/** The same reply `/msht` gives to the same words, shown in the conversation. A mention alone asks for help. */
function replyTo(message: IncomingMessage, deps: SlackDeps, thread?: string): Promise<SlackMessage> {
  const asker = thread === undefined ? { user: message.user } : { user: message.user, thread };
  return replyToText(unescapeSlackText(stripMentions(message.text)), message.channel, false, deps, asker);
}

/**
 * A reply in a channel thread that does not mention the bot: an expert's answer when the thread is a hand-off's
 * (the desk says), else nothing (the bot does not answer what is not said to it).
 */
export async function channelThreadReply(message: IncomingMessage & { threadTs: string }, deps: SlackDeps): Promise<void> {
  if (!deps.desk) return;
  const text = unescapeSlackText(message.text).trim();
  if (text === '') return;
  if (await deps.desk.answer({ platform: 'slack', channel: message.channel, thread: message.threadTs, expert: message.user, text })) {
    deps.logger.info({ channel: message.channel, kind: 'expert-answer' }, 'passed on an expert answer from a Slack thread');
  }
}
