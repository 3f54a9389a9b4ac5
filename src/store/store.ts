// The bot's state behind one small interface. Every method returns a promise, so a networked database can
// stand behind it as well as the default SQLite file; `memory.ts` keeps the same promises in memory. One
// contract test suite (test/store/contract.ts) runs against every implementation.
//
// Questions are sensitive: every method that takes question text redacts it before writing.

/**
 * A platform's name as it calls itself (`slack`, `teams`, …). The store keeps whatever it is given, so a new
 * platform needs nothing here.
 */
export type Platform = string;

/** A conversation the bot can post into: a Slack channel or DM id, or a Teams conversation id. */
export interface ChannelRef {
  platform: Platform;
  channelId: string;
}

export interface Subscription extends ChannelRef {
  topic: string;
  createdAt: string;
  /** Set when the platform said the channel is gone or the bot was removed; disabled ones get nothing. */
  disabledAt: string | null;
  disabledReason: string | null;
}

/** One reminder occurrence to one channel: the unit of exactly-once delivery. */
export interface DeliveryKey extends ChannelRef {
  reminderId: string;
  /** The occurrence's instant, ISO 8601 in UTC, e.g. 2026-10-18T08:00:00.000Z. */
  occurrence: string;
}

export type DeliveryStatus = 'claimed' | 'delivered' | 'failed' | 'skipped';

export interface Delivery extends DeliveryKey {
  status: DeliveryStatus;
  /** A `failed` delivery that will never be claimed again (the channel is gone). */
  permanent: boolean;
  /** How many times it was claimed (each claim is one attempt to send). */
  attempts: number;
  claimedAt: string | null;
  claimedBy: string | null;
  deliveredAt: string | null;
  lastError: string | null;
}

export interface FeedbackInput {
  entryId: string;
  helpful: boolean;
  /** Where it was given: a platform, or `console` for the terminal. */
  platform: Platform;
  /** The question the answer was for; redacted before it is written. */
  question?: string;
}

/**
 * Why an answer was not helpful, picked after 👎 with one click (optional): the answer was the wrong one, it is
 * out of date, it lacks a detail the person needed, or something else.
 */
export type FeedbackReason = 'wrong' | 'out_of_date' | 'missing' | 'other';
export const FEEDBACK_REASONS: readonly FeedbackReason[] = ['wrong', 'out_of_date', 'missing', 'other'];

/** Why a question went unanswered: no confident entry, several close ones, or an answer that could not be posted. */
export type UnansweredStatus = 'no_match' | 'ambiguous' | 'undelivered';

export interface UnansweredInput {
  question: string;
  status: UnansweredStatus;
  platform: Platform;
  score: number;
}

export interface UnansweredRow {
  question: string;
  status: UnansweredStatus;
  platform: string;
  score: number;
  at: string;
}

export interface FeedbackRow {
  /** What `recordFeedback` returned: the reason picked after 👎 is recorded against it. */
  id: string;
  entryId: string;
  helpful: boolean;
  platform: string;
  /** Redacted; null when the feedback came without its question. */
  question: string | null;
  /** Why it was not helpful, when the person picked a reason after 👎. */
  reason: FeedbackReason | null;
  at: string;
}

/** How a question was answered (every question the conversation core answers, whatever the outcome). */
export interface QuestionInput {
  /** Where it was asked: a platform, or `console` for the terminal. */
  platform: Platform;
  status: 'answered' | 'ambiguous' | 'no_match';
  /** The answer opened with the 999 banner. */
  urgent: boolean;
  /** The entry shown (the best match when ambiguous); null for no_match. */
  entryId: string | null;
}

/** A question asked, without its text: the outcome only. */
export interface QuestionRow extends QuestionInput {
  at: string;
}

/** How many rows `forgetBefore` deleted, by kind. */
export interface Forgotten {
  questions: number;
  unanswered: number;
  feedback: number;
  /** Hand-offs no longer waiting (drafts, cancelled, answered, expired), with their answers. */
  handoffs: number;
}

/**
 * A question handed to an expert team. `draft`: shown to the asker to confirm (nothing posted); `cancelled`:
 * the asker said no (nothing posted, ever); `open`: confirmed, posted (or to be posted) in the team's
 * channel, waiting for an answer; `answered`: an expert answered; `expired`: nobody answered in time.
 */
