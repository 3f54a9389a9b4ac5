// The reminder-subscription rules behind the subscribe, unsubscribe and subscriptions commands: which topics
// exist, what is stored, and what happened, as a typed outcome each channel words and renders.
import type { Reminder } from '../knowledge/schema.ts';
import type { ChannelRef, Store } from '../store/store.ts';
import { nextOccurrences, reminderTopics, type Occurrence } from '../reminders/schedule.ts';
import type { SubscriptionCommand } from './commands.ts';

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
  store: Pick<Store, 'subscribe' | 'unsubscribe' | 'subscriptionsFor'>;
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
