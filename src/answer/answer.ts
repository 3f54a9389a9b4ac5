// The platform-neutral answer. Search produces it; each channel renders it (plain text, Block Kit,
// Adaptive Card). Nothing here knows about a platform.
import type { EntryKind, Link, Phone, Email, Section } from '../knowledge/schema.ts';
import type { AnswerStatus } from '../search/confidence.ts';

export type { AnswerStatus };

/** A contact shown with an answer: an entry of kind `contact`, cut down to what is shown. */
export interface AnswerContact {
  id: string;
  title: string;
  phones: readonly Phone[];
  emails: readonly Email[];
  links: readonly Link[];
  howToContact?: string;
}

export interface AnswerEntry {
  id: string;
  kind: EntryKind;
  title: string;
  summary: string;
  steps: readonly string[];
  body?: string;
  sections: readonly Section[];
  /** The entry's own details when it is itself a contact, then any contacts it names. */
  contacts: readonly AnswerContact[];
  links: readonly Link[];
  source: readonly string[];
  reviewed: string;
  /** When the entry's facts must be checked again, if they change. */
  reviewBy?: string;
}

/** Shown with an answer whose entry is past its review date: the bot still answers, but says so. */
export interface OutOfDate {
  /** The day the entry was last checked against its source. */
  lastChecked: string;
  /** The review date that has passed. */
  reviewBy: string;
  /** The source to check the answer against (the entry's first). */
  check: string;
}

export interface Suggestion {
  id: string;
  title: string;
  score: number;
}

export interface FollowUp {
  id: string;
  title: string;
}

export interface Answer {
  /** The question as asked (never logged or stored unredacted). */
  query: string;
  status: AnswerStatus;
  /** The question signals someone in danger now: every rendering opens with the 999 banner. */
  urgent: boolean;
  /** Confidence in the top entry, 0..1. */
  score: number;
  /** The 999 banner text when urgent. */
  banner?: string;
  /** The entry shown; null only for no_match (and never when urgent). */
  entry: AnswerEntry | null;
  /** For "what's the difference between X and Y": the entry for the other side, shown beside `entry`. */
  comparedWith?: AnswerEntry;
  /** Set when the entry shown is past its review date. */
  outOfDate?: OutOfDate;
  /** "Did you mean" choices: for ambiguous answers, up to three. */
  suggestions: readonly Suggestion[];
  /** Related entries to offer as next questions. */
  followUps: readonly FollowUp[];
  /** For no_match: the question is about this field though no entry fits (a dead end, not off-topic). */
  inField?: boolean;
  /** The safe fallback shown for no_match: the helpline, 999 and how to ask differently. */
  fallback?: string;
}