export type HandoffStatus = 'draft' | 'cancelled' | 'open' | 'answered' | 'expired';
export const HANDOFF_STATUSES: readonly HandoffStatus[] = ['draft', 'cancelled', 'open', 'answered', 'expired'];

export interface HandoffInput {
  /** Where it was asked; the team is reached on the same platform. */
  platform: Platform;
  /** Who asked: their id on the platform (shown to the team as their handle). */
  asker: string;
  /** The conversation the answer goes back to (their DM with the bot, or the channel they asked in). */
  replyTo: string;
  /** The thread in `replyTo` the answer goes back into, if they asked in one. */
  replyThread: string | null;
  /** The question; redacted before it is written, and only the redacted text is ever posted. */
  question: string;
  /** The team, when the place or topic chose it; null until the asker picks one. */
  teamId: string | null;
  /** The team's channel on `platform`. */
  teamChannel: string | null;
  /** The bot's best guess (an entry id), shown to the team. */
  bestGuess: string | null;
}

export interface Handoff extends HandoffInput {
  /** Random and unguessable: it travels in Confirm and Cancel buttons. */
  id: string;
  status: HandoffStatus;
  createdAt: string;
  openedAt: string | null;
  /** When it expires if nobody answers (set when it is opened). */
  expiresAt: string | null;
  /** When the team was reminded (set when it is opened: half-way to expiry), and whether it was. */
  remindAt: string | null;
  remindedAt: string | null;
  postedAt: string | null;
  /** The platform's id of the post in the team's channel (a Slack ts, a Teams activity id): answers thread under it. */
  postRef: string | null;
  answeredAt: string | null;
  /** When it was cancelled or expired. */
  closedAt: string | null;
  /** How many answers were relayed. */
  answers: number;
}

/** An expert's answer, as kept for a draft knowledge entry (redacted like a question). */
export interface HandoffAnswer {
  handoffId: string;
  /** 1 for the first answer, 2 for the next… */
  seq: number;
  expert: string;
  text: string;
  at: string;
}

export interface Store {
  // --- subscriptions of channels to reminder topics
  /** Returns false when the channel was already subscribed (re-enables a disabled subscription). */
  subscribe(channel: ChannelRef, topic: string, now: Date): Promise<boolean>;
  /** Returns false when there was nothing to remove. */
  unsubscribe(channel: ChannelRef, topic: string): Promise<boolean>;
  /** The channel's subscriptions, disabled ones included. */
  subscriptionsFor(channel: ChannelRef): Promise<Subscription[]>;
  /** The enabled subscriptions to a topic, on every platform. */
  subscribersOf(topic: string): Promise<Subscription[]>;
  /** Disable every subscription of a channel that is gone; returns how many were disabled. */
  disableChannel(channel: ChannelRef, reason: string, now: Date): Promise<number>;
  /** Every subscription, disabled ones included, by platform, channel and topic. */
  subscriptions(): Promise<Subscription[]>;

  // --- Teams conversation references (stored as JSON, opaque to the store)
  saveConversationReference(conversationId: string, reference: unknown, now: Date): Promise<void>;
  conversationReference(conversationId: string): Promise<unknown | undefined>;
  removeConversationReference(conversationId: string): Promise<boolean>;
  conversationReferences(): Promise<{ conversationId: string; reference: unknown }[]>;

  // --- reminder deliveries: claim before sending, mark after
  /**
   * Claim a delivery for `owner`. True when this caller now holds it: it was never claimed, or an earlier
   * claim was not completed within `staleAfterMs` (a crash between claim and send), or it failed with a
   * transient error. False when it is delivered, skipped, or held by a live claim.
   */
  claimDelivery(key: DeliveryKey, owner: string, now: Date, staleAfterMs: number): Promise<boolean>;
  markDelivered(key: DeliveryKey, now: Date): Promise<void>;
  /** `permanent` failures are never retried (e.g. the channel is gone). */
  markFailed(key: DeliveryKey, error: string, now: Date, permanent: boolean): Promise<void>;
  /** Record an occurrence that was too old to catch up, so it is never sent later. */
  markSkipped(key: DeliveryKey, reason: string, now: Date): Promise<void>;
  delivery(key: DeliveryKey): Promise<Delivery | undefined>;
  /** By occurrence; `since`: only occurrences at or after it. */
  deliveries(filter?: { reminderId?: string; status?: DeliveryStatus; since?: Date }): Promise<Delivery[]>;

