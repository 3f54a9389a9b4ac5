// The admins' digest: the report (report.ts) cut to what fits in a chat message and is worth a look each
// week: the figures, the unanswered groups most asked that need doing something about, the new 👎 with their
// reasons, the entries past or near their review date, and deliveries that went wrong. Worded here, once,
// with the report's own words (words.ts); each platform only lays it out (Block Kit, an Adaptive Card, text)
// and escapes what it shows. Questions in it are as the store keeps them: redacted.
import { DUE_SOON_DAYS } from '../knowledge/review.ts';
import type { Report } from './report.ts';
import {
  actionSentence,
  actionYaml,
  deliveryLine,
  groupHeadline,
  outcomesLine,
  plural,
  problemSentence,
  reasonsLine,
  reviewSentence,
  ukDate,
} from './words.ts';

/** Unanswered groups shown; the rest are counted. */
export const DIGEST_GROUPS = 5;
/** Entries with 👎 shown, and redacted questions per entry. */
export const DIGEST_UNHELPFUL = 5;
const DIGEST_QUESTIONS = 2;
/** Review lines shown in each of overdue and due soon. */
export const DIGEST_REVIEWS = 8;

export interface DigestGroup {
  /** `3× “…” (2 no match, 1 ambiguous; last asked 20 Nov 2026)`. */
  headline: string;
  /** What to do, in one sentence. */
  action: string;
  /** The YAML line to copy, when there is one. */
  yaml?: string;
}

export interface DigestEntry {
  /** `duty-to-notify (“Duty to Notify”): 2 not helpful (1 out of date, 1 gave no reason)`. */
  line: string;
  /** Redacted questions the 👎 were given on, most recent first. */
  questions: string[];
}

/** One titled part of the digest: lines to show, and how many more the report has. */
export interface DigestSection<T> {
  title: string;
  /** Said when there is nothing to show. */
  empty: string;
  items: T[];
  /** Items left out to keep the message short (the report has them all). */
  more: number;
}

export interface Digest {
  /** The message's title, e.g. "MSHT Guide weekly digest". */
  title: string;
  /** The period in UK dates: "16 Nov 2026 to 23 Nov 2026". */
  period: string;
  since: string;
  until: string;
  /** The figures, a line each. */
  figures: string[];
  unanswered: DigestSection<DigestGroup>;
  unhelpful: DigestSection<DigestEntry>;
  review: DigestSection<string>;
  /** Reminder deliveries that failed, were skipped or are stuck, and paused channels; empty when all went out. */
  deliveries: DigestSection<string>;
  /** How to see everything: a sentence, and the command to run. */
  footer: { text: string; command: string };
}

const DAY_MS = 24 * 60 * 60 * 1000;

function section<T>(title: string, empty: string, all: readonly T[], shown: number): DigestSection<T> {
  return { title, empty, items: all.slice(0, shown), more: Math.max(0, all.length - shown) };
}

