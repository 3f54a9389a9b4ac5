// What someone typed to the bot, wherever they typed it: `/msht`, a direct message or an @mention. The
// words go to the conversation core, so every way of asking accepts the same commands; `/msht` answers
// privately with a button to share the answer, a DM or a mention answers in the conversation.
import type { SlackMessage } from './blocks/kit.ts';
import { stripMentions, unescapeSlackText } from './mrkdwn.ts';
import type { SlackDeps } from './deps.ts';
import { renderReply } from './render.ts';
import { slackWhere } from './surface.ts';

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
export async function replyToText(text: string, channelId: string, slash: boolean, deps: SlackDeps): Promise<SlackMessage> {
  const reply = await deps.conversation.handle(text, slackWhere(channelId));
  return renderReply(reply, { question: text.trim(), slash });
}

/** Answer an @mention in a thread under it (or in the thread it was asked in). */
export async function answerMention(message: IncomingMessage, deps: SlackDeps): Promise<void> {
  const reply = await replyTo(message, deps);
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
function replyTo(message: IncomingMessage, deps: SlackDeps): Promise<SlackMessage> {
  return replyToText(unescapeSlackText(stripMentions(message.text)), message.channel, false, deps);
}
