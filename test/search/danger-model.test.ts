// The knowledge's danger-now and calm examples teach the search ways of saying "danger now" that its fixed
// patterns do not know: a message like the examples gets the 999 banner over its answer, a calm one does not,
// and without examples nothing changes.
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/loader.ts';
import { createSearch } from '../../src/search/search.ts';
import { urgencyOf } from '../../src/search/urgency.ts';

const { kb } = loadKnowledge('knowledge');
const withExamples = createSearch({ entries: kb!.entries, synonyms: kb!.synonyms, outOfScope: kb!.outOfScope, dangerNow: kb!.dangerNow, calm: kb!.calm });
const withoutExamples = createSearch({ entries: kb!.entries, synonyms: kb!.synonyms, outOfScope: kb!.outOfScope });

/** Written for this test, not copied from the examples; the fixed patterns miss each of them. */
const UNSAID = [
  'the minder wont leave the consulting room and she keeps looking at the door',
  'girl in reception shaking, says the men in the car will come in for her if she takes too long',
  'pt shaking and says the men who brought her are in the car park waiting',
  'shes in the back office with us and he keeps ringing her phone saying come out now',
];

describe('danger now learned from the knowledge', () => {
  it.each(UNSAID)('"%s": the patterns miss it, the examples catch it', (q) => {
    expect(urgencyOf(q)).toBe('none');
    expect(withoutExamples.search(q).urgent).toBe(false);
    expect(withExamples.search(q).urgent).toBe(true);
    // a learned flag is a sign of risk: the banner, never the danger-now guidance in place of the answer
    expect(withExamples.search(q).urgency).toBe('risk');
  });

  it.each([
    'how do I refer an adult to the NRM',
    'what training is there for hotel staff on spotting trafficking',
    'who runs the anti-slavery partnership in Kent',
    // everyday trouble outside the field, learned from the out-of-scope examples
    'I was the victim of a minor car crash on the A6 in Derby - the other driver went into the back of me at the lights. Do I need to report it to the police if we swapped details, and within how long?',
  ])('"%s" stays calm', (q) => {
    expect(withExamples.search(q).urgent).toBe(false);
  });
});
