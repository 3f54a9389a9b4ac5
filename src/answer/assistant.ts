// What a channel needs from the core to answer people: one object, handed to each channel by main.ts.
// It always reads the current knowledge, so a hot reload reaches every channel without them knowing.
import type { Answer } from './answer.ts';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import type { Platform, Store } from '../store/store.ts';
import { createGuide } from './guide.ts';

export type Surface = Platform | 'console';

export interface Assistant {
  /** Answer a question. Unanswered and ambiguous questions are recorded, redacted, for the admins. */
  ask(question: string, surface: Surface): Promise<Answer>;
  /** The answer for one entry, as when someone clicks a "Did you mean" or follow-up button. */
  answerEntry(id: string, surface: Surface): Answer | undefined;
  /** Record a 👍 / 👎 on an answer (the question, if given, is redacted before it is stored). */
  feedback(entryId: string, helpful: boolean, surface: Surface, question?: string): Promise<void>;
  /** The knowledge being served now. */
  knowledge(): KnowledgeBase;
}

export interface AssistantOptions {
  /** The knowledge to answer from; read once per question (hot reload swaps what it returns). */
  knowledge: () => KnowledgeBase;
  /** Where unanswered questions and feedback go (redacted by the store). Optional: the CLI has none. */
  store?: Pick<Store, 'recordUnanswered' | 'recordFeedback'>;
  now?: () => Date;
  /** Told when recording fails; answering never fails because recording did. */
  onRecordError?: (error: unknown) => void;
}

export function createAssistant(options: AssistantOptions): Assistant {
  const now = options.now ?? (() => new Date());
  const record = async (write: () => Promise<void>): Promise<void> => {
    try {
      await write();
    } catch (error) {
      options.onRecordError?.(error);
    }
  };
  return {
    async ask(question, surface) {
      const answer = createGuide(options.knowledge()).ask(question, now());
      if (answer.status !== 'answered' && options.store) {
        const store = options.store;
        await record(() =>
          store.recordUnanswered({ question, status: answer.status as 'no_match' | 'ambiguous', platform: surface, score: answer.score }, now()),
        );
      }
      return answer;
    },
    answerEntry(id) {
      return createGuide(options.knowledge()).answerEntry(id, now());
    },
    async feedback(entryId, helpful, surface, question) {
      const store = options.store;
      if (!store) return;
      await record(() => store.recordFeedback({ entryId, helpful, platform: surface, ...(question === undefined ? {} : { question }) }, now()));
    },
    knowledge: options.knowledge,
  };
}
