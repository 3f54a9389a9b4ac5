// The reminder scheduler posts through this. It never waits or retries by itself: it reports whether the
// channel is gone, the bot's token was refused, Slack asked us to wait, the post surely failed (worth
// retrying) or may have been made (never retried), and the scheduler decides.
import type { ChannelSender, ReminderPost, SendResult } from '../../reminders/sender.ts';
import { renderReminder } from './blocks/reminder.ts';
import { classifySendError } from './retry.ts';
import type { SlackLogger } from './deps.ts';
import type { SlackWeb } from './web.ts';

export function createSlackSender(web: SlackWeb, logger: SlackLogger): ChannelSender {
  return {
    platform: 'slack',
    async send(channelId: string, post: ReminderPost): Promise<SendResult> {
      try {
        await web.client.chat.postMessage({ channel: channelId, ...renderReminder(post) });
        return { ok: true };
      } catch (error) {
        const result = classifySendError(error);
        const fields = { channel: channelId, reminder: post.reminder.id, kind: result.kind, error: result.error };
        if (result.kind === 'unknown') logger.warn(fields, 'Slack reminder may or may not have been posted');
        else logger.warn(fields, 'Slack reminder not posted');
        return result;
      }
    },
  };
}
