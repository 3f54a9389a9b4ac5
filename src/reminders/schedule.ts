// When reminders fall due: pure occurrence maths over croner, with no clock of its own. Instants are UTC
// `Date`s; a reminder's own timezone only decides which UTC instant "09:00 on 18 October" is, so the GMT/BST
// changes move the UTC instant and never the local time.
import { Cron } from 'croner';
import type { Reminder } from '../knowledge/schema.ts';
import { didYouMean } from '../text/near-miss.ts';

/** One occurrence of one reminder. */
export interface Occurrence {
  reminder: Reminder;
  /** The instant, UTC. */
  at: Date;
  /** The instant in the reminder's timezone, for display, e.g. "Sun 18 Oct 2026, 09:00 BST". */
  localTime: string;
}

export interface ReminderProblem {
  /** Where in the reminder the problem is, e.g. ['cron'] or ['timezone']. */
  path: string[];
  message: string;
}

export const DEFAULT_TIMEZONE = 'Europe/London';
export const DEFAULT_AT = '09:00';

/** Reminders are posted to people's channels: anything firing more often than this is a typo, not a plan. */
export const MIN_GAP_MS = 60 * 60 * 1000;

/** Stops a runaway search (e.g. an every-hour expression outside its `from`/`until` window). */
const MAX_STEPS = 10_000;
/** More than any clock change anywhere moves local time: the slack when mapping local times to instants. */
const SHIFT_MS = 3 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The cron expression a reminder runs on: its own, or the one its `yearly` date and `at` time mean. */
export function cronExpression(reminder: Reminder): string {
  if (reminder.cron !== undefined) return reminder.cron.trim();
  const [month, day] = (reminder.yearly ?? '').split('-').map(Number);
  const [hour, minute] = (reminder.at ?? DEFAULT_AT).split(':').map(Number);
  return `${minute} ${hour} ${day} ${month} *`;
}

function timezoneOf(reminder: Reminder): string {
  return reminder.timezone || DEFAULT_TIMEZONE;
}

