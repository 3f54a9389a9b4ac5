// Synonym groups from the knowledge ("nrm" = "national referral mechanism") become one concept term.
// A question's phrase is replaced by its concept; an entry keeps its own words and gains the concept,
// so "referral" alone still finds an entry that spells out "national referral mechanism".
import { terms } from './normalize.ts';

/** Concept terms start with a character no cleaned word can contain, so they never collide with words. */
const CONCEPT_PREFIX = '=';

interface Phrase {
  terms: readonly string[];
  concept: string;
}

export interface SynonymMatcher {
  /** Terms of an entry's text with the concept of every synonym phrase it contains added. */
  expandDocument(termList: readonly string[]): string[];
  /** Terms of a question with every synonym phrase replaced by its concept. */
  rewriteQuery(termList: readonly string[]): string[];
}

export function createSynonymMatcher(groups: readonly (readonly string[])[]): SynonymMatcher {
  const byFirst = new Map<string, Phrase[]>();
  // Groups sharing a term (written twice by different admins) must share a concept.
  const conceptOf = new Map<string, string>();
  groups.forEach((group, index) => {
    const phrases = group.map((t) => terms(t)).filter((t) => t.length > 0);
    const existing = phrases.map((p) => conceptOf.get(p.join(' '))).find((c) => c !== undefined);
    const concept = existing ?? `${CONCEPT_PREFIX}${index}`;
    for (const phrase of phrases) {
      const key = phrase.join(' ');
      if (conceptOf.has(key)) continue;
      conceptOf.set(key, concept);
      const list = byFirst.get(phrase[0]!) ?? [];
      list.push({ terms: phrase, concept });
      byFirst.set(phrase[0]!, list);
    }
  });
  for (const list of byFirst.values()) list.sort((a, b) => b.terms.length - a.terms.length);

  /** Longest phrase starting at position i, if any. */
  const matchAt = (termList: readonly string[], i: number): Phrase | undefined => {
    const candidates = byFirst.get(termList[i]!);
    if (!candidates) return undefined;
    return candidates.find((p) => p.terms.every((t, k) => termList[i + k] === t));
  };

  return {
    expandDocument(termList) {
      const out = [...termList];
      for (let i = 0; i < termList.length; i++) {
        const phrase = matchAt(termList, i);
        if (phrase) out.push(phrase.concept);
      }
      return out;
    },
    rewriteQuery(termList) {
      const out: string[] = [];
      for (let i = 0; i < termList.length; ) {
        const phrase = matchAt(termList, i);
        if (phrase) {
          out.push(phrase.concept);
          i += phrase.terms.length;
        } else {
          out.push(termList[i]!);
          i += 1;
        }
      }
      return out;
    },
  };
}

/** Whether a term is a synonym group's concept rather than a word. */
export function isConcept(term: string): boolean {
  return term.startsWith(CONCEPT_PREFIX);
}
