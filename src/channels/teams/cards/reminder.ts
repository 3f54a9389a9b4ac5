// A scheduled reminder as posted into a subscribed conversation: when, what, and a "Read more" that
// answers the linked entry in place when clicked.
import type { ReminderPost } from '../../../reminders/sender.ts';
import { CARD_LIMITS } from './limits.ts';
import { escapeMarkdown, truncate } from './markdown.ts';
import { actionSets, card, openUrl, submit, text, type CardAction, type CardElement, type AdaptiveCard } from './elements.ts';

export function reminderCard(post: ReminderPost): AdaptiveCard {
  const { reminder, entry } = post;
  const body: CardElement[] = [
    text(escapeMarkdown(`Reminder · ${post.localTime}`), { isSubtle: true, size: 'Small' }),
    text(escapeMarkdown(reminder.title), { size: 'Large', weight: 'Bolder', style: 'heading' }),
    text(escapeMarkdown(truncate(reminder.message.trim(), 4_000))),
  ];
  const actions: CardAction[] = [];
  if (entry) {
    actions.push(submit(`Read more: ${entry.title}`, { msht: 'entry', id: entry.id, via: 'reminder' }));
    for (const link of entry.links.slice(0, CARD_LIMITS.maxActionsPerSet - 1)) actions.push(openUrl(link.title, link.url));
  }
  body.push(...actionSets(actions));
  body.push(
    text(escapeMarkdown(`Sent because this conversation subscribed to "${reminder.topic}". To stop them, send "unsubscribe ${reminder.topic}" (in a channel, @mention the bot).`), {
      isSubtle: true,
      size: 'Small',
      spacing: 'Medium',
    }),
  );
  const fallback = [`Reminder (${post.localTime}): ${reminder.title}`, reminder.message, entry ? `Read more: ${entry.title}` : '']
    .filter(Boolean)
    .join('\n');
  return card(body, fallback);
}