  // --- platform events already handled (e.g. Slack retries): true the first time a key is seen
  markEventSeen(key: string, now: Date): Promise<boolean>;

  // --- small named values (e.g. when the scheduler last ran)
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;

  // --- what users ask and tell us (what the admins' report reads)
  /** Returns the feedback's id: unique and unguessable, as it travels in the reason buttons. */
  recordFeedback(input: FeedbackInput, now: Date): Promise<string>;
  /** Why a 👎 was not helpful; the latest pick wins. False when `id` is no 👎 the store holds. */
  recordFeedbackReason(id: string, reason: FeedbackReason, now: Date): Promise<boolean>;
  /** Oldest first; `since`: only feedback given at or after it. */
  feedback(since?: Date): Promise<FeedbackRow[]>;
  /** One question asked and how it was answered; never its text. */
  recordQuestion(input: QuestionInput, now: Date): Promise<void>;
  /** The questions asked at or after `since`, oldest first. */
  questions(since: Date): Promise<QuestionRow[]>;
  recordUnanswered(input: UnansweredInput, now: Date): Promise<void>;
  /** Newest first, at most `limit` (default 100); `since`: only those recorded at or after it. */
  unanswered(limit?: number, since?: Date): Promise<UnansweredRow[]>;
  /**
   * Retention: delete the questions asked, unanswered questions, feedback, and hand-offs no longer open,
   * recorded before `before`. Subscriptions, deliveries, open hand-offs and the rest are kept.
   */
  forgetBefore(before: Date): Promise<Forgotten>;

  // --- hand-offs to expert teams (the question redacted before it is written)
  /** A new draft: shown to the asker, nothing posted. */
  createHandoff(input: HandoffInput, now: Date): Promise<Handoff>;
  handoff(id: string): Promise<Handoff | undefined>;
  /** Set the team of a draft (picked by the asker). False when it is no longer a draft. */
  chooseHandoffTeam(id: string, teamId: string, teamChannel: string, now: Date): Promise<boolean>;
  /**
   * Draft → open, once: true for exactly one caller, so a double click confirms once. False when it has no
   * team yet or is not a draft.
   */
  openHandoff(id: string, times: { expiresAt: Date; remindAt: Date }, now: Date): Promise<boolean>;
  /** Draft → cancelled. False when it was not a draft (already sent, or cancelled). */
  cancelHandoff(id: string, now: Date): Promise<boolean>;
  /** The post in the team's channel is made: where its thread is. */
  markHandoffPosted(id: string, postRef: string | null, now: Date): Promise<void>;
  /** The hand-off whose post in `teamChannel` is `postRef` (an answer in its thread). */
  handoffByPost(platform: Platform, teamChannel: string, postRef: string): Promise<Handoff | undefined>;
  /**
   * An answer to relay: kept (redacted), counted, and an open hand-off becomes answered. `first` is true for
   * the first answer only; later ones are relayed too, marked as such.
   */
  recordHandoffAnswer(id: string, answer: { expert: string; text: string }, now: Date): Promise<{ seq: number; first: boolean } | undefined>;
  handoffAnswer(id: string, seq: number): Promise<HandoffAnswer | undefined>;
  markHandoffReminded(id: string, now: Date): Promise<void>;
  /** Open → expired. False when it was answered (or expired) meanwhile. */
  expireHandoff(id: string, now: Date): Promise<boolean>;
  /** Hand-offs, oldest first: in these states (default any), created at or after `since`. */
  handoffs(filter?: { status?: readonly HandoffStatus[]; since?: Date }): Promise<Handoff[]>;

  /** True when the database is open and answers a trivial query (for /healthz). */
  healthy(): Promise<boolean>;
  /** Closes the store; calling it again does nothing. */
  close(): Promise<void>;
}
