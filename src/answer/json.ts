// Answer → the `ask --json` object other tools read (see the top-level README for the contract).
import type { Answer, AnswerStatus } from './answer.ts';
import type { EntryKind } from '../knowledge/schema.ts';
import { answerToText } from './text.ts';

export interface AnswerJson {
  query: string;
  status: AnswerStatus;
  urgent: boolean;
  score: number;
  /** The entry shown, with the full text a person sees; null only for no_match. */
  answer: {
    id: string;
    kind: EntryKind;
    title: string;
    text: string;
    out_of_date: OutOfDateJson | null;
    /** For a comparison ("difference between X and Y"): the other side's entry, also in `text`. */
    compared_with: { id: string; title: string } | null;
  } | null;
  suggestions: { id: string; title: string; score: number }[];
  /** Everything a person sees, also for no_match (the safe fallback). */
  text: string;
}

/** Set when the entry is past its review date (the same notice is in `text`). */
export interface OutOfDateJson {
  last_checked: string;
  review_by: string;
  check: string;
}

export function answerToJson(answer: Answer): AnswerJson {
  const text = answerToText(answer);
  return {
    query: answer.query,
    status: answer.status,
    urgent: answer.urgent,
    score: answer.score,
    answer: answer.entry
      ? {
          id: answer.entry.id,
          kind: answer.entry.kind,
          title: answer.entry.title,
          text,
          out_of_date: answer.outOfDate
            ? { last_checked: answer.outOfDate.lastChecked, review_by: answer.outOfDate.reviewBy, check: answer.outOfDate.check }
            : null,
          compared_with: answer.comparedWith ? { id: answer.comparedWith.id, title: answer.comparedWith.title } : null,
        }
      : null,
    suggestions: answer.suggestions.map((s) => ({ id: s.id, title: s.title, score: s.score })),
    text,
  };
}
