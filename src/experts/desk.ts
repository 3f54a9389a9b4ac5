// The expert desk: everything that happens to a hand-off after the asker confirms it. It posts the question
// in the team's channel exactly once, reminds the team once half-way to expiry, expires it and tells the
// asker (with the helpline) when nobody answered, relays each answer back to the asker attributed to the
// expert (the first closes it, later ones are marked as later), and turns an answer into a draft knowledge
// entry for the admins.
//
// Exactly once, across restarts and several instances, with the reminder deliveries' claims: each post is
// a delivery keyed `handoff:<id>` (the question), `handoff-reminder:<id>` and `handoff-expired:<id>`, claimed
// before sending and marked after, so a crash before the send loses nothing and a second instance never
// posts it again. Open hand-offs live in the store, so a restart picks them up on its first tick.
import { helplineText } from '../answer/safety.ts';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import type { Log } from '../log.ts';
import { formatLocal } from '../reminders/schedule.ts';
import type { SendResult } from '../reminders/sender.ts';
import type { DeliveryKey, Handoff, Store } from '../store/store.ts';
import { draftEntryYaml } from './draft-entry.ts';
import type { DeskDestination as Destination, DeskOutgoing as Outgoing, HandoffPost } from './post.ts';

/** What the desk needs of a platform: its name and Channel.send. */
export interface DeskChannel {
  readonly platform: string;
  send(to: Destination, message: Outgoing): Promise<SendResult>;
}

export interface ExpertAnswerInput {
  platform: string;
  /** The team channel and the thread the reply was posted in. */
  channel: string;
  thread: string;
  /** Who answered, as the platform names them. */
  expert: string;
  text: string;
}

export interface ExpertDesk {
  /** Post, remind and expire what is due; never throws (failures are logged and retried on the next tick). */
  tick(): Promise<void>;
  /** A hand-off was just confirmed: post it now rather than at the next tick. */
  opened(handoffId: string): void;
  /**
   * A reply in a thread of a team channel: when it is a hand-off's thread, relay it to the asker and say so
   * in the thread. False when the thread is no hand-off's (an ordinary message).
   */
  answer(input: ExpertAnswerInput): Promise<boolean>;
  /** The expert asked for a draft entry from answer `seq`: sent to the admins. What to tell the expert. */
  draftEntry(handoffId: string, seq: number): Promise<string>;
  /** Tick every `intervalMs` until stopped. */
  start(): void;
  stop(): Promise<void>;
}

export interface DeskOptions {
  store: Store;
  /** The started platforms (read when used: the desk is made before they start). */
  channels: () => readonly DeskChannel[];
  knowledge: () => KnowledgeBase;
  now: () => Date;
  /** Who holds a claim (host:pid). */
  owner: string;
  log: Log;
  /** Tell the admins (the same path as knowledge edits that do not load). */
  tellAdmins: (lines: string[]) => Promise<void>;
  /** Default a minute. */
  intervalMs?: number;
  /** A claim older than this was left by a crash and is taken over. Default 10 minutes. */
  claimStaleMs?: number;
  timers?: { setInterval(fn: () => void, ms: number): unknown; clearInterval(handle: unknown): void };
}

const DEFAULT_INTERVAL_MS = 60_000;
const DEFAULT_CLAIM_STALE_MS = 10 * 60_000;
/** Expired hand-offs are looked at this long for an asker notice still to send. */
const NOTICE_WINDOW_MS = 24 * 60 * 60_000;

export const DESK_TEXT = {
  expired: (team: string, kb?: KnowledgeBase) => `Nobody from ${team} answered your question in time, so it is closed. ${helplineText(kb)}`,
  unreachable: (team: string, kb?: KnowledgeBase) => `Your question could not be posted to ${team}: their channel cannot be reached. ${helplineText(kb)}`,
  draftSent: 'A draft entry from this answer was sent to the guide\'s admins to check and finish.',
  draftNoAdmins: 'No admins are set up to receive a draft entry (ADMIN_USERS).',
  draftGone: 'That answer is no longer kept, so no draft could be made.',
} as const;

