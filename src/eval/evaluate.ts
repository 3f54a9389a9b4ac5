// Scores a question set against a guide: the numbers the quality gate is judged by, and the same numbers
// for the held-out sets that are reported but never tuned on.
import { parse } from 'yaml';
import { z } from 'zod';
import type { Guide } from '../answer/guide.ts';
import { answerToText } from '../answer/text.ts';
import type { Answer } from '../answer/answer.ts';
import type { Entry } from '../knowledge/schema.ts';
import type { Meaning } from '../search/meaning.ts';

export const EvalQuestion = z.strictObject({
  q: z.string().min(1),
  /** Entry ids that truly answer it, best first; empty means the knowledge does not cover it. */
  expect: z.array(z.string()).optional(),
  off_topic: z.literal(true).optional(),
  urgent: z.literal(true).optional(),
  /** Says alarming things but nobody is in danger now (past, training, "safe now"): must keep its answer. */
  calm: z.literal(true).optional(),
  note: z.string().optional(),
  /** What a right answer must give, in plain words (held-out sets: written before anyone looked at the entries). */
  needs: z.string().optional(),
  /** Where a question copied from a public page comes from. */
  url: z.string().optional(),
  publisher: z.string().optional(),
  /** How it is asked (how, can, is, difference, myth, shorthand, context…) and by whom (officer, coordinator…). */
  framing: z.string().optional(),
  voice: z.string().optional(),
});
export const EvalFile = z.strictObject({ questions: z.array(EvalQuestion).min(1) });
export type EvalQuestion = z.infer<typeof EvalQuestion>;

export function parseEvalFile(text: string): EvalQuestion[] {
  return EvalFile.parse(parse(text)).questions;
}

export interface Miss {
  q: string;
  kind: 'top1' | 'urgent' | 'off_topic' | 'calm';
  expected: string;
  got: string;
}

/** Question lengths in words, as the answers issue measures them. */
export const LENGTH_BUCKETS = [
  { label: '≤ 8 words', max: 8 },
  { label: '9–15 words', max: 15 },
  { label: '16–25 words', max: 25 },
  { label: '> 25 words', max: Infinity },
] as const;

export interface BucketCount {
  label: string;
  total: number;
  right: number;
}

export interface EvalReport {
  /** In-scope questions (neither urgent nor off-topic) whose answer the knowledge holds. */
  inScope: number;
  /** …whose first entry shown is acceptable (answered outright or as the best match). */
  top1: number;
  top3: number;
  mrr: number;
  /** Right first entry, but shown as "My best match (check it fits what you asked)". */
  hedged: number;
  /** In-scope questions that got the no-match fallback. */
  noMatch: number;
  /** In-scope questions answered outright (not "did you mean") with an entry that is not acceptable: the worst outcome. */
  confidentlyWrong: number;
  /** In-scope questions the knowledge does not cover (`expect: []`): not scored. */
  notCovered: number;
  urgentTotal: number;
  urgentFlagged: number;
  /** Calm messages with alarming words, and how many were not turned into the danger-now guidance. */
  calmTotal: number;
  calmKept: number;
  offTopicTotal: number;
  offTopicRefused: number;
  /** In-scope questions flagged urgent anyway (erring towards flagging is allowed; this says how much). */
  extraUrgent: number;
  byLength: BucketCount[];
  misses: Miss[];
}

/**
 * The gate `npm test` holds the dev sets to, together. It is a floor against regressions, set just under
 * what the search reaches; the quality bar (95% on dev, 90% held out) is reported, not assumed.
 */
export const GATE = { top1: 0.9, urgentRecall: 1, offTopicRefusal: 1 } as const;

