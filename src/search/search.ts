// Question → ranked entries, a confidence decision and the urgency flag. Built once per knowledge base
// (the index is the expensive part); searching is pure and allocates little.
import type { Entry } from '../knowledge/schema.ts';
import { dangerEntryOf, phrasingsOf } from '../knowledge/knowledge-base.ts';
import { analyzerSteps, type Analyzer } from './analyzer.ts';
import { entryIndexSteps, entryFields, type EntryIndex } from './entry-index.ts';
import { decide, type Decision, type Ranked } from './confidence.ts';
import { urgencyOf, type Urgency } from './urgency.ts';
import { dangerModelSteps } from './danger-model.ts';
import { hasOutOfScopeCue } from './scope.ts';
import { BARE_WORDS, CONTACT_WORDS, FRAMING_WORDS, NEGATION, SETTING_WORDS, isStopWord, stem } from './normalize.ts';
import { askedAs, askingText, readQuestion, wantedIn, type AnswerKind, type QuestionReading } from './question.ts';
import { topicalness } from './english.ts';
import { scopeModelSteps } from './scope-model.ts';
import { runSteps, runStepsInSlices, type Steps } from './steps.ts';
import { intentModelSteps } from './intent-model.ts';
import type { Meaning } from './meaning.ts';

export interface SearchInput {
  entries: readonly Entry[];
  synonyms: readonly (readonly string[])[];
  /** Examples of questions outside the field (the knowledge's `out_of_scope`), to learn to refuse. */
  outOfScope?: readonly string[];
  /** Messages saying someone is in danger now (the knowledge's `danger_now_examples`), and calm ones (`calm_examples`). */
  dangerNow?: readonly string[];
  calm?: readonly string[];
}

export interface SearchResult extends Decision {
  /** Someone may be in danger (now, or a sign of risk): the answer opens with 999. */
  urgent: boolean;
  /** `now` when the question says someone is in danger now; `risk` for a sign of risk alone. */
  urgency: Urgency;
  /** The best entries, best first (up to ten), whatever the decision. */
  ranked: Ranked[];
  /** The question's search terms after normalisation, correction and synonyms. */
  terms: string[];
  /** How the question was read: asking and background sentences, a child, a place asked about, a comparison. */
  reading: QuestionReading;
  /** What the confidence decision weighs besides the scores (see confidence.ts). */
  signals: QuestionSignals;
  /** "Difference between RG and CG": the entry for the other side, shown beside `best`. */
  compared?: Ranked;
}

export interface QuestionSignals {
  /** The strongest field word of the question: the highest lift (analyzer.ts) of a term it means (weight ≥ 1). */
  domain: number;
  /** Share of the question (by weight) in words the knowledge never uses, each by how topical it is in English. */
  unknown: number;
  /** How many terms the question means (weight ≥ 1). */
  asked: number;
  /** How likely the question belongs to the field at all, from the words it uses (scope-model.ts), 0..1. */
  inScope: number;
}

export interface Search {
  /**
   * `meaning`: how close the question is in meaning to each entry (meaning.ts), when the sentence encoder
   * has read it; without it the search reads words alone.
   */
  search(question: string, meaning?: Meaning): SearchResult;
}

const RANK_LIMIT = 10;
/** A comparison's two sides are looked for among this many best candidates. */
const COMPARE_CANDIDATES = 5;
const MAX_QUESTION_CHARS = 2_000;
/**
 * The asking sentences say what the question is about when their topic words weigh at least this share of
 * the rarest word's weight (one fairly specific word, or a few common ones).
 */
const ASKING_TOPIC_IDF = 0.5;
/** A term only in the background sentences ("PC on nights in Leeds.") counts at this share of an asking one. */
const BACKGROUND_WEIGHT = 0.4;
/** A place name in a question that does not ask about a place ("a nail bar in Bristol") counts at this share. */
const UNASKED_PLACE_WEIGHT = 0.15;
/**
 * About someone under 18, an entry that is not about children keeps this share of its score, so the child
 * route leads, unless the question names it specifically (its anchor, see entry-index.ts, reaches
 * NAMED_ANCHOR: "section 45", "forced marriage") rather than only through the setting (a car wash, a farm) or a
 * common word of a neighbouring sentence ("boss", "PC"), whose anchors reach about 0.6.
 */
