// Unanswered and ambiguous questions, grouped: similar questions together, by the terms the search reads
// them as (the search's own analyzer: stems, typo fixes, synonym concepts), most frequent first. Each group
// is read again against today's knowledge, so it shows the nearest entries with their scores and what an
// admin could do about it: a line to add to the nearest entry's `questions:`, a new entry, a line for
// out-of-scope.yaml, or nothing because the knowledge answers it now. The report suggests; it never edits.
import { stringify } from 'yaml';
import type { Guide } from '../answer/guide.ts';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import type { SearchResult } from '../search/search.ts';
import { topicalness } from '../search/english.ts';
import { stem, words } from '../search/normalize.ts';
import { PLACEHOLDERS } from '../store/redact.ts';
import type { UnansweredRow } from '../store/store.ts';

/**
 * Two questions are alike when the terms they share carry at least half the weight of all their terms
 * together (a weighted Jaccard), each term weighing what it says: a specific word (interpreter, printer)
 * much, an everyday one (long, take) little (search/english.ts), a synonym group of the field's own words
 * (NRM, victim) CONCEPT_WEIGHT, a number little. So "legal aid for victims" and "can someone get legal aid"
 * are alike; "how long does an RG decision take" and "how long does a DtN take" are not. Questions alike
 * to each other, directly or through others, form one group.
 */
export const GROUP_OVERLAP = 0.5;
const CONCEPT_WEIGHT = 0.75;
const NUMBER_WEIGHT = 0.25;
/** The nearest entry is worth adding a phrasing to when it scores at least this (else: a new entry). */
export const NEAR_ENTRY_SCORE = 0.4;
/** Nearest entries shown per group. */
export const NEAREST_SHOWN = 3;
/** Different redacted examples kept per group. */
export const EXAMPLES_KEPT = 3;

export type GroupAction =
  /** The knowledge answers it today (edited since, or it was a one-off). */
  | { kind: 'answered-now'; entryId: string; title: string }
  /** In the field and near an entry: add the line to that entry's `questions:`. */
  | { kind: 'add-question'; entryId: string; title: string; file?: string; line?: number; yaml: string }
  /** In the field, nothing near: someone should write an entry. */
  | { kind: 'new-entry' }
  /** Not this bot's field: add the line to out-of-scope.yaml, so it is refused with confidence. */
  | { kind: 'out-of-scope'; yaml: string };

export interface NearEntry {
  id: string;
  title: string;
  score: number;
}

export interface UnansweredGroup {
  /** The terms the group is keyed by, readable: a word as people wrote it, a synonym group by its longest name. */
  terms: string[];
  count: number;
  noMatch: number;
  ambiguous: number;
  /** A redacted example (the most asked wording; one without placeholders when there is one). */
  example: string;
  /** Up to EXAMPLES_KEPT different redacted wordings: the example first, then the most asked. */
  examples: string[];
  platforms: Record<string, number>;
  firstAt: string;
  lastAt: string;
  /** How today's knowledge answers the example. */
  now: 'answered' | 'ambiguous' | 'no_match';
  /** The search's view today: a question of this field (true), or off-topic. */
  inField: boolean;
  nearest: NearEntry[];
  action: GroupAction;
}

const PLACEHOLDER = new RegExp(
  Object.values(PLACEHOLDERS)
    .map((p) => p.replace(/[[\]]/g, '\\$&'))
    .join('|'),
  'g',
);

/** The question without redaction placeholders, so "[name]" is not read as the word "name". */
export function withoutPlaceholders(question: string): string {
  return question.replace(PLACEHOLDER, ' ').replace(/\s+/g, ' ').trim();
}

function hasPlaceholder(question: string): boolean {
  return question.replace(PLACEHOLDER, '') !== question;
}

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>, weight: (term: string) => number): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  let all = 0;
  for (const t of a) {
    all += weight(t);
    if (b.has(t)) shared += weight(t);
  }
  for (const t of b) if (!a.has(t)) all += weight(t);
  return all === 0 ? 0 : shared / all;
}

/** A term as an admin reads it: a synonym concept by its longest name, a stem by a word the examples use. */
function termLabel(term: string, kb: KnowledgeBase, examples: readonly string[]): string {
  const concept = /^=(\d+)$/.exec(term);
  if (concept) {
    const group = kb.synonyms[Number(concept[1])];
    if (group && group.length > 0) {
      // The group's phrase the questions use ("interpreter"), else its longest, most telling one.
      const used = group.find((phrase) => examples.some((e) => ` ${words(e).join(' ')} `.includes(` ${words(phrase).join(' ')}`)));
      return used ?? [...group].sort((a, b) => b.length - a.length || a.localeCompare(b))[0]!;
    }
  }
  for (const example of examples) for (const w of words(example)) if (stem(w) === term) return w;
  return term;
}

/** A line for a YAML list, quoted only when YAML needs it. */
export function yamlItem(text: string): string {
  return `- ${stringify(text, { lineWidth: 0 }).trimEnd()}`;
}

