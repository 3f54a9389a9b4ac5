import { describe, expect, it } from 'vitest';
import { spelledOut, terms, words } from '../../src/search/normalize.ts';

describe('text-speak is written out', () => {
  it.each([
    ['thru', 'through'],
    ['tho', 'though'],
    ['pls', 'please'],
    ['plz', 'please'],
    ['u', 'you'],
    ['ur', 'your'],
  ])('"%s" → "%s"', (short, full) => {
    expect(words(short)).toEqual([full]);
    expect(spelledOut(`wont let ${short} out`)).toBe(`wont let ${full} out`);
  });

  it('shorthand carries no search terms, like the words it stands for', () => {
    expect(terms('can u walk me thru the nrm pls tho')).toEqual(terms('can you walk me through the nrm please though'));
  });

  it('spelledOut keeps negative contractions as typed', () => {
    expect(spelledOut("They won't let u OUT!")).toBe('they wont let you out');
  });
});
