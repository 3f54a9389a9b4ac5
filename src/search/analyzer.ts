// One analyzer per knowledge base: turns entry fields and questions into comparable terms.
// Questions also get typo correction against the knowledge's own words.
import { isStopWord, stem, terms, words } from './normalize.ts';
import { createSynonymMatcher, type SynonymMatcher } from './synonyms.ts';
import { createWordCorrector, type WordCorrector } from './correct.ts';
import { isConcept } from './synonyms.ts';
import { englishCount, ENGLISH_WORDS } from './english.ts';
import { runSteps, type Steps } from './steps.ts';

/** How many texts the analyzer learns from between two steps of a sliced build. */
const TEXTS_PER_STEP = 200;

/** A synonym group is the field's own vocabulary (nrm, duty to notify, county lines). */
const CONCEPT_LIFT = 4;

export interface QueryAnalysis {
  /** Distinct search terms (stems and synonym concepts), in question order. */
  terms: string[];
  /** Words the corrector changed, for debugging and for "did you mean" wording. */
  corrections: { from: string; to: string }[];
  /** The question's words with typos corrected (stop words kept), for phrase checks such as urgency. */
  correctedText: string;
  /** A word as typed for each term the knowledge does not hold, to judge how much of a topic it carries. */
  surfaces: Map<string, string>;
}

export interface Analyzer {
  /** Terms of an entry's field text, with synonym concepts added. */
  document(text: string): string[];
  /** Terms of an entry's own phrasing (title, a question) the way a question's terms are made, without typo correction. */
  phrase(text: string): string[];
  query(question: string): QueryAnalysis;
  /**
   * How much more often the knowledge uses a term than everyday English does (log10 of the ratio of rates):
   * about 4–6 for nrm, trafficking, glaa; about 2 for council, support; 0 or less for everyday words.
   * Concepts (synonym groups) count as the field's own vocabulary: 4.
   */
  lift(term: string): number;
}

export interface AnalyzerInput {
  synonyms: readonly (readonly string[])[];
  /** Every field text of the knowledge, to learn which words it uses. */
  texts: Iterable<string>;
}

export function createAnalyzer(input: AnalyzerInput): Analyzer {
  return runSteps(analyzerSteps(input));
}

/** The analyzer, built in steps (see steps.ts). */
export function* analyzerSteps(input: AnalyzerInput): Steps<Analyzer> {
  const synonyms: SynonymMatcher = createSynonymMatcher(input.synonyms);
  const surface = new Map<string, number>();
  const stems = new Set<string>();
  // Per stem: how often the knowledge uses it, and its most common English form.
  const stemUse = new Map<string, { count: number; english: number }>();
  let used = 0;
  const learn = (word: string): void => {
    surface.set(word, (surface.get(word) ?? 0) + 1);
    const s = stem(word);
    stems.add(s);
    const use = stemUse.get(s) ?? { count: 0, english: -1 };
    use.count++;
    stemUse.set(s, use);
    used++;
  };
  let read = 0;
  for (const text of input.texts) {
    for (const w of words(text)) if (!isStopWord(w)) learn(w);
    if (++read % TEXTS_PER_STEP === 0) yield;
  }
  for (const group of input.synonyms) for (const t of group) for (const w of words(t)) if (!isStopWord(w)) learn(w);
  yield;
  const corrector: WordCorrector = createWordCorrector(surface);
  yield;
  let counted = 0;
  for (const [word] of surface) {
    const use = stemUse.get(stem(word));
    if (use) use.english = Math.max(use.english, englishCount(word));
    if (++counted % 2_000 === 0) yield;
  }
  const lifts = new Map<string, number>();
  /** The longest known stem (5+ letters) that begins this unknown stem, if any. */
  const knownPrefix = (unknown: string): string | undefined => {
    for (let length = unknown.length - 1; length >= Math.max(5, Math.ceil(unknown.length * 0.75)); length--) {
      const prefix = unknown.slice(0, length);
      if (stems.has(prefix)) return prefix;
    }
    return undefined;
  };

  return {
    lift(term) {
      if (isConcept(term)) return CONCEPT_LIFT;
      const known = lifts.get(term);
      if (known !== undefined) return known;
      const use = stemUse.get(term);
      const value = use ? Math.log10((use.count / Math.max(1, used)) / ((Math.max(0, use.english) + 1) / ENGLISH_WORDS)) : 0;
      lifts.set(term, value);
      return value;
    },
    document(text) {
      return synonyms.expandDocument(terms(text));
    },
    phrase(text) {
      return [...new Set(synonyms.rewriteQuery(terms(text)))];
    },
    query(question) {
      const corrections: { from: string; to: string }[] = [];
      const surfaces = new Map<string, string>();
      const stemmed: string[] = [];
      const corrected: string[] = [];
      for (const w of words(question)) {
        if (isStopWord(w)) {
          corrected.push(w);
          continue;
        }
        if (isChildAge(w)) {
          // "15yo", "16yrs": an age under 18 is a question about a child
          stemmed.push(stem('child'));
          corrected.push(w);
          continue;
        }
        let word = w;
        if (!surface.has(w) && !stems.has(stem(w))) {
          // threatening → threat, cultivation → cultivat…: a longer form of a word the knowledge uses
          const shorter = knownPrefix(stem(w));
          if (shorter !== undefined) {
            stemmed.push(shorter);
            corrected.push(w);
            continue;
          }
          const fixed = corrector.correct(w);
          if (fixed !== undefined) {
            corrections.push({ from: w, to: fixed });
            word = fixed;
          }
        }
        const term = stem(word);
        if (!surfaces.has(term)) surfaces.set(term, word);
        stemmed.push(term);
        corrected.push(word);
      }
      const text = corrected.join(' ');
      // "17 year old", "aged 15": the same for ages written out
      for (const m of text.matchAll(/\b(\d{1,2}) (?:year|yr)s? old\b|\baged (\d{1,2})\b/g)) {
        if (Number(m[1] ?? m[2]) < 18) stemmed.push(stem('child'));
      }
      const rewritten = synonyms.rewriteQuery(stemmed);
      return { terms: [...new Set(rewritten)], corrections, correctedText: text, surfaces };
    },
  };
}

/** "15yo", "16yrs", "17y": an age under 18 written as one word. */
function isChildAge(word: string): boolean {
  const m = /^(\d{1,2})(yo|yrs?|y|yrold|yearold)$/.exec(word);
  return m !== null && Number(m[1]) < 18;
}
