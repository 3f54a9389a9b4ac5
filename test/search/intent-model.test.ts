// The intent model on its own: which entry a question's words point at, learned from entries' phrasings.
import { describe, expect, it } from 'vitest';
import { MAX_INTENT_ENTRIES, trainIntentModel } from '../../src/search/intent-model.ts';

const words = (text: string): string[] => text.toLowerCase().split(/\s+/).filter(Boolean);

/** Three entries whose phrasings share most words: only a few words tell them apart. */
const PHRASINGS = [
  ['refer adult nrm', 'how refer adult nrm', 'adult nrm referral form', 'make nrm referral adult agrees'],
  ['adult not consent nrm', 'adult refuses nrm referral', 'no consent duty notify', 'duty notify adult will not agree'],
  ['refer child nrm', 'child nrm referral', 'under 18 nrm referral', 'child no consent needed nrm'],
].map((list) => list.map(words));

const model = trainIntentModel({ phrasings: PHRASINGS })!;
const best = (question: string): number => {
  const terms = words(question);
  const p = model.probabilities(terms, new Map(terms.map((t) => [t, 1])));
  return p.indexOf(Math.max(...p));
};

describe('intent model', () => {
  it('learns which words tell entries apart, not which they share', () => {
    expect(best('nrm referral adult')).toBe(0);
    expect(best('adult refuses consent nrm referral')).toBe(1);
    expect(best('referral nrm child')).toBe(2);
  });

  it('gives probabilities that sum to one', () => {
    const p = model.probabilities(words('nrm referral'), new Map());
    expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 9);
  });

  it('lets context words no phrasing uses cost nothing', () => {
    const plain = model.probabilities(words('child nrm referral'), new Map());
    const withContext = model.probabilities(words('pc on nights in leeds found child nrm referral'), new Map());
    expect(withContext[2]).toBeCloseTo(plain[2]!, 9);
  });

  it('counts a term by its weight: background counts less than what is asked', () => {
    const terms = words('adult refuses child');
    const childAsked = model.probabilities(terms, new Map([['adult', 0.4], ['refuses', 0.4], ['child', 1]]));
    const childBackground = model.probabilities(terms, new Map([['adult', 1], ['refuses', 1], ['child', 0.4]]));
    expect(childAsked[2]!).toBeGreaterThan(childBackground[2]!);
    expect(childBackground[1]!).toBeGreaterThan(childAsked[1]!);
  });

  it('learns the same weights from the same knowledge', () => {
    const again = trainIntentModel({ phrasings: PHRASINGS })!;
    const q = words('adult nrm no consent');
    expect([...again.probabilities(q, new Map())]).toEqual([...model.probabilities(q, new Map())]);
  });

  it('learns a knowledge base of hundreds of entries that all share some words', () => {
    // 450 entries: every phrasing says "nrm referral"; each entry has a word of its own
    const phrasings = Array.from({ length: 450 }, (_, i) => [[`place${i}`, 'nrm', 'referral'], [`place${i}`, 'partnership'], ['nrm', 'referral', 'form', `place${i}`]]);
    const large = trainIntentModel({ phrasings })!;
    for (const i of [0, 7, 449]) {
      const p = large.probabilities([`place${i}`, 'nrm', 'referral'], new Map());
      expect(p.indexOf(Math.max(...p))).toBe(i);
    }
  });

  it('has no opinion beyond the entries it can learn at load, or with a single entry', () => {
    expect(trainIntentModel({ phrasings: [PHRASINGS[0]!] })).toBeUndefined();
    const many = Array.from({ length: MAX_INTENT_ENTRIES + 1 }, (_, i) => [[`entry${i}`]]);
    expect(trainIntentModel({ phrasings: many })).toBeUndefined();
  });
});
