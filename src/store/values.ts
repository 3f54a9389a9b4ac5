// How values are written, the same way by every Store implementation, so the contract tests hold for all:
// questions redacted then cut, times as ISO 8601 in UTC, occurrences in one canonical form.
import { randomUUID } from 'node:crypto';
import { redact } from './redact.ts';
import { FEEDBACK_REASONS, type FeedbackReason, type Handoff, type HandoffStatus } from './store.ts';

export const STORE_DEFAULTS = {
  /** How long `markEventSeen` remembers a key. Platforms retry within minutes; default 24 h. */
  eventRetentionMs: 24 * 60 * 60 * 1000,
  /** How many unanswered questions `unanswered()` lists when not told. */
  unansweredLimit: 100,
  /** Stored questions are cut to this many characters (after redaction): enough to see what was asked. */
  maxQuestionLength: 2_000,
} as const;

/** Redact, then cut: cutting first could split a phone number and leave half of it unredacted. */
export function storedQuestion(question: string): string {
  const redacted = redact(question);
  return redacted.length <= STORE_DEFAULTS.maxQuestionLength
    ? redacted
    : `${redacted.slice(0, STORE_DEFAULTS.maxQuestionLength - 1)}…`;
}

export function iso(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('invalid date');
  return date.toISOString();
}

/**
 * Occurrences are keys: "2026-10-18T08:00:00Z" and "2026-10-18T08:00:00.000Z" are the same instant and
 * must be the same delivery, so every occurrence is rewritten in one canonical form before use.
 */
export function canonicalOccurrence(occurrence: string): string {
  const date = new Date(occurrence);
  if (Number.isNaN(date.getTime())) throw new RangeError(`occurrence is not a date: ${JSON.stringify(occurrence)}`);
  return date.toISOString();
}

/** A claim older than this is stale; checked the same way everywhere so a bad value never passes silently. */
export function checkStaleAfter(staleAfterMs: number): void {
  if (!Number.isFinite(staleAfterMs) || staleAfterMs < 0) {
    throw new RangeError(`staleAfterMs must be a non-negative number, got ${staleAfterMs}`);
  }
}

/** A new hand-off id: random, as it travels in the Confirm and Cancel buttons. */
export function newHandoffId(): string {
  return randomUUID();
}

/** A new feedback id: random, so a reason button's id cannot be guessed to change someone else's feedback. */
export function newFeedbackId(): string {
  return randomUUID();
}

/** A reason the store keeps; anything else is refused, so nothing but these four words is ever stored. */
export function checkFeedbackReason(reason: string): FeedbackReason {
  if (!(FEEDBACK_REASONS as readonly string[]).includes(reason)) {
    throw new RangeError(`feedback reason must be one of ${FEEDBACK_REASONS.join(', ')}, got ${JSON.stringify(reason)}`);
  }
  return reason as FeedbackReason;
}

/** A hand-off row as SQLite and PostgreSQL return it (times as text or Date). */
export interface HandoffRow {
  id: string;
  platform: string;
  asker: string;
  reply_to: string;
  reply_thread: string | null;
  question: string;
  team_id: string | null;
  team_channel: string | null;
  best_guess: string | null;
  status: HandoffStatus;
  created_at: string | Date;
  opened_at: string | Date | null;
  expires_at: string | Date | null;
  remind_at: string | Date | null;
  reminded_at: string | Date | null;
  posted_at: string | Date | null;
  post_ref: string | null;
  answered_at: string | Date | null;
  closed_at: string | Date | null;
  answers: number;
}

const time = (value: string | Date | null): string | null => (value === null ? null : value instanceof Date ? value.toISOString() : value);

export function toHandoff(row: HandoffRow): Handoff {
  return {
    id: row.id,
    platform: row.platform,
    asker: row.asker,
    replyTo: row.reply_to,
    replyThread: row.reply_thread,
    question: row.question,
    teamId: row.team_id,
    teamChannel: row.team_channel,
    bestGuess: row.best_guess,
    status: row.status,
    createdAt: time(row.created_at)!,
    openedAt: time(row.opened_at),
    expiresAt: time(row.expires_at),
    remindAt: time(row.remind_at),
    remindedAt: time(row.reminded_at),
    postedAt: time(row.posted_at),
    postRef: row.post_ref,
    answeredAt: time(row.answered_at),
    closedAt: time(row.closed_at),
    answers: Number(row.answers),
  };
}
