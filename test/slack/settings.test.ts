// Start-up refuses a missing or malformed Slack variable with a message naming it, never echoing it.
import { describe, expect, it } from 'vitest';
import { SlackSettingsError, validateConnection, type SlackConnection } from '../../src/channels/slack/settings.ts';
import { startHarness, BOT_TOKEN } from './harness.ts';
import { SIGNING_SECRET } from './signed.ts';

function failure(run: () => unknown): SlackSettingsError {
  try {
    run();
  } catch (error) {
    if (error instanceof SlackSettingsError) return error;
    throw error;
  }
  throw new Error('expected a SlackSettingsError');
}

describe('refusing bad variables', () => {
  // Which mode the environment asks for is config.ts's job (tested there); the channel still refuses a
  // malformed connection handed to it in code, naming the variable it came from.
  const cases: [string, SlackConnection, string][] = [
    ['a missing bot token', { botToken: '', mode: 'socket', appToken: 'xapp-1-A1-abc' }, 'SLACK_BOT_TOKEN'],
    ['a user token as the bot token', { botToken: 'xoxp-secret-value', mode: 'socket', appToken: 'xapp-1-A1-abc' }, 'SLACK_BOT_TOKEN'],
    ['a bot token as the app token', { botToken: 'xoxb-1-2-abc', mode: 'socket', appToken: 'xoxb-secret-value' }, 'SLACK_APP_TOKEN'],
    ['an empty signing secret', { botToken: 'xoxb-1-2-abc', mode: 'http', signingSecret: '' }, 'SLACK_SIGNING_SECRET'],
  ];
  for (const [name, connection, variable] of cases) {
    it(`names ${variable} for ${name}`, () => {
      const error = failure(() => validateConnection(connection));
      expect(error.variable).toBe(variable);
      expect(error.message).toContain(variable);
      expect(error.message).not.toContain('secret-value');
    });
  }
  it('validates a connection passed in directly', () => {
    expect(failure(() => validateConnection({ botToken: 'nonsense', mode: 'http', signingSecret: SIGNING_SECRET })).variable).toBe('SLACK_BOT_TOKEN');
  });

  it('stops start-up naming SLACK_BOT_TOKEN when Slack refuses the token', async () => {
    const h = await startHarness();
    try {
      h.slack.reply('auth.test', { status: 200, body: { ok: false, error: 'invalid_auth' } });
      const error = await h.channel.start().then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error?.message).toContain('SLACK_BOT_TOKEN');
      expect(error?.message).toContain('invalid_auth');
      expect(error?.message).not.toContain(BOT_TOKEN);
      expect(h.log.dump()).not.toContain(BOT_TOKEN);
    } finally {
      await h.close();
    }
  });

  it('says Slack could not be reached, not that the token is wrong, when the API is down', async () => {
    const h = await startHarness();
    try {
      h.slack.reply('auth.test', { status: 503, body: { ok: false } });
      const error = await h.channel.start().then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error?.message).toMatch(/^Slack could not be reached at http:\/\/127\.0\.0\.1:\d+\/api\//);
      expect(error).not.toBeInstanceOf(SlackSettingsError);
    } finally {
      await h.close();
    }
  });

  it('logs how it started in HTTP mode', async () => {
    const h = await startHarness();
    try {
      await h.channel.start();
      expect(h.log.records.some((r) => r.msg === 'Slack listening over HTTP on /slack/events')).toBe(true);
    } finally {
      await h.close();
    }
  });
});