export function createExpertDesk(options: DeskOptions): ExpertDesk {
  const { store, now, owner, log } = options;
  const claimStaleMs = options.claimStaleMs ?? DEFAULT_CLAIM_STALE_MS;
  const timers = options.timers ?? { setInterval: (fn, ms) => setInterval(fn, ms).unref(), clearInterval: (h) => clearInterval(h as NodeJS.Timeout) };
  let running: Promise<void> = Promise.resolve();
  let timer: unknown;

  const channelFor = (platform: string) => options.channels().find((c) => c.platform === platform);
  const teamOf = (h: Handoff) => options.knowledge().experts?.teams.find((t) => t.id === h.teamId);
  const teamName = (h: Handoff) => teamOf(h)?.name ?? h.teamId ?? 'the expert team';
  const askerDestination = (h: Handoff): Destination => (h.replyThread === null ? { conversation: h.replyTo } : { conversation: h.replyTo, thread: h.replyThread });

  /**
   * Send once under `key`: claimed first, marked after. Returns the send's result, or undefined when
   * someone else has it or had it (or this process has no channel for the platform).
   */
  async function once(key: DeliveryKey, to: Destination, message: Outgoing): Promise<SendResult | undefined> {
    const channel = channelFor(key.platform);
    if (!channel) return undefined;
    const known = await store.delivery(key);
    if (known && (known.status === 'delivered' || known.status === 'skipped' || (known.status === 'failed' && known.permanent))) return undefined;
    if (!(await store.claimDelivery(key, owner, now(), claimStaleMs))) return undefined;
    let result: SendResult;
    try {
      result = await channel.send(to, message);
    } catch (error) {
      result = { ok: false, kind: 'transient', error: (error as Error).message };
    }
    if (result.ok) await store.markDelivered(key, now());
    else await store.markFailed(key, result.error, now(), result.kind === 'gone' || result.kind === 'unknown');
    return result;
  }

  const keyFor = (what: 'handoff' | 'handoff-reminder' | 'handoff-expired', h: Handoff, channelId: string): DeliveryKey => ({
    reminderId: `${what}:${h.id}`,
    occurrence: h.openedAt ?? h.createdAt,
    platform: h.platform,
    channelId,
  });

  function postOf(h: Handoff, reminder: boolean): HandoffPost {
    const kb = options.knowledge();
    const guess = h.bestGuess === null ? undefined : kb.byId.get(h.bestGuess);
    return {
      handoffId: h.id,
      teamName: teamName(h),
      asker: h.asker,
      question: h.question,
      ...(guess ? { bestGuess: { id: guess.id, title: guess.title } } : {}),
      expires: h.expiresAt === null ? 'soon' : formatLocal(new Date(h.expiresAt), 'Europe/London'),
      reminder,
    };
  }

  async function post(h: Handoff): Promise<void> {
    if (h.postedAt !== null || h.teamChannel === null) return;
    const result = await once(keyFor('handoff', h, h.teamChannel), { conversation: h.teamChannel }, { kind: 'handoff', post: postOf(h, false) });
    if (result === undefined) return;
    if (result.ok) {
      await store.markHandoffPosted(h.id, result.ref ?? null, now());
      log.info({ handoff: h.id, team: h.teamId, platform: h.platform }, 'hand-off posted to the expert team');
    } else if (result.kind === 'gone' || result.kind === 'unknown') {
      log.error({ handoff: h.id, team: h.teamId, kind: result.kind, error: result.error }, 'hand-off not posted: check the team\'s channel id in experts.yaml and that the bot is in the channel');
      if (result.kind === 'gone' && (await store.expireHandoff(h.id, now()))) {
        await once(keyFor('handoff-expired', h, h.replyTo), askerDestination(h), {
          kind: 'reply',
          reply: { kind: 'expert-expired', teamName: teamName(h), question: h.question, text: DESK_TEXT.unreachable(teamName(h), options.knowledge()) },
        });
      }
    } else {
      log.warn({ handoff: h.id, kind: result.kind, error: result.error }, 'hand-off not posted yet; tried again on the next tick');
    }
  }

  async function remind(h: Handoff, at: Date): Promise<void> {
    if (h.remindedAt !== null || h.remindAt === null || h.postedAt === null || h.teamChannel === null || at < new Date(h.remindAt)) return;
    const to: Destination = h.postRef === null ? { conversation: h.teamChannel } : { conversation: h.teamChannel, thread: h.postRef };
    const result = await once(keyFor('handoff-reminder', h, h.teamChannel), to, { kind: 'handoff', post: postOf(h, true) });
    if (result?.ok) {
      await store.markHandoffReminded(h.id, now());
      log.info({ handoff: h.id }, 'expert team reminded of an unanswered hand-off');
    }
  }

  async function expire(h: Handoff, at: Date): Promise<void> {
    if (h.status === 'open') {
      if (h.expiresAt === null || at < new Date(h.expiresAt)) return;
      if (!(await store.expireHandoff(h.id, now()))) return;
      log.info({ handoff: h.id, team: h.teamId }, 'hand-off expired unanswered');
    }
    await once(keyFor('handoff-expired', h, h.replyTo), askerDestination(h), {
      kind: 'reply',
      reply: { kind: 'expert-expired', teamName: teamName(h), question: h.question, text: DESK_TEXT.expired(teamName(h), options.knowledge()) },
    });
  }

  async function runTick(): Promise<void> {
    const at = now();
    let open: Handoff[] = [];
    let expired: Handoff[] = [];
    try {
      open = await store.handoffs({ status: ['open'] });
      expired = (await store.handoffs({ status: ['expired'] })).filter((h) => h.closedAt !== null && at.getTime() - Date.parse(h.closedAt) < NOTICE_WINDOW_MS);
    } catch (error) {
      log.error({ error: (error as Error).message }, 'could not read the open hand-offs');
      return;
    }
    for (const h of open) {
      try {
        await post(h);
        const fresh = (await store.handoff(h.id)) ?? h;
        await remind(fresh, at);
        await expire(fresh, at);
      } catch (error) {
        log.error({ handoff: h.id, error: (error as Error).message }, 'hand-off step failed; tried again on the next tick');
      }
    }
    for (const h of expired) {
      try {
        await expire(h, at);
      } catch (error) {
        log.error({ handoff: h.id, error: (error as Error).message }, 'could not tell the asker a hand-off expired; tried again on the next tick');
      }
    }
  }

  /** Ticks never overlap: each waits for the one before. */
  const tick = (): Promise<void> => (running = running.then(runTick, runTick));

  return {
    tick,
    opened: () => void tick(),
    async answer(input) {
      const h = await store.handoffByPost(input.platform, input.channel, input.thread);
      if (!h) return false;
      const channel = channelFor(h.platform);
      const recorded = await store.recordHandoffAnswer(h.id, { expert: input.expert, text: input.text }, now());
      if (!recorded || !channel) return true;
      const reply = { kind: 'expert-answer' as const, teamName: teamName(h), expert: input.expert, text: input.text, question: h.question, late: !recorded.first };
      const relayed = await channel.send(askerDestination(h), { kind: 'reply', reply }).catch((error: unknown) => ({ ok: false as const, kind: 'transient' as const, error: (error as Error).message }));
      if (!relayed.ok) {
        log.error({ handoff: h.id, kind: relayed.kind, error: relayed.error }, 'an expert answer could not be passed on to the asker');
        await channel.send({ conversation: input.channel, thread: input.thread }, { kind: 'reply', reply: { kind: 'expert-notice', text: 'Your answer could not be passed on to the asker just now. Please reply again in a few minutes.' } }).catch(() => undefined);
        return true;
      }
      log.info({ handoff: h.id, seq: recorded.seq, first: recorded.first }, 'expert answer passed on to the asker');
      await channel
        .send({ conversation: input.channel, thread: input.thread }, { kind: 'handoff-relayed', relayed: { handoffId: h.id, seq: recorded.seq, asker: h.asker, first: recorded.first } })
        .catch(() => undefined);
      return true;
    },
    async draftEntry(handoffId, seq) {
      const [h, answer] = await Promise.all([store.handoff(handoffId), store.handoffAnswer(handoffId, seq)]);
      if (!h || !answer) return DESK_TEXT.draftGone;
      const yaml = draftEntryYaml({ question: h.question, answer: answer.text, teamName: teamName(h) });
      let told = false;
      await options.tellAdmins(['A draft knowledge entry from an expert\'s answer, to check and finish (nothing has changed in the knowledge):', yaml]).then(
        () => (told = true),
        () => undefined,
      );
      log.info({ handoff: h.id, seq }, 'draft knowledge entry sent to the admins');
      return told ? DESK_TEXT.draftSent : DESK_TEXT.draftNoAdmins;
    },
    start() {
      if (timer !== undefined) return;
      void tick();
      timer = timers.setInterval(() => void tick(), options.intervalMs ?? DEFAULT_INTERVAL_MS);
    },
    async stop() {
      if (timer !== undefined) timers.clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
