// The shipped calendar (knowledge/reminders.yaml): right dates, real entries, nothing that could flood a channel.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { KnowledgeFile } from '../../src/knowledge/schema.ts';
import { occurrencesBetween, reminderProblems } from '../../src/reminders/schedule.ts';

const text = readFileSync('knowledge/reminders.yaml', 'utf8');
const file = KnowledgeFile.parse(parse(text));
const reminders = file.reminders ?? [];
const entryIds = new Set<string>();
for (const name of readdirSync('knowledge').filter((n) => n.endsWith('.yaml') && n !== 'reminders.yaml')) {
  const other = KnowledgeFile.safeParse(parse(readFileSync(`knowledge/${name}`, 'utf8')));
  for (const entry of other.success ? (other.data.entries ?? []) : []) entryIds.add(entry.id);
}
const year2027 = [new Date('2027-01-01T00:00:00Z'), new Date('2028-01-01T00:00:00Z')] as const;
const localTimesIn2027 = (id: string): string[] =>
  occurrencesBetween(reminders.find((r) => r.id === id)!, ...year2027).map((o) => o.localTime);

describe('the shipped reminder calendar', () => {
  it('opens with the schema line editors use', () => {
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./schema.json');
  });

  it('has no problems: schedules fire, timezones exist, linked entries exist', () => {
    const problems = reminders.flatMap((r) => reminderProblems(r, entryIds).map((p) => `${r.id} ${p.path.join('.')}: ${p.message}`));
    expect(problems).toEqual([]);
  });

  it('posts the five checked awareness days on their real dates at 09:00 UK time, each citing its source', () => {
    const days = reminders.filter((r) => r.topic === 'awareness-days');
    expect(days.map((r) => [r.id, localTimesIn2027(r.id)])).toEqual([
      ['remembrance-victims-of-slavery-day', ['Thu 25 Mar 2027, 09:00 GMT']],
      ['world-day-against-trafficking', ['Fri 30 Jul 2027, 09:00 BST']],
      ['slave-trade-abolition-remembrance-day', ['Mon 23 Aug 2027, 09:00 BST']],
      ['anti-slavery-day', ['Mon 18 Oct 2027, 09:00 BST']],
      ['international-day-abolition-of-slavery', ['Thu 2 Dec 2027, 09:00 GMT']],
    ]);
    for (const day of days) expect(day.source, day.id).toBeTruthy();
  });

  it('gives one spot-the-signs tip a month, rotating through every type of exploitation', () => {
    const tips = reminders.filter((r) => r.topic === 'spot-the-signs');
    const months = tips.flatMap((r) => occurrencesBetween(r, ...year2027)).map((o) => o.at.getUTCMonth());
    expect(months.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const signsEntries = [...entryIds].filter((id) => id.startsWith('signs-')).sort();
    const linked = new Set(tips.map((r) => r.entry));
    expect(signsEntries.filter((id) => !linked.has(id))).toEqual([]);
    for (const tip of tips) expect(tip.source, tip.id).toBeTruthy();
  });

  it('prompts partnerships quarterly to review outcomes, on a weekday', () => {
    expect(localTimesIn2027('partnership-quarterly-outcomes-review')).toEqual([
      'Tue 12 Jan 2027, 09:00 GMT',
      'Tue 13 Apr 2027, 09:00 BST',
      'Tue 13 Jul 2027, 09:00 BST',
      'Tue 12 Oct 2027, 09:00 BST',
    ]);
  });
});
