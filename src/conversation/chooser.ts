// A dead end with a way out. When a question is about this field but no entry is confident, the no-match
// fallback (helpline, 999, how to ask) is shown with a short list of what people most often need; picking
// one shows that entry. This module alone decides *when* the chooser is offered and *which* options it
// holds; the conversation shows whatever it returns, and the channels render it as buttons or numbers.
import type { Answer } from '../answer/answer.ts';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import { hasOutOfScopeCue } from '../search/scope.ts';
import type { Choice } from './choice.ts';

export interface ChooserOption {
  /** The button label or the numbered line: short enough for a phone (Teams cuts at 40 characters). */
  label: string;
  /** What picking it does. */
  choice: Choice;
}

export interface Chooser {
  /** The line above the options. */
  prompt: string;
  options: readonly ChooserOption[];
}

export interface ChooserInput {
  /** The question as asked. */
  question: string;
  /** The answer it got (the chooser is only for a `no_match`). */
  answer: Answer;
  /** The knowledge being served: an option whose entry it lacks is left out. */
  knowledge: KnowledgeBase;
}

export const CHOOSER = {
  prompt: 'I could not match that to one answer. Is it one of these?',
} as const;

/** The options, most needed first, each pointing at the shipped entry that answers it. */
export const CHOOSER_OPTIONS: readonly { label: string; entry: string }[] = [
  { label: 'Refer a child (under 18)', entry: 'child-referral-nrm' },
  { label: 'Refer an adult', entry: 'nrm-adult-consents' },
  { label: 'Spot the signs', entry: 'signs-general' },
  { label: 'A partnership or contact for a place', entry: 'find-a-local-partnership' },
  { label: 'The helpline: advice on a case, 24/7', entry: 'modern-slavery-helpline' },
];

/** The chooser to show with this answer, or undefined when none should be offered. */
export function chooserFor(input: ChooserInput): Chooser | undefined {
  const { answer, question, knowledge } = input;
  if (answer.status !== 'no_match' || answer.urgent) return undefined;
  // Only a dead end in the field gets the chooser (the search says whether it is: its words belong to the
  // field, though no entry fits); an off-topic question, or an everyday request, gets the fallback alone.
  if (!answer.inField || hasOutOfScopeCue(question)) return undefined;
  const options = CHOOSER_OPTIONS.filter((o) => knowledge.byId.has(o.entry)).map(
    (o): ChooserOption => ({ label: o.label, choice: { kind: 'entry', id: o.entry } }),
  );
  return options.length > 0 ? { prompt: CHOOSER.prompt, options } : undefined;
}
