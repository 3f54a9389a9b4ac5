// The report as one JSON object for other tools, in the snake_case the other `--json` outputs use. The same
// data as the text and the HTML; questions only as the store keeps them (redacted).
import type { GroupAction } from './groups.ts';
import type { DeliveryCounts, OutcomeCounts, Report } from './report.ts';

const outcomes = (c: OutcomeCounts) => ({ total: c.total, urgent: c.urgent, answered: c.answered, ambiguous: c.ambiguous, no_match: c.no_match });
const deliveries = (c: DeliveryCounts) => ({ delivered: c.delivered, failed: c.failed, skipped: c.skipped, pending: c.pending });

function action(a: GroupAction) {
  switch (a.kind) {
    case 'answered-now':
      return { kind: 'answered_now', entry_id: a.entryId };
    case 'add-question':
      return { kind: 'add_question', entry_id: a.entryId, file: a.file ?? null, line: a.line ?? null, yaml: a.yaml };
    case 'new-entry':
      return { kind: 'new_entry' };
    case 'out-of-scope':
      return { kind: 'out_of_scope', file: 'out-of-scope.yaml', yaml: a.yaml };
  }
}

export function reportToJson(report: Report): Record<string, unknown> {
  const { questions, unanswered, feedback, review, deliveries: d } = report;
  return {
    period: { since: report.period.since, until: report.period.until, days: report.period.days.length },
    knowledge: report.knowledge,
    questions: {
      ...outcomes(questions.outcomes),
      undelivered: questions.undelivered,
      by_day: questions.byDay.map((day) => ({ day: day.day, ...outcomes(day) })),
      by_platform: questions.byPlatform.map((p) => ({ platform: p.platform, ...outcomes(p) })),
      top_entries: questions.topEntries,
    },
    unanswered: {
      total: unanswered.total,
      truncated: unanswered.truncated,
      groups: unanswered.groups.map((g) => ({
        count: g.count,
        no_match: g.noMatch,
        ambiguous: g.ambiguous,
        terms: g.terms,
        example: g.example,
        examples: g.examples,
        platforms: g.platforms,
        first_at: g.firstAt,
        last_at: g.lastAt,
        now: g.now,
        in_field: g.inField,
        nearest: g.nearest,
        action: action(g.action),
      })),
    },
    feedback: {
      helpful: feedback.helpful,
      unhelpful: feedback.unhelpful,
      reasons: feedback.reasons,
      by_entry: feedback.byEntry.map((e) => ({
        id: e.id,
        title: e.title,
        in_knowledge: e.known,
        helpful: e.helpful,
        unhelpful: e.unhelpful,
        reasons: e.reasons,
        questions: e.questions,
      })),
    },
    review: {
      overdue: review.overdue.map(reviewLine),
      due_soon: review.dueSoon.map(reviewLine),
    },
    deliveries: {
      reminders: deliveries(d.reminders),
      by_reminder: d.byReminder.map((r) => ({ id: r.id, title: r.title, ...deliveries(r) })),
      problems: d.problems.map((p) => ({
        reminder_id: p.reminderId,
        occurrence: p.occurrence,
        platform: p.platform,
        channel_id: p.channelId,
        status: p.status,
        permanent: p.permanent,
        error: p.error,
      })),
      disabled_channels: d.disabled.map((c) => ({ platform: c.platform, channel_id: c.channelId, topics: c.topics, disabled_at: c.disabledAt, reason: c.reason })),
      digests: deliveries(d.digests),
    },
    handoffs: {
      sent: report.handoffs.sent,
      answered: report.handoffs.answered,
      expired: report.handoffs.expired,
      open: report.handoffs.open,
      not_sent: report.handoffs.notSent,
      answers: report.handoffs.answers,
      median_minutes_to_answer: report.handoffs.medianMinutesToAnswer,
      by_team: report.handoffs.byTeam.map((t) => ({
        id: t.id,
        name: t.name,
        sent: t.sent,
        answered: t.answered,
        expired: t.expired,
        open: t.open,
        not_sent: t.notSent,
        answers: t.answers,
      })),
    },
  };
}

function reviewLine(r: Report['review']['overdue'][number]) {
  return { id: r.id, title: r.title, review_by: r.reviewBy, reviewed: r.reviewed, days_left: r.daysLeft, file: r.file ?? null, line: r.line ?? null, source: r.source };
}
