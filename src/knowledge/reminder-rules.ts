// Checks on a reminder that the schema alone cannot make: the cron expression parses, the timezone
// exists, the yearly date is a real day, the linked entry exists and the date range is the right way round.
import { Cron } from 'croner';
import type { Reminder } from './schema.ts';
import { didYouMean } from './problems.ts';

export interface ReminderProblem {
  path: (string | number)[];
  message: string;
}

export function isKnownTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

export function reminderProblems(reminder: Reminder, entryIds: ReadonlySet<string>): ReminderProblem[] {
  const problems: ReminderProblem[] = [];
  const timezoneOk = isKnownTimezone(reminder.timezone);
  if (!timezoneOk) {
    problems.push({ path: ['timezone'], message: `unknown timezone "${reminder.timezone}": use an IANA name such as Europe/London` });
  }
  if (reminder.cron !== undefined) {
    try {
      new Cron(reminder.cron, { paused: true, ...(timezoneOk ? { timezone: reminder.timezone } : {}) });
    } catch (error) {
      problems.push({
        path: ['cron'],
        message: `cron expression "${reminder.cron}" is not valid (${(error as Error).message}); write minute hour day-of-month month day-of-week, e.g. "0 9 1 * *" for 09:00 on the 1st of each month`,
      });
    }
  }
  if (reminder.yearly !== undefined) {
    const [month, day] = reminder.yearly.split('-').map(Number) as [number, number];
    // 2024 is a leap year, so 02-29 counts as a real (if rare) day.
    const date = new Date(Date.UTC(2024, month - 1, day));
    if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
      problems.push({ path: ['yearly'], message: `"${reminder.yearly}" is not a day of the year: write MM-DD, e.g. 10-18` });
    }
  }
  if (reminder.entry !== undefined && !entryIds.has(reminder.entry)) {
    const suggestion = didYouMean(reminder.entry, entryIds);
    problems.push({
      path: ['entry'],
      message: `\`entry\` names \`${reminder.entry}\`, but no entry has that id${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}`,
    });
  }
  if (reminder.from !== undefined && reminder.until !== undefined && reminder.until < reminder.from) {
    problems.push({ path: ['until'], message: `\`until\` (${reminder.until}) is before \`from\` (${reminder.from})` });
  }
  return problems;
}
