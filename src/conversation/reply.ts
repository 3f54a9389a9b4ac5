// What the core says back, whatever the platform. Channels render a Reply (Block Kit, an Adaptive Card,
// terminal text); they never decide what to say.
import type { Answer } from '../answer/answer.ts';
import type { Chooser } from './chooser.ts';
import type { Help } from './help.ts';
import type { SubscriptionOutcome } from './subscriptions.ts';

export type Reply =
  /** An answer: the entry (999 banner first when urgent), or the no-match fallback. */
  | { kind: 'answer'; answer: Answer }
  /** The no-match fallback (helpline, 999) with a short list of likely needs to pick from. */
  | { kind: 'chooser'; answer: Answer; chooser: Chooser }
  | { kind: 'help'; help: Help }
  /** What a subscribe, unsubscribe or subscriptions command did. */
  | { kind: 'subscription'; outcome: SubscriptionOutcome }
  /** A picked entry that the knowledge no longer has; still 999 first when picked from an urgent answer. */
  | { kind: 'gone'; urgent: boolean; banner?: string }
  /** 👍 / 👎 recorded. */
  | { kind: 'feedback'; helpful: boolean }
  /** Answering failed: 999 and the helpline, never silence. */
  | { kind: 'apology'; text: string };

/** The answer a reply carries, if it carries one. */
export function answerOf(reply: Reply): Answer | undefined {
  return reply.kind === 'answer' || reply.kind === 'chooser' ? reply.answer : undefined;
}
