// How the report says things, once, so the terminal text, the HTML page and the digest word them alike.
import { reasonLabel } from '../conversation/reply.ts';
import { formatLocal } from '../reminders/schedule.ts';
import type { FeedbackReason } from '../store/store.ts';
import type { GroupAction, UnansweredGroup } from './groups.ts';
import { REPORT_TIMEZONE } from './period.ts';
import type { DeliveryCounts, DeliveryProblem, Outcome, OutcomeCounts, Report, ReviewLine } from './report.ts';

export const OUTCOME_LABELS: Record<Outcome, string> = {
  urgent: 'urgent (999 first)',
  answered: 'answered',
  ambiguous: 'ambiguous (best match shown)',
  no_match: 'no match',
};

/** Short labels for chart legends. */
export const OUTCOME_SHORT: Record<Outcome, string> = { urgent: 'urgent', answered: 'answered', ambiguous: 'ambiguous', no_match: 'no match' };

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function outcomesLine(counts: OutcomeCounts): string {
  return `${plural(counts.total, 'question')}: ${counts.urgent} urgent, ${counts.answered} answered, ${counts.ambiguous} ambiguous, ${counts.no_match} no match`;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { timeZone: REPORT_TIMEZONE, day: 'numeric', month: 'short', year: 'numeric' });

/** "23 Nov 2026", a UK date. */
export function ukDate(at: string | Date): string {
  return dateFormat.format(typeof at === 'string' ? new Date(at) : at);
}

/** "Mon 23 Nov 2026, 09:00 GMT", as reminders are shown. */
export function ukTime(at: string | Date): string {
  return formatLocal(typeof at === 'string' ? new Date(at) : at, REPORT_TIMEZONE);
}

export function periodLine(report: Report): string {
  return `${ukDate(report.period.since)} to ${ukDate(report.period.until)}`;
}

export function reasonsLine(reasons: Record<FeedbackReason | 'none', number>): string {
  const parts = (['wrong', 'out_of_date', 'missing', 'other'] as const)
    .filter((r) => reasons[r] > 0)
    .map((r) => `${reasons[r]} ${reasonLabel(r).toLowerCase()}`);
  if (reasons.none > 0) parts.push(`${reasons.none} gave no reason`);
  return parts.join(', ');
}

export function groupHeadline(group: UnansweredGroup): string {
  const how = [group.noMatch > 0 ? `${group.noMatch} no match` : '', group.ambiguous > 0 ? `${group.ambiguous} ambiguous` : ''].filter(Boolean).join(', ');
  return `${group.count}× “${group.example}” (${how}; last asked ${ukDate(group.lastAt)})`;
}

/** What to do about a group, in one sentence (the YAML line to copy, if any, is separate). */
export function actionSentence(action: GroupAction): string {
  switch (action.kind) {
    case 'answered-now':
      return `Answered now by “${action.title}” (${action.entryId}): nothing to do.`;
    case 'add-question':
      return `Add to the questions: of ${action.entryId} (“${action.title}”)${action.file ? `, ${action.file}:${action.line}` : ''}:`;
    case 'new-entry':
      return 'Needs a new entry: no entry is near enough to take this phrasing.';
    case 'out-of-scope':
      return 'Looks off-topic (the search says it is not in the field): add it to out-of-scope.yaml so it is refused with confidence:';
  }
}

/** The line to copy, when there is one. */
export function actionYaml(action: GroupAction): string | undefined {
  return action.kind === 'add-question' || action.kind === 'out-of-scope' ? action.yaml : undefined;
}

export function reviewSentence(line: ReviewLine): string {
  const when = line.daysLeft < 0 ? `${plural(-line.daysLeft, 'day')} ago` : line.daysLeft === 0 ? 'today' : `in ${plural(line.daysLeft, 'day')}`;
  return `${line.id}: due ${line.reviewBy} (${when}), last checked ${line.reviewed}${line.file ? `, ${line.file}:${line.line}` : ''}`;
}

export function deliveryLine(counts: DeliveryCounts): string {
  return `${counts.delivered} delivered, ${counts.failed} failed, ${counts.skipped} skipped, ${counts.pending} pending`;
}

export function problemSentence(p: DeliveryProblem): string {
  if (p.status === 'skipped') return `${p.reminderId} at ${ukTime(p.occurrence)} to ${p.platform} ${p.channelId}: skipped${p.error ? ` (${p.error})` : ''}`;
  const what =
    p.status === 'claimed'
        ? 'pending (being sent, or left by a restart to be taken over)'
        : p.permanent
          ? 'failed, not retried'
          : 'failed, retried while inside the catch-up window';
  return `${p.reminderId} at ${ukTime(p.occurrence)} to ${p.platform} ${p.channelId}: ${what}${p.error ? ` (${p.error})` : ''}`;
}