const CHILD_ROUTE_SHARE = 0.55;
const NAMED_ANCHOR = 0.7;
/**
 * The danger-now guidance (`dangerEntryOf`, what the answer shows for danger now) is reached through
 * urgency.ts whenever a question says someone is in danger now. A question that does not ("child
 * exploitation awareness for taxi drivers"), or that asks something beside a sign of risk ("the boss has his
 * passport — who do I tell?", which keeps its own answer under the 999 banner), sees it at this share of its
 * score, so its many danger phrasings do not pull such questions to it; a bare "urgent!" keeps it whole.
 * Other urgent entries (the police contact, 999 and 101) keep their score: "the police non-emergency
 * number" is theirs.
 */
const CALM_URGENT_ENTRY_SHARE = 0.5;
/**
 * When the asking sentences name Scotland or Northern Ireland, whose law and referral routes differ, an entry
 * written for England, England and Wales, or Wales keeps this share of its score (UK-wide entries keep all of
 * it), and the jurisdiction's own entry is not held back by the child-first rule.
 */
const OTHER_LAW_SHARE = 0.75;
const ENGLAND_AND_WALES: ReadonlySet<string> = new Set(['england', 'england-and-wales', 'wales']);
/** That the person is a child is the fact that decides the route: it counts as much as two asking words. */
const CHILD_WEIGHT = 2;
/**
 * The intent model's probability for an entry (intent-model.ts) is added to its index score at this weight:
 * the index says how much of the question an entry covers, the model which entry its words point at.
 */
const INTENT_WEIGHT = 0.35;
/** The index's best candidates the model re-ranks. */
const INTENT_CANDIDATES = 40;
/**
 * How much closeness in meaning (meaning.ts, a cosine of about 0..1) adds to the order of the few best
 * candidates. It re-orders neighbours the words cannot tell apart; it never brings in an entry the words
 * did not find, and it is shared out like the rest (a child's question still puts the child route first).
 * Chosen on the development and calibration sets (test/eval/calibrate-*.yaml).
 */
const MEANING_WEIGHT = 0.8;
const MEANING_CANDIDATES = 5;

export function createSearch(input: SearchInput): Search {
  return runSteps(searchSteps(input));
}

/**
 * The same search, built in slices of a few milliseconds with the event loop free between them: what a
 * reload uses, so the bot keeps acknowledging requests while a large knowledge base is indexed.
 */
export function createSearchInSlices(input: SearchInput, sliceMs?: number): Promise<Search> {
  return runStepsInSlices(searchSteps(input), sliceMs);
}

