// The Teams bot: who it listens to, and what it does with what they say. A thin layer over the
// conversation core: it turns a message or a card click into a core call, and posts the Reply as a card
// or a short text.
import { ActivityHandler, TurnContext } from 'botbuilder';
import type { Activity, ChannelAccount } from 'botbuilder';
import type { Answer } from '../../answer/answer.ts';
import type { Conversation } from '../../conversation/conversation.ts';
import type { Reply } from '../../conversation/reply.ts';
import type { Surface, Where } from '../../conversation/where.ts';
import type { Store } from '../../store/store.ts';
import type { Log } from '../../log.ts';
import type { ExpertDesk } from '../../experts/desk.ts';
import { parseCardSubmit, type CardSubmit } from './cards/actions.ts';
import { cleanMessageText } from './commands.ts';
import { channelConversationId, forgetConversation, rememberConversation } from './references.ts';
import { replyActivity, welcomeActivity } from './render.ts';

export interface TeamsBotOptions {
  conversation: Conversation;
  /** Hand-offs to expert teams: an @mention in a hand-off's thread is an answer to relay. */
  desk?: ExpertDesk;
  store: Store;
  logger: Log;
  now: () => Date;
}

export const TEAMS_SURFACE: Surface = {
  name: 'teams',
  howToAsk: ['In a channel or group chat, @mention me with your question or command.'],
};

export class TeamsBot extends ActivityHandler {
  private readonly options: TeamsBotOptions;

