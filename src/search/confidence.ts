// The search's evidence → answered / ambiguous / no_match. Two questions are asked in turn:
//
// 1. Is this a question for this bot at all? A practitioner's long message about a lad at a car wash is;
//    "car wash prices in Swindon" and "refer a patient for physio" are not, though they share its words.
// 2. If so, is the best entry clearly the one? Then it is answered outright. If the evidence is split, the
//    best guess is shown as "my best match", with the alternatives. A confident wrong answer is the worst
//    outcome; hedging every right answer is the next worst (people stop trusting the bot).
//
// Each is a small logistic model over a handful of measurements that mean the same thing whatever the
// knowledge holds (how much of the question the best entry covers, how close it is to one of the entry's
// own phrasings, the lead over the runner-up, whether the words belong to the field…). The weights are
// fitted on the development question sets (and, for RIGHT_MEANING_MODEL, the phrasings calibration set) by
// `npm run calibrate` (test/eval/calibrate.ts), which prints them; the held-out sets are never used to fit them.

/** What the search decided: one entry, a best guess with choices, or nothing to give. */
export type AnswerStatus = 'answered' | 'ambiguous' | 'no_match';

export interface Ranked {
  id: string;
  score: number;
  /** Share of the question this entry covers, and closeness to its nearest own phrasing (0..1), when known. */
  coverage?: number;
  closeness?: number;
  /** How specifically the question names this entry (its rarest named word asked for, 0..1). */
  anchor?: number;
  /** The intent model's probability that the question means this entry (intent-model.ts), when it has one. */
  intent?: number;
  /** What the ranking sorted by, 0..1: the score plus the intent model's part (search.ts), when it has one. */
  order?: number;
  /** Closeness in meaning to the entry's nearest phrasing (a cosine), when the question was read for meaning. */
  meaning?: number;
}

/** What the question says about itself, whichever entry is best (see search.ts). */
export interface QuestionEvidence {
  /** The strongest field word in what the question asks (log10 of how much more the knowledge uses it than English does). */
  domain: number;
  /** Share of the question in words the knowledge never uses, weighted by how topical they are in English. */
  unknown: number;
  /** How many terms the question asks with. */
  asked: number;
  /** The scope model's probability that the question belongs to the field (scope-model.ts). */
  inScope: number;
  /** The question has an everyday-request cue ("near me", "recipe", scope.ts). */
  outOfScopeCue: boolean;
  /** How close the question is to the nearest example of what the bot must not answer (0..1). */
  nearOutOfScope: number;
  /** Closer in meaning to the entries' phrasings than to the out-of-scope examples, by this much (meaning.ts); absent when the question was not read for meaning (the words-alone model judges it then). */
  meaningField?: number;
}

export interface Decision {
  status: AnswerStatus;
  /** The entry to show (absent for no_match). */
  best?: Ranked;
  /** "Did you mean" alternatives, best first, never including `best`. */
  suggestions: Ranked[];
  /** How likely the question is one for this bot, and how likely the best entry is the right one (0..1). */
  inScope: number;
  right: number;
  /**
   * The best entry is likely right, if not enough to answer outright: with someone in danger now, it is
   * shown under the 999 banner rather than giving way to the danger-now guidance.
   */
  likelyRight: boolean;
  /**
   * For a no_match: the question's words still belong to the field (the scope model leans in, and the
   * in-scope model was not sure it is not), so it is a dead end in the field rather than off-topic.
   */
  inField: boolean;
  /**
   * The measurements the right model weighed (absent when there was nothing to measure), and those the
   * in-scope model weighed: the same measurements of the index's own best entry, before the intent model
   * re-ranked (whether a question belongs here is the index's judgement; which entry it means is both's).
   */
  features?: Record<FeatureName, number>;
  scopeFeatures?: Record<FeatureName, number>;
}

export interface DecideOptions {
  evidence: QuestionEvidence;
  /** The question has no topic word the knowledge knows ("cant", "help"): nothing to answer confidently. */
  tooThin?: boolean;
  /** Whether two entries are companions (one lists the other): a companion runner-up is no rival. */
  related?: (a: string, b: string) => boolean;
  /** The index's own ranking, before the intent model re-ranked it: what the in-scope model weighs. */
  indexRanked?: readonly Ranked[];
}

export const CONFIDENCE = {
  /** Below this probability of being a question for this bot: the honest "I don't have that", with the helpline. */
  inScopeAt: 0.65,
  /**
   * A no_match is a dead end in the field (offered a chooser of likely needs) when the scope model gives
   * at least `fieldAt` and the in-scope model at least `fieldInScopeAt`; below either, it is off-topic.
   */
  fieldAt: 0.5,
  fieldInScopeAt: 0.25,
  /** At or above this probability that the best entry is right, it is answered outright. */
  answerAt: 0.93,
  /** The same for a question read for meaning (RIGHT_MEANING_MODEL). */
  answerAtMeaning: 0.9,
  /** At or above this (or `likelyRightAtMeaning`), `likelyRight`: kept under the 999 banner when someone is in danger now. */
  likelyRightAt: 0.85,
  likelyRightAtMeaning: 0.75,
  /** Suggestions must reach this share of the best score to be worth offering. */
  suggestionShare: 0.6,
  maxSuggestions: 3,
} as const;

