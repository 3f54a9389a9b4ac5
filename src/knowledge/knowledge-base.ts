// The validated knowledge the rest of the bot reads. Built once per load and never mutated: a reload
// builds a new one and swaps the reference, so a question in flight finishes on the one it started with.
import type { Entry, Reminder, SourcedValue } from './schema.ts';

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
  readonly reminders: readonly Reminder[];
  readonly sources: readonly SourcedValue[];
}
