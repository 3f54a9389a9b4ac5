// Questions arriving in conversations: a direct message is answered in the DM, an @mention in a channel
// is answered in a thread under the question.
import { renderAnswer, renderApology } from './blocks/answer.ts';
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
  const question = unescapeSlackText(stripMentions(message.text));
  const reply =
    question === ''
      ? runCommand({ text: 'help', channelId: message.channel, userId: message.user }, deps)
      : answerOrApology(question, deps);
  await deps.web.postMessage({ channel: message.channel, thread_ts: message.threadTs ?? message.ts, ...reply });
  deps.logger.info({ channel: message.channel, kind: 'mention' }, 'answered a Slack mention');
}

/** Answer a direct message in the DM. */
export async function answerDirectMessage(message: IncomingMessage, deps: SlackDeps): Promise<void> {
  const question = unescapeSlackText(stripMentions(message.text));
  const isHelp = question === '' || /^(help|hi|hello|hey)\W*$/i.test(question);
  const reply = isHelp
    ? runCommand({ text: 'help', channelId: message.channel, userId: message.user }, deps)
    : answerOrApology(question, deps);
  const args = { channel: message.channel, ...reply };
  await deps.web.postMessage(message.threadTs ? { ...args, thread_ts: message.threadTs } : args);
  deps.logger.info({ channel: message.channel, kind: 'dm' }, 'answered a Slack direct message');
}

function answerOrApology(question: string, deps: SlackDeps): SlackMessage {
  try {
    return renderAnswer(deps.assistant.ask(question, 'slack'), { question });
  } catch (error) {
    deps.logger.error({ what: 'answer', error: (error as Error).message }, 'Slack question could not be answered');
    return renderApology();
  }
}
