// The report's period: --since read as people write it, and UK calendar days across the clock changes.
import { describe, expect, it } from 'vitest';
import { daysOf, parseSince, startOfUkDay, ukDay } from '../../src/report/period.ts';

const NOW = new Date('2026-11-23T10:00:00Z');

describe('--since', () => {
  it('reads days, weeks and hours back from now, and a date from the start of that UK day', () => {
    expect(parseSince('30d', NOW)).toEqual(new Date('2026-10-24T10:00:00Z'));
    expect(parseSince('30', NOW)).toEqual(new Date('2026-10-24T10:00:00Z'));
    expect(parseSince('2w', NOW)).toEqual(new Date('2026-11-09T10:00:00Z'));
    expect(parseSince('12h', NOW)).toEqual(new Date('2026-11-22T22:00:00Z'));
    expect(parseSince('2026-11-01', NOW)).toEqual(new Date('2026-11-01T00:00:00Z'));
    // In summer a UK day starts at 23:00 UTC the evening before.
    expect(parseSince('2026-07-01', NOW)).toEqual(new Date('2026-06-30T23:00:00Z'));
  });

  it('refuses what is none of those', () => {
    for (const bad of ['', '0d', 'a month', '30m', '2026-13-01', '-5d']) expect(parseSince(bad, NOW)).toBeUndefined();
  });
});

describe('UK days', () => {
  it('puts a question at 00:30 BST on that morning, not the evening before', () => {
    expect(ukDay(new Date('2026-07-01T23:30:00Z'))).toBe('2026-07-02');
    expect(ukDay(new Date('2026-12-01T23:30:00Z'))).toBe('2026-12-01');
    expect(startOfUkDay('2026-03-29')).toEqual(new Date('2026-03-29T00:00:00Z'));
    expect(startOfUkDay('2026-03-30')).toEqual(new Date('2026-03-29T23:00:00Z'));
  });

  it('lists every day of the period once, across the clock change', () => {
    expect(daysOf({ since: new Date('2026-10-23T12:00:00Z'), until: new Date('2026-10-27T09:00:00Z') })).toEqual([
      '2026-10-23',
      '2026-10-24',
      '2026-10-25',
      '2026-10-26',
      '2026-10-27',
    ]);
    expect(daysOf({ since: NOW, until: NOW })).toEqual(['2026-11-23']);
  });
});
