// The bot's state behind one small interface. The SQLite implementation is the default; anything that
// keeps these promises can stand in (tests use the same SQLite one on a temporary file).
//
// Questions are sensitive: every method that takes question text redacts it before writing.

export type Platform = 'slack' | 'teams';

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
  platform: Platform | 'console';
  /** The question the answer was for; redacted before it is written. */
  question?: string;
}

export interface UnansweredInput {
  question: string;
  status: 'no_match' | 'ambiguous';
  platform: Platform | 'console';
  score: number;
}

export interface UnansweredRow {
  question: string;
  status: 'no_match' | 'ambiguous';
  platform: string;
  score: number;
  at: string;
}

export interface Store {
  // --- subscriptions of channels to reminder topics
  /** Returns false when the channel was already subscribed (re-enables a disabled subscription). */
  subscribe(channel: ChannelRef, topic: string, now: Date): boolean;
  /** Returns false when there was nothing to remove. */
  unsubscribe(channel: ChannelRef, topic: string): boolean;
  /** The channel's subscriptions, disabled ones included. */
  subscriptionsFor(channel: ChannelRef): Subscription[];
  /** The enabled subscriptions to a topic, on every platform. */
  subscribersOf(topic: string): Subscription[];
  /** Disable every subscription of a channel that is gone; returns how many were disabled. */
  disableChannel(channel: ChannelRef, reason: string, now: Date): number;

  // --- Teams conversation references (stored as JSON, opaque to the store)
  saveConversationReference(conversationId: string, reference: unknown, now: Date): void;
  conversationReference(conversationId: string): unknown | undefined;
  removeConversationReference(conversationId: string): boolean;
  conversationReferences(): { conversationId: string; reference: unknown }[];

  // --- reminder deliveries: claim before sending, mark after
  /**
   * Claim a delivery for `owner`. True when this caller now holds it: it was never claimed, or an earlier
   * claim was not completed within `staleAfterMs` (a crash between claim and send), or it failed with a
   * transient error. False when it is delivered, skipped, or held by a live claim.
   */
  claimDelivery(key: DeliveryKey, owner: string, now: Date, staleAfterMs: number): boolean;
  markDelivered(key: DeliveryKey, now: Date): void;
  /** `permanent` failures are never retried (e.g. the channel is gone). */
  markFailed(key: DeliveryKey, error: string, now: Date, permanent: boolean): void;
  /** Record an occurrence that was too old to catch up, so it is never sent later. */
  markSkipped(key: DeliveryKey, reason: string, now: Date): void;
  delivery(key: DeliveryKey): Delivery | undefined;
  deliveries(filter?: { reminderId?: string; status?: DeliveryStatus }): Delivery[];

  // --- platform events already handled (e.g. Slack retries): true the first time a key is seen
  markEventSeen(key: string, now: Date): boolean;

  // --- small named values (e.g. when the scheduler last ran)
  getMeta(key: string): string | undefined;
  setMeta(key: string, value: string): void;

  // --- what users tell us
  recordFeedback(input: FeedbackInput, now: Date): void;
  feedback(): { entryId: string; helpful: boolean; platform: string; question: string | null; at: string }[];
  recordUnanswered(input: UnansweredInput, now: Date): void;
  unanswered(limit?: number): UnansweredRow[];

  /** True when the database is open and answers a trivial query (for /healthz). */
  healthy(): boolean;
  close(): void;
}
