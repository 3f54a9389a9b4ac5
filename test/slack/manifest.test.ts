// The manifest a workspace admin pastes into Slack: everything the bot uses is switched on, and it asks
// for no scope it does not use.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const manifest = parse(readFileSync(new URL('../../manifest/slack/manifest.yaml', import.meta.url), 'utf8'));

describe('Slack app manifest', () => {
  it('has a bot user, the /msht command and the Home tab', () => {
    expect(manifest._metadata.major_version).toBe(2);
    expect(manifest.features.bot_user.display_name).toBeTruthy();
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual(['/msht']);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.display_information.long_description.length).toBeGreaterThanOrEqual(175);
  });

  it('subscribes to mentions, direct messages and Home opens, with interactivity and Socket Mode', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(['app_home_opened', 'app_mention', 'message.channels', 'message.groups', 'message.im']);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  it('asks only for the scopes the bot uses', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(['app_mentions:read', 'channels:history', 'chat:write', 'commands', 'groups:history', 'im:history']);
  });
});
