// Score and margin → answered / ambiguous / no_match. A confident wrong answer is the worst outcome, so
// "answered" needs both a strong top score and a clear lead over the runner-up.
/** What the search decided: one entry, a best guess with choices, or nothing to give. */
export type AnswerStatus = 'answered' | 'ambiguous' | 'no_match';

export const CONFIDENCE = {
  /** Below this the best entry covers too little of the question: say so and give the helpline. */
  noMatchBelow: 0.4,
  /** At or above this (with the margin below) the best entry is shown as the answer. */
  answerAt: 0.6,
  /** The runner-up must trail the best by at least this share of the best score. */
  margin: 0.2,
  /** Suggestions must reach this share of the best score to be worth offering. */
  suggestionShare: 0.6,
  maxSuggestions: 3,
  /** With an everyday-request cue ("near me", "recipe"), only a near-perfect fit is answered. */
  outOfScopeAnswerAt: 0.85,
} as const;

export interface Ranked {
  id: string;
  score: number;
}

export interface Decision {
  status: AnswerStatus;
  /** The entry to show (absent for no_match). */
  best?: Ranked;
  /** "Did you mean" alternatives, best first, never including `best`. */
  suggestions: Ranked[];
}

export interface DecideOptions {
  /** The question has an everyday-request cue ("near me", "recipe"). */
  outOfScopeCue?: boolean;
  /** The question has no topic word the knowledge knows ("cant", "help"): nothing to answer confidently. */
  tooThin?: boolean;
  /** Whether two entries are companions (one lists the other): a companion runner-up is no rival. */
  related?: (a: string, b: string) => boolean;
}

export function decide(ranked: readonly Ranked[], options: DecideOptions = {}): Decision {
  const [first] = ranked;
  if (!first || first.score < CONFIDENCE.noMatchBelow || options.tooThin) return { status: 'no_match', suggestions: [] };
  if (options.outOfScopeCue && first.score < CONFIDENCE.outOfScopeAnswerAt) return { status: 'no_match', suggestions: [] };
  const companion = (r: Ranked): boolean => options.related?.(first.id, r.id) ?? false;
  // The lead is measured to the best rival; companions of the best entry are offered beside it instead.
  const rival = ranked.slice(1).find((r) => !companion(r));
  const lead = rival ? (first.score - rival.score) / first.score : 1;
  const alternatives = ranked
    .slice(1)
    .filter((r) => r.score >= first.score * CONFIDENCE.suggestionShare)
    .slice(0, CONFIDENCE.maxSuggestions);
  if (first.score >= CONFIDENCE.answerAt && lead >= CONFIDENCE.margin) {
    return { status: 'answered', best: first, suggestions: alternatives.filter(companion) };
  }
  return { status: 'ambiguous', best: first, suggestions: alternatives };
}
