// Where the bot can post later. Teams only lets a bot message a conversation it has a reference for
// (service URL, conversation, bot identity), so one is kept for every conversation the bot is in and
// dropped when it is removed. Reminders and admin notices go out through these.
import { TurnContext } from 'botbuilder';
import type { Activity, ConversationReference } from 'botbuilder';
import type { Store } from '../../store/store.ts';

/**
 * A channel message's conversation id carries the thread (`19:…@thread.tacv2;messageid=123`). The
 * channel itself is the part before `;messageid=`: posting there starts a new post, not a thread reply,
 * and subscriptions belong to the channel, not to one thread.
 */
export function channelConversationId(conversationId: string): string {
  const at = conversationId.indexOf(';messageid=');
  return at === -1 ? conversationId : conversationId.slice(0, at);
}

/** The reference to keep: the conversation without its thread, and no names (ids are all a post needs). */
export function referenceFor(activity: Partial<Activity>): Partial<ConversationReference> {
  const full = TurnContext.getConversationReference(activity);
  const conversation = full.conversation!;
  const user = full.user;
  return {
    channelId: full.channelId,
    serviceUrl: full.serviceUrl,
    locale: full.locale,
    bot: full.bot ? { id: full.bot.id, name: full.bot.name } : undefined,
    user: user ? { id: user.id, name: '', aadObjectId: user.aadObjectId } : undefined,
    conversation: {
      id: channelConversationId(conversation.id),
      conversationType: conversation.conversationType,
      isGroup: conversation.isGroup,
      tenantId: conversation.tenantId,
      name: '',
    },
  } as Partial<ConversationReference>;
}

export async function rememberConversation(store: Store, activity: Partial<Activity>, now: Date): Promise<string | undefined> {
  if (!activity.conversation?.id || !activity.serviceUrl) return undefined;
  const reference = referenceFor(activity);
  const id = reference.conversation!.id;
  await store.saveConversationReference(id, reference, now);
  return id;
}

/** The bot was removed: forget the conversation and stop its reminders (kept, disabled, for the record). */
export async function forgetConversation(store: Store, conversationId: string, reason: string, now: Date): Promise<void> {
  const id = channelConversationId(conversationId);
  await store.removeConversationReference(id);
  await store.disableChannel({ platform: 'teams', channelId: id }, reason, now);
}

/** A stored reference, checked enough to post with (the store keeps it as opaque JSON). */
export async function storedReference(store: Store, conversationId: string): Promise<Partial<ConversationReference> | undefined> {
  const value = await store.conversationReference(conversationId);
  return isReference(value) ? value : undefined;
}

export function isReference(value: unknown): value is Partial<ConversationReference> {
  if (value === null || typeof value !== 'object') return false;
  const ref = value as Partial<ConversationReference>;
  return typeof ref.serviceUrl === 'string' && typeof ref.conversation?.id === 'string';
}