/** The search, built in steps (see steps.ts). */
export function* searchSteps(input: SearchInput): Steps<Search> {
  const analyzer: Analyzer = yield* analyzerSteps({
    synonyms: input.synonyms,
    texts: (function* () {
      for (const entry of input.entries) for (const list of Object.values(entryFields(entry))) yield* list;
    })(),
  });
  // Request words, as the analyzer spells them (a word a synonym group claims is a topic, not a request).
  const termsOf = (list: readonly string[]): Set<string> => new Set(list.flatMap((w) => analyzer.phrase(w)).filter((t) => !t.startsWith('=')));
  const contactTerms = termsOf(CONTACT_WORDS);
  const bareTerms = termsOf(BARE_WORDS);
  const framingTerms = termsOf(FRAMING_WORDS);
  const index: EntryIndex = yield* entryIndexSteps(input.entries, analyzer, {
    lightTerms: new Set([...contactTerms, ...bareTerms, ...framingTerms]),
    contactTerms,
    settingTerms: termsOf(SETTING_WORDS),
    outOfScope: input.outOfScope ?? [],
  });
  // The knowledge's own text needs no typo correction: its terms are read the way an entry's phrasing is.
  // Each entry's title and questions (what the scope model learns as the field), then its keywords (which
  // the intent model learns from too), analysed once for both.
  const entryPhrasings: string[][][] = [];
  const phrasings: string[][] = [];
  for (const entry of input.entries) {
    const texts = phrasingsOf(entry);
    const own = texts.map((text) => analyzer.phrase(text));
    phrasings.push(...own);
    // the intent model also learns how each phrasing is framed (question.ts askedAs)
    const framed = own.map((terms, i) => [...askedAs(wantedIn(texts[i]!)), ...terms]);
    entryPhrasings.push([...framed, ...entry.keywords.map((text) => analyzer.phrase(text))]);
    yield;
  }
  const examples: string[][] = [];
  for (const text of input.outOfScope ?? []) {
    examples.push(analyzer.phrase(text));
    if (examples.length % 100 === 0) yield;
  }
  const scope = yield* scopeModelSteps({ inScope: phrasings, outOfScope: examples });
  const danger = yield* dangerModelSteps(input);
  const intent = yield* intentModelSteps({ phrasings: entryPhrasings });

  const ids = input.entries.map((e) => e.id);
  const related = relatedPairs(input.entries);
  const childTerm = analyzer.phrase('child')[0];
  const kinds = input.entries.map(answerKindOf);
  const jurisdictions = input.entries.map((e) => e.jurisdiction);
  const dangerEntry = dangerEntryOf(input.entries);
  const dangerGuidance = dangerEntry ? input.entries.indexOf(dangerEntry) : -1;
  // What each entry's summary defines ("The NRM is…", "…defines exploitation as…"): a "what is" question about it.
  const defines = input.entries.map((e) => new Set(definedIn(e.summary).flatMap((phrase) => analyzer.phrase(phrase))));
  yield;
  // What each entry is named for (its title and keywords), for comparisons.
  const namedBy = input.entries.map((e) => new Set(analyzer.document(`${e.title}\n${e.keywords.join('\n')}`)));
  yield;
  const position = new Map(input.entries.map((e, i) => [e.id, i]));
  // Entries about children: the child concept in their title, summary or keywords.
  const forChildren = input.entries.map((e) => childTerm !== undefined && analyzer.document(`${e.title} ${e.summary} ${e.keywords.join(' ')}`).includes(childTerm));
  yield;
  /**
   * "cant", "not", "help": with no topic word the knowledge knows, any entry would be a guess.
   * A question needs at least one term that is neither a negation nor a bare request word and that some entry holds.
   */
  const isTopic = (t: string): boolean => t !== NEGATION && !bareTerms.has(t) && index.has(t);

  /** The question's terms with how much each counts: asking sentences over background, places only when asked about. */
  const weighTerms = (reading: QuestionReading): { weights: Map<string, number>; correctedText: string; surfaces: Map<string, string>; domain: number } => {
    const analysed = reading.parts.map((part) => ({ part, analysis: analyzer.query(part.text) }));
    // Background only counts less when the asking sentences say what about: "…what do I do?" does not,
    // nor does "…without putting workers at risk?" (everyday words of the field, none specific).
    const askingTopic = analysed.reduce(
      (sum, { part, analysis }) => sum + (part.asks ? analysis.terms.filter(isTopic).reduce((s, t) => s + index.idf(t), 0) : 0),
      0,
    );
    const askingHasTopic = askingTopic >= ASKING_TOPIC_IDF * index.rarest;
    const weights = new Map<string, number>();
    // The strongest field word among the words the question means, as typed (a synonym group's words
    // differ: "child" is everyday English, "nrm" is not).
    let domain = 0;
    for (const { part, analysis } of analysed) {
      if (!part.asks && askingHasTopic) continue;
      for (const word of analysis.correctedText.split(' ')) {
        if (word && !isStopWord(word) && !index.isPlace(stem(word))) domain = Math.max(domain, analyzer.lift(stem(word)));
      }
    }
    for (const { part, analysis } of analysed) {
      for (const term of analysis.terms) {
        let weight = part.asks || !askingHasTopic ? 1 : BACKGROUND_WEIGHT;
        if (!reading.wantsPlace && index.isPlace(term)) weight *= UNASKED_PLACE_WEIGHT;
        weights.set(term, Math.max(weights.get(term) ?? 0, weight));
      }
    }
    if (reading.child && childTerm !== undefined) weights.set(childTerm, CHILD_WEIGHT);
    const surfaces = new Map(analysed.flatMap((a) => [...a.analysis.surfaces]));
    return { weights, correctedText: analysed.map((a) => a.analysis.correctedText).join(' '), surfaces, domain };
  };

  const lightTerms = new Set([...contactTerms, ...bareTerms, ...framingTerms]);
  /**
   * How much a word no entry uses says the question is about something else: by how topical it is in
   * English, except a framing or request word ("FAQs", "factsheet", "info"), which says how to answer.
   */
  const topicalnessOf = (term: string, surfaces: ReadonlyMap<string, string>): number =>
    lightTerms.has(term) ? 0 : topicalness(surfaces.get(term) ?? term);
  /**
   * The two entries a comparison names ("difference between RG and CG"): for each term the question asks
   * with, the best-ranked candidate named for it (in its title or keywords). Two
   * different entries, neither naming the other's term, make a pair; one entry naming both (slavery and
   * servitude) answers the comparison itself.
   */
  const comparedPair = (weights: ReadonlyMap<string, number>, ranked: readonly Ranked[]): [Ranked, Ranked] | undefined => {
    const sides: { term: string; entry: Ranked }[] = [];
    for (const [term, weight] of weights) {
      if (weight < 1 || lightTerms.has(term)) continue;
      const entry = ranked.slice(0, COMPARE_CANDIDATES).find((c) => namedBy[position.get(c.id)!]!.has(term));
      if (entry) sides.push({ term, entry });
    }
    const names = (entry: Ranked, term: string): boolean => namedBy[position.get(entry.id)!]!.has(term);
    for (const a of sides) {
      for (const b of sides) {
        if (a.entry.id === b.entry.id || names(a.entry, b.term) || names(b.entry, a.term)) continue;
        const pair: [Ranked, Ranked] = a.entry.score >= b.entry.score ? [a.entry, b.entry] : [b.entry, a.entry];
        // The comparison is what the question is about only if the best candidate is one of its sides, or
        // is named for neither (an overview that mentions both, which the two sides' own entries beat).
        const top = ranked[0];
        if (top && (pair[0].id === top.id || (!names(top, a.term) && !names(top, b.term)))) return pair;
      }
    }
    return undefined;
  };

  const signalsOf = (weights: ReadonlyMap<string, number>, surfaces: ReadonlyMap<string, string>): QuestionSignals => {
    let unknown = 0;
    let mass = 0;
    let asked = 0;
    for (const [term, weight] of weights) {
      if (weight >= 1) asked++;
      if (index.has(term)) {
        mass += weight;
      } else {
        const t = topicalnessOf(term, surfaces);
        mass += weight * t;
        unknown += weight * t;
      }
    }
    return { domain: 0, unknown: round(mass > 0 ? unknown / mass : 0), asked, inScope: 1 };
  };

  return {
    search(asked, meaning) {
      // A pasted document is not a question: look at its start only, so one message cannot stall the bot.
      const question = asked.length > MAX_QUESTION_CHARS ? asked.slice(0, MAX_QUESTION_CHARS) : asked;
      const reading = readQuestion(question);
      const { weights, correctedText, surfaces, domain } = weighTerms(reading);
      const terms = [...weights.keys()];
      const urgency = reading.notUrgent ? 'none' : strongest(urgencyOf(question), urgencyOf(correctedText), danger(question));
      // Scotland or Northern Ireland asked about: that jurisdiction's own entry covers children there too, and
      // guidance written for England (and Wales) does not apply
      const ownLaw = (i: number): boolean => reading.jurisdiction !== undefined && jurisdictions[i] === reading.jurisdiction;
      const otherLaw = (i: number): boolean => reading.jurisdiction !== undefined && ENGLAND_AND_WALES.has(jurisdictions[i] ?? '');
      const share = (i: number, anchor: number): number =>
        (reading.child && !forChildren[i] && anchor < NAMED_ANCHOR && !ownLaw(i) ? CHILD_ROUTE_SHARE : 1) *
        (otherLaw(i) ? OTHER_LAW_SHARE : 1) *
        (i === dangerGuidance && (urgency === 'none' || urgency === 'past' || (urgency === 'risk' && reading.asksSomething)) ? CALM_URGENT_ENTRY_SHARE : 1) *
        (reading.wants === 'definition' && asksAbout(weights, defines[i]!) ? KIND_MATCH : kindFit(reading.wants, kinds[i]));
      const candidates = index.rank(weights, INTENT_CANDIDATES, (term) => topicalnessOf(term, surfaces));
      const framed = [...askedAs(reading.wants), ...terms];
      const probabilities = intent?.probabilities(framed, weights);
      // The child-first rule lets an entry the question names specifically through ("the section 45 defence
      // for a 16-year-old"): the model does too, judging that entry on the question without the child.
      const withoutChild = probabilities && reading.child && childTerm !== undefined ? intent!.probabilities(framed.filter((t) => t !== childTerm), weights) : undefined;
      const intentOf = (i: number, anchor: number): number =>
        Math.max(probabilities?.[i] ?? 0, withoutChild && !forChildren[i] && anchor >= NAMED_ANCHOR ? withoutChild[i]! : 0);
      const scored = candidates.map((r) => {
        const kept = share(r.index, r.anchor ?? 0);
        const fit = r.score * kept;
        const intent = intentOf(r.index, r.anchor ?? 0);
        const order = fit + INTENT_WEIGHT * intent * kept;
        return { r, fit, intent, kept, order, rank: order };
      });
      // The order, then closeness in meaning among the few best: what the answer is chosen by.
      if (meaning) {
        const best = [...scored].sort((a, b) => b.order - a.order || a.r.index - b.r.index).slice(0, MEANING_CANDIDATES);
        for (const s of best) s.rank = s.order + MEANING_WEIGHT * Math.max(0, meaning.get(ids[s.r.index]!) ?? 0) * s.kept;
      }
      const rankBy = (key: 'rank' | 'fit'): Ranked[] =>
        [...scored]
          // sorted before rounding and capping, so two near-perfect fits keep their order
          .sort((a, b) => b[key] - a[key] || a.r.index - b.r.index)
          .slice(0, RANK_LIMIT)
          .map(({ r, fit, intent, order }) => ({
            id: ids[r.index]!,
            score: round(Math.min(1, fit)),
            ...(probabilities ? { order: round(Math.min(1, key === 'rank' ? order : fit)), intent: round(intent) } : {}),
            coverage: round(r.coverage ?? 0),
            closeness: round(r.closeness ?? 0),
            anchor: round(r.anchor ?? 0),
            ...(meaning ? { meaning: round(meaning.get(ids[r.index]!) ?? 0) } : {}),
          }));
      const ranked = rankBy('rank');
      const signals = { ...signalsOf(weights, surfaces), domain: round(domain), inScope: round(scope.inScope(terms)) };
      const decision = decide(ranked, {
        // An everyday-request cue counts in what is asked: "the car wash near me" in a message's background is not shopping.
        evidence: { ...signals, outOfScopeCue: hasOutOfScopeCue(askingText(reading.parts)), nearOutOfScope: index.outOfScopeCloseness(weights), ...(meaning?.field !== undefined ? { meaningField: meaning.field } : {}) },
        tooThin: !terms.some(isTopic),
        related,
        ...(probabilities ? { indexRanked: rankBy('fit') } : {}),
      });
      const base = { urgent: urgency !== 'none', urgency, ranked, terms, reading, signals };
      const pair = reading.compares && decision.status !== 'no_match' ? comparedPair(weights, ranked) : undefined;
      if (pair) {
        // Both sides were named and each has its own entry: answer with both, side by side.
        return { ...decision, ...base, status: 'answered', best: pair[0], suggestions: [], compared: pair[1] };
      }
      return { ...decision, ...base };
    },
  };
}

