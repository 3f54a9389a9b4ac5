// Scores a question set against a guide: the numbers the quality gate is judged by.
import { parse } from 'yaml';
import { z } from 'zod';
import type { Guide } from '../answer/guide.ts';
import { answerToText } from '../answer/text.ts';
import type { Answer } from '../answer/answer.ts';

export const EvalQuestion = z.strictObject({
  q: z.string().min(1),
  expect: z.array(z.string()).optional(),
  off_topic: z.literal(true).optional(),
  urgent: z.literal(true).optional(),
  note: z.string().optional(),
});
export const EvalFile = z.strictObject({ questions: z.array(EvalQuestion).min(1) });
export type EvalQuestion = z.infer<typeof EvalQuestion>;

export function parseEvalFile(text: string): EvalQuestion[] {
  return EvalFile.parse(parse(text)).questions;
}

export interface Miss {
  q: string;
  kind: 'top1' | 'urgent' | 'off_topic';
  expected: string;
  got: string;
}

export interface EvalReport {
  inScope: number;
  top1: number;
  top3: number;
  mrr: number;
  urgentTotal: number;
  urgentFlagged: number;
  offTopicTotal: number;
  offTopicRefused: number;
  /** In-scope, non-urgent questions flagged urgent anyway (erring towards flagging is allowed; this says how much). */
  extraUrgent: number;
  /** In-scope questions not marked urgent. */
  nonUrgent: number;
  /** In-scope questions answered (not ambiguous) with an entry that is not acceptable: the worst outcome. */
  confidentlyWrong: number;
  misses: Miss[];
}

export const GATE = { top1: 0.95, urgentRecall: 1, offTopicRefusal: 1 } as const;

/** The entries an answer puts in front of a person, in order: the one shown, then its choices. */
function shownIds(answer: Answer): string[] {
  const ids = [answer.entry?.id, ...answer.suggestions.map((s) => s.id)].filter((id): id is string => id !== undefined);
  return [...new Set(ids)];
}

function describe(answer: Answer): string {
  const shown = shownIds(answer);
  return `${answer.status}${answer.urgent ? ' urgent' : ''} ${shown.length ? shown.join(', ') : '-'} (score ${answer.score})`;
}

/**
 * `ranking` gives the search's full ordering for MRR and top-3 (the shown entry first, then the rest);
 * without it only what the answer shows is ranked.
 */
export function evaluate(guide: Guide, questions: readonly EvalQuestion[], ranking?: (q: string) => string[]): EvalReport {
  const report: EvalReport = {
    inScope: 0, top1: 0, top3: 0, mrr: 0, urgentTotal: 0, urgentFlagged: 0, offTopicTotal: 0, offTopicRefused: 0,
    extraUrgent: 0, nonUrgent: 0, confidentlyWrong: 0, misses: [],
  };
  let reciprocal = 0;
  for (const item of questions) {
    const answer = guide.ask(item.q);
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
    } else {
      report.nonUrgent++;
      if (answer.urgent) report.extraUrgent++;
    }
    const expected = item.expect ?? [];
    if (expected.length === 0) continue;
    report.inScope++;
    const order = [...new Set([...shownIds(answer).slice(0, 1), ...(ranking ? ranking(item.q) : shownIds(answer))])];
    if (answer.status === 'no_match') order.length = 0;
    const rank = order.findIndex((id) => expected.includes(id));
    if (rank === 0) report.top1++;
    else {
      report.misses.push({ q: item.q, kind: 'top1', expected: expected.join(' | '), got: describe(answer) });
      if (answer.status === 'answered') report.confidentlyWrong++;
    }
    if (rank >= 0 && rank < 3) report.top3++;
    if (rank >= 0) reciprocal += 1 / (rank + 1);
  }
  report.mrr = report.inScope ? reciprocal / report.inScope : 0;
  return report;
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

export function formatReport(r: EvalReport): string {
  const lines = [
    `in-scope top-1:     ${pct(r.top1, r.inScope)}   gate ≥ ${GATE.top1 * 100}%`,
    `in-scope top-3:     ${pct(r.top3, r.inScope)}`,
    `MRR:                ${r.mrr.toFixed(3)}`,
    `urgent recall:      ${pct(r.urgentFlagged, r.urgentTotal)}   gate 100%`,
    `off-topic refusal:  ${pct(r.offTopicRefused, r.offTopicTotal)}   gate 100%`,
    `confidently wrong:  ${r.confidentlyWrong} in-scope question(s) answered, not "did you mean", with an entry not listed as acceptable`,
    `flagged urgent but not marked urgent: ${r.extraUrgent} of ${r.nonUrgent} in-scope questions (erring towards 999 is allowed)`,
    `gate: ${passesGate(r) ? 'PASS' : 'FAIL'}`,
  ];
  if (r.misses.length) {
    lines.push('', `misses (${r.misses.length}):`);
    for (const m of r.misses) lines.push(`- [${m.kind}] ${JSON.stringify(m.q)}\n    expected ${m.expected}\n    got      ${m.got}`);
  }
  return lines.join('\n');
}
