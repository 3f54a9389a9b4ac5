// A second way to hear danger now, beside the patterns in urgency.ts: a logistic regression over a
// message's words and word pairs, learned when the knowledge loads from its `danger_now_examples` against
// its `calm_examples`, its out-of-scope examples and every entry's own phrasings. The patterns know the
// ways of saying danger that someone wrote down; the model generalises from examples to ways nobody wrote
// down ("the minder won't leave the room and she keeps looking at the door"). What it flags shows the 999
// banner over the best match (a sign of risk); it never replaces an answer with the danger-now guidance
// by itself.
import type { Urgency } from './urgency.ts';
import { toldAsOver } from './urgency.ts';
import { spelledOut } from './normalize.ts';
import { scopeModelSteps } from './scope-model.ts';
import type { Steps } from './steps.ts';
import type { Entry } from '../knowledge/schema.ts';
import { phrasingsOf } from '../knowledge/knowledge-base.ts';

/** How likely a message must be to say danger now before it gets the banner. */
export const DANGER_AT = 0.7;

export interface DangerTraining {
  entries: readonly Entry[];
  dangerNow?: readonly string[];
  calm?: readonly string[];
  /** Questions outside the field (`out_of_scope`): everyday words (a car crash, a cracked screen) are not danger. */
  outOfScope?: readonly string[];
}

/** The model as a function of the message: `risk` (or `past` when the danger is told as over) or `none`. */
export type DangerModel = (message: string) => Urgency;

const words = (text: string): string[] => spelledOut(text).split(' ').filter(Boolean);

export function* dangerModelSteps(training: DangerTraining): Steps<DangerModel> {
  const dangerNow = training.dangerNow ?? [];
  if (dangerNow.length === 0) return () => 'none';
  const calm: string[][] = [...(training.calm ?? []), ...(training.outOfScope ?? [])].map(words);
  for (const entry of training.entries) {
    if (entry.urgent) continue;
    for (const text of phrasingsOf(entry)) calm.push(words(text));
    yield;
  }
  const model = yield* scopeModelSteps({ inScope: dangerNow.map(words), outOfScope: calm });
  return (message) => {
    const text = spelledOut(message);
    if (model.inScope(text.split(' ').filter(Boolean)) < DANGER_AT) return 'none';
    return toldAsOver(text) ? 'past' : 'risk';
  };
}
