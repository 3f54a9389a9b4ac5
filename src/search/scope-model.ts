// Is a question about this bot's field at all? A logistic regression over the question's terms, learned
// when the knowledge loads: every entry's own phrasings (its title and questions) are examples of the
// field, and the knowledge's `out_of_scope` list holds examples of questions it must not answer ("refer a
// patient for physio", "car wash prices in Swindon"). It learns which words belong to the field and which
// only look as if they do, so a referral to physio or a pothole in a named town is refused while a
// practitioner's long message about a lad at a car wash is not.
import { runSteps, type Steps } from './steps.ts';

export interface ScopeModel {
  /** How likely the question (its search terms) is one this bot should answer, 0..1. */
  inScope(terms: readonly string[]): number;
}

export interface ScopeTraining {
  /** Term lists of the field's own phrasings. */
  inScope: readonly (readonly string[])[];
  /** Term lists of the examples it must not answer. */
  outOfScope: readonly (readonly string[])[];
}

/** Full-batch gradient steps: enough for the weights to settle on a few thousand short examples. */
const STEPS = 150;
const LEARNING_RATE = 2.5;
/** Pulls every weight towards 0: a word seen once says little. */
const L2 = 0.0005;
/** How many examples are read between two steps of a sliced build. */
const EXAMPLES_PER_STEP = 500;
/** Beyond this many field phrasings, an even sample keeps training time flat as the knowledge grows. */
const MAX_IN_SCOPE_EXAMPLES = 6_000;

/** Without examples of what is out of scope there is nothing to learn from: no opinion either way. */
const NO_OPINION: ScopeModel = { inScope: () => 0.5 };

export function trainScopeModel(training: ScopeTraining): ScopeModel {
  return runSteps(scopeModelSteps(training));
}

/** The model, trained in steps (see steps.ts): one gradient step a step. */
export function* scopeModelSteps(training: ScopeTraining): Steps<ScopeModel> {
  if (training.outOfScope.length === 0 || training.inScope.length === 0) return NO_OPINION;
  const inScope = evenSample(training.inScope, MAX_IN_SCOPE_EXAMPLES);
  const featureOf = new Map<string, number>();
  const encode = (terms: readonly string[], grow: boolean): number[] => {
    const ids = new Set<number>();
    for (const t of withPairs(terms)) {
      let id = featureOf.get(t);
      if (id === undefined && grow) {
        id = featureOf.size;
        featureOf.set(t, id);
      }
      if (id !== undefined) ids.add(id);
    }
    return [...ids];
  };
  const examples: { features: number[]; label: number }[] = [];
  for (const [list, label] of [[inScope, 1], [training.outOfScope, 0]] as const) {
    for (const terms of list) {
      examples.push({ features: encode(terms, true), label });
      if (examples.length % EXAMPLES_PER_STEP === 0) yield;
    }
  }
  // Each class weighs half of the total, however many examples it has.
  const weightOf = [0.5 / training.outOfScope.length, 0.5 / inScope.length];
  const weights = new Float64Array(featureOf.size);
  let bias = 0;
  const gradient = new Float64Array(featureOf.size);
  for (let step = 0; step < STEPS; step++) {
    yield;
    gradient.fill(0);
    let biasGradient = 0;
    for (const { features, label } of examples) {
      let z = bias;
      for (const f of features) z += weights[f]!;
      const error = (sigmoid(z) - label) * weightOf[label]!;
      biasGradient += error;
      for (const f of features) gradient[f]! += error;
    }
    for (let f = 0; f < weights.length; f++) weights[f]! -= LEARNING_RATE * (gradient[f]! + L2 * weights[f]!);
    bias -= LEARNING_RATE * biasGradient;
  }
  return {
    inScope(terms) {
      let z = bias;
      for (const f of encode(terms, false)) z += weights[f]!;
      return sigmoid(z);
    },
  };
}

/**
 * The terms and each pair of neighbouring terms: "not paid" and "car wash prices" say more about whether a
 * question belongs to the field than "not", "paid", "car", "wash" and "prices" apart.
 */
export function withPairs(terms: readonly string[]): string[] {
  const out = [...terms];
  for (let i = 1; i < terms.length; i++) out.push(`${terms[i - 1]} ${terms[i]}`);
  return out;
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function evenSample<T>(list: readonly T[], max: number): readonly T[] {
  if (list.length <= max) return list;
  const step = list.length / max;
  return Array.from({ length: max }, (_, i) => list[Math.floor(i * step)]!);
}