/** The measurements each model weighs, in order; `features` computes them. */
export const IN_SCOPE_WORDS_FEATURES = ['coverage', 'closeness', 'lead', 'domain', 'unknown', 'asked', 'cue', 'scope', 'offCloser'] as const;
/** …and, when the question was read for meaning, how much closer it is to the field than to the out-of-scope examples. */
export const IN_SCOPE_FEATURES = [...IN_SCOPE_WORDS_FEATURES, 'meaningField'] as const;
export const RIGHT_FEATURES = ['lead', 'closeLead', 'score', 'coverage', 'closeness', 'anchor', 'clear', 'intent', 'intentLead'] as const;
/**
 * …and, when the question was read for meaning: how close in meaning the best entry is, its lead in meaning
 * over the rival, whether no rival among the five best is closer in meaning, the order's lead over the rival,
 * how many rivals come near the best (companions are no rivals), and how many terms are asked.
 */
export const RIGHT_MEANING_FEATURES = [...RIGHT_FEATURES, 'meaning', 'meaningLead', 'meaningFirst', 'orderLead', 'near', 'asked'] as const;

export interface LogisticModel {
  weights: readonly number[];
  bias: number;
}

// Fitted by `npm run calibrate` on the development sets (test/eval/questions.yaml, test/eval/dev-*.yaml):
// IN_SCOPE_MODEL on questions read for meaning; IN_SCOPE_WORDS_MODEL and RIGHT_MODEL before reading for
// meaning was added, and kept (see src/search/README.md, "Reading for meaning").
export const IN_SCOPE_MODEL: LogisticModel = { weights: [2.06, 1.1, -0.27, 0.33, -1.18, -0.16, -0.86, 2.16, -2.17, 2.23], bias: -1.97 };
/** The in-scope model for a question read by its words alone (MEANING_MODEL=off, or the encoder unavailable). */
export const IN_SCOPE_WORDS_MODEL: LogisticModel = { weights: [2.6, 0.98, -0.05, 0.74, -1.12, -0.17, -1.23, 3.2, -3.03], bias: -2.09 };
export const RIGHT_MODEL: LogisticModel = { weights: [1.86, 0.72, 0.71, 1.13, 0.43, 0.21, 0.7, 0.75, 1.07], bias: -1.14 };
/**
 * The right model for a question read for meaning (RIGHT_MEANING_FEATURES), fitted on the dev sets and
 * test/eval/calibrate-phrasings.yaml: the dev sets alone make every measurement look surer than it is.
 */
export const RIGHT_MEANING_MODEL: LogisticModel = { weights: [2.412, 0.079, 0.729, 0.719, 0.232, 1.576, -0.253, 1.215, 0.092, 3.566, 2.94, -0.026, 0.285, -0.089, -0.856], bias: -2.648 };

export type FeatureName = (typeof IN_SCOPE_FEATURES)[number] | (typeof RIGHT_MEANING_FEATURES)[number];


/**
 * The measurements for one question: each scaled to about 0..1 so the fitted weights read as how much it
 * matters, for the best of the ranked entries (the first). `lead` is its lead over its rival (the first
 * runner-up that is not its companion), as a share of its score.
 */
export function features(ranked: readonly [Ranked, ...Ranked[]], evidence: QuestionEvidence, related?: (a: string, b: string) => boolean): Record<FeatureName, number> {
  const [best] = ranked;
  // the other entries the best one must beat: its runners-up, less its companions
  const rivals = rivalsOf(ranked, related);
  const rival = rivals[0];
  const p = Math.min(1 - 1e-4, Math.max(1e-4, evidence.inScope));
  const closeness = best.closeness ?? best.score;
  const meaning = best.meaning ?? 0;
  return {
    coverage: best.coverage ?? best.score,
    closeness,
    lead: rival && rankValue(best) > 0 ? Math.max(0, (rankValue(best) - rankValue(rival)) / rankValue(best)) : 1,
    // how much closer the question is to one of the best entry's own phrasings than to the rival's
    closeLead: rival ? closeness - (rival.closeness ?? rival.score) : closeness,
    // close to one of the best entry's phrasings AND clearly closer than to the rival's: nearly always right
    clear: closeness * Math.min(1, Math.max(0, (rival ? closeness - (rival.closeness ?? rival.score) : closeness) / 0.3)),
    score: rankValue(best),
    anchor: best.anchor ?? 0,
    // the intent model's probability for the best entry, and its lead over the rival's, trusted by how much
    // the question says: one word cannot tell neighbours apart ("nrm": the adult or the child referral?)
    intent: (best.intent ?? 0) * wordsSay(evidence.asked),
    intentLead: ((best.intent ?? 0) - (rival?.intent ?? 0)) * wordsSay(evidence.asked),
    domain: Math.min(5, Math.max(0, evidence.domain)) / 5,
    unknown: evidence.unknown,
    asked: Math.log1p(evidence.asked),
    cue: evidence.outOfScopeCue ? 1 : 0,
    // log-odds, scaled: 0 when the scope model has no opinion
    scope: Math.log(p / (1 - p)) / 5,
    // how much closer the question is to an out-of-scope example than to the best entry's own phrasings
    offCloser: evidence.nearOutOfScope - closeness,
    // closer in meaning to the field's phrasings than to the out-of-scope examples (×4: about -1..1)
    meaningField: (evidence.meaningField ?? 0) * 4,
    meaning,
    meaningLead: meaning - (rival?.meaning ?? 0),
    // no rival among the five best is closer in meaning: the words and the meaning agree on the best
    meaningFirst: rivals.filter((r) => ranked.indexOf(r) < MEANING_PEERS).every((r) => (r.meaning ?? 0) <= meaning) ? 1 : 0,
    orderLead: rankValue(best) - (rival ? rankValue(rival) : 0),
    // how many rivals come within a fifth of the best: a crowded field is a reason to hedge
    near: rivals.filter((r) => rankValue(r) >= rankValue(best) * NEAR_SHARE).length,
  };
}

