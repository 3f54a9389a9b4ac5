// What a card button sends back when clicked (Action.Submit data → the activity's `value`). Clicks come
// from Teams clients, so the payload is checked before anything is done with it.
import { FEEDBACK_REASONS, type FeedbackReason } from '../../../store/store.ts';

export type CardSubmit =
  /**
   * Show an entry: a "Did you mean" choice, a follow-up, a chooser option, or a reminder's "Read more".
   * `urgent`: the card it was on opened with the 999 banner, so what it shows does too.
   */
  | { msht: 'entry'; id: string; via: 'suggestion' | 'follow_up' | 'chooser' | 'reminder'; urgent?: true }
  /** Ask a question, as if typed: a chooser option that is a question. */
  | { msht: 'ask'; q: string; urgent?: true }
  /** 👍 / 👎 on the answer for entry `id`; `q` is the question, redacted by the store before it is kept. */
  | { msht: 'feedback'; id: string; helpful: boolean; q?: string }
  /** Why a 👎 was not helpful, picked after it: `f` is the store's id for that 👎. */
  | { msht: 'reason'; f: string; reason: FeedbackReason }
  /** "Ask an expert" about `q`. */
  | { msht: 'expert'; q: string }
  /** A hand-off's team picked, sent or cancelled (`h`: the hand-off id). */
  | { msht: 'expert_team'; h: string; team: string }
  | { msht: 'expert_send'; h: string }
  | { msht: 'expert_cancel'; h: string }
  /** In a hand-off's thread: draft a knowledge entry from answer `n`. */
  | { msht: 'expert_draft'; h: string; n: number };

const ENTRY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const VIA = new Set(['suggestion', 'follow_up', 'chooser', 'reminder']);
const MAX_QUESTION = 1000;
const FEEDBACK_ID = /^[A-Za-z0-9-]{1,100}$/;
const HANDOFF_ID = /^[0-9a-f-]{16,64}$/;

export function parseCardSubmit(value: unknown): CardSubmit | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const data = value as Record<string, unknown>;
  const urgent = data.urgent === true ? { urgent: true as const } : {};
  if (data.msht === 'ask') {
    return typeof data.q === 'string' && data.q.trim() !== '' ? { msht: 'ask', q: data.q.slice(0, MAX_QUESTION), ...urgent } : undefined;
  }
  if (data.msht === 'reason') {
    const reason = FEEDBACK_REASONS.find((r) => r === data.reason);
    return reason && typeof data.f === 'string' && FEEDBACK_ID.test(data.f) ? { msht: 'reason', f: data.f, reason } : undefined;
  }
  if (data.msht === 'expert') {
    return typeof data.q === 'string' && data.q.trim() !== '' ? { msht: 'expert', q: data.q.slice(0, MAX_QUESTION) } : undefined;
  }
  if (typeof data.h === 'string' && HANDOFF_ID.test(data.h)) {
    if (data.msht === 'expert_send' || data.msht === 'expert_cancel') return { msht: data.msht, h: data.h };
    if (data.msht === 'expert_draft' && typeof data.n === 'number' && Number.isInteger(data.n) && data.n > 0 && data.n < 10_000) {
      return { msht: 'expert_draft', h: data.h, n: data.n };
    }
    if (data.msht === 'expert_team' && typeof data.team === 'string' && ENTRY_ID.test(data.team)) return { msht: 'expert_team', h: data.h, team: data.team };
    return undefined;
  }
  const id = data.id;
  if (typeof id !== 'string' || id.length > 100 || !ENTRY_ID.test(id)) return undefined;
  if (data.msht === 'entry' && typeof data.via === 'string' && VIA.has(data.via)) {
    return { msht: 'entry', id, via: data.via as 'suggestion' | 'follow_up' | 'chooser' | 'reminder', ...urgent };
  }
  if (data.msht === 'feedback' && typeof data.helpful === 'boolean') {
    const q = typeof data.q === 'string' && data.q.trim() !== '' ? data.q.slice(0, MAX_QUESTION) : undefined;
    return q === undefined ? { msht: 'feedback', id, helpful: data.helpful } : { msht: 'feedback', id, helpful: data.helpful, q };
  }
  return undefined;
}
