// What the core says back, whatever the platform. Channels render a Reply (Block Kit, an Adaptive Card,
// terminal text); they never decide what to say.
import type { Answer } from '../answer/answer.ts';
import type { Chooser } from './chooser.ts';
import type { Help } from './help.ts';
import type { SubscriptionOutcome } from './subscriptions.ts';
import type { FeedbackReason } from '../store/store.ts';

/** A reason to pick after 👎, as the button says it. */
export interface FeedbackReasonOption {
  reason: FeedbackReason;
  label: string;
}

/** The reasons offered after 👎, in the order shown: one click, optional. */
export const FEEDBACK_REASON_OPTIONS: readonly FeedbackReasonOption[] = [
  { reason: 'wrong', label: 'Wrong answer' },
  { reason: 'out_of_date', label: 'Out of date' },
  { reason: 'missing', label: 'Missing detail' },
  { reason: 'other', label: 'Something else' },
];

/** What the thanks after a picked reason says it was (the label, in a sentence). */
export function reasonLabel(reason: FeedbackReason): string {
  return FEEDBACK_REASON_OPTIONS.find((o) => o.reason === reason)?.label ?? reason;
}

/**
 * "Ask an expert", offered under an answer the knowledge could not give with confidence (and after 👎):
 * picking it starts a hand-off of `question` (see src/experts/).
 */
export interface ExpertOffer {
  question: string;
  /** The line above the button. */
  prompt: string;
  /** The button. */
  label: string;
}

/** Exactly what will be posted in the team's channel, shown to the asker before anything is sent. */
export interface HandoffPreview {
  handoffId: string;
  teamName: string;
  /** The question as it will be posted: redacted. */
  question: string;
  /** The bot's best guess, posted with it (an entry's title), if any. */
  bestGuess?: string;
  /** Above the preview: not to include names or personal details, and that some were taken out. */
  warning: string;
  /** How to change the wording. */
  rephrase: string;
  confirmLabel: string;
  cancelLabel: string;
}

export type Reply =
  /** An answer: the entry (999 banner first when urgent), or the no-match fallback; with "Ask an expert" when no entry is confident. */
  | { kind: 'answer'; answer: Answer; expert?: ExpertOffer }
  /** The no-match fallback (helpline, 999) with a short list of likely needs to pick from. */
  | { kind: 'chooser'; answer: Answer; chooser: Chooser; expert?: ExpertOffer }
  /** Which team to send a question to, when its place or topic did not say. */
  | { kind: 'expert-pick'; handoffId: string; prompt: string; options: readonly { teamId: string; name: string }[] }
  /** What will be posted, to send or cancel. */
  | { kind: 'expert-preview'; preview: HandoffPreview }
  /** Sent (or cancelled, or not possible): a sentence to show. */
  | { kind: 'expert-notice'; text: string }
  /** An expert's answer, relayed to the asker; `late`: not the first answer. */
  | { kind: 'expert-answer'; teamName: string; expert: string; text: string; question: string; late: boolean }
  /** Nobody answered in time: said to the asker, with the helpline. */
  | { kind: 'expert-expired'; teamName: string; question: string; text: string }
  | { kind: 'help'; help: Help }
  /** What a subscribe, unsubscribe or subscriptions command did. */
  | { kind: 'subscription'; outcome: SubscriptionOutcome }
  /** A picked entry that the knowledge no longer has; still 999 first when picked from an urgent answer. */
  | { kind: 'gone'; urgent: boolean; banner?: string }
  /**
   * 👍 / 👎 recorded. After a stored 👎, `reasons`: why it was not helpful, to pick with one click (optional),
   * each recorded against `feedbackId` through `feedbackReason`.
   */
  | { kind: 'feedback'; helpful: boolean; reasons?: { feedbackId: string; options: readonly FeedbackReasonOption[] }; expert?: ExpertOffer }
  /** A reason picked after 👎; `recorded` false when the store did not take it (its 👎 is gone or unknown). */
  | { kind: 'feedback-reason'; reason: FeedbackReason; recorded: boolean }
  /** Answering failed: 999 and the helpline, never silence. */
  | { kind: 'apology'; text: string };

/** The answer a reply carries, if it carries one. */
export function answerOf(reply: Reply): Answer | undefined {
  return reply.kind === 'answer' || reply.kind === 'chooser' ? reply.answer : undefined;
}
