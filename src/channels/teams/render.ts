// Reply → the activity Teams shows: an Adaptive Card for an answer (and the chooser's buttons), a short
// text for everything else. The conversation core decides what to say; this words it for Teams.
import type { Activity } from 'botbuilder';
import type { Answer } from '../../answer/answer.ts';
import type { Chooser } from '../../conversation/chooser.ts';
import { plainHelpLine, type Help } from '../../conversation/help.ts';
import { reasonLabel, type ExpertOffer, type Reply } from '../../conversation/reply.ts';
import type { SubscriptionOutcome } from '../../conversation/subscriptions.ts';
import type { Occurrence } from '../../reminders/schedule.ts';
import { answerCard } from './cards/answer.ts';
import { feedbackReasonsCard } from './cards/feedback.ts';
import { cardActivity, textActivity } from './activities.ts';
import { expertActivity, handoffActivity, offerElements, relayedActivity } from './cards/expert.ts';
import { card, text } from './cards/elements.ts';
import { escapeMarkdown } from './cards/markdown.ts';

export { handoffActivity, relayedActivity };

export const GONE_LINES = ['That answer is no longer in the guide. Please ask your question again.', 'If someone is in immediate danger, call 999.'];
export const THANKS_LINES = {
  helpful: ['Thanks, your feedback is recorded.'],
  unhelpful: ["Thanks, your feedback is recorded and the guide's editors will see it.", 'Try asking in other words, or type help.'],
} as const;

export function replyActivity(reply: Reply): Partial<Activity> {
  switch (reply.kind) {
    case 'answer':
      return answerActivity(reply.answer, undefined, reply.expert);
    case 'chooser':
      return answerActivity(reply.answer, reply.chooser, reply.expert);
    case 'help':
      return textActivity(helpLines(reply.help, reply.help.title));
    case 'subscription':
      return textActivity(subscriptionLines(reply.outcome));
    case 'gone':
      return textActivity(reply.urgent && reply.banner ? [reply.banner, GONE_LINES[0]!] : GONE_LINES);
    case 'feedback': {
      const thanks = reply.helpful ? THANKS_LINES.helpful : THANKS_LINES.unhelpful;
      if (reply.reasons) {
        const asked = feedbackReasonsCard(thanks, reply.reasons);
        const shown = reply.expert ? { ...asked, body: [...asked.body, ...offerElements(reply.expert)] } : asked;
        return cardActivity(shown, thanks[0]!);
      }
      if (!reply.expert) return textActivity(thanks);
      return cardActivity(card([...thanks.map((line) => text(escapeMarkdown(line))), ...offerElements(reply.expert)], thanks[0]!), thanks[0]!);
    }
    case 'feedback-reason':
      return textActivity([
        reply.recorded ? `Noted: ${reasonLabel(reply.reason).toLowerCase()}. The guide's editors will see it.` : 'Sorry, that reason could not be recorded. Your 👎 still counts.',
      ]);
    case 'apology':
      return textActivity([reply.text]);
    default:
      return expertActivity(reply);
  }
}

/** The greeting when the bot is added to a conversation: the help, introduced. */
export function welcomeActivity(reply: Reply): Partial<Activity> {
  return reply.kind === 'help' ? textActivity(helpLines(reply.help, 'Hello, I am MSHT Guide.')) : replyActivity(reply);
}

export function answerActivity(answer: Answer, chooser?: Chooser, expert?: ExpertOffer): Partial<Activity> {
  const title = answer.entry?.title ?? 'No clear answer found';
  const built = answerCard(answer, chooser);
  const shown = expert ? { ...built, body: [...built.body, ...offerElements(expert)] } : built;
  return cardActivity(shown, answer.urgent ? `Call 999 if someone is in danger now. ${title}` : title);
}

function helpLines(help: Help, first: string): string[] {
  return [first, help.danger, ...help.lines.map(plainHelpLine), ...(help.topics.length > 0 ? [`Topics: ${help.topics.join(', ')}.`] : [])];
}

function subscriptionLines(outcome: SubscriptionOutcome): string[] {
  switch (outcome.kind) {
    case 'subscribed':
      return [
        outcome.already
          ? `This conversation is already subscribed to "${outcome.topic}".`
          : `Subscribed this conversation to "${outcome.topic}".`,
        ...(outcome.next ? [nextLine(outcome.next)] : []),
      ];
    case 'unknown-topic':
      return [
        `There is no reminder topic "${outcome.topic}".`,
        outcome.topics.length > 0 ? `Topics: ${outcome.topics.join(', ')}.` : 'There are no reminder topics yet.',
      ];
    case 'unsubscribed':
      return [
        outcome.wasSubscribed
          ? `Unsubscribed this conversation from "${outcome.topic}".`
          : `This conversation was not subscribed to "${outcome.topic}".`,
      ];
    case 'list':
      if (outcome.subscriptions.length === 0) {
        return [
          'This conversation has no reminder subscriptions.',
          outcome.topics.length > 0
            ? `Topics: ${outcome.topics.join(', ')}. Say "subscribe <topic>" to add one.`
            : 'There are no reminder topics yet.',
        ];
      }
      return outcome.subscriptions.map((s) => {
        if (s.paused) return `${s.topic}: paused (${s.reason ?? 'disabled'}). Say "subscribe ${s.topic}" to resume.`;
        return s.next ? `${s.topic}: ${nextLine(s.next)}` : `${s.topic}: no reminder scheduled.`;
      });
  }
}

function nextLine(next: Occurrence): string {
  return `Next: ${next.reminder.title}, ${next.localTime}.`;
}