/**
 * Entries that point at each other (`related` or `contacts`, either way): the same organisation's contact
 * and referral entries, or two steps of one process. A runner-up of this kind is a companion, not a rival.
 */
function relatedPairs(entries: readonly Entry[]): (a: string, b: string) => boolean {
  const pairs = new Set<string>();
  for (const entry of entries) {
    for (const other of [...(entry.related ?? []), ...(entry.contacts ?? [])]) {
      pairs.add(`${entry.id}\n${other}`);
      pairs.add(`${other}\n${entry.id}`);
    }
  }
  return (a, b) => pairs.has(`${a}\n${b}`);
}

/**
 * What kind of answer an entry gives: the signs of something (a "Spot the signs" page), a definition
 * (`definition-…`), or what to do (a referral entry). Other entries are of no particular kind.
 */
function answerKindOf(entry: Entry): AnswerKind | undefined {
  if (/\bsigns\b/i.test(entry.title)) return 'signs';
  if (entry.id.startsWith('definition-')) return 'definition';
  if (entry.kind === 'referral') return 'action';
  return undefined;
}

/** An entry of the kind the question asks for gains a little; one of another kind loses a little. */
const KIND_MATCH = 1.08;
const KIND_MISMATCH = 0.93;

function kindFit(wanted: AnswerKind | undefined, kind: AnswerKind | undefined): number {
  if (!wanted || !kind) return 1;
  if (wanted === kind) return KIND_MATCH;
  // Many entries define what they are about in passing: a "what is" question does not count against them.
  return wanted === 'definition' ? 1 : KIND_MISMATCH;
}

/** The phrases a summary's opening defines: "The NRM is…", "Debt bondage is when…", "…defines forced labour as". */
function definedIn(summary: string): string[] {
  const first = summary.split(/(?<=[.!?])\s/)[0] ?? '';
  const out: string[] = [];
  const subject = /^(.{2,60}?)\s+(?:is|are|means|refers to)\b/.exec(first);
  if (subject) out.push(subject[1]!);
  for (const m of first.matchAll(/\bdefines? (.{2,40}?) as\b/g)) out.push(m[1]!);
  return out;
}

/** Whether the question asks (weight ≥ 1) with a term of the set. */
function asksAbout(weights: ReadonlyMap<string, number>, terms: ReadonlySet<string>): boolean {
  for (const [term, weight] of weights) if (weight >= 1 && terms.has(term)) return true;
  return false;
}

/** Urgency levels, strongest first. */
const URGENCY_ORDER: readonly Urgency[] = ['now', 'risk', 'past', 'none'];

function strongest(...levels: Urgency[]): Urgency {
  return URGENCY_ORDER.find((level) => levels.includes(level)) ?? 'none';
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
