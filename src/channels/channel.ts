// The contract every platform implements. Start-up (src/bot.ts) loops over the configured platforms
// (src/channels/platforms.ts) and knows nothing else about them: it mounts their routes on the one HTTP
// server, starts them, logs how each started, posts through `send` (reminders, digests, admin notices), and stops
// them in reverse. What people say arrives the other way: the platform turns its events into calls on the
// conversation core and renders the Reply.
import type { Config } from '../config.ts';
import type { Conversation } from '../conversation/conversation.ts';
import type { Reply } from '../conversation/reply.ts';
import type { Log } from '../log.ts';
import type { Store } from '../store/store.ts';
import type { HandoffPost, HandoffRelayed } from '../experts/post.ts';
import type { ExpertDesk } from '../experts/desk.ts';
import type { ReminderPost, SendResult } from '../reminders/sender.ts';
import type { Digest } from '../report/digest.ts';
import type { RouteHandler } from '../server/http.ts';

/**
 * Where a message goes: a conversation (a channel, a group or personal chat; in a thread of it when
 * `thread` is given), or a person's chat with the bot.
 */
export type Destination = { conversation: string; thread?: string } | { user: string };

/** What a platform posts without being asked. */
export type Outgoing =
  /** A Reply, rendered as the platform renders answers. */
  | { kind: 'reply'; reply: Reply }
  /** A reminder occurrence (the scheduler). */
  | { kind: 'reminder'; post: ReminderPost }
  /** The admins' weekly digest (the scheduler, to each of ADMIN_USERS). */
  | { kind: 'digest'; digest: Digest }
  /** Lines for an admin, shown as written (a knowledge edit that does not load, entries past their review date). */
  | { kind: 'notice'; lines: readonly string[] }
  /** A question handed to an expert team, or its one reminder (src/experts/). */
  | { kind: 'handoff'; post: HandoffPost }
  /** In a hand-off's thread: the answer was passed on, with a way to draft a knowledge entry from it. */
  | { kind: 'handoff-relayed'; relayed: HandoffRelayed };

/** A path on the shared HTTP server and its handler. */
export interface Route {
  path: string;
  handler: RouteHandler;
}

export interface Channel {
  /** The platform's name (`slack`, `teams`): subscriptions, deliveries and admin users are keyed by it. */
  readonly platform: string;
  /** The paths it serves on the shared HTTP server; mounted before `start()`. None in Slack's Socket Mode. */
  readonly routes: readonly Route[];
  /** Connects (checks its credentials, opens a socket…). Throws, saying why, when it cannot. */
  start(): Promise<void>;
  /** Takes on no new work, lets what is in progress finish (bounded), disconnects. Safe to call twice. */
  stop(): Promise<void>;
  /**
   * Posts once, never retrying by itself, and says what happened (`SendResult`). Never throws once the post
   * may have gone out: that is `unknown`. A person with no chat with the bot is `gone`.
   */
  send(to: Destination, message: Outgoing): Promise<SendResult>;
  /** How it started, for the start-up line `<Platform>: …`, e.g. that emulator mode is unauthenticated. */
  describe(): string;
}

/** What a platform gets from start-up. */
export interface PlatformContext {
  config: Config;
  conversation: Conversation;
  store: Store;
  /** The platform's own log (start-up names the channel on every line). */
  log: Log;
  now: () => Date;
  /** Hand-offs to expert teams: where an answer in a hand-off's thread goes, and a draft entry is asked for. */
  desk?: ExpertDesk;
}

/** A platform in the list start-up opens (src/channels/platforms.ts). */
export interface PlatformEntry {
  /** As people know it: the start-up line reads `Slack: started in Socket Mode`. */
  title: string;
  /** Its channel for this configuration, or why it is not started (logged as the start-up line). */
  open(context: PlatformContext): Channel | { notStarted: string };
}
