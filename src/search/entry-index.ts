// An inverted index of entries by term, with a weight per field: a word in an entry's title, questions,
// keywords or areas says far more about what the entry is for than the same word deep in its body.
import type { Entry } from '../knowledge/schema.ts';
import type { Analyzer } from './analyzer.ts';

/** How much a term found in each field counts, relative to the strongest fields (1). */
export const FIELD_WEIGHTS = {
  title: 1,
  questions: 1,
  keywords: 1,
  areas: 1,
  id: 0.8,
  summary: 0.6,
  /** Where the entry applies ("england-and-wales"): a place it serves, not what it is for. */
  jurisdiction: 0.6,
  detail: 0.3,
} as const;

export type FieldName = keyof typeof FIELD_WEIGHTS;

/** The text of each field of an entry, as the index reads it. */
export function entryFields(entry: Entry): Record<FieldName, string[]> {
  return {
    title: [entry.title],
    questions: [...entry.questions],
    keywords: [...entry.keywords],
    areas: [...(entry.areas ?? [])],
    id: [entry.id.replace(/-/g, ' ')],
    summary: [entry.summary],
    jurisdiction: entry.jurisdiction ? [entry.jurisdiction.replace(/-/g, ' ')] : [],
    detail: [
      ...(entry.steps ?? []),
      ...(entry.body ? [entry.body] : []),
      ...(entry.sections ?? []).flatMap((s) => [s.heading, s.text]),
      ...(entry.how_to_contact ? [entry.how_to_contact] : []),
    ],
  };
}

export interface ScoredEntry {
  index: number;
  /** Share of the question's weighted terms this entry covers, 0..1. */
  score: number;
}

export interface EntryIndex {
  readonly size: number;
  /** Inverse document frequency of a term; terms no entry has get the rarest value. */
  idf(term: string): number;
  /** True when some entry holds the term. */
  has(term: string): boolean;
  /** Entries scored against the question's terms, best first, at most `limit`. */
  rank(queryTerms: readonly string[], limit: number): ScoredEntry[];
}

/** How much a word no entry uses counts against an entry's coverage, relative to the rarest known word. */
const UNKNOWN_TERM_WEIGHT = 0.8;

/** The fields whose every line is one way of naming what the entry is for. */
const NAMING_FIELDS = ['title', 'questions', 'keywords', 'areas'] as const;
/** A keyword names one thing an entry touches; its title and questions name what it is for. */
const PHRASING_WEIGHTS: Record<(typeof NAMING_FIELDS)[number], number> = { title: 1, questions: 1, keywords: 0.85, areas: 0.85 };

interface Phrasing {
  terms: readonly string[];
  weight: number;
}

/**
 * A term an entry uses in several fields is more central to it than one it mentions once. This small
 * bonus per extra field mostly breaks ties between entries that both name the term in their title.
 */
const SPREAD_BONUS = 0.03;

/** Questions with more terms than this are scored as rambling (see rank). */
const LONG_QUESTION_TERMS = 6;

/** Between two entries that fit equally, the one that says what to do is the more useful answer. */
const REFERRAL_PRIOR = 0.005;

/** A question asking for a number, an email or a link wants the contact entry over its neighbours. */
const CONTACT_PRIOR = 0.03;

/** How much of the final score is closeness of the question to one of the entry's own phrasings. */
const CLOSENESS_SHARE = 0.3;
/** Closeness is computed for this many of the best-covered entries only; it reorders, it does not find. */
const CLOSENESS_CANDIDATES = 40;

/** How much a light term (see IndexOptions) counts, relative to its idf. */
const LIGHT_TERM_WEIGHT = 0.35;

export interface IndexOptions {
  /**
   * Terms that say what kind of answer is wanted ("email", "number") rather than what about: they count
   * at a fraction of their idf, so a topic word beside them decides the entry.
   */
  lightTerms?: ReadonlySet<string>;
  /** Terms that ask for a way to reach someone: with one in the question, a `contact` entry is preferred. */
  contactTerms?: ReadonlySet<string>;
}

