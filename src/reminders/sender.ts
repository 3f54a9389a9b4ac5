// The one seam from the core to the platforms: the reminder scheduler needs to post a message into a
// conversation and to learn whether that conversation is gone. Slack and Teams each implement this;
// main.ts hands the implementations to the scheduler. The core never learns what Slack or Teams is.
import type { Reminder } from '../knowledge/schema.ts';
import type { AnswerEntry } from '../answer/answer.ts';
import type { Platform } from '../store/store.ts';

/** A reminder occurrence ready to post: channels render it with the same renderers as answers. */
export interface ReminderPost {
  reminder: Reminder;
  /** The occurrence instant (UTC). */
  occurrence: Date;
  /** The occurrence in the reminder's timezone, for display, e.g. "Sun 18 Oct 2026, 09:00 BST". */
  localTime: string;
  /** The knowledge entry shown as "Read more", when the reminder names one. */
  entry?: AnswerEntry;
}

export type SendResult =
  | { ok: true }
  /** The conversation no longer exists or the bot was removed: disable its subscriptions, do not retry. */
  | { ok: false; kind: 'gone'; error: string }
  /** The platform asked us to wait (Slack 429 Retry-After, Teams 429). */
  | { ok: false; kind: 'rate_limited'; retryAfterMs: number; error: string }
  /** Anything worth retrying with bounded backoff (5xx, network errors, timeouts). */
  | { ok: false; kind: 'transient'; error: string };

export interface ChannelSender {
  readonly platform: Platform;
  send(channelId: string, post: ReminderPost): Promise<SendResult>;
}
