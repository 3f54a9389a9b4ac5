// What a channel needs from the core to answer people: one object, handed to each channel by main.ts.
// It always reads the current knowledge, so a hot reload reaches every channel without them knowing.
import type { Answer } from './answer.ts';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import type { Platform } from '../store/store.ts';

export type Surface = Platform | 'console';

export interface Assistant {
  /** Answer a question. Unanswered and ambiguous questions are recorded, redacted, for the admins. */
  ask(question: string, surface: Surface): Answer;
  /** The answer for one entry, as when someone clicks a "Did you mean" or follow-up button. */
  answerEntry(id: string, surface: Surface): Answer | undefined;
  /** Record a 👍 / 👎 on an answer (the question, if given, is redacted before it is stored). */
  feedback(entryId: string, helpful: boolean, surface: Surface, question?: string): void;
  /** The knowledge being served now. */
  knowledge(): KnowledgeBase;
}