export function buildEntryIndex(entries: readonly Entry[], analyzer: Analyzer, options: IndexOptions = {}): EntryIndex {
  const light = options.lightTerms ?? new Set<string>();
  const contactTerms = options.contactTerms ?? new Set<string>();
  // term → parallel arrays of entry index and best field weight (compact at 20,000 entries)
  const postings = new Map<string, { docs: number[]; weights: number[] }>();
  // Per entry, its title, questions, keywords and areas as query-like term lists.
  const phrasings: Phrasing[][] = [];
  // Per term, how many entries hold it only as their jurisdiction. Those do not count towards its idf:
  // 33 entries that apply in England and Wales must not make "wales" a common word.
  const jurisdictionOnly = new Map<string, number>();
  entries.forEach((entry, docIndex) => {
    const best = new Map<string, number>();
    const placeOnly = new Set<string>();
    const spread = new Map<string, number>();
    const fields = entryFields(entry);
    const own: Phrasing[] = [];
    for (const field of NAMING_FIELDS) for (const text of fields[field]) {
      const termList = analyzer.phrase(text);
      if (termList.length) own.push({ terms: termList, weight: PHRASING_WEIGHTS[field] });
    }
    phrasings.push(own);
    for (const field of Object.keys(fields) as FieldName[]) {
      const weight = FIELD_WEIGHTS[field];
      const inField = new Set<string>();
      for (const text of fields[field]) for (const term of analyzer.document(text)) inField.add(term);
      if (field === 'jurisdiction') for (const term of inField) if (!best.has(term)) placeOnly.add(term);
      for (const term of inField) {
        if ((best.get(term) ?? 0) < weight) best.set(term, weight);
        spread.set(term, (spread.get(term) ?? 0) + 1);
      }
    }
    for (const [term, fieldWeight] of best) {
      const weight = fieldWeight * (1 + SPREAD_BONUS * ((spread.get(term) ?? 1) - 1));
      let list = postings.get(term);
      if (!list) {
        list = { docs: [], weights: [] };
        postings.set(term, list);
      }
      list.docs.push(docIndex);
      list.weights.push(weight);
      if (placeOnly.has(term) && spread.get(term) === 1) jurisdictionOnly.set(term, (jurisdictionOnly.get(term) ?? 0) + 1);
    }
  });

  const n = entries.length;
  const idfOf = (df: number): number => Math.log(1 + (n - df + 0.5) / (df + 0.5));
  const rarest = idfOf(1);

  // Frozen postings: typed arrays are compact and fast to scan, and each term's idf is computed once.
  // `idf` weighs what an entry earns for a term; `full` is what the term asks of every entry (a light
  // term earns little but still counts whole against coverage, so it cannot lift an off-topic question).
  const frozen = new Map<string, { docs: Int32Array; weights: Float32Array; idf: number; full: number }>();
  for (const [term, list] of postings) {
    const df = Math.max(1, list.docs.length - (jurisdictionOnly.get(term) ?? 0));
    const full = idfOf(df);
    const termIdf = full * (light.has(term) ? LIGHT_TERM_WEIGHT : 1);
    frozen.set(term, { docs: Int32Array.from(list.docs), weights: Float32Array.from(list.weights), idf: termIdf, full });
  }
  postings.clear();

  const idf = (term: string): number => frozen.get(term)?.idf ?? rarest * UNKNOWN_TERM_WEIGHT;
  // Reused accumulators: one slot per entry, and the list of entries touched by this question.
  const accumulator = new Float64Array(n);
  const touched = new Int32Array(n);

  /** idf-weighted Jaccard of the question with the entry's closest own phrasing. */
  const closeness = (query: ReadonlySet<string>, own: readonly Phrasing[]): number => {
    let queryMass = 0;
    for (const t of query) queryMass += idf(t);
    let best = 0;
    for (const phrase of own) {
      let shared = 0;
      let union = queryMass;
      for (const t of phrase.terms) {
        if (query.has(t)) shared += idf(t);
        else union += idf(t);
      }
      const value = union > 0 ? (phrase.weight * shared) / union : 0;
      if (value > best) best = value;
    }
    return best;
  };

  return {
    size: n,
    idf,
    has: (term) => frozen.has(term),
    rank(queryTerms, limit) {
      if (queryTerms.length === 0 || n === 0) return [];
      let total = 0;
      let touchedCount = 0;
      for (const term of queryTerms) {
        const list = frozen.get(term);
        if (!list) {
          total += rarest * UNKNOWN_TERM_WEIGHT;
          continue;
        }
        const w = list.idf;
        total += list.full;
        const { docs, weights } = list;
        for (let k = 0; k < docs.length; k++) {
          const doc = docs[k]!;
          if (accumulator[doc] === 0) touched[touchedCount++] = doc;
          accumulator[doc]! += w * weights[k]!;
        }
      }
      // A long, rambling question carries many words no entry needs to share; judge it on a share of
      // its mass that stops growing past LONG_QUESTION_TERMS terms.
      const terms = queryTerms.length;
      const divisor = terms > LONG_QUESTION_TERMS ? total * Math.sqrt(LONG_QUESTION_TERMS / terms) : total;
      const covered = topOfAccumulator(accumulator, touched, touchedCount, divisor, Math.max(limit, CLOSENESS_CANDIDATES));
      const query = new Set(queryTerms);
      const wantsContact = queryTerms.some((t) => contactTerms.has(t));
      const rescored = new Map<number, number>();
      for (const c of covered) {
        const fit = (1 - CLOSENESS_SHARE) * c.score + CLOSENESS_SHARE * closeness(query, phrasings[c.index]!);
        const kind = entries[c.index]!.kind;
        const prior = kind === 'referral' ? REFERRAL_PRIOR : kind === 'contact' && wantsContact ? CONTACT_PRIOR : 0;
        rescored.set(c.index, fit + prior);
      }
      return topK(rescored, 1, limit);
    },
  };
}

