// Which entry does a question mean? A multinomial logistic regression (softmax) over the question's terms
// and neighbouring term pairs, learned when the knowledge loads from every entry's own phrasings (its
// title, questions and keywords). Where the index (entry-index.ts) adds up how much of the question an
// entry's text covers, this model learns which words tell entries apart: a word every referral entry uses
// weighs little, "consent" weighs for the consent entry against its neighbours, and a context word that
// no phrasing uses costs nothing. The search blends the two (search.ts). A feature weighs only for the
// entries whose phrasings use it (the rest keep 0), so learning grows with how often words are shared,
// not with entries × words.
import { runSteps, type Steps } from './steps.ts';
import { withPairs } from './scope-model.ts';

export interface IntentModel {
  /**
   * The probability of each entry (by position) given the question's weighted terms; pairs of
   * neighbouring terms count at the lesser weight of the two.
   */
  probabilities(terms: readonly string[], weights: ReadonlyMap<string, number>): Float64Array;
}

export interface IntentTraining {
  /** For each entry (by position), the term lists of its phrasings. */
  phrasings: readonly (readonly (readonly string[])[])[];
}

/** Passes over the examples: enough for the weights to settle on a few thousand short phrasings. */
const EPOCHS = 15;
/**
 * A larger knowledge base has more phrasings, so fewer passes see each as often as the shipped one does:
 * the passes shrink to keep about this many example readings (never fewer than MIN_EPOCHS passes).
 */
const EXAMPLE_READINGS = 120_000;
const MIN_EPOCHS = 3;
const LEARNING_RATE = 0.6;
/** Pulls every weight towards 0: a word seen once says little. */
const L2 = 1e-5;
/**
 * Beyond this many entries learning at load takes too long (words are shared by more entries the more
 * there are): no opinion then, and the index ranks alone.
 */
export const MAX_INTENT_ENTRIES = 1_000;
/**
 * Above this many entries a feature weighs only for the CLASS_CAP entries it is most characteristic of
 * (the largest share of their phrasings use it): a word a thousand entries share says little about which
 * one is meant, and learning every one of them is what made a large knowledge base slow to learn.
 */
const ALL_CLASSES_UP_TO = 400;
const CLASS_CAP = 64;
/** How many examples are read between two steps of a sliced build. */
const EXAMPLES_PER_STEP = 200;

export function trainIntentModel(training: IntentTraining): IntentModel | undefined {
  return runSteps(intentModelSteps(training));
}

