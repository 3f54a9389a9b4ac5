import { describe, expect, it } from 'vitest';
import { Reminder } from '../../src/knowledge/schema.ts';
import {
  formatLocal,
  nextOccurrences,
  occurrencesBetween,
  reminderProblems,
} from '../../src/reminders/schedule.ts';

function reminder(fields: Record<string, unknown>): Reminder {
  return Reminder.parse({ id: 'r', title: 'A reminder', message: 'Hello', topic: 'awareness-days', ...fields });
}

const iso = (dates: { at: Date }[]): string[] => dates.map((d) => d.at.toISOString());

describe('occurrences', () => {
  it('puts a yearly day at 09:00 London time, which is 08:00 UTC in summer and 09:00 UTC in winter', () => {
    const antiSlaveryDay = reminder({ yearly: '10-18' });
    const abolitionDay = reminder({ id: 'abolition', yearly: '12-02' });
    const year = [new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z')] as const;
    const oct = occurrencesBetween(antiSlaveryDay, ...year);
    expect(iso(oct)).toEqual(['2026-10-18T08:00:00.000Z']);
    expect(oct[0]!.localTime).toBe('Sun 18 Oct 2026, 09:00 BST');
    const dec = occurrencesBetween(abolitionDay, ...year);
    expect(iso(dec)).toEqual(['2026-12-02T09:00:00.000Z']);
    expect(dec[0]!.localTime).toBe('Wed 2 Dec 2026, 09:00 GMT');
  });

  it('keeps 09:00 local across the clock changes on the last Sundays of March and October 2026', () => {
    const daily = reminder({ cron: '0 9 * * *' });
    const march = occurrencesBetween(daily, new Date('2026-03-27T12:00:00Z'), new Date('2026-03-31T00:00:00Z'));
    expect(march.map((o) => [o.at.toISOString(), o.localTime])).toEqual([
      ['2026-03-28T09:00:00.000Z', 'Sat 28 Mar 2026, 09:00 GMT'],
      ['2026-03-29T08:00:00.000Z', 'Sun 29 Mar 2026, 09:00 BST'],
      ['2026-03-30T08:00:00.000Z', 'Mon 30 Mar 2026, 09:00 BST'],
    ]);
    const october = occurrencesBetween(daily, new Date('2026-10-23T12:00:00Z'), new Date('2026-10-27T00:00:00Z'));
    expect(october.map((o) => [o.at.toISOString(), o.localTime])).toEqual([
      ['2026-10-24T08:00:00.000Z', 'Sat 24 Oct 2026, 09:00 BST'],
      ['2026-10-25T09:00:00.000Z', 'Sun 25 Oct 2026, 09:00 GMT'],
      ['2026-10-26T09:00:00.000Z', 'Mon 26 Oct 2026, 09:00 GMT'],
    ]);
  });

  it('fires once at a local time the clocks skip or repeat', () => {
    const nightly = reminder({ cron: '30 1 * * *' });
    // 01:30 does not exist on 29 March (01:00 GMT → 02:00 BST): it fires at the shifted instant, once.
    expect(
      occurrencesBetween(nightly, new Date('2026-03-28T12:00:00Z'), new Date('2026-03-30T12:00:00Z')).map((o) => o.localTime),
    ).toEqual(['Sun 29 Mar 2026, 02:30 BST', 'Mon 30 Mar 2026, 01:30 BST']);
    // 01:30 happens twice on 25 October (BST, then GMT): it fires on the first only.
    expect(
      occurrencesBetween(nightly, new Date('2026-10-24T12:00:00Z'), new Date('2026-10-26T12:00:00Z')).map((o) => o.localTime),
    ).toEqual(['Sun 25 Oct 2026, 01:30 BST', 'Mon 26 Oct 2026, 01:30 GMT']);
  });

  it('gives a yearly reminder on a change day the right instant', () => {
    const spring = reminder({ yearly: '03-29', at: '10:30' });
    const autumn = reminder({ yearly: '10-25', at: '10:30' });
    const year = [new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z')] as const;
    expect(iso(occurrencesBetween(spring, ...year))).toEqual(['2026-03-29T09:30:00.000Z']);
    expect(iso(occurrencesBetween(autumn, ...year))).toEqual(['2026-10-25T10:30:00.000Z']);
  });

  it('reads times in the reminder’s own timezone', () => {
    const ny = reminder({ yearly: '07-30', at: '09:00', timezone: 'America/New_York' });
    const [first] = occurrencesBetween(ny, new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'));
    expect(first!.at.toISOString()).toBe('2026-07-30T13:00:00.000Z');
    expect(first!.localTime).toBe('Thu 30 Jul 2026, 09:00 GMT-4');
  });

  it('counts an occurrence exactly at the end of the window and not one exactly at the start', () => {
    const r = reminder({ yearly: '10-18' });
    const at = new Date('2026-10-18T08:00:00Z');
    expect(iso(occurrencesBetween(r, new Date(at.getTime() - 1), at))).toEqual([at.toISOString()]);
    expect(occurrencesBetween(r, at, new Date('2026-12-31T00:00:00Z'))).toEqual([]);
  });

  it('honours from and until as dates in the reminder’s timezone, both inclusive', () => {
    const monthly = reminder({ cron: '0 9 1 * *', from: '2026-03-01', until: '2026-05-01' });
    expect(iso(occurrencesBetween(monthly, new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z')))).toEqual([
      '2026-03-01T09:00:00.000Z',
      '2026-04-01T08:00:00.000Z',
      '2026-05-01T08:00:00.000Z',
    ]);
    // 00:30 on 1 April in London is still 31 March in UTC: `from` is a London date.
    const early = reminder({ cron: '30 0 1 * *', from: '2026-04-01' });
    expect(nextOccurrences([early], new Date('2026-01-01T00:00:00Z'), 1).map((o) => o.at.toISOString())).toEqual([
      '2026-03-31T23:30:00.000Z',
    ]);
  });

  it('lists the next occurrences across reminders, soonest first, optionally for one topic', () => {
    const reminders = [
      reminder({ id: 'anti-slavery-day', yearly: '10-18' }),
      reminder({ id: 'abolition-day', yearly: '12-02' }),
      reminder({ id: 'monthly-tip', topic: 'spot-the-signs', cron: '0 9 1 * *' }),
    ];
    const now = new Date('2026-11-23T13:00:00Z');
    const next = nextOccurrences(reminders, now, 4);
    expect(next.map((o) => `${o.reminder.id} ${o.localTime}`)).toEqual([
      'monthly-tip Tue 1 Dec 2026, 09:00 GMT',
      'abolition-day Wed 2 Dec 2026, 09:00 GMT',
      'monthly-tip Fri 1 Jan 2027, 09:00 GMT',
      'monthly-tip Mon 1 Feb 2027, 09:00 GMT',
    ]);
    expect(nextOccurrences(reminders, now, 2, 'awareness-days').map((o) => o.localTime)).toEqual([
      'Wed 2 Dec 2026, 09:00 GMT',
      'Mon 18 Oct 2027, 09:00 BST',
    ]);
    expect(nextOccurrences(reminders, now, 3, 'no-such-topic')).toEqual([]);
    // A channel's next reminder across the topics it subscribes to.
    expect(nextOccurrences(reminders, now, 1, ['awareness-days', 'spot-the-signs']).map((o) => o.reminder.id)).toEqual(['monthly-tip']);
    expect(nextOccurrences(reminders, now, 1, []).map((o) => o.reminder.id)).toEqual([]);
  });

  it('has no occurrences after until has passed', () => {
    const ended = reminder({ cron: '0 9 1 * *', until: '2026-06-30' });
    expect(nextOccurrences([ended], new Date('2026-11-23T13:00:00Z'), 5)).toEqual([]);
  });

  it('formats instants for people in a timezone', () => {
    expect(formatLocal(new Date('2026-10-18T08:00:00Z'), 'Europe/London')).toBe('Sun 18 Oct 2026, 09:00 BST');
    expect(formatLocal(new Date('2026-01-05T17:45:00Z'))).toBe('Mon 5 Jan 2026, 17:45 GMT');
  });
});

describe('reminder problems', () => {
  const ids = new Set(['signs-labour-exploitation', 'anti-slavery-day']);
  const messages = (r: Reminder): string[] => reminderProblems(r, ids).map((p) => `${p.path.join('.')}: ${p.message}`);

  it('accepts a good reminder', () => {
    expect(messages(reminder({ yearly: '10-18', entry: 'anti-slavery-day' }))).toEqual([]);
    expect(messages(reminder({ yearly: '02-29' }))).toEqual([]);
    expect(messages(reminder({ cron: '0 9 1 3,6,9,12 *', timezone: 'UTC' }))).toEqual([]);
  });

  it('names a bad cron expression', () => {
    expect(messages(reminder({ cron: '0 9 1 * * * * *' }))).toEqual([
      'cron: "0 9 1 * * * * *" is not a cron expression: exactly five, six, or seven space separated parts are required. Write five fields, minute hour day-of-month month day-of-week, e.g. "0 9 1 * *" for 09:00 on the 1st of each month',
    ]);
    expect(messages(reminder({ cron: '61 9 * * *' }))[0]).toMatch(/^cron: "61 9 \* \* \*" is not a cron expression: Invalid value for minute: 61/);
  });

  it('refuses a cron expression that never fires or would flood a channel', () => {
    expect(messages(reminder({ cron: '0 9 30 2 *' }))).toEqual(['cron: "0 9 30 2 *" never falls on a real date']);
    expect(messages(reminder({ cron: '* 9 1 * *' }))[0]).toMatch(/^cron: "\* 9 1 \* \*" fires more than once an hour/);
  });

  it('names an unknown timezone', () => {
    expect(messages(reminder({ yearly: '10-18', timezone: 'Europe/Londn' }))).toEqual([
      'timezone: "Europe/Londn" is not a timezone this system knows; use an IANA name such as Europe/London or UTC',
    ]);
  });

  it('names an entry that does not exist, with the likely one', () => {
    expect(messages(reminder({ yearly: '10-18', entry: 'signs-labour-exploitaton' }))).toEqual([
      'entry: there is no entry with id "signs-labour-exploitaton"; did you mean "signs-labour-exploitation"?',
    ]);
    expect(messages(reminder({ yearly: '10-18', entry: 'something-else' }))).toEqual([
      'entry: there is no entry with id "something-else"',
    ]);
  });

  it('refuses until before from, and a window with no occurrence', () => {
    expect(messages(reminder({ yearly: '10-18', from: '2026-06-01', until: '2026-01-01' }))).toEqual([
      'until: until (2026-01-01) is before from (2026-06-01)',
    ]);
    expect(messages(reminder({ yearly: '10-18', from: '2026-11-01', until: '2027-01-31' }))).toEqual([
      'until: the schedule has no occurrence between from (2026-11-01) and until (2027-01-31)',
    ]);
  });

  it('refuses a yearly date no year has', () => {
    expect(messages(reminder({ yearly: '02-30' }))).toEqual([
      'yearly: "02-30" is not a day of the year; write MM-DD, e.g. 10-18 for 18 October',
    ]);
    expect(messages(reminder({ yearly: '13-01' }))[0]).toMatch(/^yearly: "13-01" is not a day of the year/);
  });
});
