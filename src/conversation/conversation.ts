// The conversation core: what someone typed or picked → a Reply. The one place that knows the chat
// commands, the help, when to offer the chooser, and how urgency carries across a click. Slack, Teams and
// the terminal only turn their events into these calls and render the Reply.
//
// It reads the current knowledge on every call, so a hot reload reaches every platform at once. It never
// throws: a failure is logged (never the question) and answered with the apology (999 and the helpline).
import { createGuide } from '../answer/guide.ts';
import type { Answer } from '../answer/answer.ts';
import { apologyText, DEFAULT_BANNER, safetyTexts } from '../answer/safety.ts';
import type { MeaningReader } from '../answer/meaning-reader.ts';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import type { Log } from '../log.ts';
import { nextOccurrences, reminderTopics } from '../reminders/schedule.ts';
import type { FeedbackReason, Store } from '../store/store.ts';
import type { Choice } from './choice.ts';
import { chooserFor } from './chooser.ts';
import { parseChatCommand } from './commands.ts';
import { helpFor } from './help.ts';
import { FEEDBACK_REASON_OPTIONS, type Reply } from './reply.ts';
import { runSubscriptionCommand } from './subscriptions.ts';
import type { Where } from './where.ts';
import { cancelHandoff, confirmHandoff, expertOffer, pickTeam, startHandoff, type AskingDeps } from '../experts/asking.ts';
import { teamsOn } from '../experts/route.ts';

export interface ConversationOptions {
  /** The knowledge to answer from; read once per call (hot reload swaps what it returns). */
  knowledge: () => KnowledgeBase;
  /**
   * Where subscriptions live and where unanswered questions and feedback go (redacted by the store).
   * Without one (the terminal) nothing is recorded and there are no subscriptions.
   */
  store?: Pick<
    Store,
    | 'recordQuestion'
    | 'recordUnanswered'
    | 'recordFeedback'
    | 'recordFeedbackReason'
    | 'subscribe'
    | 'unsubscribe'
    | 'subscriptionsFor'
    | 'createHandoff'
    | 'handoff'
    | 'chooseHandoffTeam'
    | 'openHandoff'
    | 'cancelHandoff'
  >;
  /** Told when a hand-off to experts is confirmed, so it is posted at once (the desk, src/experts/desk.ts). */
  onHandoffOpened?: (handoffId: string) => void;
  now?: () => Date;
  /** Failures to answer or to record; never the question. */
  log?: Log;
  /** Reads each question for meaning before it is answered (meaning-reader.ts); without one, words alone. */
  meaning?: MeaningReader;
}

/** A reminder coming up, as a platform lists it (the Slack Home tab). */
export interface UpcomingReminder {
  title: string;
  localTime: string;
  topic: string;
}

export interface Conversation {
  /** What someone typed: a command (help, subscribe, unsubscribe, subscriptions) or a question. */
  handle(text: string, where: Where): Promise<Reply>;
  /** A question asked outright (a quick-action button, a place box): never read as a command. */
  ask(question: string, where: Where): Promise<Reply>;
  /** Something picked: a "did you mean", related or chooser option, a reminder's "Read more". */
  choose(choice: Choice, where: Where): Promise<Reply>;
  /**
   * 👍 / 👎 on the answer for an entry (the question, when given, is redacted before it is stored). After a
   * recorded 👎 the Reply offers the reasons to pick from (`FEEDBACK_REASON_OPTIONS`), with the feedback's id.
   */
  feedback(entryId: string, helpful: boolean, where: Where, question?: string): Promise<Reply>;
  /** The reason picked after 👎, for the feedback `feedbackId` (from the feedback Reply). */
  feedbackReason(feedbackId: string, reason: FeedbackReason, where: Where): Promise<Reply>;
  /** "Ask an expert" picked under an answer: the preview of what would be sent, or the teams to pick from. */
  askExpert(question: string, where: Where): Promise<Reply>;
  /** A team picked for a hand-off. */
  expertTeam(handoffId: string, teamId: string, where: Where): Promise<Reply>;
  /** Send the hand-off previewed (only its asker may). */
  expertSend(handoffId: string, where: Where): Promise<Reply>;
  /** Cancel it: nothing is sent. */
  expertCancel(handoffId: string, where: Where): Promise<Reply>;
  /** The help, as a platform shows it unasked (a Teams install greeting). */
  help(where: Where): Reply;
  /** The next reminders on every topic, soonest first. */
  upcoming(count: number): UpcomingReminder[];
  /** What to say when answering failed outside the core (a platform fault): 999 and the helpline. */
  apology(): string;
}

