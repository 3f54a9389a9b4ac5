// The period a report covers, and its days. Days are UK calendar days (Europe/London), as the people who
// asked and the admins who read the report count them: a question at 00:30 BST belongs to that morning.
const DAY_MS = 86_400_000;
export const REPORT_TIMEZONE = 'Europe/London';

export interface Period {
  since: Date;
  until: Date;
}

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: REPORT_TIMEZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The UK calendar day an instant falls on, YYYY-MM-DD. */
export function ukDay(at: Date | string): string {
  return dayFormat.format(typeof at === 'string' ? new Date(at) : at);
}

/** Every UK day from `since`'s to `until`'s, in order, both included. */
export function daysOf(period: Period): string[] {
  const last = ukDay(period.until);
  const days: string[] = [];
  // Noon UTC of each calendar day is on that day in the UK whatever the season.
  for (let t = Date.parse(`${ukDay(period.since)}T12:00:00Z`); ; t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    days.push(day);
    if (day >= last || days.length > 3660) return days;
  }
}

/**
 * `--since`: a number of days (`30d`, or `30`), weeks (`2w`) or hours (`12h`) back from now, or a date
 * (`2026-11-01`, from the start of that UK day). Undefined when it is none of those.
 */
export function parseSince(text: string, now: Date): Date | undefined {
  const relative = /^(\d{1,5})([dwh]?)$/.exec(text.trim());
  if (relative) {
    const n = Number(relative[1]);
    const unit = relative[2] === 'w' ? 7 * DAY_MS : relative[2] === 'h' ? 3_600_000 : DAY_MS;
    return n > 0 ? new Date(now.getTime() - n * unit) : undefined;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(text.trim()) && !Number.isNaN(Date.parse(text.trim()))) {
    return startOfUkDay(text.trim());
  }
  return undefined;
}

/** The instant a UK calendar day starts (midnight GMT or BST). */
export function startOfUkDay(day: string): Date {
  const noon = Date.parse(`${day}T12:00:00Z`);
  // London is UTC or UTC+1: midnight is 00:00 or 23:00 UTC the evening before; take whichever is that day.
  const bst = new Date(noon - 13 * 3_600_000);
  return ukDay(bst) === day ? bst : new Date(noon - 12 * 3_600_000);
}
