// Per-word typo correction against the words the knowledge actually uses. fuse.js proposes candidates
// (its bitap matching is good on one short word); an edit-distance check then refuses anything further
// than a typo, so "printer" is never "pointer" and an off-topic question stays off-topic.
import Fuse from 'fuse.js';
import { editDistance } from '../text/near-miss.ts';
import { englishCount, REAL_WORD_COUNT } from './english.ts';

export interface WordCorrector {
  /** The knowledge word this word was meant to be, or undefined when it is not a near miss of one. */
  correct(word: string): string | undefined;
}

/** How many edits a word of this length may carry and still count as a typo. */
export function allowedEdits(length: number): number {
  // Short words are too often other real words one letter away (rent/rest, burn/bury): leave them.
  if (length <= 4) return 0;
  if (length <= 8) return 1;
  return 2;
}

/**
 * Build a corrector over `vocabulary` (word → how many entries use it). Words are bucketed by length so
 * a query word is only compared with words it could be a typo of; that keeps the cost flat as the
 * knowledge grows. Results are memoised: the same misspelling costs nothing the second time.
 */
export function createWordCorrector(vocabulary: ReadonlyMap<string, number>): WordCorrector {
  // Words by first letter and length: a typo keeps the first letter (see below) and changes the length
  // by at most the edits allowed, so fuse.js only ever scans a pool of a few dozen words.
  const byStart = new Map<string, string[]>();
  for (const word of vocabulary.keys()) {
    if (word.length < 4 || /\d/.test(word)) continue;
    const key = `${word[0]}:${word.length}`;
    const list = byStart.get(key) ?? [];
    list.push(word);
    byStart.set(key, list);
  }
  const fuses = new Map<string, Fuse<string>>();
  const fuseFor = (first: string, length: number, maxEdits: number): Fuse<string> => {
    const key = `${first}:${length}:${maxEdits}`;
    let fuse = fuses.get(key);
    if (!fuse) {
      const pool: string[] = [];
      for (let l = length - maxEdits; l <= length + maxEdits; l++) pool.push(...(byStart.get(`${first}:${l}`) ?? []));
      fuse = new Fuse(pool, { threshold: 0.4, ignoreLocation: true, includeScore: true, isCaseSensitive: true });
      fuses.set(key, fuse);
    }
    return fuse;
  };
  const memo = new Map<string, string | undefined>();
  const MEMO_LIMIT = 10_000;

  return {
    correct(word) {
      if (memo.has(word)) return memo.get(word);
      const maxEdits = allowedEdits(word.length);
      let best: string | undefined;
      // An everyday English word is what the person meant ("scared" is not a typo of "shared").
      if (maxEdits > 0 && !/\d/.test(word) && englishCount(word) < REAL_WORD_COUNT) {
        let bestDistance = Infinity;
        let bestFrequency = -1;
        for (const hit of fuseFor(word[0]!, word.length, maxEdits).search(word, { limit: 8 })) {
          const candidate = hit.item;
          // A typo rarely changes the first letter; requiring it avoids many false corrections.
          if (candidate[0] !== word[0]) continue;
          const distance = editDistance(word, candidate, maxEdits);
          if (distance > maxEdits) continue;
          const frequency = vocabulary.get(candidate) ?? 0;
          if (distance < bestDistance || (distance === bestDistance && frequency > bestFrequency)) {
            best = candidate;
            bestDistance = distance;
            bestFrequency = frequency;
          }
        }
      }
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(word, best);
      return best;
    },
  };
}
