// Which entries are due for a check against their sources, and when. One place decides "overdue" so that
// `kb check`'s warning, `kb review`'s list, the line under an answer and the admins' notice always agree:
// an entry is overdue from the day after its `review_by` date (judged on the UTC calendar day).
import type { KnowledgeBase, Origin } from './knowledge-base.ts';
import type { Entry } from './schema.ts';

/** YYYY-MM-DD of the day `now` falls on. */
export function dayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** True when the entry has a `review_by` date and that day has passed. */
export function isOverdue(entry: Pick<Entry, 'review_by'>, now: Date): boolean {
  return entry.review_by !== undefined && entry.review_by < dayOf(now);
}

export function sourcesOf(entry: Pick<Entry, 'source'>): string[] {
  return Array.isArray(entry.source) ? entry.source : [entry.source];
}

export type ReviewState = 'overdue' | 'due-soon' | 'scheduled' | 'no-date';

export interface ReviewItem {
  entry: Entry;
  origin: Origin | undefined;
  state: ReviewState;
  /** Days from today to `review_by` (negative when overdue); undefined without a date. */
  daysLeft: number | undefined;
}

/** "Due soon" means within this many days: enough to plan a month's checking. */
export const DUE_SOON_DAYS = 31;

const DAY_MS = 86_400_000;

/**
 * Every entry in the order an admin should work through them: overdue first (longest overdue first), then
 * by `review_by`, then the entries without a review date, oldest check first.
 */
export function reviewSchedule(kb: Pick<KnowledgeBase, 'entries' | 'origins'>, now: Date): ReviewItem[] {
  const today = Date.parse(dayOf(now));
  const items = kb.entries.map((entry): ReviewItem => {
    const origin = kb.origins.get(entry.id);
    if (entry.review_by === undefined) return { entry, origin, state: 'no-date', daysLeft: undefined };
    const daysLeft = Math.round((Date.parse(entry.review_by) - today) / DAY_MS);
    const state: ReviewState = daysLeft < 0 ? 'overdue' : daysLeft <= DUE_SOON_DAYS ? 'due-soon' : 'scheduled';
    return { entry, origin, state, daysLeft };
  });
  return items.sort((a, b) => {
    if (a.daysLeft !== undefined && b.daysLeft !== undefined) return a.daysLeft - b.daysLeft || a.entry.id.localeCompare(b.entry.id);
    if (a.daysLeft !== undefined) return -1;
    if (b.daysLeft !== undefined) return 1;
    return a.entry.reviewed.localeCompare(b.entry.reviewed) || a.entry.id.localeCompare(b.entry.id);
  });
}

/** The lines that tell admins which entries are being served past their review date (none when none are). */
export function overdueNotice(kb: Pick<KnowledgeBase, 'entries' | 'origins'>, now: Date): string[] {
  const overdue = reviewSchedule(kb, now).filter((i) => i.state === 'overdue');
  if (overdue.length === 0) return [];
  return [
    `${overdue.length} knowledge ${overdue.length === 1 ? 'entry is' : 'entries are'} past the review date. The bot still answers from ` +
      `${overdue.length === 1 ? 'it' : 'them'}, and each answer says it may be out of date. Check each against its source, then update ` +
      '`reviewed` and `review_by` (`msht-guide kb review` lists them all):',
    ...overdue.map((i) => `- ${i.entry.id} (due ${i.entry.review_by}, last checked ${i.entry.reviewed}): check ${sourcesOf(i.entry)[0]}`),
  ];
}