  constructor(options: TeamsBotOptions) {
    super();
    this.options = options;

    this.onTurn(async (context, next) => {
      // Teams delivers a message again when the bot was slow to answer it: answer it once.
      if (!(await this.firstDelivery(context.activity))) {
        options.logger.info({ event: 'teams.duplicate', activityType: context.activity.type }, 'teams activity already handled; repeat ignored');
        return;
      }
      // Every conversation the bot hears from can be reached later; removals are handled below.
      if (!isRemoval(context.activity)) await this.remember(context.activity);
      await next();
    });

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      if (includesBot(context.activity.membersAdded, context.activity)) {
        options.logger.info({ event: 'teams.installed', scope: scopeOf(context.activity) }, 'teams bot added to a conversation');
        await context.sendActivity(welcomeActivity(options.conversation.help(whereOf(context.activity))));
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

  /**
   * False when this message (or card click) was handled before. If the store cannot say, it counts as new:
   * a rare duplicate answer beats silence mid-incident.
   */
  private async firstDelivery(activity: Activity): Promise<boolean> {
    if ((activity.type !== 'message' && activity.type !== 'invoke') || !activity.id || !activity.conversation?.id) return true;
    try {
      return await this.options.store.markEventSeen(`teams:${activity.conversation.id}:${activity.id}`, this.options.now());
    } catch (error) {
      this.options.logger.error({ err: { message: (error as Error).message } }, 'could not check a Teams activity against those already handled');
      return true;
    }
  }

  /**
   * Keep the conversation's reference for later posts. If the store cannot take it (the database away), the
   * message is still answered: the reference is saved again with the next message from that conversation.
   */
  private async remember(activity: Activity): Promise<void> {
    try {
      await rememberConversation(this.options.store, activity, this.options.now());
    } catch (error) {
      this.options.logger.error({ err: { message: (error as Error).message } }, 'could not save a Teams conversation reference; answering anyway');
    }
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
    if (await this.expertAnswer(activity)) return;
    const reply = await this.options.conversation.handle(cleanMessageText(activity.text ?? ''), whereOf(activity));
    this.logReply('teams.ask', reply, activity);
    await context.sendActivity(replyActivity(reply));
  }

  private async handleSubmit(context: TurnContext, submit: CardSubmit): Promise<void> {
    const { conversation } = this.options;
    const where = whereOf(context.activity);
    if (submit.msht === 'feedback') {
      const reply = await conversation.feedback(submit.id, submit.helpful, where, submit.q);
      this.options.logger.info({ event: 'teams.feedback', entryId: submit.id, helpful: submit.helpful }, 'teams feedback');
      await context.sendActivity(replyActivity(reply));
      return;
    }
    if (submit.msht === 'reason') {
      const reply = await conversation.feedbackReason(submit.f, submit.reason, where);
      this.options.logger.info({ event: 'teams.feedback_reason', reason: submit.reason, recorded: reply.kind === 'feedback-reason' && reply.recorded }, 'teams feedback reason');
      await context.sendActivity(replyActivity(reply));
      return;
    }
    if (submit.msht === 'expert_draft') {
      const text = this.options.desk ? await this.options.desk.draftEntry(submit.h, submit.n) : 'Drafting entries is not available here.';
      this.options.logger.info({ event: 'teams.expert_draft' }, 'teams draft entry asked for');
      await context.sendActivity(replyActivity({ kind: 'expert-notice', text }));
      return;
    }
    if (submit.msht === 'expert' || submit.msht === 'expert_team' || submit.msht === 'expert_send' || submit.msht === 'expert_cancel') {
      const reply =
        submit.msht === 'expert'
          ? await conversation.askExpert(submit.q, where)
          : submit.msht === 'expert_team'
            ? await conversation.expertTeam(submit.h, submit.team, where)
            : submit.msht === 'expert_send'
              ? await conversation.expertSend(submit.h, where)
              : await conversation.expertCancel(submit.h, where);
      this.options.logger.info({ event: `teams.${submit.msht}`, reply: reply.kind }, 'teams ask an expert');
      await context.sendActivity(replyActivity(reply));
      return;
    }
    const urgent = submit.urgent === true;
    const reply =
      submit.msht === 'ask'
        ? await conversation.choose({ kind: 'ask', question: submit.q, urgent }, where)
        : await conversation.choose({ kind: 'entry', id: submit.id, urgent }, where);
    this.logReply(`teams.${submit.msht === 'ask' ? 'chooser' : submit.via}`, reply, context.activity);
    await context.sendActivity(replyActivity(reply));
  }

  /** A mention in the thread of a hand-off in an expert team's channel: relayed to the asker. */
  private async expertAnswer(activity: Activity): Promise<boolean> {
    const desk = this.options.desk;
    const id = activity.conversation?.id ?? '';
    const at = id.indexOf(';messageid=');
    if (!desk || scopeOf(activity) !== 'channel' || at === -1) return false;
    const text = cleanMessageText(activity.text ?? '');
    if (text === '') return false;
    return desk.answer({
      platform: 'teams',
      channel: id.slice(0, at),
      thread: id.slice(at + ';messageid='.length),
      expert: activity.from?.name ?? activity.from?.id ?? 'an expert',
      text,
    });
  }

  private logReply(event: string, reply: Reply, activity: Activity): void {
    const answer: Answer | undefined = reply.kind === 'answer' || reply.kind === 'chooser' ? reply.answer : undefined;
    if (!answer) return;
    // Never the question: only what was answered.
    this.options.logger.info(
      { event, status: answer.status, urgent: answer.urgent, entryId: answer.entry?.id ?? null, chooser: reply.kind === 'chooser', scope: scopeOf(activity) },
      'teams answer',
    );
  }
}

/** Where a Teams message came from: its conversation, without the thread (subscriptions belong to the channel). */
function whereOf(activity: Partial<Activity>): Where {
  const id = activity.conversation?.id;
  if (!id) return { surface: TEAMS_SURFACE };
  const where: Where = { surface: TEAMS_SURFACE, conversation: channelConversationId(id) };
  // Who asked, by name (shown to an expert team, and only they may send their hand-off), and the thread.
  const user = activity.from?.name ?? activity.from?.id;
  if (user) where.user = user;
  const at = id.indexOf(';messageid=');
  if (at !== -1) where.thread = id.slice(at + ';messageid='.length);
  return where;
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
