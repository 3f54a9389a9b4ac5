// The validated knowledge the rest of the bot reads. Built once per load and never mutated: a reload
// builds a new one and swaps the reference, so a question in flight finishes on the one it started with.
import type { Entry, ExpertTeam, Reminder, SourcedValue } from './schema.ts';

/** Where an entry was written, for messages that send an admin back to the file. */
export interface Origin {
  file: string;
  line: number;
  col: number;
}

export interface KnowledgeBase {
  /** A short content hash: changes whenever any knowledge file's content changes. */
  readonly version: string;
  readonly loadedAt: Date;
  readonly dir: string;
  /** The YAML files the knowledge was read from, in load order. */
  readonly files: readonly string[];
  readonly entries: readonly Entry[];
  readonly byId: ReadonlyMap<string, Entry>;
  readonly origins: ReadonlyMap<string, Origin>;
  /** Groups of terms the search treats as the same, e.g. ["nrm", "national referral mechanism"]. */
  readonly synonyms: readonly (readonly string[])[];
  /** Examples of questions outside the bot's field, which the search learns to refuse. */
  readonly outOfScope: readonly string[];
  /** Examples of messages saying someone is in danger now, and of calm ones with alarming words. */
  readonly dangerNow: readonly string[];
  readonly calm: readonly string[];
  readonly reminders: readonly Reminder[];
  readonly sources: readonly SourcedValue[];
  /** The expert teams (experts.yaml); absent or empty: the bot never offers to ask an expert. */
  readonly experts?: ExpertDirectory;
}

/** Who answers the questions the knowledge cannot (knowledge/experts.yaml). */
export interface ExpertDirectory {
  readonly teams: readonly ExpertTeam[];
  /** The team that takes a question no team covers by place or topic. */
  readonly defaultTeam?: string;
  /** Working hours before an unanswered hand-off expires (the team is reminded half-way). */
  readonly answerWithinHours: number;
}

/** How long a hand-off waits for an answer when experts.yaml does not say: 4 working hours. */
export const DEFAULT_ANSWER_WITHIN_HOURS = 4;

/** What an entry is asked as: its title and its questions (the search learns from these; meaning reads them). */
export function phrasingsOf(entry: Entry): string[] {
  return [entry.title, ...entry.questions];
}

/**
 * The danger-now guidance: the `urgent: true` referral entry, or the first urgent entry. Several entries may
 * be marked urgent (the police contact, with 999, too); the steps to take come first.
 */
export function dangerEntryOf(entries: readonly Entry[]): Entry | undefined {
  const urgentEntries = entries.filter((e) => e.urgent === true);
  return urgentEntries.find((e) => e.kind === 'referral') ?? urgentEntries[0];
}
