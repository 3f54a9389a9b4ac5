// Slack in the platform list: started when SLACK_BOT_TOKEN and one way in (SLACK_APP_TOKEN for Socket Mode,
// SLACK_SIGNING_SECRET for HTTP mode) are set.
import type { PlatformEntry } from '../channel.ts';
import { createSlackChannel } from './app.ts';

export const slackPlatform: PlatformEntry = {
  title: 'Slack',
  open({ config, conversation, store, log, now, desk }) {
    const slack = config.slack;
    if (!slack) return { notStarted: 'not configured (set SLACK_BOT_TOKEN with SLACK_APP_TOKEN or SLACK_SIGNING_SECRET)' };
    return createSlackChannel({
      config: slack,
      conversation,
      store,
      logger: log,
      now,
      ...(desk ? { desk } : {}),
    });
  },
};
