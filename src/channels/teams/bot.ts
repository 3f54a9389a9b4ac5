// The Teams bot: who it listens to, and what it does with what they say. A thin layer over the
// Assistant: it works out the question (or command, or button click), asks the core, and posts a card.
import { ActivityHandler, TurnContext } from 'botbuilder';
import type { Activity, ChannelAccount } from 'botbuilder';
import type { Answer } from '../../answer/answer.ts';
import type { Assistant } from '../../answer/assistant.ts';
import { reminderTopics, type Occurrence } from '../../reminders/schedule.ts';
import { parseChatCommand, runSubscriptionCommand, type SubscriptionOutcome } from '../../reminders/subscriptions.ts';
import type { ChannelRef, Store } from '../../store/store.ts';
import type { TeamsLogger } from './config.ts';
import { parseCardSubmit, type CardSubmit } from './cards/actions.ts';
import { answerCard } from './cards/answer.ts';
import { cardActivity, textActivity } from './activities.ts';
import { cleanMessageText } from './commands.ts';
import { channelConversationId, forgetConversation, rememberConversation } from './references.ts';

export interface TeamsBotOptions {
  assistant: Assistant;
  store: Store;
  logger: TeamsLogger;
  now: () => Date;
}

export const HELP_LINES = [
  'MSHT Guide answers questions about modern slavery and human trafficking for UK practitioners.',
  'If someone is in immediate danger, call 999.',
  'Ask in your own words, e.g. "how do I refer an adult to the NRM" or "what is Duty to Notify".',
  'In a channel or group chat, @mention me with your question.',
  'subscribe <topic>: post reminders on a topic into this conversation.',
  'unsubscribe <topic>: stop them.',
  'subscriptions: list this conversation\'s topics and the next reminder.',
  'help: show this message.',
] as const;

export class TeamsBot extends ActivityHandler {
  private readonly options: TeamsBotOptions;

  constructor(options: TeamsBotOptions) {
    super();
    this.options = options;

    // Every conversation the bot hears from can be reached later; removals are handled below.
    this.onTurn(async (context, next) => {
      if (!isRemoval(context.activity)) await rememberConversation(options.store, context.activity, options.now());
      await next();
    });

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      if (includesBot(context.activity.membersAdded, context.activity)) {
        options.logger.info({ event: 'teams.installed', scope: scopeOf(context.activity) }, 'teams bot added to a conversation');
        await context.sendActivity(textActivity(['Hello, I am MSHT Guide.', ...HELP_LINES.slice(1)]));
      }
      await next();
    });

    this.onMembersRemoved(async (context, next) => {
      if (includesBot(context.activity.membersRemoved, context.activity)) {
        await this.forget(context.activity.conversation.id, 'bot removed from the conversation');
      }
      await next();
    });

    this.onConversationUpdate(async (context, next) => {
      const data = context.activity.channelData as
        | { eventType?: string; channel?: { id?: string }; team?: { id?: string } }
        | undefined;
      if (data?.eventType === 'channelDeleted' && data.channel?.id) await this.forget(data.channel.id, 'channel deleted');
      if (data?.eventType === 'teamDeleted' && data.team?.id) await this.forget(data.team.id, 'team deleted');
      await next();
    });

    this.onInstallationUpdateRemove(async (context, next) => {
      await this.forget(context.activity.conversation.id, 'app uninstalled');
      await next();
    });
  }

  private async forget(conversationId: string, reason: string): Promise<void> {
    await forgetConversation(this.options.store, conversationId, reason, this.options.now());
    this.options.logger.info({ event: 'teams.removed', reason }, 'teams conversation forgotten');
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const submit = parseCardSubmit(activity.value);
    if (submit) {
      await this.handleSubmit(context, submit);
      return;
    }
    // In channels and group chats the bot answers only when @mentioned, as people expect of a bot there.
    if (scopeOf(activity) !== 'personal' && !mentionsBot(activity)) return;

    TurnContext.removeRecipientMention(activity);
    const command = parseChatCommand(cleanMessageText(activity.text ?? ''));
    switch (command.kind) {
      case 'help': {
        // Help is also the answer to a bare "subscribe", so it says which topics there are.
        const topics = reminderTopics(this.options.assistant.knowledge().reminders);
        await context.sendActivity(textActivity([...HELP_LINES, ...(topics.length > 0 ? [`Topics: ${topics.join(', ')}.`] : [])]));
        return;
      }
      case 'subscribe':
      case 'unsubscribe':
      case 'subscriptions': {
        const outcome = await runSubscriptionCommand(command, channelRef(activity), {
          store: this.options.store,
          reminders: this.options.assistant.knowledge().reminders,
          now: this.options.now(),
        });
        await context.sendActivity(textActivity(subscriptionLines(outcome)));
        return;
      }
      case 'ask': {
        const answer = await this.options.assistant.ask(command.question, 'teams');
        this.logAnswer('teams.ask', answer, activity);
        await context.sendActivity(answerActivity(answer));
        return;
      }
    }
  }

  private async handleSubmit(context: TurnContext, submit: CardSubmit): Promise<void> {
    if (submit.msht === 'entry') {
      const answer = this.options.assistant.answerEntry(submit.id, 'teams');
      if (!answer) {
        await context.sendActivity(
          textActivity(['That answer is no longer in the guide. Please ask your question again.', 'If someone is in immediate danger, call 999.']),
        );
        return;
      }
      this.logAnswer(`teams.${submit.via}`, answer, context.activity);
      await context.sendActivity(answerActivity(answer));
      return;
    }
    await this.options.assistant.feedback(submit.id, submit.helpful, 'teams', submit.q);
    this.options.logger.info({ event: 'teams.feedback', entryId: submit.id, helpful: submit.helpful }, 'teams feedback');
    await context.sendActivity(
      textActivity(
        submit.helpful
          ? ['Thanks, your feedback is recorded.']
          : ['Thanks, your feedback is recorded and the guide\'s editors will see it.', 'Try asking in other words, or type help.'],
      ),
    );
  }

  private logAnswer(event: string, answer: Answer, activity: Activity): void {
    // Never the question: only what was answered.
    this.options.logger.info(
      { event, status: answer.status, urgent: answer.urgent, entryId: answer.entry?.id ?? null, scope: scopeOf(activity) },
      'teams answer',
    );
  }
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

export function answerActivity(answer: Answer): Partial<Activity> {
  const title = answer.entry?.title ?? 'No clear answer found';
  return cardActivity(answerCard(answer), answer.urgent ? `Call 999 if someone is in danger now. ${title}` : title);
}

function channelRef(activity: Activity): ChannelRef {
  return { platform: 'teams', channelId: channelConversationId(activity.conversation.id) };
}

function scopeOf(activity: Partial<Activity>): 'personal' | 'channel' | 'groupChat' {
  const type = activity.conversation?.conversationType;
  if (type === 'channel') return 'channel';
  if (type === 'groupChat' || activity.conversation?.isGroup) return 'groupChat';
  return 'personal';
}

function mentionsBot(activity: Activity): boolean {
  return TurnContext.getMentions(activity).some((m) => m.mentioned?.id === activity.recipient.id);
}

function includesBot(members: ChannelAccount[] | undefined, activity: Activity): boolean {
  return (members ?? []).some((m) => m.id === activity.recipient.id);
}

function isRemoval(activity: Activity): boolean {
  if (activity.type === 'installationUpdate') return /^remove/.test(activity.action ?? '');
  if (activity.type === 'conversationUpdate') return includesBot(activity.membersRemoved, activity);
  return false;
}
