// Question → ranked entries, a confidence decision and the urgency flag. Built once per knowledge base
// (the index is the expensive part); searching is pure and allocates little.
import type { Entry } from '../knowledge/schema.ts';
import { createAnalyzer, type Analyzer } from './analyzer.ts';
import { buildEntryIndex, entryFields, type EntryIndex } from './entry-index.ts';
import { decide, type Decision, type Ranked } from './confidence.ts';
import { isUrgent } from './urgency.ts';
import { hasOutOfScopeCue } from './scope.ts';
import { BARE_WORDS, CONTACT_WORDS, NEGATION } from './normalize.ts';

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
  // Request words, as the analyzer spells them (a word a synonym group claims is a topic, not a request).
  const termsOf = (list: readonly string[]): Set<string> => new Set(list.flatMap((w) => analyzer.phrase(w)).filter((t) => !t.startsWith('=')));
  const contactTerms = termsOf(CONTACT_WORDS);
  const bareTerms = termsOf(BARE_WORDS);
  const index: EntryIndex = buildEntryIndex(input.entries, analyzer, { lightTerms: new Set([...contactTerms, ...bareTerms]), contactTerms });
  const ids = input.entries.map((e) => e.id);
  const related = relatedPairs(input.entries);
  /**
   * "cant", "not", "help": with no topic word the knowledge knows, any entry would be a guess.
   * A question needs at least one term that is neither a negation nor a bare request word and that some entry holds.
   */
  const hasTopic = (terms: readonly string[]): boolean => terms.some((t) => t !== NEGATION && !bareTerms.has(t) && index.has(t));

  return {
    search(asked) {
      // A pasted document is not a question: look at its start only, so one message cannot stall the bot.
      const question = asked.length > MAX_QUESTION_CHARS ? asked.slice(0, MAX_QUESTION_CHARS) : asked;
      const { terms, correctedText } = analyzer.query(question);
      const ranked = index.rank(terms, RANK_LIMIT).map((r) => ({ id: ids[r.index]!, score: round(Math.min(1, r.score)) }));
      const decision = decide(ranked, { outOfScopeCue: hasOutOfScopeCue(question), tooThin: !hasTopic(terms), related });
      return { ...decision, urgent: isUrgent(question) || isUrgent(correctedText), ranked, terms };
    },
  };
}

/**
 * Entries that point at each other (`related` or `contacts`, either way): the same organisation's contact
 * and referral entries, or two steps of one process. A runner-up of this kind is a companion, not a rival.
 */
function relatedPairs(entries: readonly Entry[]): (a: string, b: string) => boolean {
  const pairs = new Set<string>();
  for (const entry of entries) {
    for (const other of [...(entry.related ?? []), ...(entry.contacts ?? [])]) {
      pairs.add(`${entry.id}\n${other}`);
      pairs.add(`${other}\n${entry.id}`);
    }
  }
  return (a, b) => pairs.has(`${a}\n${b}`);
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
