// `npm run calibrate`: fits the confidence models (src/search/confidence.ts) on the development question sets
// (the right model for questions read for meaning on them and the phrasings calibration set) and prints their
// weights, with what they give on each set at the thresholds in CONFIDENCE.
// The held-out sets (test/eval/heldout/) are never read here: a figure fitted on is not a result.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKnowledge } from '../../src/knowledge/loader.ts';
import { createSearch } from '../../src/search/search.ts';
import { parseEvalFile } from '../../src/eval/evaluate.ts';
import { createMeaningReader } from '../../src/answer/meaning-reader.ts';
import { DEFAULTS } from '../../src/config.ts';
import {
  CONFIDENCE, IN_SCOPE_FEATURES, IN_SCOPE_WORDS_FEATURES, RIGHT_FEATURES, RIGHT_MEANING_FEATURES, type FeatureName, type LogisticModel,
} from '../../src/search/confidence.ts';

/**
 * The dev sets; with --with-calibration-sets, also test/eval/calibrate-*.yaml for the in-scope model and
 * RIGHT_MODEL: questions written blind from each entry's own text for that entry (one acceptable entry each,
 * so stricter than the dev sets' labels), which the search answers about as well as the held-out sets. They
 * are not gated by `npm test`; of the weights in confidence.ts only RIGHT_MEANING_MODEL was fitted with one of
 * them (the phrasings set, below).
 */
const WITH_CALIBRATION_SETS = process.argv.includes('--with-calibration-sets');
const DEV_FILES = [
  'test/eval/questions.yaml',
  ...readdirSync('test/eval')
    .filter((f) => (WITH_CALIBRATION_SETS ? /^(dev|calibrate)-.*\.yaml$/ : /^dev-.*\.yaml$/).test(f))
    .sort()
    .map((f) => join('test/eval', f)),
];
/**
 * The right model for questions read for meaning is fitted on the dev sets and the phrasings calibration
 * set together: the dev sets alone, tuned on for long, make every measurement look surer than it is on
 * questions nobody here wrote.
 */
const MEANING_RIGHT_FILES = ['test/eval/calibrate-phrasings.yaml'];
const FILES = [...DEV_FILES, ...MEANING_RIGHT_FILES.filter((f) => !DEV_FILES.includes(f))];
/** An off-topic question answered is worse than an in-scope one refused: it counts this many times. */
const OFF_TOPIC_WEIGHT = 4;
const STEPS = 4_000;
const LEARNING_RATE = 0.5;
const L2 = 0.003;

const { kb, problems } = loadKnowledge(process.env.KNOWLEDGE_DIR ?? 'knowledge');
if (!kb) {
  console.error(problems.map((p) => `${p.file}:${p.line}:${p.col}: ${p.message}`).join('\n'));
  process.exit(1);
}
/**
 * Dev questions that are also out-of-scope examples would be judged by a scope model that learned them:
 * each file is scored by a search whose scope model never saw that file's questions (cross-fitting).
 */
const searchFor = (questions: readonly string[]) => {
  const own = new Set(questions.map((q) => q.toLowerCase()));
  return createSearch({ entries: kb.entries, synonyms: kb.synonyms, outOfScope: kb.outOfScope.filter((q) => !own.has(q.toLowerCase())) });
};

interface Sample {
  file: string;
  values: Record<FeatureName, number>;
  /** What the in-scope model weighs: the same measurements of the index's own best entry. */
  scopeValues: Record<FeatureName, number>;
  /** 1 for a question this bot should answer, 0 for off-topic. */
  inScope: 0 | 1;
  /** For in-scope questions with acceptable entries: 1 when the best entry is one of them. */
  right?: 0 | 1;
}

