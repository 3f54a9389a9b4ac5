// The report as terminal text: the figures first, then what an admin can act on, each with the line to copy.
import { DUE_SOON_DAYS } from '../knowledge/review.ts';
import type { Report } from './report.ts';
import {
  actionSentence,
  actionYaml,
  deliveryLine,
  outcomesLine,
  periodLine,
  plural,
  problemSentence,
  reasonsLine,
  reviewSentence,
  groupHeadline,
  ukDate,
} from './words.ts';

export interface TextOptions {
  /** Unanswered groups listed in full; the rest are counted. Default 20. */
  groups?: number;
}

export function reportToText(report: Report, options: TextOptions = {}): string {
  const out: string[] = [];
  const line = (text = '') => out.push(text);
  const { questions, unanswered, feedback, review, deliveries } = report;

  line(`What was asked, ${periodLine(report)} (UK days), against knowledge ${report.knowledge.version} (${plural(report.knowledge.entries, 'entry', 'entries')})`);
  line();
  line(outcomesLine(questions.outcomes));
  for (const p of questions.byPlatform) line(`  ${p.platform}: ${outcomesLine(p)}`);
  if (questions.undelivered > 0) line(`  ${plural(questions.undelivered, 'answer')} could not be posted (the platform refused after retries)`);
  if (questions.topEntries.length > 0) {
    line(`  most shown: ${questions.topEntries.slice(0, 5).map((e) => `${e.id} ${e.count}`).join(', ')}`);
  }

  line();
  const shown = options.groups ?? 20;
  if (unanswered.groups.length === 0) line('Unanswered and ambiguous questions: none.');
  else {
    line(`Unanswered and ambiguous questions: ${unanswered.total} in ${plural(unanswered.groups.length, 'group')}, most asked first (stored redacted)`);
    if (unanswered.truncated) line(`  (only the newest ${unanswered.total} were read: shorten --since to see them all)`);
    unanswered.groups.slice(0, shown).forEach((g, i) => {
      line(`${i + 1}. ${groupHeadline(g)}`);
      line(`   terms: ${g.terms.join(' · ') || '(no searchable words)'}`);
      for (const other of g.examples.filter((e) => e !== g.example)) line(`   also: “${other}”`);
      if (g.nearest.length > 0) line(`   nearest: ${g.nearest.map((n) => `${n.id} ${n.score.toFixed(2)}`).join(', ')}`);
      line(`   → ${actionSentence(g.action)}`);
      const yaml = actionYaml(g.action);
      if (yaml) line(`       ${yaml}`);
    });
    if (unanswered.groups.length > shown) line(`…and ${plural(unanswered.groups.length - shown, 'more group')} (--json or --html lists them all)`);
  }

  line();
  line(`Feedback: ${feedback.helpful} helpful, ${feedback.unhelpful} not helpful${feedback.unhelpful > 0 ? ` (${reasonsLine(feedback.reasons)})` : ''}`);
  for (const e of feedback.byEntry) {
    line(`  ${e.id}${e.known ? '' : ' (no longer in the knowledge)'}: ${e.unhelpful} not helpful (${reasonsLine(e.reasons)}), ${e.helpful} helpful`);
    for (const q of e.questions) line(`    on “${q}”`);
  }

  line();
  line(`Review dates as of ${ukDate(report.period.until)}: ${review.overdue.length} overdue, ${review.dueSoon.length} due within ${DUE_SOON_DAYS} days`);
  for (const r of review.overdue) line(`  overdue: ${reviewSentence(r)}`);
  for (const r of review.dueSoon) line(`  due soon: ${reviewSentence(r)}`);

  line();
  line(`Reminders due in the period: ${deliveryLine(deliveries.reminders)}`);
  for (const r of deliveries.byReminder) line(`  ${r.id}: ${deliveryLine(r)}`);
  for (const p of deliveries.problems) line(`  ${problemSentence(p)}`);
  for (const d of deliveries.disabled) {
    line(`  paused: ${d.platform} ${d.channelId} (${d.topics.join(', ')}) since ${ukDate(d.disabledAt)}${d.reason ? `: ${d.reason}` : ''}`);
  }
  line(`Admins' digests: ${deliveryLine(deliveries.digests)}`);

  line();
  line(handoffLine(report));
  for (const t of report.handoffs.byTeam) line(`  ${t.name}: ${handoffCounts(t)}`);
  return out.join('\n');
}

function handoffCounts(c: Report['handoffs']['byTeam'][number] | Report['handoffs']): string {
  return `${c.sent} sent (${c.answered} answered, ${c.expired} expired, ${c.open} waiting), ${c.answers} answer(s) relayed, ${c.notSent} previewed and not sent`;
}

/** The hand-offs to experts in one line: how many, and how fast the first answers came. */
export function handoffLine(report: Report): string {
  const h = report.handoffs;
  const speed = h.medianMinutesToAnswer === null ? '' : `; first answer after ${h.medianMinutesToAnswer} min (median)`;
  return `Questions handed to expert teams: ${handoffCounts(h)}${speed}`;
}