interface Read {
  question: string;
  rows: UnansweredRow[];
  terms: Set<string>;
  result: SearchResult;
}

/**
 * Group the unanswered (`no_match`) and ambiguous questions. `undelivered` rows are answers that could not
 * be posted, not gaps in the knowledge: they are counted elsewhere.
 */
export function groupUnanswered(rows: readonly UnansweredRow[], kb: KnowledgeBase, guide: Guide): UnansweredGroup[] {
  // Read each distinct wording once: the search is the expensive part.
  const byText = new Map<string, UnansweredRow[]>();
  for (const row of rows) {
    if (row.status === 'undelivered') continue;
    const list = byText.get(row.question) ?? [];
    list.push(row);
    byText.set(row.question, list);
  }
  const reads: Read[] = [...byText].map(([question, list]) => {
    const result = guide.search(withoutPlaceholders(question));
    return { question, rows: list, terms: new Set(result.terms), result };
  });
  // Most asked wording first, so a group is keyed by its most common way of asking.
  reads.sort((a, b) => b.rows.length - a.rows.length || a.question.localeCompare(b.question));

  const wordings = reads.map((r) => r.question);
  const weights = new Map<string, number>();
  const weight = (term: string): number => {
    let w = weights.get(term);
    if (w === undefined) {
      const label = termLabel(term, kb, wordings);
      w = term.startsWith('=') ? CONCEPT_WEIGHT : /^\d+$/.test(term) ? NUMBER_WEIGHT : topicalness(label);
      weights.set(term, w);
    }
    return w;
  };
  // Single linkage: alike questions end up together whichever order they come in (a union-find over pairs).
  const parent = reads.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  for (let i = 0; i < reads.length; i++) {
    for (let j = i + 1; j < reads.length; j++) {
      if (root(i) !== root(j) && overlap(reads[i]!.terms, reads[j]!.terms, weight) >= GROUP_OVERLAP) parent[Math.max(root(i), root(j))] = Math.min(root(i), root(j));
    }
  }
  const byRoot = new Map<number, Read[]>();
  reads.forEach((read, i) => {
    const list = byRoot.get(root(i)) ?? [];
    list.push(read);
    byRoot.set(root(i), list);
  });
  const groups = [...byRoot.values()].map((members) => describe(members, kb));
  return groups.sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt) || a.example.localeCompare(b.example));
}

/** A group, keyed by its lead: the most asked wording, one without placeholders when there is one. */
function describe(members: Read[], kb: KnowledgeBase): UnansweredGroup {
  const all = members.flatMap((m) => m.rows);
  const wordings = members.map((m) => m.question);
  const lead = members.find((m) => !hasPlaceholder(m.question)) ?? members[0]!;
  const platforms: Record<string, number> = {};
  for (const row of all) platforms[row.platform] = (platforms[row.platform] ?? 0) + 1;
  const times = all.map((r) => r.at).sort();
  const result = lead.result;
  const nearest = result.ranked.slice(0, NEAREST_SHOWN).map((r) => ({ id: r.id, title: kb.byId.get(r.id)?.title ?? r.id, score: round(r.score) }));
  // Off-topic when most of the group's questions are refused as outside the field today.
  const offTopic = members.reduce((n, m) => n + (m.result.status === 'no_match' && !m.result.inField ? m.rows.length : 0), 0);
  const inField = offTopic * 2 <= all.length;
  return {
    terms: [...lead.terms].map((t) => termLabel(t, kb, wordings)),
    count: all.length,
    noMatch: all.filter((r) => r.status === 'no_match').length,
    ambiguous: all.filter((r) => r.status === 'ambiguous').length,
    example: lead.question,
    examples: [lead.question, ...wordings.filter((w) => w !== lead.question)].slice(0, EXAMPLES_KEPT),
    platforms,
    firstAt: times[0]!,
    lastAt: times[times.length - 1]!,
    now: result.status,
    inField,
    nearest,
    action: actionFor(lead.question, result, inField, nearest, kb),
  };
}

function actionFor(example: string, result: SearchResult, inField: boolean, nearest: NearEntry[], kb: KnowledgeBase): GroupAction {
  if (result.status === 'answered' && result.best) {
    return { kind: 'answered-now', entryId: result.best.id, title: kb.byId.get(result.best.id)?.title ?? result.best.id };
  }
  if (!inField) return { kind: 'out-of-scope', yaml: yamlItem(example) };
  const near = nearest[0];
  if (near && near.score >= NEAR_ENTRY_SCORE) {
    const origin = kb.origins.get(near.id);
    return { kind: 'add-question', entryId: near.id, title: near.title, ...(origin ? { file: origin.file, line: origin.line } : {}), yaml: yamlItem(example) };
  }
  return { kind: 'new-entry' };
}

const round = (n: number): number => Math.round(n * 1000) / 1000;