/** The candidates closeness in meaning re-orders (search.ts MEANING_CANDIDATES). */
const MEANING_PEERS = 5;
/** A runner-up at this share of the best entry's order or more comes near it. */
const NEAR_SHARE = 0.8;

/** What the ranking sorted an entry by. */
function rankValue(r: Ranked): number {
  return r.order ?? r.score;
}

/** 0 for a question of one term, ½ for two, 1 from three. */
function wordsSay(asked: number): number {
  return Math.min(1, Math.max(0, (asked - 1) / 2));
}

export function probability(model: LogisticModel, names: readonly FeatureName[], values: Record<FeatureName, number>): number {
  let z = model.bias;
  names.forEach((name, i) => (z += model.weights[i]! * values[name]));
  return 1 / (1 + Math.exp(-z));
}

/** The best entry's runners-up that are not its companions, in order. */
function rivalsOf(ranked: readonly Ranked[], related?: (a: string, b: string) => boolean): Ranked[] {
  const [first] = ranked;
  // A companion the question names more specifically than the best entry is a rival after all.
  return first ? ranked.slice(1).filter((r) => !(related?.(first.id, r.id) ?? false) || (r.anchor ?? 0) > (first.anchor ?? 0)) : [];
}

export function decide(ranked: readonly Ranked[], options: DecideOptions): Decision {
  const [first] = ranked;
  if (!first || first.score <= 0 || options.tooThin) return { status: 'no_match', suggestions: [], inScope: 0, right: 0, likelyRight: false, inField: false };
  const values = features([first, ...ranked.slice(1)], options.evidence, options.related);
  const indexFirst = options.indexRanked?.[0];
  const scopeValues = indexFirst ? features([indexFirst, ...options.indexRanked!.slice(1)], options.evidence, options.related) : values;
  const inScope =
    options.evidence.meaningField !== undefined
      ? probability(IN_SCOPE_MODEL, IN_SCOPE_FEATURES, scopeValues)
      : probability(IN_SCOPE_WORDS_MODEL, IN_SCOPE_WORDS_FEATURES, scopeValues);
  const readForMeaning = first.meaning !== undefined;
  const right = readForMeaning ? probability(RIGHT_MEANING_MODEL, RIGHT_MEANING_FEATURES, values) : probability(RIGHT_MODEL, RIGHT_FEATURES, values);
  const likelyRight = right >= (readForMeaning ? CONFIDENCE.likelyRightAtMeaning : CONFIDENCE.likelyRightAt);
  const measured = { features: values, scopeFeatures: scopeValues, likelyRight };
  if (inScope < CONFIDENCE.inScopeAt) {
    const inField = !options.evidence.outOfScopeCue && options.evidence.inScope >= CONFIDENCE.fieldAt && inScope >= CONFIDENCE.fieldInScopeAt;
    return { status: 'no_match', suggestions: [], inScope, right, inField, ...measured };
  }
  const companion = (r: Ranked): boolean => options.related?.(first.id, r.id) ?? false;
  const alternatives = ranked
    .slice(1)
    .filter((r) => r.score >= first.score * CONFIDENCE.suggestionShare)
    .slice(0, CONFIDENCE.maxSuggestions);
  if (right >= (readForMeaning ? CONFIDENCE.answerAtMeaning : CONFIDENCE.answerAt)) {
    return { status: 'answered', best: first, suggestions: alternatives.filter(companion), inScope, right, inField: true, ...measured };
  }
  return { status: 'ambiguous', best: first, suggestions: alternatives, inScope, right, inField: true, ...measured };
}
