// Proactive posts (Channel.send: reminders, the admins' digest, admin notices, replies) to a stored conversation reference,
// reporting what the caller needs to decide: delivered, gone for good, the bot's credentials refused, wait,
// try again later (surely not posted), or outcome unknown (may have been posted: never sent again).
import type { Activity, CloudAdapter, TurnContext } from 'botbuilder';
import type { Store } from '../../store/store.ts';
import { NOT_SENT_ERROR_CODES, type SendResult } from '../../reminders/sender.ts';
import type { Destination, Outgoing } from '../channel.ts';
import type { Log } from '../../log.ts';
import { isReference, storedReference } from './references.ts';
import { reminderCard } from './cards/reminder.ts';
import { digestCard } from './cards/digest.ts';
import { cardActivity, textActivity } from './activities.ts';
import { handoffActivity, relayedActivity, replyActivity } from './render.ts';

/** When Teams says 429 without a Retry-After, wait this long before the next try. */
export const DEFAULT_RETRY_AFTER_MS = 2_000;

export type PostActivity = (conversationId: string, activity: Partial<Activity>) => Promise<SendResult>;

export function createProactivePoster(adapter: CloudAdapter, appId: string, store: Store, now: () => Date): PostActivity {
  return async (conversationId, activity) => {
    // A channel thread has no reference of its own: the channel's, addressed to the thread.
    const [channelId, thread] = conversationId.split(';messageid=');
    const stored = await storedReference(store, conversationId);
    const base = stored ?? (thread === undefined ? undefined : await storedReference(store, channelId!));
    const reference = base && !stored ? { ...base, conversation: { ...base.conversation!, id: conversationId } } : base;
    if (!reference) {
      return { ok: false, kind: 'gone', error: 'teams: no stored conversation reference (the bot is not installed there)' };
    }
    let failure: unknown;
    let ref: string | undefined;
    try {
      await adapter.continueConversationAsync(appId, reference, async (context) => {
        withoutConnectorRetries(context);
        // A continuation turn has a made-up activity id; replying to it would address a message that does
        // not exist. A new post in the conversation is what a reminder is.
        context.onSendActivities(async (_context, activities, next) => {
          for (const outgoing of activities) delete outgoing.replyToId;
          return next();
        });
        // Caught here, not left to the adapter's turn error handler, which would post an apology into
        // the conversation and hide the status from the scheduler.
        try {
          ref = (await context.sendActivity(activity))?.id;
        } catch (error) {
          failure = error;
        }
      });
    } catch (error) {
      failure = error;
    }
    if (failure !== undefined) return classifyFailure(failure, now());
    return ref === undefined ? { ok: true } : { ok: true, ref };
  };
}

function activityFor(message: Outgoing): Partial<Activity> {
  switch (message.kind) {
    case 'reminder':
      return cardActivity(reminderCard(message.post), message.post.reminder.title);
    case 'notice':
      return textActivity(message.lines);
    case 'reply':
      return replyActivity(message.reply);
    case 'digest':
      return cardActivity(digestCard(message.digest), `${message.digest.title}: ${message.digest.period}`);
    case 'handoff':
      return handoffActivity(message.post);
    case 'handoff-relayed':
      return relayedActivity(message.relayed);
  }
}

/**
 * Channel.send for Teams. A person (an AAD object id or a `29:` id) is reached in their personal chat with the
 * bot, which Teams allows only once they have opened one (or it was installed for them); until then the
 * post is `gone` and logged as `teams.admin_unreachable`.
 */
export function createTeamsSend(post: PostActivity, store: Store, logger: Log) {
  return async (to: Destination, message: Outgoing): Promise<SendResult> => {
    let conversationId: string | undefined;
    // A thread in a Teams channel is the channel's conversation with `;messageid=` and the thread's first post.
    if ('conversation' in to) conversationId = to.thread === undefined ? to.conversation : `${to.conversation};messageid=${to.thread}`;
    else {
      conversationId = (await personalChats(store)).get(to.user.toLowerCase());
      if (!conversationId) {
        logger.warn({ event: 'teams.admin_unreachable' }, 'a Teams user has no chat with the bot yet; ask them to open one');
        return { ok: false, kind: 'gone', error: 'teams: the person has no chat with the bot yet' };
      }
    }
    const result = await post(conversationId, activityFor(message));
    if (!result.ok && message.kind !== 'reminder' && message.kind !== 'digest') {
      logger.warn({ event: 'teams.send_failed', what: message.kind, kind: result.kind, error: result.error }, 'teams post failed');
    }
    return result;
  };
}