const reader = createMeaningReader({ cachePath: DEFAULTS.meaningCache });
const allSamples: Sample[] = [];
for (const file of FILES) {
  const items = parseEvalFile(readFileSync(file, 'utf8'));
  const search = searchFor(items.map((i) => i.q));
  // read for meaning as the bot reads them (src/search/meaning.ts), against out-of-scope examples that are
  // not this file's own questions (the same cross-fitting as the scope model's)
  const own = new Set(items.map((i) => i.q.toLowerCase()));
  const meanings = await reader.meaningsOf({ ...kb, outOfScope: kb.outOfScope.filter((q) => !own.has(q.toLowerCase())) }, items.map((i) => i.q));
  for (const item of items) {
    // A danger-now message gets the danger-now guidance whether or not the search finds it in scope:
    // it says nothing about where the line between the field and the rest lies.
    if (item.urgent) continue;
    const result = search.search(item.q, meanings[items.indexOf(item)]);
    if (!result.features) continue;
    const best = result.ranked[0]!;
    const expected = item.expect ?? [];
    allSamples.push({
      file,
      values: result.features,
      scopeValues: result.scopeFeatures ?? result.features,
      inScope: item.off_topic ? 0 : 1,
      ...(!item.off_topic && !item.urgent && expected.length > 0 ? { right: expected.includes(best.id) ? 1 : 0 } : {}),
    });
  }
}

function fit(names: readonly FeatureName[], rows: { values: Record<FeatureName, number>; y: number; weight: number }[]): LogisticModel {
  const w = new Array<number>(names.length).fill(0);
  let b = 0;
  const total = rows.reduce((sum, r) => sum + r.weight, 0);
  for (let step = 0; step < STEPS; step++) {
    const g = new Array<number>(names.length).fill(0);
    let gb = 0;
    for (const r of rows) {
      let z = b;
      names.forEach((n, i) => (z += w[i]! * r.values[n]));
      const e = ((1 / (1 + Math.exp(-z))) - r.y) * r.weight;
      gb += e;
      names.forEach((n, i) => (g[i]! += e * r.values[n]));
    }
    names.forEach((_, i) => (w[i]! -= LEARNING_RATE * (g[i]! / total + L2 * w[i]!)));
    b -= LEARNING_RATE * (gb / total);
  }
  return { weights: w.map((x) => Math.round(x * 100) / 100), bias: Math.round(b * 100) / 100 };
}

const p = (m: LogisticModel, names: readonly FeatureName[], v: Record<FeatureName, number>): number => {
  let z = m.bias;
  names.forEach((n, i) => (z += m.weights[i]! * v[n]));
  return 1 / (1 + Math.exp(-z));
};

const rate = (part: number, whole: number): string => `${part}/${whole}`;
// Everything but the meaning right model is fitted and reported on the dev sets alone.
const samples = allSamples.filter((s) => DEV_FILES.includes(s.file));
// The calibration sets hold no off-topic questions: they would only tilt the in-scope model towards answering.
const scopeSamples = samples.filter((s) => !/calibrate-/.test(s.file));
const inScopeModel = fit(IN_SCOPE_FEATURES, scopeSamples.map((s) => ({ values: s.scopeValues, y: s.inScope, weight: s.inScope ? 1 : OFF_TOPIC_WEIGHT })));
const rightRows = samples.filter((s) => s.right !== undefined);
const rightModel = fit(RIGHT_FEATURES, rightRows.map((s) => ({ values: s.values, y: s.right!, weight: 1 })));

