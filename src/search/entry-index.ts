// An inverted index of entries by term, with a weight per field: a word in an entry's title, questions,
// keywords or areas says far more about what the entry is for than the same word deep in its body.
import type { Entry } from '../knowledge/schema.ts';
import type { Analyzer } from './analyzer.ts';
import { readQuestion } from './question.ts';
import { runSteps, type Steps } from './steps.ts';

/** How many terms' postings are frozen, and how many texts of one field are read, between two steps of a sliced build. */
const TERMS_PER_STEP = 2_000;
const TEXTS_PER_STEP = 25;

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
  /** How well the entry fits the question, 0..1 (coverage and closeness together, plus small priors). */
  score: number;
  /** Share of the question's weighted terms this entry covers, 0..1. */
  coverage?: number;
  /** How close the question is to the entry's closest own phrasing, 0..1. */
  closeness?: number;
  /**
   * The rarest word of the question's asking sentences that the entry names in its title, questions,
   * keywords or areas, as a share of the rarest possible (0..1): how specifically the entry was asked for.
   */
  anchor?: number;
}

export interface EntryIndex {
  readonly size: number;
  /** Inverse document frequency of a term; terms no entry has get the rarest value. */
  idf(term: string): number;
  /** True when some entry holds the term. */
  has(term: string): boolean;
  /** The idf of a term only one entry holds: the most a known word can weigh. */
  readonly rarest: number;
  /** True for a term that only names a place an entry covers (Leeds, Crewe): it matters when a place is asked about. */
  isPlace(term: string): boolean;
  /**
   * Entries scored against the question's terms, best first, at most `limit`. Each term carries how much
   * the question means it (1 for the asking sentence; less for background and for words that only set the scene).
   */
  rank(query: ReadonlyMap<string, number>, limit: number, topicalness?: (term: string) => number): ScoredEntry[];
  /** Closeness (as in `rank`) of the question to the nearest out-of-scope example, 0 with none. */
  outOfScopeCloseness(query: ReadonlyMap<string, number>): number;
}

/** How much a word no entry uses counts against an entry's coverage, relative to the rarest known word. */
const UNKNOWN_TERM_WEIGHT = 1.5;

/**
 * The fields whose every line is a whole way of asking for the entry. A keyword or a town names one thing an
 * entry touches: a question that merely contains "car wash" or "Scotland" is not close to it for that.
 */
const CLOSENESS_FIELDS = ['title', 'questions'] as const;
const PHRASING_WEIGHTS: Record<(typeof CLOSENESS_FIELDS)[number], number> = { title: 1, questions: 1 };

interface Phrasing {
  terms: readonly string[];
  weight: number;
}

/**
 * A term an entry uses in several fields is more central to it than one it mentions once. This small
 * bonus per extra field mostly breaks ties between entries that both name the term in their title.
 */
const SPREAD_BONUS = 0.03;

/** A question whose terms weigh more than this (1 per asking term) is judged on a share of its mass that stops growing. */
const LONG_QUESTION_MASS = 6;

/** Between two entries that fit equally, the one that says what to do is the more useful answer. */
const REFERRAL_PRIOR = 0.005;

/** A question asking for a number, an email or a link wants the contact entry over its neighbours. */
const CONTACT_PRIOR = 0.03;

/** How much of the final score is closeness of the question to one of the entry's own phrasings. */
const CLOSENESS_SHARE = 0.5;
/** Closeness is computed for this many of the best-covered entries only; it reorders, it does not find. */
const CLOSENESS_CANDIDATES = 40;
/**
 * Closeness is asymmetric (a Tversky index): a word of the entry's phrasing the question lacks counts
 * fully against it, a word of the question the phrasing lacks only at this share. A practitioner's
 * background ("PC on nights in Leeds…") does not make their question less like "how do I refer a child".
 */
const EXTRA_QUESTION_WORD_COST = 0.3;

/** A word of the question no entry knows costs closeness this much more than a known one: it says the question is about something else. */
const UNKNOWN_EXTRA_COST = 0.7;

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
  /** Terms that only set the scene (a car wash, a farm): they never make an entry the one specifically asked for. */
  settingTerms?: ReadonlySet<string>;
  /**
   * Examples of questions the bot must not answer. They weigh words like one more entry does (an everyday
   * word they use is a common word), and `outOfScopeCloseness` says how close a question is to the nearest.
   */
  outOfScope?: readonly string[];
}

export function buildEntryIndex(entries: readonly Entry[], analyzer: Analyzer, options: IndexOptions = {}): EntryIndex {
  return runSteps(entryIndexSteps(entries, analyzer, options));
}

