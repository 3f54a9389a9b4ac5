// Posting unasked (Channel.send): reminders and the admins' digest for the scheduler, notices to admins, replies. It never waits
// or retries by itself: it reports whether the conversation is gone, the bot's token was refused, Slack
// asked us to wait, the post surely failed (worth retrying) or may have been made (never retried), and the
// caller decides. A person is reached by posting to their user id, which lands in their DM with the bot.
import type { Destination, Outgoing } from '../channel.ts';
import type { SendResult } from '../../reminders/sender.ts';
import { renderReminder } from './blocks/reminder.ts';
import { renderDigest } from './blocks/digest.ts';
import { adminMessage } from './admins.ts';
import { renderReply } from './render.ts';
import { handoffMessage, relayedMessage } from './blocks/expert.ts';
import { classifySendError } from './retry.ts';
import type { Log } from '../../log.ts';
import type { SlackWeb } from './web.ts';
import type { SlackMessage } from './blocks/kit.ts';

export interface SlackSender {
  send(to: Destination, message: Outgoing): Promise<SendResult>;
}

function render(message: Outgoing): SlackMessage {
  switch (message.kind) {
    case 'reminder':
      return renderReminder(message.post);
    case 'notice':
      return adminMessage(message.lines);
    case 'reply':
      return renderReply(message.reply);
    case 'digest':
      return renderDigest(message.digest);
    case 'handoff':
      return handoffMessage(message.post);
    case 'handoff-relayed':
      return relayedMessage(message.relayed);
  }
}

export function createSlackSender(web: SlackWeb, logger: Log): SlackSender {
  return {
    async send(to, message) {
      const channel = 'conversation' in to ? to.conversation : to.user;
      const thread = 'conversation' in to && to.thread !== undefined ? { thread_ts: to.thread } : {};
      try {
        const posted = await web.client.chat.postMessage({ channel, ...thread, ...render(message) });
        return typeof posted.ts === 'string' ? { ok: true, ref: posted.ts } : { ok: true };
      } catch (error) {
        const result = classifySendError(error);
        const fields = {
          channel,
          what: message.kind,
          ...(message.kind === 'reminder' ? { reminder: message.post.reminder.id } : {}),
          kind: result.kind,
          error: result.error,
        };
        if (result.kind === 'unknown') logger.warn(fields, `Slack ${message.kind} may or may not have been posted`);
        else logger.warn(fields, `Slack ${message.kind} not posted`);
        return result;
      }
    },
  };
}
