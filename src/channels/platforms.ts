// The platforms the bot can run on, in the order they start. Start-up opens each: a platform the
// configuration does not ask for says why it is not started. Each is loaded only when it is opened, so
// the terminal chat and `--help` never pay for an SDK.
//
// Adding a platform: a folder under src/channels/ whose `platform.ts` exports a `PlatformEntry` (its
// Channel, from its settings in config.ts), and one line here.
import type { Config } from '../config.ts';
import type { Conversation } from '../conversation/conversation.ts';
import type { Log } from '../log.ts';
import type { Store } from '../store/store.ts';
import type { Channel } from './channel.ts';

/** What a platform gets from start-up. */
export interface PlatformContext {
  config: Config;
  conversation: Conversation;
  store: Store;
  /** The platform's own log (start-up names the channel on every line). */
  log: Log;
  now: () => Date;
}

export interface PlatformEntry {
  /** As people know it: the start-up line reads `Slack: started in Socket Mode`. */
  title: string;
  /** Its channel for this configuration, or why it is not started (logged as the start-up line). */
  open(context: PlatformContext): Channel | { notStarted: string };
}

export const PLATFORMS: readonly (() => Promise<PlatformEntry>)[] = [
  // Slack first: a token Slack refuses must stop start-up before the port is opened.
  async () => (await import('./slack/platform.ts')).slackPlatform,
  async () => (await import('./teams/platform.ts')).teamsPlatform,
];