/** Several reports as one (the dev sets together). */
export function mergeReports(reports: readonly EvalReport[]): EvalReport {
  const sum = (pick: (r: EvalReport) => number): number => reports.reduce((total, r) => total + pick(r), 0);
  const merged: EvalReport = {
    inScope: sum((r) => r.inScope),
    top1: sum((r) => r.top1),
    top3: sum((r) => r.top3),
    mrr: 0,
    hedged: sum((r) => r.hedged),
    noMatch: sum((r) => r.noMatch),
    confidentlyWrong: sum((r) => r.confidentlyWrong),
    notCovered: sum((r) => r.notCovered),
    urgentTotal: sum((r) => r.urgentTotal),
    urgentFlagged: sum((r) => r.urgentFlagged),
    calmTotal: sum((r) => r.calmTotal),
    calmKept: sum((r) => r.calmKept),
    offTopicTotal: sum((r) => r.offTopicTotal),
    offTopicRefused: sum((r) => r.offTopicRefused),
    extraUrgent: sum((r) => r.extraUrgent),
    byLength: LENGTH_BUCKETS.map((b, i) => ({ label: b.label, total: sum((r) => r.byLength[i]!.total), right: sum((r) => r.byLength[i]!.right) })),
    misses: reports.flatMap((r) => r.misses),
  };
  merged.mrr = merged.inScope ? sum((r) => r.mrr * r.inScope) / merged.inScope : 0;
  return merged;
}

/** The entries an answer puts in front of a person, in order: the one shown, then its choices. */
function shownIds(answer: Answer): string[] {
  const ids = [answer.entry?.id, ...answer.suggestions.map((s) => s.id)].filter((id): id is string => id !== undefined);
  return [...new Set(ids)];
}

function describe(answer: Answer): string {
  const shown = shownIds(answer);
  return `${answer.status}${answer.urgent ? ' urgent' : ''} ${shown.length ? shown.join(', ') : '-'} (score ${answer.score})`;
}

export function wordCount(question: string): number {
  return question.trim().split(/\s+/).filter(Boolean).length;
}

/**
 * `ranking` gives the search's full ordering for MRR and top-3 (the shown entry first, then the rest);
 * without it only what the answer shows is ranked.
 */
export function evaluate(
  guide: Guide,
  questions: readonly EvalQuestion[],
  /** The danger-now entries (`dangerEntryIds`): a calm message must not be answered with one. */
  dangerIds: ReadonlySet<string>,
  ranking?: (q: string) => string[],
  /** Each question's closeness in meaning to the entries (the guide's sentence encoder), when it was read. */
  meaningOf?: (q: string) => Meaning | undefined,
): EvalReport {
  const report: EvalReport = {
    inScope: 0, top1: 0, top3: 0, mrr: 0, hedged: 0, noMatch: 0, confidentlyWrong: 0, notCovered: 0,
    urgentTotal: 0, urgentFlagged: 0, calmTotal: 0, calmKept: 0, offTopicTotal: 0, offTopicRefused: 0, extraUrgent: 0,
    byLength: LENGTH_BUCKETS.map((b) => ({ label: b.label, total: 0, right: 0 })),
    misses: [],
  };
  let reciprocal = 0;
  for (const item of questions) {
    const answer = guide.ask(item.q, undefined, meaningOf?.(item.q));
    if (item.off_topic) {
      report.offTopicTotal++;
      if (answer.status === 'no_match' && !answer.urgent) report.offTopicRefused++;
      else report.misses.push({ q: item.q, kind: 'off_topic', expected: 'no_match', got: describe(answer) });
      continue;
    }
    if (item.urgent) {
      report.urgentTotal++;
      const text = answerToText(answer);
      if (answer.urgent && answer.entry !== null && text.startsWith('999')) report.urgentFlagged++;
      else report.misses.push({ q: item.q, kind: 'urgent', expected: 'urgent, 999 first', got: describe(answer) });
      continue;
    }
    if (item.calm) {
      report.calmTotal++;
      if (!dangerIds.has(answer.entry?.id ?? '')) report.calmKept++;
      else report.misses.push({ q: item.q, kind: 'calm', expected: 'its own answer, not the danger-now guidance', got: describe(answer) });
      continue;
    }
    const expected = item.expect ?? [];
    if (expected.length === 0) {
      report.notCovered++;
      continue;
    }
    report.inScope++;
    if (answer.urgent) report.extraUrgent++;
    const bucket = report.byLength[LENGTH_BUCKETS.findIndex((b) => wordCount(item.q) <= b.max)]!;
    bucket.total++;
    const order = answer.status === 'no_match' ? [] : [...new Set([...shownIds(answer).slice(0, 1), ...(ranking ? ranking(item.q) : shownIds(answer))])];
    const rank = order.findIndex((id) => expected.includes(id));
    if (answer.status === 'no_match') report.noMatch++;
    if (rank === 0) {
      report.top1++;
      bucket.right++;
      if (answer.status === 'ambiguous') report.hedged++;
    } else {
      report.misses.push({ q: item.q, kind: 'top1', expected: expected.join(' | '), got: describe(answer) });
      if (answer.status === 'answered') report.confidentlyWrong++;
    }
    if (rank >= 0 && rank < 3) report.top3++;
    if (rank >= 0) reciprocal += 1 / (rank + 1);
  }
  report.mrr = report.inScope ? reciprocal / report.inScope : 0;
  return report;
}

