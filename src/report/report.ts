// The admins' report: what was asked and how it went, over a period, from the store and today's knowledge.
// One `Report` value; the terminal text, the JSON, the HTML page and the weekly digest are all renderings
// of it, so they always agree. Questions are only ever read as the store keeps them: redacted.
import { createGuide } from '../answer/guide.ts';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import { reviewSchedule, sourcesOf } from '../knowledge/review.ts';
import type { FeedbackReason, Store } from '../store/store.ts';
import { groupUnanswered, type UnansweredGroup } from './groups.ts';
import { daysOf, ukDay, type Period } from './period.ts';

/** How a question went, as the report counts it: urgent first (whatever was shown), else the answer's status. */
export const OUTCOMES = ['urgent', 'answered', 'ambiguous', 'no_match'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export type OutcomeCounts = Record<Outcome, number> & { total: number };

/** Deliveries whose reminder id starts with this are posts of hand-offs to experts (src/experts/desk.ts), not reminders. */
export const HANDOFF_DELIVERY_PREFIX = 'handoff';
/** Deliveries whose reminder id starts with this are the admins' digests, not reminders. */
export const DIGEST_DELIVERY_PREFIX = 'digest:';
/** The most unanswered questions one report reads (newest first); a period with more says so. */
export const UNANSWERED_READ_LIMIT = 5_000;
/** Top entries shown, 👎 examples kept per entry. */
const TOP_ENTRIES = 10;
const FEEDBACK_EXAMPLES = 3;

export interface ReviewLine {
  id: string;
  title: string;
  reviewBy: string;
  reviewed: string;
  /** Negative when overdue. */
  daysLeft: number;
  file?: string;
  line?: number;
  source: string;
}

export interface EntryFeedback {
  id: string;
  title: string;
  /** False when the knowledge no longer has the entry. */
  known: boolean;
  helpful: number;
  unhelpful: number;
  reasons: Record<FeedbackReason | 'none', number>;
  /** Redacted questions the 👎 were given on, most recent first. */
  questions: string[];
}

export interface DeliveryCounts {
  delivered: number;
  failed: number;
  skipped: number;
  /** Claimed and not yet settled (being sent, or left by a crash to be taken over). */
  pending: number;
}

export interface DeliveryProblem {
  reminderId: string;
  occurrence: string;
  platform: string;
  channelId: string;
  status: 'failed' | 'skipped' | 'claimed';
  /** A failure that is never retried (the channel is gone, or the post may have gone out). */
  permanent: boolean;
  error: string | null;
}

/** Hand-offs to expert teams asked in the period, by what became of them. */
export interface HandoffCounts {
  /** Sent to a team (open, answered or expired). */
  sent: number;
  answered: number;
  expired: number;
  /** Still waiting for an answer. */
  open: number;
  /** Previewed, then cancelled or never sent. */
  notSent: number;
  /** Answers relayed in all (the first and later ones). */
  answers: number;
}

export interface Report {
  generatedAt: string;
  period: { since: string; until: string; days: string[] };
  knowledge: { version: string; entries: number };
  questions: {
    outcomes: OutcomeCounts;
    byDay: ({ day: string } & OutcomeCounts)[];
    byPlatform: ({ platform: string } & OutcomeCounts)[];
    /** The entries shown most often (answered or best match). */
    topEntries: { id: string; title: string; count: number }[];
    /** Answers that could not be posted (the platform refused them after retries). */
    undelivered: number;
  };
  unanswered: {
    /** Unanswered (no_match) and ambiguous questions read. */
    total: number;
    /** True when the period held more than UNANSWERED_READ_LIMIT and only the newest were grouped. */
    truncated: boolean;
    groups: UnansweredGroup[];
  };
  feedback: {
    helpful: number;
    unhelpful: number;
    reasons: Record<FeedbackReason | 'none', number>;
    /** Entries with a 👎, most 👎 first. */
    byEntry: EntryFeedback[];
  };
  review: { overdue: ReviewLine[]; dueSoon: ReviewLine[] };
  deliveries: {
    reminders: DeliveryCounts;
    byReminder: ({ id: string; title: string } & DeliveryCounts)[];
    problems: DeliveryProblem[];
    /** Channels whose subscriptions are paused because the platform said they are gone. */
    disabled: { platform: string; channelId: string; topics: string[]; disabledAt: string; reason: string | null }[];
    digests: DeliveryCounts;
  };
  /** Questions handed to expert teams (asked in the period). */
  handoffs: HandoffCounts & {
    byTeam: ({ id: string; name: string } & HandoffCounts)[];
    /** Median minutes from Send to the first answer, over those answered; null when none was. */
    medianMinutesToAnswer: number | null;
  };
}

export interface ReportInput {
  store: Pick<Store, 'questions' | 'unanswered' | 'feedback' | 'deliveries' | 'subscriptions' | 'handoffs'>;
  knowledge: KnowledgeBase;
  period: Period;
}

const zeroOutcomes = (): OutcomeCounts => ({ total: 0, urgent: 0, answered: 0, ambiguous: 0, no_match: 0 });
const zeroReasons = (): Record<FeedbackReason | 'none', number> => ({ wrong: 0, out_of_date: 0, missing: 0, other: 0, none: 0 });
const zeroDeliveries = (): DeliveryCounts => ({ delivered: 0, failed: 0, skipped: 0, pending: 0 });
const inPeriod = (at: string, period: Period): boolean => at >= period.since.toISOString() && at <= period.until.toISOString();

export function outcomeOf(question: { status: 'answered' | 'ambiguous' | 'no_match'; urgent: boolean }): Outcome {
  return question.urgent ? 'urgent' : question.status;
}

export async function buildReport(input: ReportInput): Promise<Report> {
  const { store, knowledge: kb, period } = input;
  const since = period.since;
  const [questions, unanswered, feedback, deliveries, subscriptions, handoffs] = await Promise.all([
    store.questions(since),
    store.unanswered(UNANSWERED_READ_LIMIT, since),
    store.feedback(since),
    store.deliveries({ since }),
    store.subscriptions(),
    store.handoffs({ since }),
  ]);
  const titleOf = (id: string): string => kb.byId.get(id)?.title ?? id;

  // --- questions
  const days = daysOf(period);
  const byDay = new Map(days.map((day) => [day, { day, ...zeroOutcomes() }]));
  const byPlatform = new Map<string, { platform: string } & OutcomeCounts>();
  const outcomes = zeroOutcomes();
  const shown = new Map<string, number>();
  for (const q of questions) {
    if (!inPeriod(q.at, period)) continue;
    const outcome = outcomeOf(q);
    const platform = byPlatform.get(q.platform) ?? { platform: q.platform, ...zeroOutcomes() };
    byPlatform.set(q.platform, platform);
    for (const counts of [outcomes, platform, byDay.get(ukDay(q.at))]) {
      if (!counts) continue;
      counts.total++;
      counts[outcome]++;
    }
    if (q.entryId !== null) shown.set(q.entryId, (shown.get(q.entryId) ?? 0) + 1);
  }
  const kept = unanswered.filter((u) => inPeriod(u.at, period));

  // --- feedback
  const reasons = zeroReasons();
  const entries = new Map<string, EntryFeedback>();
  let helpful = 0;
  let unhelpful = 0;
  for (const f of feedback) {
    if (!inPeriod(f.at, period)) continue;
    const entry =
      entries.get(f.entryId) ??
      { id: f.entryId, title: titleOf(f.entryId), known: kb.byId.has(f.entryId), helpful: 0, unhelpful: 0, reasons: zeroReasons(), questions: [] };
    entries.set(f.entryId, entry);
    if (f.helpful) {
      helpful++;
      entry.helpful++;
      continue;
    }
    unhelpful++;
    entry.unhelpful++;
    const reason = f.reason ?? 'none';
    reasons[reason]++;
    entry.reasons[reason]++;
    if (f.question !== null) entry.questions.unshift(f.question);
  }
  for (const entry of entries.values()) entry.questions = [...new Set(entry.questions)].slice(0, FEEDBACK_EXAMPLES);

  // --- review dates, judged on the last day of the period
  const schedule = reviewSchedule(kb, period.until);
  const reviewLine = (item: (typeof schedule)[number]): ReviewLine => ({
    id: item.entry.id,
    title: item.entry.title,
    reviewBy: item.entry.review_by!,
    reviewed: item.entry.reviewed,
    daysLeft: item.daysLeft!,
    ...(item.origin ? { file: item.origin.file, line: item.origin.line } : {}),
    source: sourcesOf(item.entry)[0] ?? '',
  });

  // --- deliveries of occurrences in the period
  const reminderCounts = zeroDeliveries();
  const digestCounts = zeroDeliveries();
  const perReminder = new Map<string, { id: string; title: string } & DeliveryCounts>();
  const problems: DeliveryProblem[] = [];
  const reminderTitles = new Map(kb.reminders.map((r) => [r.id, r.title]));
  for (const d of deliveries) {
    if (!inPeriod(d.occurrence, period) || d.reminderId.startsWith(HANDOFF_DELIVERY_PREFIX)) continue;
    const status = d.status === 'claimed' ? 'pending' : d.status;
    if (d.reminderId.startsWith(DIGEST_DELIVERY_PREFIX)) {
      digestCounts[status]++;
    } else {
      reminderCounts[status]++;
      const row = perReminder.get(d.reminderId) ?? { id: d.reminderId, title: reminderTitles.get(d.reminderId) ?? d.reminderId, ...zeroDeliveries() };
      perReminder.set(d.reminderId, row);
      row[status]++;
    }
    if (d.status !== 'delivered') {
      problems.push({ reminderId: d.reminderId, occurrence: d.occurrence, platform: d.platform, channelId: d.channelId, status: d.status, permanent: d.permanent, error: d.lastError });
    }
  }
  const disabled = new Map<string, Report['deliveries']['disabled'][number]>();
  for (const s of subscriptions) {
    if (s.disabledAt === null) continue;
    const key = JSON.stringify([s.platform, s.channelId]);
    const row = disabled.get(key) ?? { platform: s.platform, channelId: s.channelId, topics: [], disabledAt: s.disabledAt, reason: s.disabledReason };
    row.topics.push(s.topic);
    disabled.set(key, row);
  }

  // --- hand-offs to expert teams asked in the period
  const zeroHandoffs = (): HandoffCounts => ({ sent: 0, answered: 0, expired: 0, open: 0, notSent: 0, answers: 0 });
  const handoffTotals = zeroHandoffs();
  const perTeam = new Map<string, { id: string; name: string } & HandoffCounts>();
  const minutesToAnswer: number[] = [];
  for (const h of handoffs) {
    if (!inPeriod(h.createdAt, period)) continue;
    const id = h.teamId ?? 'none';
    const team = perTeam.get(id) ?? { id, name: kb.experts?.teams.find((t) => t.id === h.teamId)?.name ?? id, ...zeroHandoffs() };
    perTeam.set(id, team);
    for (const counts of [handoffTotals, team]) {
      if (h.status === 'draft' || h.status === 'cancelled') counts.notSent++;
      else {
        counts.sent++;
        if (h.status === 'open') counts.open++;
        if (h.status === 'answered') counts.answered++;
        if (h.status === 'expired') counts.expired++;
      }
      counts.answers += h.answers;
    }
    if (h.answeredAt !== null && h.openedAt !== null) minutesToAnswer.push((Date.parse(h.answeredAt) - Date.parse(h.openedAt)) / 60_000);
  }
  minutesToAnswer.sort((a, b) => a - b);
  const middle = minutesToAnswer.length / 2;
  const median =
    minutesToAnswer.length === 0
      ? null
      : Math.round(minutesToAnswer.length % 2 === 1 ? minutesToAnswer[Math.floor(middle)]! : (minutesToAnswer[middle - 1]! + minutesToAnswer[middle]!) / 2);

  return {
    generatedAt: period.until.toISOString(),
    period: { since: period.since.toISOString(), until: period.until.toISOString(), days },
    knowledge: { version: kb.version, entries: kb.entries.length },
    questions: {
      outcomes,
      byDay: [...byDay.values()],
      byPlatform: [...byPlatform.values()].sort((a, b) => b.total - a.total || a.platform.localeCompare(b.platform)),
      topEntries: [...shown]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, TOP_ENTRIES)
        .map(([id, count]) => ({ id, title: titleOf(id), count })),
      undelivered: kept.filter((u) => u.status === 'undelivered').length,
    },
    unanswered: {
      total: kept.filter((u) => u.status !== 'undelivered').length,
      truncated: unanswered.length >= UNANSWERED_READ_LIMIT,
      groups: groupUnanswered(kept, kb, createGuide(kb)),
    },
    feedback: {
      helpful,
      unhelpful,
      reasons,
      byEntry: [...entries.values()].filter((e) => e.unhelpful > 0).sort((a, b) => b.unhelpful - a.unhelpful || a.id.localeCompare(b.id)),
    },
    review: {
      overdue: schedule.filter((i) => i.state === 'overdue').map(reviewLine),
      dueSoon: schedule.filter((i) => i.state === 'due-soon').map(reviewLine),
    },
    deliveries: {
      reminders: reminderCounts,
      byReminder: [...perReminder.values()].sort((a, b) => a.id.localeCompare(b.id)),
      problems,
      disabled: [...disabled.values()].sort((a, b) => b.disabledAt.localeCompare(a.disabledAt)),
      digests: digestCounts,
    },
    handoffs: {
      ...handoffTotals,
      byTeam: [...perTeam.values()].filter((t) => t.sent + t.notSent > 0).sort((a, b) => b.sent - a.sent || a.id.localeCompare(b.id)),
      medianMinutesToAnswer: median,
    },
  };
}

