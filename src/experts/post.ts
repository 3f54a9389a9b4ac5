// What the desk posts to an expert team, whatever the platform: the question handed to it (and, once, a
// reminder in its thread), and after an answer is relayed, a note in the thread with a way to turn the
// answer into a draft knowledge entry. Channels render these (src/channels/*/).
import type { Reply } from '../conversation/reply.ts';

export interface HandoffPost {
  handoffId: string;
  teamName: string;
  /** Who asked, as the platform names them (a Slack user id is shown as a mention). */
  asker: string;
  /** The question as confirmed by the asker: redacted. */
  question: string;
  bestGuess?: { id: string; title: string };
  /** When it expires, in UK time, e.g. "Mon 23 Nov 2026, 14:00 GMT". */
  expires: string;
  /** The one reminder, posted in the question's thread. */
  reminder: boolean;
}

export interface HandoffRelayed {
  handoffId: string;
  /** The answer's number: 1 for the first. */
  seq: number;
  asker: string;
  first: boolean;
}

export const POST_TEXT = {
  howToAnswer: 'Reply in this thread to answer: your reply goes back to the asker, named as yours. The first answer closes the question; later ones are passed on too.',
  reminder: 'Reminder: this question is still waiting for an answer.',
  draftLabel: 'Draft a knowledge entry',
} as const;

/** Where the desk posts: a conversation (in a thread of it, when given). The Channel contract's Destination takes it. */
export type DeskDestination = { conversation: string; thread?: string };

/** What the desk posts; the Channel contract's Outgoing includes each. */
export type DeskOutgoing = { kind: 'reply'; reply: Reply } | { kind: 'handoff'; post: HandoffPost } | { kind: 'handoff-relayed'; relayed: HandoffRelayed };
