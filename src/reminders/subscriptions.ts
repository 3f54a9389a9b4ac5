// What people type to a chat bot, and the reminder-subscription rules behind the commands. Both live in
// the core so every platform accepts the same words and applies the same rules; a channel only words and
// renders the outcome for its platform.
import type { Reminder } from '../knowledge/schema.ts';
import type { ChannelRef, Store } from '../store/store.ts';
import { nextOccurrences, reminderTopics, type Occurrence } from './schedule.ts';

/** What a message asks the bot to do. Anything that is not one of the few commands is a question. */
export type ChatCommand =
  | { kind: 'help' }
  | { kind: 'subscribe'; topic: string }
  | { kind: 'unsubscribe'; topic: string }
  | { kind: 'subscriptions' }
  | { kind: 'ask'; question: string };

/** The commands that manage a conversation's reminder topics. */
export type SubscriptionCommand = Extract<ChatCommand, { kind: 'subscribe' | 'unsubscribe' | 'subscriptions' }>;

const HELP_WORDS = new Set(['', 'help', '?', '/help']);
const LIST_WORDS = new Set(['subscriptions', 'subscription', 'topics']);

/**
 * Reads a message (a Slack `/msht` text, or a Teams message with the mention removed). Commands must be the
 * whole message, so a question that merely starts with "help" or mentions subscriptions is still answered.
 * `subscribe` or `unsubscribe` without a topic gets the help, which says how to use them (and the topics).
 */
export function parseChatCommand(text: string): ChatCommand {
  const trimmed = text.trim();
  const lower = trimmed.toLowerCase();
  if (HELP_WORDS.has(lower)) return { kind: 'help' };
  if (LIST_WORDS.has(lower)) return { kind: 'subscriptions' };
  const [first = '', ...rest] = lower.split(/\s+/);
  if (first === 'subscribe' || first === 'unsubscribe') {
    // Topics are single lower-case words; collapsing the spacing means a stray space or line break
    // (Teams channel text keeps them) cannot make a known topic look unknown.
    const topic = rest.join(' ');
    return topic === '' ? { kind: 'help' } : { kind: first, topic };
  }
  return { kind: 'ask', question: trimmed };
}

/** One of a conversation's subscriptions, as it is shown: paused ones get nothing until resubscribed. */
export type SubscriptionStatus =
  | { topic: string; paused: false; next?: Occurrence }
  | { topic: string; paused: true; reason: string | null };

export type SubscriptionOutcome =
  | { kind: 'subscribed'; topic: string; already: boolean; next?: Occurrence }
  | { kind: 'unknown-topic'; topic: string; topics: string[] }
  | { kind: 'unsubscribed'; topic: string; wasSubscribed: boolean }
  | { kind: 'list'; subscriptions: SubscriptionStatus[]; topics: string[]; next?: Occurrence };

export interface SubscriptionDeps {
  store: Store;
  /** The reminders in the current knowledge: they say which topics exist and when each is next. */
  reminders: readonly Reminder[];
  now: Date;
}

/** Carries out a subscription command for a conversation and says what happened. */
export async function runSubscriptionCommand(
  command: SubscriptionCommand,
  channel: ChannelRef,
  deps: SubscriptionDeps,
): Promise<SubscriptionOutcome> {
  const { store, reminders, now } = deps;
  switch (command.kind) {
    case 'subscribe': {
      const topics = reminderTopics(reminders);
      // Only topics some reminder uses: a typo would otherwise be a subscription that never posts.
      if (!topics.includes(command.topic)) return { kind: 'unknown-topic', topic: command.topic, topics };
      // The store re-enables a paused subscription and reports it as new: it will post again.
      const added = await store.subscribe(channel, command.topic, now);
      return withNext({ kind: 'subscribed', topic: command.topic, already: !added }, nextOn(reminders, now, command.topic));
    }
    case 'unsubscribe':
      // Not checked against the topics: a topic dropped from the knowledge must still be removable.
      return { kind: 'unsubscribed', topic: command.topic, wasSubscribed: await store.unsubscribe(channel, command.topic) };
    case 'subscriptions': {
      const subscriptions: SubscriptionStatus[] = (await store.subscriptionsFor(channel)).map((s) =>
        s.disabledAt !== null
          ? { topic: s.topic, paused: true, reason: s.disabledReason }
          : withNext({ topic: s.topic, paused: false }, nextOn(reminders, now, s.topic)),
      );
      const active = subscriptions.filter((s) => !s.paused).map((s) => s.topic);
      const list = { kind: 'list' as const, subscriptions, topics: reminderTopics(reminders) };
      return active.length > 0 ? withNext(list, nextOn(reminders, now, active)) : list;
    }
  }
}

function nextOn(reminders: readonly Reminder[], now: Date, topic: string | readonly string[]): Occurrence | undefined {
  return nextOccurrences(reminders, now, 1, topic)[0];
}

/** Adds `next` only when there is one, so an outcome never carries `next: undefined`. */
function withNext<T extends object>(value: T, next: Occurrence | undefined): T & { next?: Occurrence } {
  return next ? { ...value, next } : value;
}
