// The action ids the bot puts on buttons and the values they carry. Buttons in one block need distinct
// action ids, so "open an entry" buttons share a prefix and end in their position.
//
// A button on an urgent answer carries that urgency in its value: the entry it leads to may not be urgent
// itself, and whatever the click shows (the chosen entry, the shared answer, the answer after feedback)
// must still open with 999.
import type { Choice } from '../../../conversation/choice.ts';
import { FEEDBACK_REASONS, type FeedbackReason } from '../../../store/store.ts';
import { LIMITS } from './limits.ts';

export const ACTION = {
  /** "Did you mean" and follow-up buttons: answer that entry. Value: an encoded EntryValue. */
  open: 'msht_open',
  feedbackUp: 'msht_feedback_up',
  feedbackDown: 'msht_feedback_down',
  /** The chooser's options under a no-match answer: do what the option says. Value: an encoded Choice. */
  choose: 'msht_choose',
  /** Post an ephemeral answer into the channel for everyone. Value: an encoded EntryValue. */
  share: 'msht_share',
  /** "Read more" under a reminder: show the entry to the one who clicked. Value: the entry id. */
  more: 'msht_more',
  /** App Home quick actions. Value: the question asked. */
  homeAsk: 'msht_home_ask',
  /** App Home "find a partnership by place" input. */
  homePlace: 'msht_home_place',
  /** Why an answer was not helpful, offered after 👎; ends in the reason. Value: an encoded ReasonValue. */
  reason: 'msht_reason_',
} as const;

export const OPEN_ACTION = /^msht_open_/;
export const CHOOSE_ACTION = /^msht_choose_/;
export const HOME_ASK_ACTION = /^msht_home_ask_/;
export const REASON_ACTION = /^msht_reason_/;

export const BLOCK_ID = {
  feedback: 'msht_feedback',
  chooser: 'msht_chooser',
  share: 'msht_share',
  /** "Why was it not helpful?" and the reasons to pick, after 👎. */
  reasonPrompt: 'msht_reason_prompt',
  reasons: 'msht_reasons',
} as const;

/** What an entry button (open, share) carries. */
export interface EntryValue {
  entryId: string;
  /** The answer the button sat on opened with the 999 banner. */
  urgent: boolean;
}

// Urgency goes first, as a fixed prefix, so no trimming of a long value can lose it; entry ids are
// lower-case words and hyphens, so they never start with it.
const URGENT_PREFIX = '999:';

/** Encode an entry button's value; always within the button value limit, urgency kept first. */
export function encodeEntry(value: EntryValue): string {
  const encoded = value.urgent ? `${URGENT_PREFIX}${value.entryId}` : value.entryId;
  return encoded.slice(0, LIMITS.buttonValue);
}

/** Read an entry button's value. A bare entry id (buttons posted before urgency was carried) is not urgent. */
export function decodeEntry(raw: string | undefined): EntryValue | undefined {
  if (!raw) return undefined;
  const urgent = raw.startsWith(URGENT_PREFIX);
  const entryId = urgent ? raw.slice(URGENT_PREFIX.length) : raw;
  return entryId === '' ? undefined : { entryId, urgent };
}

/**
 * Encode a chooser option's choice: `e:<entry id>` or `q:<question>`, after the urgency prefix. A long
 * question is cut to fit the button value; the urgency, first, is never cut.
 */
export function encodeChoice(choice: Choice): string {
  const body = choice.kind === 'entry' ? `e:${choice.id}` : `q:${choice.question}`;
  const encoded = choice.urgent ? `${URGENT_PREFIX}${body}` : body;
  return encoded.slice(0, LIMITS.buttonValue);
}

export function decodeChoice(raw: string | undefined): Choice | undefined {
  if (!raw) return undefined;
  const urgent = raw.startsWith(URGENT_PREFIX);
  const body = urgent ? raw.slice(URGENT_PREFIX.length) : raw;
  const value = body.slice(2);
  if (value.trim() === '') return undefined;
  if (body.startsWith('e:')) return { kind: 'entry', id: value, urgent };
  if (body.startsWith('q:')) return { kind: 'ask', question: value, urgent };
  return undefined;
}

export interface FeedbackValue {
  /** The entry the feedback is about. */
  entryId: string;
  /** The question it answered, when it was asked privately (never carried on a shared answer). */
  question?: string;
  /** The answer opened with the 999 banner (so a rebuilt answer does too). */
  urgent?: boolean;
}

/** Encode feedback so it fits a button value whatever the question's length; the question is trimmed first. */
export function encodeFeedback(value: FeedbackValue): string {
  const head: { e: string; u?: 1 } = value.urgent ? { e: value.entryId, u: 1 } : { e: value.entryId };
  const base = JSON.stringify(head);
  if (value.question === undefined) return base;
  let question = value.question;
  let encoded = JSON.stringify({ ...head, q: question });
  while (encoded.length > LIMITS.buttonValue && question.length > 0) {
    question = question.slice(0, Math.max(0, question.length - (encoded.length - LIMITS.buttonValue) - 1));
    encoded = JSON.stringify({ ...head, q: question });
  }
  return encoded.length <= LIMITS.buttonValue ? encoded : base;
}

export function decodeFeedback(raw: string | undefined): FeedbackValue | undefined {
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as { e?: unknown; q?: unknown; u?: unknown };
    if (typeof parsed.e !== 'string') return undefined;
    const value: FeedbackValue = { entryId: parsed.e };
    if (typeof parsed.q === 'string') value.question = parsed.q;
    if (parsed.u === 1 || parsed.u === true) value.urgent = true;
    return value;
  } catch {
    return undefined;
  }
}

/** A reason button after 👎: which 👎 (the store's id for it) and the reason picked. */
export interface ReasonValue {
  feedbackId: string;
  reason: FeedbackReason;
}

/** `<reason>:<feedback id>`; the id is the store's (a UUID), far inside the button value limit. */
export function encodeReason(value: ReasonValue): string {
  return `${value.reason}:${value.feedbackId}`.slice(0, LIMITS.buttonValue);
}

export function decodeReason(raw: string | undefined): ReasonValue | undefined {
  const match = raw === undefined ? null : /^([a-z_]+):([A-Za-z0-9-]{1,100})$/.exec(raw);
  if (!match) return undefined;
  const reason = FEEDBACK_REASONS.find((r) => r === match[1]);
  return reason ? { reason, feedbackId: match[2]! } : undefined;
}
