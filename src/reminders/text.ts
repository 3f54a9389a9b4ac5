// A reminder as plain text: what `reminders preview` prints, what the terminal shows, and the notification
// text Slack and Teams put beside their richer layouts. Same order as the channels' renderings: title,
// message, then the linked entry as "Read more".
import type { ReminderPost } from './sender.ts';

export function reminderToText(post: ReminderPost): string {
  const lines = [post.reminder.title, '', post.reminder.message.trim()];
  if (post.entry) {
    lines.push('', `Read more: ${post.entry.title}`, post.entry.summary.trim());
  }
  return lines.join('\n');
}
