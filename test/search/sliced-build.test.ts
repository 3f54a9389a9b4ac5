// A reload builds the search in slices so the bot keeps answering requests meanwhile: the sliced build must
// give the event loop turns while it works, and give exactly the search the straight build gives.
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/loader.ts';
import { createSearch, createSearchInSlices } from '../../src/search/search.ts';

const { kb } = loadKnowledge('knowledge');
const input = { entries: kb!.entries, synonyms: kb!.synonyms, outOfScope: kb!.outOfScope };
const QUESTIONS = ['how do I refer an adult to the NRM', '16 year old at a car wash, what do i do', 'car wash prices in Barnsley', 'rg vs cg'];

describe('building the search in slices', () => {
  it('lets other work run between slices, and builds the same search as the straight build', async () => {
    let turns = 0;
    let building = true;
    const tick = (): void => {
      turns++;
      if (building) setImmediate(tick);
    };
    setImmediate(tick);
    const sliced = await createSearchInSlices(input, 1);
    building = false;
    expect(turns).toBeGreaterThan(10);
    const straight = createSearch(input);
    for (const q of QUESTIONS) expect(sliced.search(q)).toEqual(straight.search(q));
  }, 60_000);
});
