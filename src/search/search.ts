// Question → ranked entries, a confidence decision and the urgency flag. Built once per knowledge base
// (the index is the expensive part); searching is pure and allocates little.
import type { Entry } from '../knowledge/schema.ts';
import { createAnalyzer, type Analyzer } from './analyzer.ts';
import { buildEntryIndex, entryFields, type EntryIndex } from './entry-index.ts';
import { decide, type Decision, type Ranked } from './confidence.ts';
import { isUrgent } from './urgency.ts';
import { hasOutOfScopeCue } from './scope.ts';

export interface SearchInput {
  entries: readonly Entry[];
  synonyms: readonly (readonly string[])[];
}

export interface SearchResult extends Decision {
  urgent: boolean;
  /** The best entries, best first (up to ten), whatever the decision. */
  ranked: Ranked[];
  /** The question's search terms after normalisation, correction and synonyms. */
  terms: string[];
}

export interface Search {
  search(question: string): SearchResult;
}

const RANK_LIMIT = 10;
const MAX_QUESTION_CHARS = 2_000;

export function createSearch(input: SearchInput): Search {
  const analyzer: Analyzer = createAnalyzer({
    synonyms: input.synonyms,
    texts: (function* () {
      for (const entry of input.entries) for (const list of Object.values(entryFields(entry))) yield* list;
    })(),
  });
  const index: EntryIndex = buildEntryIndex(input.entries, analyzer);
  const ids = input.entries.map((e) => e.id);

  return {
    search(asked) {
      // A pasted document is not a question: look at its start only, so one message cannot stall the bot.
      const question = asked.length > MAX_QUESTION_CHARS ? asked.slice(0, MAX_QUESTION_CHARS) : asked;
      const { terms, correctedText } = analyzer.query(question);
      const ranked = index.rank(terms, RANK_LIMIT).map((r) => ({ id: ids[r.index]!, score: round(Math.min(1, r.score)) }));
      return { ...decide(ranked, { outOfScopeCue: hasOutOfScopeCue(question) }), urgent: isUrgent(question) || isUrgent(correctedText), ranked, terms };
    },
  };
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
