// A reminder occurrence as a channel message: what is happening and when, the knowledge entry behind it
// with a "Read more" button, and how to stop these reminders.
import type { ReminderPost } from '../../../reminders/sender.ts';
import { escapeMrkdwn } from '../mrkdwn.ts';
import { truncate } from './fit.ts';
import { LIMITS } from './limits.ts';
import { ACTION } from './action-ids.ts';
import { type Block, type SlackMessage, actions, button, context, header, sections } from './kit.ts';

export function renderReminder(post: ReminderPost): SlackMessage {
  const { reminder, entry } = post;
  const blocks: Block[] = [
    header(`🔔 ${reminder.title}`),
    ...sections(escapeMrkdwn(reminder.message)),
    context([escapeMrkdwn(post.localTime)]),
  ];
  if (entry) {
    blocks.push(...sections(`*${escapeMrkdwn(entry.title)}*\n${escapeMrkdwn(entry.summary)}`));
    blocks.push(...actions([button('Read more', ACTION.more, entry.id)], 'msht_reminder_more'));
  }
  blocks.push(
    context([`Reminders on \`${escapeMrkdwn(reminder.topic)}\`. Stop them here with \`/msht unsubscribe ${escapeMrkdwn(reminder.topic)}\`.`]),
  );
  const text = truncate(escapeMrkdwn(`${reminder.title}: ${reminder.message}`), LIMITS.sectionText);
  return { text, blocks: blocks.slice(0, LIMITS.messageBlocks) };
}
