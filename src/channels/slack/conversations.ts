// Messages arriving in conversations: a direct message is answered in the DM, an @mention in a channel
// in a thread under it. What they say is read exactly as `/msht` text is (commands.ts).
import type { SlackMessage } from './blocks/kit.ts';
import { stripMentions, unescapeSlackText } from './mrkdwn.ts';
import type { SlackDeps } from './deps.ts';
import { runCommand } from './commands.ts';

export interface IncomingMessage {
  channel: string;
  user: string;
  text: string;
  ts: string;
  threadTs?: string;
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

/**
 * The same reply `/msht` gives to the same words (help, subscribe, unsubscribe, subscriptions, or a
 * question), shown in the conversation. A mention on its own is a request for help.
 */
function replyTo(message: IncomingMessage, deps: SlackDeps): Promise<SlackMessage> {
  const text = unescapeSlackText(stripMentions(message.text));
  return runCommand({ text, channelId: message.channel, userId: message.user, via: 'conversation' }, deps);
}