// Why not croner's own `timezone` option: it builds a new Intl formatter for every date it converts, about
// 3 ms a step, which made a Home tab or a tick take most of a second. Instead croner walks local wall-clock
// times on a fixed UTC offset of 0 (fast, and independent of the server's TZ), and each local time is
// mapped to its instant here with one cached formatter per timezone. The mapping keeps croner's rules:
// a local time the clocks skip fires at the shifted instant, a repeated one fires on its first pass.
const wallCrons = new Map<string, Cron>();
function wallCron(expression: string): Cron {
  let cron = wallCrons.get(expression);
  if (!cron) {
    // Day-of-month and day-of-week combine with OR, as in every other cron: "0 9 1 * MON" means the 1st and
    // every Monday. croner 10 defaults to that too; saying it keeps an upgrade from changing the calendar.
    cron = new Cron(expression, { utcOffset: 0, paused: true, domAndDow: false });
    if (wallCrons.size > 1000) wallCrons.clear();
    wallCrons.set(expression, cron);
  }
  return cron;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timezone: string, kind: 'wall' | 'display' | 'date'): Intl.DateTimeFormat {
  const key = `${kind} ${timezone}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'display'
        ? { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }
        : kind === 'date'
          ? { year: 'numeric', month: '2-digit', day: '2-digit' }
          : { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' };
    f = new Intl.DateTimeFormat(kind === 'date' ? 'en-CA' : 'en-GB', { ...options, timeZone: timezone });
    formatters.set(key, f);
  }
  return f;
}

function partsOf(f: Intl.DateTimeFormat, date: Date): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of f.formatToParts(date)) out[part.type] = part.value;
  return out;
}

/** The local wall-clock time of an instant, written as if it were UTC (so it can be compared and stepped). */
function toWall(instant: Date, timezone: string): number {
  const p = partsOf(formatter(timezone, 'wall'), instant);
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
}

/** The earliest instant showing local time `wall`; for a time the clocks skip, the instant it shifts to. */
function fromWall(wall: number, timezone: string): Date {
  const before = toWall(new Date(wall - DAY_MS), timezone) - (wall - DAY_MS);
  const after = toWall(new Date(wall + DAY_MS), timezone) - (wall + DAY_MS);
  // No clock change within a day either side (nearly always): one offset, one instant.
  if (before === after) return new Date(wall - before);
  const candidates = [wall - before, wall - after].filter((t) => toWall(new Date(t), timezone) === wall);
  // No candidate: the time is skipped (spring forward); read it on the offset in force before the change.
  return new Date(candidates.length > 0 ? Math.min(...candidates) : wall - before);
}

/** The calendar date (YYYY-MM-DD) of an instant in a timezone: how `from`/`until` are compared. */
export function localDate(date: Date, timezone: string): string {
  const p = partsOf(formatter(timezone, 'date'), date);
  return `${p.year}-${p.month}-${p.day}`;
}

/** "Sun 18 Oct 2026, 09:00 BST": an instant as people in `timezone` read it. */
export function formatLocal(date: Date, timezone: string = DEFAULT_TIMEZONE): string {
  const p = partsOf(formatter(timezone, 'display'), date);
  return `${p.weekday} ${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute} ${p.timeZoneName}`;
}

function inWindow(reminder: Reminder, at: Date): 'before' | 'inside' | 'after' {
  if (reminder.from === undefined && reminder.until === undefined) return 'inside';
  const day = localDate(at, timezoneOf(reminder));
  if (reminder.from !== undefined && day < reminder.from) return 'before';
  if (reminder.until !== undefined && day > reminder.until) return 'after';
  return 'inside';
}

function occurrence(reminder: Reminder, at: Date): Occurrence {
  return { reminder, at, localTime: formatLocal(at, timezoneOf(reminder)) };
}

/**
 * Walks a reminder's occurrences after `after`, in order, inside its `from`/`until` dates, until `stop`
 * says so. Nothing for a schedule that cannot be read: `reminderProblems` reports that.
 */
function walk(
  reminder: Reminder,
  after: Date,
  stop: (at: Date, found: number) => boolean,
  lastWall = Number.POSITIVE_INFINITY,
): Occurrence[] {
  const timezone = timezoneOf(reminder);
  let cron: Cron;
  try {
    cron = wallCron(cronExpression(reminder));
    formatter(timezone, 'wall'); // throws for an unknown timezone
  } catch {
    return [];
  }
  let cursor = toWall(after, timezone) - SHIFT_MS;
  if (reminder.from !== undefined) cursor = Math.max(cursor, Date.parse(`${reminder.from}T00:00:00Z`) - 1000);
  const found: Occurrence[] = [];
  const seen = new Set<number>();
  for (let step = 0; step < MAX_STEPS; step++) {
    let next: Date | null;
    try {
      next = cron.nextRun(new Date(cursor));
    } catch {
      break;
    }
    if (next === null) break;
    cursor = next.getTime();
    if (cursor > lastWall) break;
    const at = fromWall(cursor, timezone);
    if (stop(at, found.length)) break;
    // The slack revisits a few local times before `after`; two local times can share an instant.
    if (at.getTime() <= after.getTime() || seen.has(at.getTime())) continue;
    const where = inWindow(reminder, at);
    if (where === 'after') break;
    if (where === 'inside') {
      seen.add(at.getTime());
      found.push(occurrence(reminder, at));
    }
  }
  return found.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * Every occurrence in (fromUtc, toUtc], oldest first, inside the reminder's `from`/`until` dates (both
 * inclusive, read as dates in the reminder's timezone). A reminder whose schedule cannot be read has none:
 * `reminderProblems` is where that is reported.
 */
export function occurrencesBetween(reminder: Reminder, fromUtc: Date, toUtc: Date): Occurrence[] {
  const end = toUtc.getTime();
  return walk(reminder, fromUtc, (at) => at.getTime() > end + SHIFT_MS, toWall(toUtc, timezoneOf(reminder)) + SHIFT_MS).filter(
    (o) => o.at.getTime() <= end,
  );
}

/** The next `count` occurrences of one reminder strictly after `after`. */
export function nextOccurrencesOf(reminder: Reminder, after: Date, count: number): Occurrence[] {
  if (count <= 0) return [];
  let enough: number | undefined;
  // Once `count` are found, look on a little further: a clock change can put a later local time earlier.
  return walk(reminder, after, (at, found) => {
    if (found >= count && enough === undefined) enough = at.getTime() + SHIFT_MS;
    return enough !== undefined && at.getTime() > enough;
  }).slice(0, count);
}

/**
 * The next `count` occurrences across reminders, soonest first (ties by reminder id), optionally only
 * those on `topic` (one, or any of several: a channel's subscriptions). What `reminders next`, the Slack
 * Home tab and `subscriptions` show.
 */
export function nextOccurrences(
  reminders: readonly Reminder[],
  now: Date,
  count: number,
  topic?: string | readonly string[],
): Occurrence[] {
  if (count <= 0) return [];
  const topics = topic === undefined ? undefined : new Set<string>(typeof topic === 'string' ? [topic] : topic);
  const soonest = (a: Occurrence, b: Occurrence): number =>
    a.at.getTime() - b.at.getTime() || a.reminder.id.localeCompare(b.reminder.id);
  // A merge: each reminder's next one, then only the reminder just taken is asked for its following one.
  const heads = reminders
    .filter((r) => topics === undefined || topics.has(r.topic))
    .flatMap((r) => nextOccurrencesOf(r, now, 1));
  const out: Occurrence[] = [];
  while (out.length < count && heads.length > 0) {
    heads.sort(soonest);
    const taken = heads.shift()!;
    out.push(taken);
    heads.push(...nextOccurrencesOf(taken.reminder, taken.at, 1));
  }
  return out;
}

/** The topics channels can subscribe to: every topic some reminder has, sorted. */
export function reminderTopics(reminders: readonly Reminder[]): string[] {
  return [...new Set(reminders.map((r) => r.topic))].sort();
}

/** The instant the next reminder falls due after `now`, if any: when a scheduler should wake. */
export function nextDue(reminders: readonly Reminder[], now: Date): Date | undefined {
  return nextOccurrences(reminders, now, 1)[0]?.at;
}

export function isKnownTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** croner's messages name its internals ("CronPattern: ..."); keep only the part an admin can act on. */
function cronMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text
    .replace(/^Cron\w*:\s*/, '')
    .replace(/^invalid configuration format \('[^']*'\), /, '')
    .replace(/\.$/, '');
}

/**
 * What is wrong with a reminder beyond its shape (the zod schema checks that): a cron expression croner
 * cannot read or that never fires or fires too often, an unknown timezone, an `entry` that does not exist,
 * `until` before `from`, a yearly date no year has. The knowledge loader turns these into
 * `path:line:col` messages.
 */
export function reminderProblems(reminder: Reminder, entryIds: ReadonlySet<string>): ReminderProblem[] {
  const problems: ReminderProblem[] = [];
  const timezone = timezoneOf(reminder);
  const timezoneOk = isKnownTimezone(timezone);
  if (!timezoneOk) {
    problems.push({
      path: ['timezone'],
      message: `"${timezone}" is not a timezone this system knows; use an IANA name such as Europe/London or UTC`,
    });
  }

  let scheduleOk = true;
  if (reminder.yearly !== undefined) {
    const [month, day] = reminder.yearly.split('-').map(Number) as [number, number];
    if (month < 1 || month > 12 || day < 1 || day > (DAYS_IN_MONTH[month - 1] ?? 0)) {
      problems.push({
        path: ['yearly'],
        message: `"${reminder.yearly}" is not a day of the year; write MM-DD, e.g. 10-18 for 18 October`,
      });
      scheduleOk = false;
    }
  } else if (reminder.cron !== undefined) {
    try {
      new Cron(reminder.cron.trim(), { paused: true });
    } catch (error) {
      problems.push({
        path: ['cron'],
        message: `"${reminder.cron}" is not a cron expression: ${cronMessage(error)}. Write five fields, minute hour day-of-month month day-of-week, e.g. "0 9 1 * *" for 09:00 on the 1st of each month`,
      });
      scheduleOk = false;
    }
  } else {
    scheduleOk = false;
  }

  if (reminder.from !== undefined && reminder.until !== undefined && reminder.until < reminder.from) {
    problems.push({ path: ['until'], message: `until (${reminder.until}) is before from (${reminder.from})` });
    scheduleOk = false;
  }

  if (reminder.entry !== undefined && !entryIds.has(reminder.entry)) {
    const near = didYouMean(reminder.entry, entryIds);
    problems.push({
      path: ['entry'],
      message: `there is no entry with id "${reminder.entry}"${near ? `; did you mean "${near}"?` : ''}`,
    });
  }

  if (scheduleOk && timezoneOk) problems.push(...scheduleProblems(reminder));
  return problems;
}

/**
 * What is wrong with a cron expression read in a timezone, as a reminder's would be reported (unreadable,
 * never fires, fires more than once an hour, unknown timezone): for schedules set outside the knowledge.
 */
export function cronProblems(cron: string, timezone: string): string[] {
  return reminderProblems({ id: 'schedule', title: 'schedule', message: 'schedule', topic: 'schedule', cron, timezone }, new Set()).map((p) => p.message);
}

/** A schedule that reads fine but never fires, or fires far too often. */
function scheduleProblems(reminder: Reminder): ReminderProblem[] {
  const field = reminder.cron !== undefined ? 'cron' : 'yearly';
  // Look from the `from` date when there is one, else from a fixed day, so the answer never depends on today.
  const reference = new Date(`${reminder.from ?? '2026-01-01'}T00:00:00Z`);
  const timezone = timezoneOf(reminder);
  // Local wall-clock times, compared as such: "every minute from 09:00" is a flood in any timezone.
  const runs = wallCron(cronExpression(reminder))
    .nextRuns(12, new Date(reference.getTime() - 1000))
    .map((wall) => fromWall(wall.getTime(), timezone));
  if (runs.length === 0) {
    return [{ path: [field], message: `"${cronExpression(reminder)}" never falls on a real date` }];
  }
  for (let i = 1; i < runs.length; i++) {
    if (runs[i]!.getTime() - runs[i - 1]!.getTime() < MIN_GAP_MS) {
      return [
        {
          path: [field],
          message: `"${reminder.cron}" fires more than once an hour (${formatLocal(runs[i - 1]!, timezone)} then ${formatLocal(runs[i]!, timezone)}); a reminder needs a fixed minute and hour, e.g. "0 9 1 * *"`,
        },
      ];
    }
  }
  // Only a window with both ends can be empty for certain; an `until` alone may simply have passed.
  if (reminder.from !== undefined && reminder.until !== undefined) {
    if (nextOccurrencesOf(reminder, new Date(reference.getTime() - DAY_MS), 1).length === 0) {
      return [
        {
          path: ['until'],
          message: `the schedule has no occurrence between from (${reminder.from}) and until (${reminder.until})`,
        },
      ];
    }
  }
  return [];
}