console.log(`// Fitted by \`npm run calibrate\` on the development sets (${DEV_FILES.join(', ')}).`);
console.log(`export const IN_SCOPE_MODEL: LogisticModel = { weights: [${inScopeModel.weights.join(', ')}], bias: ${inScopeModel.bias} };`);
// the same questions weighed by their words alone (closeness in meaning left out), for MEANING_MODEL=off
const wordsModel = fit(IN_SCOPE_WORDS_FEATURES, scopeSamples.map((s) => ({ values: s.scopeValues, y: s.inScope, weight: s.inScope ? 1 : OFF_TOPIC_WEIGHT })));
console.log(`export const IN_SCOPE_WORDS_MODEL: LogisticModel = { weights: [${wordsModel.weights.join(', ')}], bias: ${wordsModel.bias} };`);
console.log(`export const RIGHT_MODEL: LogisticModel = { weights: [${rightModel.weights.join(', ')}], bias: ${rightModel.bias} };`);
console.log();
console.log('inScopeAt sweep (all dev sets, off-topic judged by a scope model that never saw them): off-topic refused / in-scope right answers kept');
for (const at of [0.4, 0.5, 0.6, 0.7]) {
  const off = samples.filter((s) => !s.inScope);
  const refused = off.filter((s) => p(inScopeModel, IN_SCOPE_FEATURES, s.scopeValues) < at).length;
  const right = samples.filter((s) => s.right === 1);
  const kept = right.filter((s) => p(inScopeModel, IN_SCOPE_FEATURES, s.scopeValues) >= at).length;
  console.log(`  ${at}: ${rate(refused, off.length)} refused, ${rate(kept, right.length)} kept`);
}
console.log('answerAt sweep (all dev sets): answered wrongly / right but hedged');
for (const at of [0.8, 0.85, 0.9, 0.93, 0.95, 0.97]) {
  const kept = samples.filter((s) => s.right !== undefined && p(inScopeModel, IN_SCOPE_FEATURES, s.scopeValues) >= CONFIDENCE.inScopeAt);
  const wrong = kept.filter((s) => !s.right && p(rightModel, RIGHT_FEATURES, s.values) >= at).length;
  const hedged = kept.filter((s) => s.right && p(rightModel, RIGHT_FEATURES, s.values) < at).length;
  console.log(`  ${at}: ${rate(wrong, kept.length)} wrong, ${rate(hedged, kept.filter((s) => s.right).length)} hedged`);
}
console.log();
for (const file of DEV_FILES) {
  const mine = samples.filter((s) => s.file === file);
  const off = mine.filter((s) => !s.inScope);
  const refused = off.filter((s) => p(inScopeModel, IN_SCOPE_FEATURES, s.scopeValues) < CONFIDENCE.inScopeAt).length;
  const scored = mine.filter((s) => s.right !== undefined);
  const kept = scored.filter((s) => p(inScopeModel, IN_SCOPE_FEATURES, s.scopeValues) >= CONFIDENCE.inScopeAt);
  const answered = kept.filter((s) => p(rightModel, RIGHT_FEATURES, s.values) >= CONFIDENCE.answerAt);
  const wrong = answered.filter((s) => !s.right).length;
  const rightKept = kept.filter((s) => s.right).length;
  const hedged = kept.filter((s) => s.right && p(rightModel, RIGHT_FEATURES, s.values) < CONFIDENCE.answerAt).length;
  console.log(
    `${file}: off-topic refused ${refused}/${off.length}; in-scope right and kept ${rightKept}/${scored.length}; ` +
      `answered wrongly ${wrong}; right but hedged ${hedged}/${rightKept}`,
  );
}

// How the fitted right model holds on a set it was not fitted on: each dev file in turn is left out of the
// fit and scored (a fairer guide to questions nobody here wrote than the in-sample figures above).
console.log();
console.log('answerAt sweep, each file scored by a right model fitted without it: answered wrongly / right but hedged');
const unseen = new Map<number, { wrong: number; kept: number; hedged: number; right: number }>();
for (const file of DEV_FILES) {
  const others = rightRows.filter((s) => s.file !== file);
  if (others.length === rightRows.length) continue;
  const model = fit(RIGHT_FEATURES, others.map((s) => ({ values: s.values, y: s.right!, weight: 1 })));
  const kept = samples.filter((s) => s.file === file && s.right !== undefined && p(inScopeModel, IN_SCOPE_FEATURES, s.scopeValues) >= CONFIDENCE.inScopeAt);
  for (const at of [0.8, 0.85, 0.9, 0.93, 0.95, 0.97]) {
    const sum = unseen.get(at) ?? { wrong: 0, kept: 0, hedged: 0, right: 0 };
    sum.wrong += kept.filter((s) => !s.right && p(model, RIGHT_FEATURES, s.values) >= at).length;
    sum.hedged += kept.filter((s) => s.right && p(model, RIGHT_FEATURES, s.values) < at).length;
    sum.kept += kept.length;
    sum.right += kept.filter((s) => s.right).length;
    unseen.set(at, sum);
  }
}
for (const [at, sum] of unseen) console.log(`  ${at}: ${rate(sum.wrong, sum.kept)} wrong, ${rate(sum.hedged, sum.right)} hedged`);

