// The action ids the bot puts on buttons and the values they carry. Buttons in one block need distinct
// action ids, so "open an entry" buttons share a prefix and end in their position.
import { LIMITS } from './limits.ts';

export const ACTION = {
  /** "Did you mean" and follow-up buttons: answer that entry in place. Value: the entry id. */
  open: 'msht_open',
  feedbackUp: 'msht_feedback_up',
  feedbackDown: 'msht_feedback_down',
  /** Post an ephemeral answer into the channel for everyone. Value: the entry id. */
  share: 'msht_share',
  /** "Read more" under a reminder: show the entry to the one who clicked. Value: the entry id. */
  more: 'msht_more',
  /** App Home quick actions. Value: the question asked. */
  homeAsk: 'msht_home_ask',
  /** App Home "find a partnership by place" input. */
  homePlace: 'msht_home_place',
} as const;

export const OPEN_ACTION = /^msht_open_/;
export const HOME_ASK_ACTION = /^msht_home_ask_/;

export const BLOCK_ID = {
  feedback: 'msht_feedback',
  share: 'msht_share',
} as const;

export interface FeedbackValue {
  /** The entry the feedback is about. */
  entryId: string;
  /** The question it answered, when it was asked privately (never carried on a shared answer). */
  question?: string;
}

/** Encode feedback so it fits a button value whatever the question's length. */
export function encodeFeedback(value: FeedbackValue): string {
  const base = JSON.stringify({ e: value.entryId });
  if (value.question === undefined) return base;
  let question = value.question;
  let encoded = JSON.stringify({ e: value.entryId, q: question });
  while (encoded.length > LIMITS.buttonValue && question.length > 0) {
    question = question.slice(0, Math.max(0, question.length - (encoded.length - LIMITS.buttonValue) - 1));
    encoded = JSON.stringify({ e: value.entryId, q: question });
  }
  return encoded.length <= LIMITS.buttonValue ? encoded : base;
}

export function decodeFeedback(raw: string | undefined): FeedbackValue | undefined {
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as { e?: unknown; q?: unknown };
    if (typeof parsed.e !== 'string') return undefined;
    return typeof parsed.q === 'string' ? { entryId: parsed.e, question: parsed.q } : { entryId: parsed.e };
  } catch {
    return undefined;
  }
}
