// What the reminder scheduler needs of a platform: to post a reminder into a conversation (or the admins'
// digest into a person's chat with the bot) and to learn what happened (posted, the conversation gone, wait,
// try again, perhaps posted). It is the part of the Channel contract (src/channels/channel.ts) the scheduler
// uses; start-up hands it the channels themselves. The core never learns what Slack or Teams is.
import type { Reminder } from '../knowledge/schema.ts';
import type { AnswerEntry } from '../answer/answer.ts';
import type { Digest } from '../report/digest.ts';
import type { Platform } from '../store/store.ts';

/** A reminder occurrence ready to post: channels render it with the same renderers as answers. */
export interface ReminderPost {
  reminder: Reminder;
  /** The occurrence instant (UTC). */
  occurrence: Date;
  /** The occurrence in the reminder's timezone, for display, e.g. "Sun 18 Oct 2026, 09:00 BST". */
  localTime: string;
  /** The knowledge entry shown as "Read more", when the reminder names one. */
  entry?: AnswerEntry;
}

export type SendResult =
  /** Posted; `ref` is the platform's id of the post where it has one (a Slack ts, a Teams activity id). */
  | { ok: true; ref?: string }
  /** The conversation no longer exists or the bot was removed: disable its subscriptions, do not retry. */
  | { ok: false; kind: 'gone'; error: string }
  /** The platform asked us to wait (Slack 429 Retry-After, Teams 429). Nothing was posted. */
  | { ok: false; kind: 'rate_limited'; retryAfterMs: number; error: string }
  /**
   * Certainly not posted, so safe to send again with bounded backoff: the request never reached the
   * platform (connection refused, DNS failure, cut off before it was fully sent) or the platform said it
   * failed (503, Slack `service_unavailable`).
   */
  | { ok: false; kind: 'transient'; error: string }
  /**
   * The bot's own credentials were refused (Slack `invalid_auth`, `token_revoked`, `account_inactive`…,
   * Teams 401): a fault of this process, not of the channel. Never disables a subscription; the scheduler
   * stops posting to the platform for the rest of the tick and leaves the deliveries for a later one.
   */
  | { ok: false; kind: 'unauthorized'; error: string }
  /**
   * The request may have reached the platform and been posted, but no answer says so: a timeout after
   * it was sent, the connection dropped mid-response, a 5xx that does not say it failed. Sending again
   * could post twice, so the scheduler never retries it: it records the delivery as failed for good and
   * logs an error an operator can act on.
   */
  | { ok: false; kind: 'unknown'; error: string };

/** What the scheduler posts: a reminder into a subscribed conversation, or the digest to an admin. */
export type ScheduledMessage = { kind: 'reminder'; post: ReminderPost } | { kind: 'digest'; digest: Digest };

/** Where: a conversation (a reminder), or a person's chat with the bot (the digest to an admin). */
export type ScheduledDestination = { conversation: string } | { user: string };

export interface ReminderChannel {
  readonly platform: Platform;
  /**
   * Post once, never retrying by itself, and report what happened. It must not throw once the request may
   * have gone out (return `unknown`): the scheduler takes a throw as a fault before sending and retries it.
   * A person with no chat with the bot is `gone`.
   */
  send(to: ScheduledDestination, message: ScheduledMessage): Promise<SendResult>;
}

/**
 * Node's error codes for failures before a connection carried anything, so a post cannot have reached the
 * platform and is safe to send again. (A TLS failure is here too: nothing is sent before the handshake.)
 * Every other network error after a request started may mean it was posted: `unknown`.
 */
export const NOT_SENT_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EADDRNOTAVAIL',
  'ERR_INVALID_URL',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);
