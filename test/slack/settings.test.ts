// Start-up stops, naming the variable and never echoing it, when Slack refuses a token or cannot be reached.
import { describe, expect, it } from 'vitest';
import { SlackSettingsError } from '../../src/channels/slack/settings.ts';
import { startHarness, BOT_TOKEN } from './harness.ts';

describe('refusing bad variables', () => {
  // Whether each variable is well formed is config.ts's job, done once (test/config/config.test.ts); here
  // is what only Slack can say: that it refuses a value that looked right.
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
      expect(h.log.lines.some((r) => r.message === 'Slack listening over HTTP on /slack/events')).toBe(true);
    } finally {
      await h.close();
    }
  });
});
