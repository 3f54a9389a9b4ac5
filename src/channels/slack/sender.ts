// The reminder scheduler posts through this. It never waits or retries by itself: it reports whether the
// channel is gone, Slack asked us to wait, or the failure is worth retrying, and the scheduler decides.
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
        logger.warn({ channel: channelId, reminder: post.reminder.id, kind: result.kind, error: result.error }, 'Slack reminder not posted');
        return result;
      }
    },
  };
}