/** The digest of a report (built over the period the digest covers). */
export function buildDigest(report: Report): Digest {
  const { questions, unanswered, feedback, review, deliveries } = report;
  const days = Math.round((Date.parse(report.period.until) - Date.parse(report.period.since)) / DAY_MS);
  const figures = [outcomesLine(questions.outcomes)];
  for (const p of questions.byPlatform) figures.push(`${p.platform}: ${outcomesLine(p)}`);
  if (questions.undelivered > 0) figures.push(`${plural(questions.undelivered, 'answer')} could not be posted (the platform refused after retries)`);
  figures.push(`Feedback: ${feedback.helpful} 👍, ${feedback.unhelpful} 👎${feedback.unhelpful > 0 ? ` (${reasonsLine(feedback.reasons)})` : ''}`);
  figures.push(`Reminders: ${deliveryLine(deliveries.reminders)}`);

  // Groups the knowledge already answers need nothing doing: they are counted in the figures, not listed.
  const toDo = unanswered.groups.filter((g) => g.action.kind !== 'answered-now');
  const groups = toDo.map((g): DigestGroup => {
    const yaml = actionYaml(g.action);
    return { headline: groupHeadline(g), action: actionSentence(g.action), ...(yaml ? { yaml } : {}) };
  });
  const answeredNow = unanswered.groups.length - toDo.length;

  const entries = feedback.byEntry.map((e): DigestEntry => ({
    line: `${e.id}${e.known ? ` (“${e.title}”)` : ' (no longer in the knowledge)'}: ${plural(e.unhelpful, 'not helpful', 'not helpful')} (${reasonsLine(e.reasons)})`,
    questions: e.questions.slice(0, DIGEST_QUESTIONS),
  }));

  const reviews = [...review.overdue.map((r) => `Overdue: ${reviewSentence(r)}`), ...review.dueSoon.map((r) => `Due soon: ${reviewSentence(r)}`)];

  const problems = [
    ...deliveries.problems.map(problemSentence),
    ...deliveries.disabled.map((d) => `Paused: ${d.platform} ${d.channelId} (${d.topics.join(', ')}) since ${ukDate(d.disabledAt)}${d.reason ? `: ${d.reason}` : ''}`),
  ];

  return {
    title: days === 7 ? 'MSHT Guide weekly digest' : 'MSHT Guide digest',
    period: `${ukDate(report.period.since)} to ${ukDate(report.period.until)}`,
    since: report.period.since,
    until: report.period.until,
    figures,
    unanswered: section(
      `Unanswered, most asked first (${plural(unanswered.total, 'question')} in ${plural(unanswered.groups.length, 'group')}${answeredNow > 0 ? `; ${answeredNow} answered now` : ''})`,
      unanswered.total === 0 ? 'Every question had a confident answer.' : 'Nothing to do: the knowledge answers them now.',
      groups,
      DIGEST_GROUPS,
    ),
    unhelpful: section(`New 👎 (${feedback.unhelpful})`, 'No 👎.', entries, DIGEST_UNHELPFUL),
    review: section(
      `Review dates (${review.overdue.length} overdue, ${review.dueSoon.length} due within ${DUE_SOON_DAYS} days)`,
      `Nothing due within ${DUE_SOON_DAYS} days.`,
      reviews,
      DIGEST_REVIEWS,
    ),
    deliveries: section('Reminders that did not go out', 'Every reminder went out.', problems, DIGEST_REVIEWS),
    footer: { text: 'Everything, with the lines to copy:', command: `npx msht-guide report --since ${Math.max(1, days)}d --html report.html` },
  };
}

/** The digest as plain lines: the terminal, and the notification and fallback text on the platforms. */
export function digestToLines(digest: Digest): string[] {
  const out = [`${digest.title}: ${digest.period}`, '', ...digest.figures];
  const more = (n: number) => (n > 0 ? [`…and ${n} more (see the report)`] : []);
  out.push('', digest.unanswered.title);
  if (digest.unanswered.items.length === 0) out.push(digest.unanswered.empty);
  digest.unanswered.items.forEach((g, i) => out.push(`${i + 1}. ${g.headline}`, `   → ${g.action}`, ...(g.yaml ? [`     ${g.yaml}`] : [])));
  out.push(...more(digest.unanswered.more));
  out.push('', digest.unhelpful.title);
  if (digest.unhelpful.items.length === 0) out.push(digest.unhelpful.empty);
  for (const e of digest.unhelpful.items) out.push(`• ${e.line}`, ...e.questions.map((q) => `    on “${q}”`));
  out.push(...more(digest.unhelpful.more));
  out.push('', digest.review.title);
  if (digest.review.items.length === 0) out.push(digest.review.empty);
  for (const line of digest.review.items) out.push(`• ${line}`);
  out.push(...more(digest.review.more));
  if (digest.deliveries.items.length > 0) {
    out.push('', digest.deliveries.title, ...digest.deliveries.items.map((l) => `• ${l}`), ...more(digest.deliveries.more));
  }
  out.push('', `${digest.footer.text} ${digest.footer.command}`);
  return out;
}
