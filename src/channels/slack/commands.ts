// `/msht`: ask privately (with a button to share the answer), get help, and manage the channel's
// reminder topics. Replies go to the response_url after the command has been acknowledged.
import type { ChannelRef } from '../../store/store.ts';
import { reminderTopics } from '../../reminders/schedule.ts';
import { parseChatCommand, runSubscriptionCommand, type SubscriptionOutcome } from '../../reminders/subscriptions.ts';
import { renderAnswer, renderApology } from './blocks/answer.ts';
import { type SlackMessage, context, sections } from './blocks/kit.ts';
import { escapeMrkdwn } from './mrkdwn.ts';
import type { SlackDeps } from './deps.ts';

export interface CommandInput {
  text: string;
  channelId: string;
  userId: string;
}

/** The private reply to a `/msht` command; an apology (with 999 and the helpline) if answering fails. */
export function runCommand(input: CommandInput, deps: SlackDeps): SlackMessage {
  try {
    return reply(input, deps);
  } catch (error) {
    deps.logger.error({ what: 'command', error: (error as Error).message }, 'Slack command could not be answered');
    return renderApology();
  }
}

function reply(input: CommandInput, deps: SlackDeps): SlackMessage {
  const command = parseChatCommand(input.text);
  switch (command.kind) {
    case 'help':
      return helpMessage(deps);
    case 'ask': {
      const answer = deps.assistant.ask(command.question, 'slack');
      return renderAnswer(answer, { question: command.question, share: true });
    }
    case 'subscribe':
    case 'unsubscribe':
    case 'subscriptions': {
      const channel: ChannelRef = { platform: 'slack', channelId: input.channelId };
      const reminders = deps.assistant.knowledge().reminders;
      return subscriptionMessage(runSubscriptionCommand(command, channel, { store: deps.store, reminders, now: deps.now() }));
    }
  }
}

function subscriptionMessage(outcome: SubscriptionOutcome): SlackMessage {
  switch (outcome.kind) {
    case 'subscribed': {
      const topic = escapeMrkdwn(outcome.topic);
      const lines = [
        outcome.already
          ? `This channel already gets reminders on \`${topic}\`.`
          : `✅ This channel will get reminders on \`${topic}\`.`,
      ];
      if (outcome.next) lines.push(`Next: *${escapeMrkdwn(outcome.next.reminder.title)}* — ${escapeMrkdwn(outcome.next.localTime)}`);
      lines.push('Invite me to the channel (`/invite @MSHT Guide`) so I can post here.');
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
