// The admins hear about entries served past their review date once per change, and again a week later.
import { describe, expect, it } from 'vitest';
import { createReviewWatch } from '../../src/knowledge/review-watch.ts';
import { sampleEntries, sampleKnowledge } from '../answer/sample-kb.ts';

const dated = sampleEntries.map((e) =>
  e.id === 'salvation-army-victim-care' ? { ...e, source: 'The Salvation Army, Supporting survivors', review_by: '2027-02-23' } : e,
);

describe('review watch', () => {
  it('tells the admins once when an entry falls overdue, names it and what to check, and repeats a week later', () => {
    let now = new Date('2027-02-23T12:00:00Z');
    const told: string[][] = [];
    const watch = createReviewWatch({ knowledge: () => sampleKnowledge(dated), now: () => now, notify: (lines) => told.push(lines) });
    watch.check();
    expect(told).toEqual([]);
    now = new Date('2027-02-24T12:00:00Z');
    watch.check();
    watch.check();
    expect(told).toHaveLength(1);
    expect(told[0]![0]).toMatch(/^1 knowledge entry is past the review date\. The bot still answers from it, and each answer says it may be out of date/);
    expect(told[0]![1]).toBe('- salvation-army-victim-care (due 2027-02-23, last checked 2026-11-23): check The Salvation Army, Supporting survivors');
    now = new Date('2027-03-03T12:00:00Z');
    watch.check();
    expect(told).toHaveLength(2);
  });

  it('says nothing while every entry is current', () => {
    const told: string[][] = [];
    createReviewWatch({ knowledge: () => sampleKnowledge(), now: () => new Date('2030-01-01T00:00:00Z'), notify: (l) => told.push(l) }).check();
    expect(told).toEqual([]);
  });
});