export function createConversation(options: ConversationOptions): Conversation {
  const now = options.now ?? (() => new Date());
  const { store, log } = options;

  /** The knowledge for the safety texts, if it can be read (it may be why answering failed). */
  const readableKnowledge = (): KnowledgeBase | undefined => {
    try {
      return options.knowledge();
    } catch {
      return undefined;
    }
  };
  const apology = (): string => {
    try {
      return apologyText(readableKnowledge());
    } catch {
      // Knowledge that cannot even give a helpline number: the fixed public one stands in.
      return apologyText();
    }
  };
  const banner = (): string => {
    const kb = readableKnowledge();
    return kb ? safetyTexts(kb).banner : DEFAULT_BANNER;
  };

  /** Runs `work`; a failure becomes the apology, logged without the question. */
  const safely = async (what: string, work: () => Promise<Reply>): Promise<Reply> => {
    try {
      return await work();
    } catch (error) {
      log?.error({ what, error: error instanceof Error ? error.message : String(error) }, 'could not answer');
      return { kind: 'apology', text: apology() };
    }
  };

  /** Recording never costs an answer: a failure is logged and the answer goes out (undefined: not recorded). */
  const record = async <T>(write: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await write();
    } catch (error) {
      log?.warn({ error: error instanceof Error ? error.message : String(error) }, 'could not record a question or feedback');
      return undefined;
    }
  };

  /** Keep the 999 banner when the choice was made on an urgent answer. */
  const keepUrgency = (answer: Answer, urgent: boolean | undefined): Answer =>
    urgent && !answer.urgent ? { ...answer, urgent: true, banner: banner() } : answer;

  async function answer(question: string, where: Where): Promise<Reply> {
    const kb = options.knowledge();
    const answered = createGuide(kb).ask(question, now(), await options.meaning?.meaningOf(kb, question));
    if (store) {
      // Every question's outcome (never its text), for the admins' report; the text only of those without a
      // confident answer, redacted by the store.
      const platform = where.surface.name;
      await record(() => store.recordQuestion({ platform, status: answered.status, urgent: answered.urgent, entryId: answered.entry?.id ?? null }, now()));
      if (answered.status !== 'answered') {
        await record(() => store.recordUnanswered({ question, status: answered.status as 'no_match' | 'ambiguous', platform, score: answered.score }, now()));
      }
    }
    const chooser = chooserFor({ question, answer: answered, knowledge: kb });
    const expert = store ? expertOffer(question, answered, kb, where) : undefined;
    const offer = expert ? { expert } : {};
    return chooser ? { kind: 'chooser', answer: answered, chooser, ...offer } : { kind: 'answer', answer: answered, ...offer };
  }

  /** What the asking flow needs, or undefined without a store (the terminal): nothing can be handed off there. */
  const asking = (): AskingDeps | undefined => (store ? { kb: options.knowledge(), store, now: now() } : undefined);
  const noExperts: Reply = { kind: 'expert-notice', text: 'Questions can be sent to experts from Slack or Teams, not from here.' };
  const opened = (id: string) => options.onHandoffOpened?.(id);

  function help(where: Where): Reply {
    const subscriptions = where.conversation !== undefined && store !== undefined;
    const kb = options.knowledge();
    const experts = store !== undefined && where.user !== undefined && teamsOn(kb.experts, where.surface.name).length > 0;
    return { kind: 'help', help: helpFor({ surface: where.surface, subscriptions, topics: reminderTopics(kb.reminders), experts }) };
  }

  return {
    handle: (text, where) =>
      safely('message', async () => {
        const subscriptions = where.conversation !== undefined && store !== undefined;
        const command = parseChatCommand(text, { subscriptions });
        switch (command.kind) {
          case 'help':
            return help(where);
          case 'ask':
            return answer(command.question, where);
          case 'expert': {
            // Only a command where some team is reached: elsewhere "expert witness…" is a question like any other.
            const deps = asking();
            if (!deps || teamsOn(deps.kb.experts, where.surface.name).length === 0) return answer(text.trim(), where);
            return startHandoff(command.question, where, deps);
          }
          default: {
            const channel = { platform: where.surface.name, channelId: where.conversation! };
            const outcome = await runSubscriptionCommand(command, channel, { store: store!, reminders: options.knowledge().reminders, now: now() });
            return { kind: 'subscription', outcome };
          }
        }
      }),

    ask: (question, where) => safely('question', () => answer(question, where)),

    askExpert: (question, where) =>
      safely('ask an expert', async () => {
        const deps = asking();
        return deps ? startHandoff(question, where, deps) : noExperts;
      }),
    expertTeam: (handoffId, teamId, where) =>
      safely('expert team', async () => {
        const deps = asking();
        return deps ? pickTeam(handoffId, teamId, where, deps) : noExperts;
      }),
    expertSend: (handoffId, where) =>
      safely('expert send', async () => {
        const deps = asking();
        return deps ? confirmHandoff(handoffId, where, deps, opened) : noExperts;
      }),
    expertCancel: (handoffId, where) =>
      safely('expert cancel', async () => {
        const deps = asking();
        return deps ? cancelHandoff(handoffId, where, deps) : noExperts;
      }),

    choose: (choice, where) =>
      safely('choice', async () => {
        if (choice.kind === 'ask') {
          const reply = await answer(choice.question, where);
          return reply.kind === 'answer' || reply.kind === 'chooser' ? { ...reply, answer: keepUrgency(reply.answer, choice.urgent) } : reply;
        }
        const found = createGuide(options.knowledge()).answerEntry(choice.id, now());
        if (!found) return choice.urgent ? { kind: 'gone', urgent: true, banner: banner() } : { kind: 'gone', urgent: false };
        return { kind: 'answer', answer: keepUrgency(found, choice.urgent) };
      }),

    feedback: (entryId, helpful, where, question) =>
      safely('feedback', async () => {
        if (!store) return { kind: 'feedback', helpful };
        const input = { entryId, helpful, platform: where.surface.name, ...(question === undefined ? {} : { question }) };
        const id = await record(() => store.recordFeedback(input, now()));
        // Why it was not helpful is asked only when there is a stored 👎 to attach it to; after a 👎 an expert
        // may be asked, when the question came with it.
        const expert = !helpful && question !== undefined ? expertOffer(question, undefined, options.knowledge(), where) : undefined;
        const offer = expert ? { expert } : {};
        return !helpful && id !== undefined
          ? { kind: 'feedback', helpful, reasons: { feedbackId: id, options: FEEDBACK_REASON_OPTIONS }, ...offer }
          : { kind: 'feedback', helpful, ...offer };
      }),

    feedbackReason: (feedbackId, reason) =>
      safely('feedback reason', async () => {
        const recorded = store ? ((await record(() => store.recordFeedbackReason(feedbackId, reason, now()))) ?? false) : false;
        return { kind: 'feedback-reason', reason, recorded };
      }),

    help,

    upcoming: (count) =>
      nextOccurrences(options.knowledge().reminders, now(), count).map((o) => ({ title: o.reminder.title, localTime: o.localTime, topic: o.reminder.topic })),

    apology,
  };
}
