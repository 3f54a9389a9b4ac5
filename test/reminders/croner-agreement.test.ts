// schedule.ts walks local times itself (croner's timezone mode is too slow to call per tick); here it is
// held to croner's own answers, including the skipped and repeated hours of the clock changes.
import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';
import { Reminder } from '../../src/knowledge/schema.ts';
import { occurrencesBetween } from '../../src/reminders/schedule.ts';

const from = new Date('2026-01-01T00:00:00Z');
const to = new Date('2027-01-01T00:00:00Z');

describe('occurrences agree with croner', () => {
  for (const timezone of ['Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata']) {
    for (const cron of ['30 1 * * SUN', '30 2 * * SUN', '0 0 1 * *']) {
      it(`${cron} in ${timezone}`, () => {
        const reminder = Reminder.parse({ id: 'r', title: 'T', message: 'M', topic: 't', cron, timezone });
        const ours = occurrencesBetween(reminder, from, to).map((o) => o.at.toISOString());
        const theirs: string[] = [];
        const job = new Cron(cron, { timezone, paused: true });
        for (let next = job.nextRun(from); next && next <= to; next = job.nextRun(next)) theirs.push(next.toISOString());
        expect(ours).toEqual(theirs);
      });
    }
  }
});