/**
 * The best `limit` entries of the accumulator (divided by `divisor`), resetting every touched slot to 0
 * for the next question. A threshold check first keeps the common case (not in the top) cheap.
 */
function topOfAccumulator(acc: Float64Array, touched: Int32Array, count: number, divisor: number, limit: number): ScoredEntry[] {
  const top: ScoredEntry[] = [];
  for (let i = 0; i < count; i++) {
    const index = touched[i]!;
    const sum = acc[index]!;
    acc[index] = 0;
    if (top.length === limit) {
      const last = top[limit - 1]!;
      const lastSum = last.score * divisor;
      if (sum < lastSum || (sum === lastSum && index > last.index)) continue;
    }
    const score = sum / divisor;
    let at = top.length;
    while (at > 0 && (score > top[at - 1]!.score || (score === top[at - 1]!.score && index < top[at - 1]!.index))) at--;
    top.splice(at, 0, { index, score });
    if (top.length > limit) top.pop();
  }
  return top;
}

/**
 * The best `limit` of `scores` (divided by `divisor`), best first, as a small sorted array: sorting every
 * hit costs too much at 20,000 entries. Ties go to the earlier entry, so the order is the same every run.
 */
function topK(scores: ReadonlyMap<number, number>, divisor: number, limit: number): ScoredEntry[] {
  const top: ScoredEntry[] = [];
  const better = (a: ScoredEntry, b: ScoredEntry): boolean => a.score > b.score || (a.score === b.score && a.index < b.index);
  for (const [index, sum] of scores) {
    const candidate = { index, score: sum / divisor };
    if (top.length === limit && !better(candidate, top[top.length - 1]!)) continue;
    let at = top.length;
    while (at > 0 && better(candidate, top[at - 1]!)) at--;
    top.splice(at, 0, candidate);
    if (top.length > limit) top.pop();
  }
  return top;
}