export function* intentModelSteps(training: IntentTraining): Steps<IntentModel | undefined> {
  const classes = training.phrasings.length;
  if (classes < 2 || classes > MAX_INTENT_ENTRIES) return undefined;
  const featureOf = new Map<string, number>();
  const examples: { features: number[]; label: number }[] = [];
  // For each feature, the entries whose phrasings use it, with how many of their phrasings do: only those
  // entries weigh it (the rest keep 0).
  const classCounts: Map<number, number>[] = [];
  training.phrasings.forEach((list, label) => {
    for (const terms of list) {
      const features: number[] = [];
      for (const f of withPairs(terms)) {
        let id = featureOf.get(f);
        if (id === undefined) {
          id = featureOf.size;
          featureOf.set(f, id);
          classCounts.push(new Map());
        }
        if (!features.includes(id)) {
          features.push(id);
          classCounts[id]!.set(label, (classCounts[id]!.get(label) ?? 0) + 1);
        }
      }
      if (features.length) examples.push({ features, label });
    }
  });
  yield;
  const cap = classes > ALL_CLASSES_UP_TO ? CLASS_CAP : Infinity;
  const sizes = training.phrasings.map((list) => list.length || 1);
  const classesOf = classCounts.map((counts) => {
    let labels = [...counts.keys()];
    if (labels.length > cap) {
      labels = labels.sort((a, b) => counts.get(b)! / sizes[b]! - counts.get(a)! / sizes[a]! || a - b).slice(0, cap);
    }
    return Int32Array.from(labels.sort((a, b) => a - b));
  });
  const weights = classesOf.map((list) => new Float64Array(list.length));
  const scores = new Float64Array(classes);
  const touched: number[] = [];
  const seen = new Uint8Array(classes);
  // A fixed shuffle: the same knowledge always learns the same weights.
  const order = examples.map((_, i) => i);
  let seed = 12345;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const epochs = Math.min(EPOCHS, Math.max(MIN_EPOCHS, Math.round(EXAMPLE_READINGS / Math.max(1, examples.length))));
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const rate = LEARNING_RATE / (1 + epoch * 0.2);
    let n = 0;
    for (const k of order) {
      const { features, label } = examples[k]!;
      const x = 1 / Math.sqrt(features.length);
      const [z] = scoreSparse(scores, touched, seen, classesOf, weights, features, () => x, classes);
      // softmax gradient: p - 1 for the label, p for every other entry the features touch
      for (const c of touched) scores[c] = Math.exp(scores[c]!) / z - (c === label ? 1 : 0);
      for (const f of features) {
        const list = classesOf[f]!;
        const w = weights[f]!;
        for (let i = 0; i < list.length; i++) w[i]! -= rate * (scores[list[i]!]! * x + L2 * w[i]!);
      }
      if (++n % EXAMPLES_PER_STEP === 0) yield;
    }
  }
  return {
    probabilities(terms, termWeights) {
      const features: number[] = [];
      const values: number[] = [];
      const add = (f: string, v: number): void => {
        const id = featureOf.get(f);
        if (id === undefined || v <= 0) return;
        const at = features.indexOf(id);
        if (at >= 0) values[at] = Math.max(values[at]!, v);
        else {
          features.push(id);
          values.push(v);
        }
      };
      for (const t of terms) add(t, Math.min(1, termWeights.get(t) ?? 1));
      for (let i = 1; i < terms.length; i++) {
        add(`${terms[i - 1]} ${terms[i]}`, Math.min(1, termWeights.get(terms[i - 1]!) ?? 1, termWeights.get(terms[i]!) ?? 1));
      }
      const norm = Math.sqrt(values.reduce((s, v) => s + v * v, 0)) || 1;
      const out = new Float64Array(classes);
      const touchedHere: number[] = [];
      const seenHere = new Uint8Array(classes);
      const [z, max] = scoreSparse(out, touchedHere, seenHere, classesOf, weights, features, (_, i) => values[i]! / norm, classes);
      // an entry none of the question's features touch sits at 0, shifted like the rest
      const untouched = Math.exp(-max);
      for (let c = 0; c < classes; c++) out[c] = seenHere[c] ? Math.exp(out[c]!) / z : untouched / z;
      return out;
    },
  };
}

/**
 * Each touched entry's score (into `scores`, shifted by the largest, itself at least 0: an entry none of
 * the features touch scores 0), the softmax's normaliser (Σ exp over every entry, the untouched ones at
 * exp(0 - max)) and the shift.
 */
function scoreSparse(
  scores: Float64Array, touched: number[], seen: Uint8Array, classesOf: readonly Int32Array[], weights: readonly Float64Array[],
  features: readonly number[], valueOf: (f: number, i: number) => number, classes: number,
): [normaliser: number, max: number] {
  for (const c of touched) {
    scores[c] = 0;
    seen[c] = 0;
  }
  touched.length = 0;
  features.forEach((f, i) => {
    const v = valueOf(f, i);
    const list = classesOf[f]!;
    const w = weights[f]!;
    for (let j = 0; j < list.length; j++) {
      const c = list[j]!;
      if (!seen[c]) {
        seen[c] = 1;
        touched.push(c);
      }
      scores[c]! += w[j]! * v;
    }
  });
  let max = 0;
  for (const c of touched) if (scores[c]! > max) max = scores[c]!;
  let z = (classes - touched.length) * Math.exp(-max);
  for (const c of touched) {
    scores[c]! -= max;
    z += Math.exp(scores[c]!);
  }
  return [z, max];
}
