// The one edit distance and the one "did you mean" rule every part uses.
import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from '../../src/text/near-miss.ts';

describe('editDistance', () => {
  it.each([
    ['title', 'title', 0],
    ['titel', 'title', 1], // a swapped pair is one edit
    ['referal', 'referral', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
  ])('%j → %j is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });

  it('stops early past a limit, saying only that it is over', () => {
    expect(editDistance('parking', 'working', 1)).toBe(2);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
    expect(editDistance('referal', 'referral', 1)).toBe(1);
  });
});

describe('didYouMean', () => {
  it('names the closest candidate when at most a third of it is changed, ignoring case', () => {
    expect(didYouMean('titel', ['summary', 'title', 'steps'])).toBe('title');
    expect(didYouMean('Awarness-Days', ['awareness-days', 'spot-the-signs'])).toBe('awareness-days');
    expect(didYouMean('anti-slavery', ['anti-slavery-day', 'world-day'])).toBe('anti-slavery-day');
  });

  it('names nothing when nothing is close, or there is nothing to choose from', () => {
    expect(didYouMean('banana', ['title', 'summary'])).toBeUndefined();
    expect(didYouMean('x', [])).toBeUndefined();
  });
});
