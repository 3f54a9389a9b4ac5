// One analyzer per knowledge base: turns entry fields and questions into comparable terms.
// Questions also get typo correction against the knowledge's own words.
import { isStopWord, stem, words } from './normalize.ts';
import { createSynonymMatcher, type SynonymMatcher } from './synonyms.ts';
import { createWordCorrector, type WordCorrector } from './correct.ts';

export interface QueryAnalysis {
  /** Distinct search terms (stems and synonym concepts), in question order. */
  terms: string[];
  /** Words the corrector changed, for debugging and for "did you mean" wording. */
  corrections: { from: string; to: string }[];
}

export interface Analyzer {
  /** Terms of an entry's field text, with synonym concepts added. */
  document(text: string): string[];
  query(question: string): QueryAnalysis;
}

export interface AnalyzerInput {
  synonyms: readonly (readonly string[])[];
  /** Every field text of the knowledge, to learn which words it uses. */
  texts: Iterable<string>;
}

export function createAnalyzer(input: AnalyzerInput): Analyzer {
  const synonyms: SynonymMatcher = createSynonymMatcher(input.synonyms);
  const surface = new Map<string, number>();
  const stems = new Set<string>();
  const learn = (word: string): void => {
    surface.set(word, (surface.get(word) ?? 0) + 1);
    stems.add(stem(word));
  };
  for (const text of input.texts) for (const w of words(text)) if (!isStopWord(w)) learn(w);
  for (const group of input.synonyms) for (const t of group) for (const w of words(t)) if (!isStopWord(w)) learn(w);
  const corrector: WordCorrector = createWordCorrector(surface);

  return {
    document(text) {
      return synonyms.expandDocument(
        words(text)
          .filter((w) => !isStopWord(w))
          .map(stem),
      );
    },
    query(question) {
      const corrections: { from: string; to: string }[] = [];
      const stemmed: string[] = [];
      for (const w of words(question)) {
        if (isStopWord(w)) continue;
        let word = w;
        if (!surface.has(w) && !stems.has(stem(w))) {
          const fixed = corrector.correct(w);
          if (fixed !== undefined) {
            corrections.push({ from: w, to: fixed });
            word = fixed;
          }
        }
        stemmed.push(stem(word));
      }
      const rewritten = synonyms.rewriteQuery(stemmed);
      return { terms: [...new Set(rewritten)], corrections };
    },
  };
}
