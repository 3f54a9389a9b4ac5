// What someone typed to the bot, wherever they typed it: `/msht`, a direct message or an @mention. The
// words are read by the core's parser, so every way of asking accepts the same commands (help, subscribe,
// unsubscribe, subscriptions) and anything else is a question. `/msht` answers privately with a button to
// share the answer; a DM or a mention answers in the conversation.
import type { ChannelRef } from '../../store/store.ts';
import type { KnowledgeBase } from '../../knowledge/knowledge-base.ts';
import { reminderTopics } from '../../reminders/schedule.ts';
import { parseChatCommand, runSubscriptionCommand, type SubscriptionOutcome } from '../../reminders/subscriptions.ts';
import { renderAnswer, renderApology } from './blocks/answer.ts';
import { type SlackMessage, context, sections } from './blocks/kit.ts';
import { escapeMrkdwn } from './mrkdwn.ts';
import type { SlackDeps } from './deps.ts';

export interface CommandInput {
  /** The words typed: `/msht` text, or a message with the bot's mention removed and Slack's escaping undone. */
  text: string;
  channelId: string;
  userId: string;
  /**
   * Where it was typed: `/msht` (the default) answers only the asker, with a "Share in channel" button; a
   * conversation (a DM, or a thread under a mention) is already where the answer is seen.
   */
  via?: 'slash' | 'conversation';
}

/** The reply to what someone typed; an apology (with 999 and the helpline) if answering fails. */
export async function runCommand(input: CommandInput, deps: SlackDeps): Promise<SlackMessage> {
  try {
    return await reply(input, deps);
  } catch (error) {
    deps.logger.error({ what: 'command', error: (error as Error).message }, 'Slack command could not be answered');
    return renderApology(knowledgeIfReadable(deps));
  }
}

/** The knowledge for the apology's helpline number, if it can be read (it may be why answering failed). */
function knowledgeIfReadable(deps: SlackDeps): KnowledgeBase | undefined {
  try {
    return deps.assistant.knowledge();
  } catch {
    return undefined;
  }
}

async function reply(input: CommandInput, deps: SlackDeps): Promise<SlackMessage> {
  const command = parseChatCommand(input.text);
  const slash = (input.via ?? 'slash') === 'slash';
  switch (command.kind) {
    case 'help':
      return helpMessage(deps);
    case 'ask': {
      const answer = await deps.assistant.ask(command.question, 'slack');
      return renderAnswer(answer, { question: command.question, share: slash });
    }
    case 'subscribe':
    case 'unsubscribe':
    case 'subscriptions': {
      const channel: ChannelRef = { platform: 'slack', channelId: input.channelId };
      const reminders = deps.assistant.knowledge().reminders;
      const outcome = await runSubscriptionCommand(command, channel, { store: deps.store, reminders, now: deps.now() });
      return subscriptionMessage(outcome, slash);
    }
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

function helpMessage(deps: SlackDeps): SlackMessage {
  const topics = reminderTopics(deps.assistant.knowledge().reminders);
  const text = [
    '*Modern slavery & human trafficking guide*',
    '• `/msht <question>`: an answer only you can see, with a button to share it in the channel',
    '  e.g. `/msht how do I refer an adult to the NRM`',
    '• Message me directly, or mention me in a channel to get the answer in a thread',
    '• `/msht subscribe <topic>` / `/msht unsubscribe <topic>`: reminders for this channel',
    '• `/msht subscriptions`: this channel’s topics and its next reminder',
    '• The same words work when you mention me (`@MSHT Guide subscribe <topic>`) or message me',
    topics.length > 0 ? `Topics: ${topicList(topics)}` : '',
  ]
    .filter((line) => line !== '')
    .join('\n');
  return {
    text: 'How to use the MSHT guide',
    blocks: [...sections(text), context([':rotating_light: If someone is in immediate danger, call 999.'])],
  };
}

function plain(mrkdwn: string): SlackMessage {
  return { text: mrkdwn, blocks: sections(mrkdwn) };
}
