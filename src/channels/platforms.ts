// The platforms the bot can run on, in the order they start. Start-up opens each: a platform the
// configuration does not ask for says why it is not started. Each is loaded only when it is opened, so
// the terminal chat and `--help` never pay for an SDK.
//
// Adding a platform: a folder under src/channels/ whose `platform.ts` exports a `PlatformEntry`
// (channel.ts: its Channel, from its settings in config.ts), and one line here.
import type { PlatformEntry } from './channel.ts';

export const PLATFORMS: readonly (() => Promise<PlatformEntry>)[] = [
  // Slack first: a token Slack refuses must stop start-up before the port is opened.
  async () => (await import('./slack/platform.ts')).slackPlatform,
  async () => (await import('./teams/platform.ts')).teamsPlatform,
];