/** The index, built in steps (see steps.ts): one entry a step, then the postings in batches. */
export function* entryIndexSteps(entries: readonly Entry[], analyzer: Analyzer, options: IndexOptions = {}): Steps<EntryIndex> {
  const light = options.lightTerms ?? new Set<string>();
  const contactTerms = options.contactTerms ?? new Set<string>();
  const settingTerms = options.settingTerms ?? new Set<string>();
  // term → parallel arrays of entry index and best field weight (compact at 20,000 entries)
  const postings = new Map<string, { docs: number[]; weights: number[] }>();
  // Per entry, its title, questions, keywords and areas as query-like term lists.
  const phrasings: Phrasing[][] = [];
  // Per term, how many entries hold it only as their jurisdiction. Those do not count towards its idf:
  // 33 entries that apply in England and Wales must not make "wales" a common word.
  const jurisdictionOnly = new Map<string, number>();
  // Terms found in `areas`, and terms that name what a non-contact entry is about (its title and keywords):
  // a place term is one that only ever names a place. A contact entry's title and keywords repeat its
  // town ("Cheshire Anti-Slavery Network"); a word an info or referral entry is about (scotland, wales)
  // is a topic too.
  const areaTerms = new Set<string>();
  const topicTerms = new Set<string>();
  const examples = options.outOfScope ?? [];
  // The examples are one more document, after the entries, so they count in every word's idf.
  const documents: readonly Entry[] = examples.length ? [...entries, outOfScopeDocument(examples)] : entries;
  for (let docIndex = 0; docIndex < documents.length; docIndex++) {
    yield;
    const entry = documents[docIndex]!;
    const best = new Map<string, number>();
    const placeOnly = new Set<string>();
    const spread = new Map<string, number>();
    const fields = entryFields(entry);
    const own: Phrasing[] = [];
    for (const field of CLOSENESS_FIELDS) for (const text of fields[field]) {
      if (own.length % TEXTS_PER_STEP === TEXTS_PER_STEP - 1) yield;
      const termList = analyzer.phrase(text);
      if (termList.length) own.push({ terms: termList, weight: PHRASING_WEIGHTS[field] });
    }
    phrasings.push(own);
    for (const field of Object.keys(fields) as FieldName[]) {
      const weight = FIELD_WEIGHTS[field];
      const inField = new Set<string>();
      let texts = 0;
      for (const text of fields[field]) {
        if (++texts % TEXTS_PER_STEP === 0) yield;
        if (field !== 'questions') {
          for (const term of analyzer.document(text)) inField.add(term);
          continue;
        }
        // A question written as a message ("PC in Hull. Found a lad at a car wash. What do I do?") says what
        // the entry is for in its asking sentence; its background (a role, a town, a setting) counts only as
        // detail, so it does not pull other messages with the same background to this entry.
        // Scene words (a car wash, lads, a nationality) in an example question likewise count only as
        // detail: they say where it happened, and a child entry's many car-wash examples must not make
        // every car-wash question a child question. An entry named for a setting has it in its keywords.
        for (const part of readQuestion(text).parts) {
          for (const term of analyzer.document(part.text)) {
            if (part.asks && !settingTerms.has(term)) inField.add(term);
            else if ((best.get(term) ?? 0) < FIELD_WEIGHTS.detail) best.set(term, FIELD_WEIGHTS.detail);
          }
        }
      }
      if (field === 'jurisdiction') for (const term of inField) if (!best.has(term)) placeOnly.add(term);
      if (field === 'areas') for (const term of inField) areaTerms.add(term);
      if (entry.kind !== 'contact' && (field === 'title' || field === 'keywords')) for (const term of inField) topicTerms.add(term);
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
  }
  const placeTerms = new Set([...areaTerms].filter((term) => !topicTerms.has(term)));

  const n = documents.length;
  const entryCount = entries.length;
  const idfOf = (df: number): number => Math.log(1 + (n - df + 0.5) / (df + 0.5));
  const rarest = idfOf(1);

  // Frozen postings: typed arrays are compact and fast to scan, and each term's idf is computed once.
  // `idf` weighs what an entry earns for a term; `full` is what the term asks of every entry (a light
  // term earns little but still counts whole against coverage, so it cannot lift an off-topic question).
  const frozen = new Map<string, { docs: Int32Array; weights: Float32Array; idf: number; full: number }>();
  let frozenCount = 0;
  for (const [term, list] of postings) {
    if (++frozenCount % TERMS_PER_STEP === 0) yield;
    const df = Math.max(1, list.docs.length - (jurisdictionOnly.get(term) ?? 0));
    const full = idfOf(df);
    const termIdf = full * (light.has(term) ? LIGHT_TERM_WEIGHT : 1);
    frozen.set(term, { docs: Int32Array.from(list.docs), weights: Float32Array.from(list.weights), idf: termIdf, full });
  }
  postings.clear();

  const idf = (term: string): number => frozen.get(term)?.idf ?? rarest * UNKNOWN_TERM_WEIGHT;
  const askOf = (term: string): number => frozen.get(term)?.full ?? rarest * UNKNOWN_TERM_WEIGHT;
  // Reused accumulators: one slot per entry, and the list of entries touched by this question.
  const accumulator = new Float64Array(n);
  const anchors = new Float64Array(n);
  const touched = new Int32Array(n);

  /** Tversky closeness of the question to the entry's closest own phrasing (see EXTRA_QUESTION_WORD_COST). */
  const closeness = (query: ReadonlyMap<string, number>, queryMass: number, unknownMass: number, own: readonly Phrasing[]): number => {
    let best = 0;
    for (const phrase of own) {
      let shared = 0;
      let sharedAsk = 0;
      let missing = 0;
      for (const t of phrase.terms) {
        const weight = query.get(t);
        if (weight !== undefined) {
          shared += weight * idf(t);
          sharedAsk += weight * askOf(t);
        } else missing += askOf(t);
      }
      if (shared === 0) continue;
      const extra = Math.max(0, queryMass - sharedAsk) + unknownMass;
      const value = (phrase.weight * shared) / (shared + missing + EXTRA_QUESTION_WORD_COST * extra);
      if (value > best) best = value;
    }
    return best;
  };

  return {
    size: n,
    rarest,
    idf,
    has: (term) => {
      const list = frozen.get(term);
      return list !== undefined && (list.docs[0]! < entryCount);
    },
    outOfScopeCloseness(query) {
      if (entryCount === n) return 0;
      let mass = 0;
      for (const [term, q] of query) mass += q * askOf(term);
      return closeness(query, mass, 0, phrasings[entryCount]!);
    },
    isPlace: (term) => placeTerms.has(term),
    rank(query, limit, topicalness = () => 1) {
      if (query.size === 0 || n === 0) return [];
      let total = 0;
      let unknown = 0;
      let weightSum = 0;
      let touchedCount = 0;
      for (const [term, q] of query) {
        weightSum += q;
        const list = frozen.get(term);
        if (!list) {
          // A word no entry uses: the rarer it is in English, the more it says the question is about something else.
          const demand = q * rarest * UNKNOWN_TERM_WEIGHT * topicalness(term);
          total += demand;
          unknown += demand;
          continue;
        }
        const w = q * list.idf;
        total += q * list.full;
        const anchor = q >= 1 && !settingTerms.has(term) ? list.idf / rarest : 0;
        const { docs, weights } = list;
        for (let k = 0; k < docs.length; k++) {
          const doc = docs[k]!;
          if (doc >= entryCount) break; // the out-of-scope examples are never an answer
          if (accumulator[doc] === 0) touched[touchedCount++] = doc;
          accumulator[doc]! += w * weights[k]!;
          if (weights[k]! >= 1 && anchor > anchors[doc]!) anchors[doc] = anchor;
        }
      }
      // A long, rambling question carries many words no entry needs to share; judge it on a share of
      // its mass that stops growing past LONG_QUESTION_MASS.
      const divisor = weightSum > LONG_QUESTION_MASS ? total * Math.sqrt(LONG_QUESTION_MASS / weightSum) : total;
      const covered = topOfAccumulator(accumulator, touched, touchedCount, divisor, Math.max(limit, CLOSENESS_CANDIDATES));
      const anchorOf = new Map<number, number>();
      for (const c of covered) anchorOf.set(c.index, anchors[c.index]!);
      for (let i = 0; i < touchedCount; i++) anchors[touched[i]!] = 0;
      const wantsContact = [...query.keys()].some((t) => contactTerms.has(t));
      const rescored = new Map<number, number>();
      const parts = new Map<number, { coverage: number; closeness: number; anchor: number }>();
      for (const c of covered) {
        const coverage = Math.min(1, c.score);
        const close = closeness(query, total, unknown * UNKNOWN_EXTRA_COST, phrasings[c.index]!);
        const kind = entries[c.index]!.kind;
        const prior = kind === 'referral' ? REFERRAL_PRIOR : kind === 'contact' && wantsContact ? CONTACT_PRIOR : 0;
        rescored.set(c.index, (1 - CLOSENESS_SHARE) * coverage + CLOSENESS_SHARE * close + prior);
        parts.set(c.index, { coverage, closeness: close, anchor: anchorOf.get(c.index) ?? 0 });
      }
      return topK(rescored, 1, limit).map((r) => ({ ...r, ...parts.get(r.index) }));
    },
  };
}

/** The out-of-scope examples as one document: only its questions carry words. */
function outOfScopeDocument(examples: readonly string[]): Entry {
  return { id: 'out-of-scope', kind: 'info', title: '', summary: '', questions: [...examples], keywords: [], source: '', reviewed: '' };
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