/** Personal chats by user: both the Bot Framework id and the AAD object id lead to the chat. */
async function personalChats(store: Store): Promise<Map<string, string>> {
  const chats = new Map<string, string>();
  for (const { conversationId, reference } of await store.conversationReferences()) {
    if (!isReference(reference) || reference.conversation?.conversationType !== 'personal') continue;
    const user = reference.user as { id?: string; aadObjectId?: string } | undefined;
    for (const id of [user?.id, user?.aadObjectId]) if (id) chats.set(id.toLowerCase(), conversationId);
  }
  return chats;
}

/**
 * The Bot Framework connector retries 429s and 5xx itself, sleeping between tries (tens of seconds in
 * total). For proactive posts the scheduler owns retries and backoff, so the connector must report at once.
 */
function withoutConnectorRetries(context: TurnContext): void {
  const connector = context.turnState.get(context.adapter.ConnectorClientKey) as
    | { client?: { pipeline?: { removePolicy?: (options: { name: string }) => unknown } } }
    | undefined;
  connector?.client?.pipeline?.removePolicy?.({ name: 'defaultRetryPolicy' });
}

/**
 * What a failed proactive post means for the scheduler. `transient` only when the connector surely did not
 * post it; `unknown` when it may have (sent, then no answer or a 5xx that does not say it failed), so the
 * scheduler never sends it again.
 */
export function classifyFailure(error: unknown, now: Date): SendResult {
  const err = error as {
    name?: unknown;
    statusCode?: unknown;
    code?: unknown;
    errorCode?: unknown;
    message?: unknown;
    response?: { status?: unknown; headers?: unknown };
  };
  const status = typeof err.statusCode === 'number' ? err.statusCode : typeof err.response?.status === 'number' ? err.response.status : undefined;
  const code = typeof err.code === 'string' ? err.code : undefined;
  const what = `teams${status ? ` ${status}` : ''}${code ? ` ${code}` : ''}: ${shortMessage(err.message)}`;
  if (status !== undefined) {
    // The connector refused the bot's own token: the app id or password is wrong, not the conversation.
    if (status === 401) return { ok: false, kind: 'unauthorized', error: what };
    if (status === 403 || status === 404) return { ok: false, kind: 'gone', error: what };
    if (status === 429) return { ok: false, kind: 'rate_limited', retryAfterMs: retryAfterMs(err.response?.headers, now), error: what };
    // 503: not served. Other 5xx (500, 502, 504) can come after Teams took the post: it may be there.
    if (status >= 500 && status !== 503) return { ok: false, kind: 'unknown', error: what };
    return { ok: false, kind: 'transient', error: what };
  }
  if (code !== undefined && NOT_SENT_ERROR_CODES.has(code)) return { ok: false, kind: 'transient', error: what };
  // The connector's HTTP pipeline failed with no answer: a reset, a hang-up or a timeout after the post
  // was sent. (Its connection failures before sending have the codes above.)
  if (err.name === 'RestError' || err.name === 'AbortError') return { ok: false, kind: 'unknown', error: what };
  // Getting the bot's token was refused (MSAL: a wrong app id, password or tenant): nothing was posted.
  const authCode = typeof err.errorCode === 'string' ? err.errorCode : '';
  if (/^(invalid_client|unauthorized_client|invalid_grant)$/.test(authCode) || /\bAADSTS\d+/.test(String(err.message))) {
    return { ok: false, kind: 'unauthorized', error: what };
  }
  // Anything else failed before the post was sent (building the card, the conversation reference, a token
  // request that did not get through).
  return { ok: false, kind: 'transient', error: what };
}

function retryAfterMs(headers: unknown, now: Date): number {
  let raw: unknown;
  if (headers && typeof (headers as { get?: unknown }).get === 'function') {
    raw = (headers as { get(name: string): unknown }).get('retry-after');
  } else if (headers && typeof headers === 'object') {
    raw = (headers as Record<string, unknown>)['retry-after'];
  }
  if (typeof raw !== 'string' || raw.trim() === '') return DEFAULT_RETRY_AFTER_MS;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? DEFAULT_RETRY_AFTER_MS : Math.max(0, at - now.getTime());
}

function shortMessage(message: unknown): string {
  const text = typeof message === 'string' ? message : 'request failed';
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