// The right model for questions read for meaning: fitted on the dev sets and the phrasings calibration set
// (the questions the in-scope model keeps), on standardised measurements, printed in raw units.
const MEANING_STEPS = 3_000;
function fitStandardised(names: readonly FeatureName[], rows: { values: Record<FeatureName, number>; y: number }[]): LogisticModel {
  const mean = names.map((n) => rows.reduce((sum, r) => sum + r.values[n], 0) / rows.length);
  const spread = names.map((n, i) => Math.sqrt(rows.reduce((sum, r) => sum + (r.values[n] - mean[i]!) ** 2, 0) / rows.length) || 1);
  const x = rows.map((r) => names.map((n, i) => (r.values[n] - mean[i]!) / spread[i]!));
  const w = new Array<number>(names.length).fill(0);
  let b = 0;
  for (let step = 0; step < MEANING_STEPS; step++) {
    const g = new Array<number>(names.length).fill(0);
    let gb = 0;
    rows.forEach((r, k) => {
      let z = b;
      x[k]!.forEach((v, i) => (z += w[i]! * v));
      const e = 1 / (1 + Math.exp(-z)) - r.y;
      gb += e;
      x[k]!.forEach((v, i) => (g[i]! += e * v));
    });
    names.forEach((_, i) => (w[i]! -= LEARNING_RATE * (g[i]! / rows.length + L2 * w[i]!)));
    b -= LEARNING_RATE * (gb / rows.length);
  }
  const weights = w.map((wi, i) => wi / spread[i]!);
  const bias = b - weights.reduce((sum, wi, i) => sum + wi * mean[i]!, 0);
  return { weights: weights.map((v) => Math.round(v * 1000) / 1000), bias: Math.round(bias * 1000) / 1000 };
}
const keptRows = allSamples.filter((s) => s.right !== undefined && p(inScopeModel, IN_SCOPE_FEATURES, s.scopeValues) >= CONFIDENCE.inScopeAt);
const meaningModel = fitStandardised(RIGHT_MEANING_FEATURES, keptRows.map((s) => ({ values: s.values, y: s.right! })));
console.log();
console.log(`// Fitted by \`npm run calibrate\` on ${[...DEV_FILES, ...MEANING_RIGHT_FILES].join(', ')}.`);
console.log(`export const RIGHT_MEANING_MODEL: LogisticModel = { weights: [${meaningModel.weights.join(', ')}], bias: ${meaningModel.bias} };`);
// Each file left out of the fit in turn (the calibration set in three parts), scored by a model fitted on the rest.
const part = (s: Sample, i: number): string => (MEANING_RIGHT_FILES.includes(s.file) ? `${s.file}#${i % 3}` : s.file);
const parts = keptRows.map(part);
const unseenScores = keptRows.map(() => 0);
for (const held of new Set(parts)) {
  const model = fitStandardised(RIGHT_MEANING_FEATURES, keptRows.filter((_, i) => parts[i] !== held).map((s) => ({ values: s.values, y: s.right! })));
  keptRows.forEach((s, i) => {
    if (parts[i] === held) unseenScores[i] = p(model, RIGHT_MEANING_FEATURES, s.values);
  });
}
console.log('answerAtMeaning sweep, each part scored by a model fitted without it: answered wrongly / right but hedged');
for (const at of [0.8, 0.85, 0.88, 0.9, 0.92, 0.93, 0.95]) {
  const line = (calibration: boolean): string => {
    const mine = keptRows.map((s, i) => ({ s, score: unseenScores[i]! })).filter(({ s }) => MEANING_RIGHT_FILES.includes(s.file) === calibration);
    const wrong = mine.filter(({ s, score }) => !s.right && score >= at).length;
    const right = mine.filter(({ s }) => s.right).length;
    const hedged = mine.filter(({ s, score }) => s.right && score < at).length;
    return `${rate(wrong, mine.length)} wrong, ${rate(hedged, right)} hedged`;
  };
  const inSample = keptRows.filter((s) => MEANING_RIGHT_FILES.includes(s.file));
  console.log(
    `  ${at}: calibration set ${line(true)}; dev sets ${line(false)}` +
      ` (in-sample, calibration set: ${inSample.filter((s) => !s.right && p(meaningModel, RIGHT_MEANING_FEATURES, s.values) >= at).length} wrong)`,
  );
}