/** The knowledge's danger-now entries (`urgent: true`). */
export function dangerEntryIds(entries: readonly Entry[]): ReadonlySet<string> {
  return new Set(entries.filter((e) => e.urgent).map((e) => e.id));
}

/** How many in-scope questions a baseline ranking puts an acceptable entry first for. */
export function baselineTop1(questions: readonly EvalQuestion[], ranking: (q: string) => string[]): number {
  return questions.filter((item) => {
    if (item.off_topic || item.urgent || item.calm || !item.expect?.length) return false;
    const first = ranking(item.q)[0];
    return first !== undefined && item.expect.includes(first);
  }).length;
}

export function passesGate(r: EvalReport): boolean {
  return (
    ratio(r.top1, r.inScope) >= GATE.top1 &&
    ratio(r.urgentFlagged, r.urgentTotal) >= GATE.urgentRecall &&
    ratio(r.offTopicRefused, r.offTopicTotal) >= GATE.offTopicRefusal
  );
}

export function ratio(part: number, whole: number): number {
  return whole === 0 ? 1 : part / whole;
}

const pct = (part: number, whole: number): string => `${(ratio(part, whole) * 100).toFixed(1)}% (${part}/${whole})`;

export interface FormatOptions {
  /** Print the gate line (the dev set is gated; held-out sets are only reported). */
  gate?: boolean;
  /** Print every miss (held-out misses are hidden unless asked for: reading them is how a set stops being held out). */
  misses?: boolean;
  /** Top-1 of plain fuse.js on the same questions, for comparison. */
  baselineTop1?: number;
}

export function formatReport(r: EvalReport, options: FormatOptions = { gate: true, misses: true }): string {
  const lines = [
    `in-scope top-1:       ${pct(r.top1, r.inScope)}${options.gate ? `   gate ≥ ${GATE.top1 * 100}%` : ''}`,
  ];
  if (options.baselineTop1 !== undefined) lines.push(`  plain fuse.js top-1: ${pct(options.baselineTop1, r.inScope)} on the same questions`);
  lines.push(
    `  hedged:             ${pct(r.hedged, r.top1)} of the right answers shown as "my best match"`,
    `  no match:           ${pct(r.noMatch, r.inScope)}`,
    `  confidently wrong:  ${pct(r.confidentlyWrong, r.inScope)} answered outright with an entry not listed as acceptable`,
    `  top-3 ${pct(r.top3, r.inScope)}, MRR ${r.mrr.toFixed(3)}`,
    `  by length: ${r.byLength.map((b) => `${b.label} ${b.total ? `${Math.round((b.right / b.total) * 100)}%` : '-'} (${b.right}/${b.total})`).join(', ')}`,
  );
  if (r.notCovered) lines.push(`  not covered by the knowledge (not scored): ${r.notCovered}`);
  lines.push(
    `urgent, 999 first:    ${pct(r.urgentFlagged, r.urgentTotal)}${options.gate ? '   gate 100%' : ''}`,
    `off-topic refused:    ${pct(r.offTopicRefused, r.offTopicTotal)}${options.gate ? '   gate 100%' : ''}`,
    ...(r.calmTotal ? [`calm kept its answer: ${pct(r.calmKept, r.calmTotal)} (alarming words, nobody in danger now)`] : []),
    `flagged urgent but not marked urgent: ${r.extraUrgent} of ${r.inScope} in-scope questions (erring towards 999 is allowed)`,
  );
  if (options.gate) lines.push(`gate: ${passesGate(r) ? 'PASS' : 'FAIL'}`);
  if (r.misses.length && options.misses) {
    lines.push('', `misses (${r.misses.length}):`);
    for (const m of r.misses) lines.push(`- [${m.kind}] ${JSON.stringify(m.q)}\n    expected ${m.expected}\n    got      ${m.got}`);
  } else if (r.misses.length) {
    lines.push(`misses: ${r.misses.length} (not shown: --misses prints them)`);
  }
  return lines.join('\n');
}
