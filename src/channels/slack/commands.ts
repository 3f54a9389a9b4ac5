// `/msht`: ask privately (with a button to share the answer), get help, and manage the channel's
// reminder topics. Replies go to the response_url after the command has been acknowledged.
import type { ChannelRef } from '../../store/store.ts';
import { renderAnswer, renderApology } from './blocks/answer.ts';
import { type SlackMessage, context, sections } from './blocks/kit.ts';
import { escapeMrkdwn } from './mrkdwn.ts';
import type { SlackDeps } from './deps.ts';

export type Command =
  | { kind: 'help' }
  | { kind: 'subscribe'; topic: string }
  | { kind: 'unsubscribe'; topic: string }
  | { kind: 'subscriptions' }
  | { kind: 'ask'; question: string };

export function parseCommand(text: string): Command {
  const trimmed = text.trim();
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const word = first.toLowerCase();
  const topic = rest.join(' ').trim().toLowerCase();
  if (trimmed === '' || word === 'help' && rest.length === 0) return { kind: 'help' };
  if (word === 'subscriptions' && rest.length === 0) return { kind: 'subscriptions' };
  if (word === 'subscribe' || word === 'unsubscribe') {
    return topic ? { kind: word, topic } : { kind: 'help' };
  }
  return { kind: 'ask', question: trimmed };
}

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
  const command = parseCommand(input.text);
  const channel: ChannelRef = { platform: 'slack', channelId: input.channelId };
  switch (command.kind) {
    case 'help':
      return helpMessage(deps);
    case 'ask': {
      const answer = deps.assistant.ask(command.question, 'slack');
      return renderAnswer(answer, { question: command.question, share: true });
    }
    case 'subscribe': {
      const topics = knownTopics(deps);
      if (!topics.includes(command.topic)) return unknownTopic(command.topic, topics);
      const added = deps.store.subscribe(channel, command.topic, deps.now());
      const next = deps.upcoming(input.channelId).find((r) => r.topic === command.topic);
      const lines = [
        added
          ? `✅ This channel will get reminders on \`${escapeMrkdwn(command.topic)}\`.`
          : `This channel already gets reminders on \`${escapeMrkdwn(command.topic)}\`.`,
      ];
      if (next) lines.push(`Next: *${escapeMrkdwn(next.title)}* — ${escapeMrkdwn(next.localTime)}`);
      lines.push('Invite me to the channel (`/invite @MSHT Guide`) so I can post here.');
      return plain(lines.join('\n'));
    }
    case 'unsubscribe': {
      const removed = deps.store.unsubscribe(channel, command.topic);
      return plain(
        removed
          ? `This channel will no longer get reminders on \`${escapeMrkdwn(command.topic)}\`.`
          : `This channel was not subscribed to \`${escapeMrkdwn(command.topic)}\`. See \`/msht subscriptions\`.`,
      );
    }
    case 'subscriptions':
      return subscriptionsMessage(channel, deps);
  }
}

function knownTopics(deps: SlackDeps): string[] {
  return [...new Set(deps.assistant.knowledge().reminders.map((r) => r.topic))].sort();
}

function unknownTopic(topic: string, topics: string[]): SlackMessage {
  const list = topics.length > 0 ? topics.map((t) => `\`${escapeMrkdwn(t)}\``).join(', ') : 'none yet';
  return plain(`There is no reminder topic \`${escapeMrkdwn(topic)}\`. Topics: ${list}.`);
}

function subscriptionsMessage(channel: ChannelRef, deps: SlackDeps): SlackMessage {
  const subscriptions = deps.store.subscriptionsFor(channel);
  if (subscriptions.length === 0) {
    return plain(`This channel gets no reminders. Add a topic with \`/msht subscribe <topic>\`. Topics: ${knownTopics(deps).map((t) => `\`${escapeMrkdwn(t)}\``).join(', ') || 'none yet'}.`);
  }
  const lines = ['*This channel’s reminder topics*'];
  for (const s of subscriptions) {
    const state = s.disabledAt ? ` — paused (${escapeMrkdwn(s.disabledReason ?? 'channel unavailable')})` : '';
    lines.push(`• \`${escapeMrkdwn(s.topic)}\`${state}`);
  }
  const next = deps.upcoming(channel.channelId)[0];
  lines.push(next ? `Next reminder: *${escapeMrkdwn(next.title)}* — ${escapeMrkdwn(next.localTime)}` : 'No reminder is scheduled for these topics.');
  return plain(lines.join('\n'));
}

function helpMessage(deps: SlackDeps): SlackMessage {
  const topics = knownTopics(deps);
  const text = [
    '*Modern slavery & human trafficking guide*',
    '• `/msht <question>`: an answer only you can see, with a button to share it in the channel',
    '  e.g. `/msht how do I refer an adult to the NRM`',
    '• Message me directly, or mention me in a channel to get the answer in a thread',
    '• `/msht subscribe <topic>` / `/msht unsubscribe <topic>`: reminders for this channel',
    '• `/msht subscriptions`: this channel’s topics and its next reminder',
    topics.length > 0 ? `Topics: ${topics.map((t) => `\`${escapeMrkdwn(t)}\``).join(', ')}` : '',
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
