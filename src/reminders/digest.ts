// The admins' digest as the scheduler sees it: a series of occurrences (a cron expression in a timezone,
// default Mondays 09:00 UK time), each delivered to every admin in ADMIN_USERS through the same claim,
// retries and records as a reminder (delivery.ts), so a crash or a restart never sends it twice. What the
// digest says is built by the report (src/report/digest.ts) for the period since the previous occurrence.
import type { Reminder } from '../knowledge/schema.ts';
import type { Digest } from '../report/digest.ts';
import type { Recipient } from './delivery.ts';
import { nextOccurrencesOf, occurrencesBetween } from './schedule.ts';

/** The digest's deliveries are keyed by this in place of a reminder id (the report counts them apart). */
export const DIGEST_ID = 'digest:admins';
export const DEFAULT_DIGEST_CRON = '0 9 * * 1';
export const DEFAULT_DIGEST_TIMEZONE = 'Europe/London';
/** How far back the previous occurrence is looked for; a period is never longer than this. */
const LONGEST_PERIOD_MS = 31 * 24 * 60 * 60 * 1000;
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export interface DigestOptions {
  /** A five-field cron expression (minute hour day-of-month month day-of-week) read in `timezone`. */
  cron: string;
  timezone: string;
  /** Who gets it; read every tick. */
  admins: () => readonly Recipient[];
  /** The digest for a period: from the previous occurrence to this one. */
  build: (period: { since: Date; until: Date }) => Promise<Digest>;
}

/**
 * The digest's schedule in the shape the occurrence maths takes. Never validated as knowledge: it comes from
 * the configuration (config.ts checks it), and its id cannot clash with a reminder's (ids have no colon).
 */
export function digestSeries(options: Pick<DigestOptions, 'cron' | 'timezone'>): Reminder {
  return { id: DIGEST_ID, title: "Admins' digest", message: "Admins' digest", topic: 'admins-digest', cron: options.cron, timezone: options.timezone };
}

/** What an occurrence's digest covers: since the occurrence before it (at most 31 days back; a week if none). */
export function digestPeriod(series: Reminder, at: Date): { since: Date; until: Date } {
  const earlier = occurrencesBetween(series, new Date(at.getTime() - LONGEST_PERIOD_MS), new Date(at.getTime() - 1));
  const previous = earlier[earlier.length - 1];
  return { since: previous ? previous.at : new Date(at.getTime() - WEEK_MS), until: at };
}

/** The next `count` digests after `now`, for the start-up line and `--help`-style summaries. */
export function nextDigests(options: Pick<DigestOptions, 'cron' | 'timezone'>, now: Date, count: number) {
  return nextOccurrencesOf(digestSeries(options), now, count);
}
