// A Store kept in memory, with the same promises as the SQLite store (the contract tests run on both):
// for tests of other parts, and for anything that needs state without a file. Nothing survives the process.
import type {
  ChannelRef,
  Delivery,
  DeliveryKey,
  FeedbackReason,
  FeedbackRow,
  Forgotten,
  Handoff,
  HandoffAnswer,
  HandoffInput,
  HandoffStatus,
  QuestionInput,
  QuestionRow,
  Store,
  Subscription,
  UnansweredRow,
} from './store.ts';
import { STORE_DEFAULTS, canonicalOccurrence, checkFeedbackReason, checkStaleAfter, iso, newFeedbackId, newHandoffId, storedQuestion } from './values.ts';

export interface MemoryStoreOptions {
  /** How long `markEventSeen` remembers a key. Default 24 h, as in SQLite. */
  eventRetentionMs?: number;
}

const channelKey = (c: ChannelRef): string => JSON.stringify([c.platform, c.channelId]);
const deliveryKey = (k: DeliveryKey): string =>
  JSON.stringify([k.reminderId, canonicalOccurrence(k.occurrence), k.platform, k.channelId]);
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function createMemoryStore(options: MemoryStoreOptions = {}): Store {
  const eventRetentionMs = options.eventRetentionMs ?? STORE_DEFAULTS.eventRetentionMs;
  const subscriptions = new Map<string, Subscription>();
  const deliveries = new Map<string, Delivery>();
  const meta = new Map<string, string>();
  // Kept as JSON, as SQLite keeps them: a reference comes back as a copy, and must be serialisable.
  const references = new Map<string, string>();
  const seen = new Map<string, string>();
  const feedback: FeedbackRow[] = [];
  const questions: QuestionRow[] = [];
  const unanswered: UnansweredRow[] = [];
  const handoffs = new Map<string, Handoff>();
  const handoffAnswers: HandoffAnswer[] = [];
  // Kept in the order written; read back by time, ties in that order (as SQLite orders by time, then row id).
  const byTime = <T extends { at: string }>(rows: readonly T[], since?: Date): T[] => {
    const from = since === undefined ? '' : iso(since);
    return rows
      .map((row, index) => ({ row, index }))
      .filter(({ row }) => row.at >= from)
      .sort((a, b) => byText(a.row.at, b.row.at) || a.index - b.index)
      .map(({ row }) => row);
  };
  let open = true;

  const subscriptionKey = (channel: ChannelRef, topic: string) => JSON.stringify([channel.platform, channel.channelId, topic]);
  const copy = <T extends object>(value: T): T => ({ ...value });
  const checked = <A extends unknown[], R>(fn: (...args: A) => R) => async (...args: A): Promise<R> => {
    if (!open) throw new Error('the store is closed');
    return fn(...args);
  };
  const newDelivery = (key: DeliveryKey, fields: Partial<Delivery>): Delivery => ({
    reminderId: key.reminderId,
    occurrence: canonicalOccurrence(key.occurrence),
    platform: key.platform,
    channelId: key.channelId,
    status: 'claimed',
    permanent: false,
    attempts: 0,
    claimedAt: null,
    claimedBy: null,
    deliveredAt: null,
    lastError: null,
    ...fields,
  });

  return {
    subscribe: checked((channel: ChannelRef, topic: string, now: Date) => {
      const key = subscriptionKey(channel, topic);
      const existing = subscriptions.get(key);
      if (!existing) {
        subscriptions.set(key, { platform: channel.platform, channelId: channel.channelId, topic, createdAt: iso(now), disabledAt: null, disabledReason: null });
        return true;
      }
      // Re-enabling a paused subscription counts as new: it will post again.
      if (existing.disabledAt === null) return false;
      existing.disabledAt = null;
      existing.disabledReason = null;
      return true;
    }),
    unsubscribe: checked((channel: ChannelRef, topic: string) => subscriptions.delete(subscriptionKey(channel, topic))),
    subscriptionsFor: checked((channel: ChannelRef) =>
      [...subscriptions.values()]
        .filter((s) => channelKey(s) === channelKey(channel))
        .sort((a, b) => byText(a.topic, b.topic))
        .map(copy),
    ),
    subscribersOf: checked((topic: string) =>
      [...subscriptions.values()]
        .filter((s) => s.topic === topic && s.disabledAt === null)
        .sort((a, b) => byText(a.platform, b.platform) || byText(a.channelId, b.channelId))
        .map(copy),
    ),
    subscriptions: checked(() =>
      [...subscriptions.values()]
        .sort((a, b) => byText(a.platform, b.platform) || byText(a.channelId, b.channelId) || byText(a.topic, b.topic))
        .map(copy),
    ),
    disableChannel: checked((channel: ChannelRef, reason: string, now: Date) => {
      let count = 0;
      for (const s of subscriptions.values()) {
        if (channelKey(s) !== channelKey(channel) || s.disabledAt !== null) continue;
        s.disabledAt = iso(now);
        s.disabledReason = reason;
        count++;
      }
      return count;
    }),

    saveConversationReference: checked((conversationId: string, reference: unknown) => {
      const json = JSON.stringify(reference);
      if (json === undefined) throw new TypeError('a conversation reference must be JSON-serialisable');
      references.set(conversationId, json);
    }),
    conversationReference: checked((conversationId: string): unknown => {
      const json = references.get(conversationId);
      return json === undefined ? undefined : (JSON.parse(json) as unknown);
    }),
    removeConversationReference: checked((conversationId: string) => references.delete(conversationId)),
    conversationReferences: checked(() =>
      [...references.keys()].sort(byText).map((conversationId) => ({ conversationId, reference: JSON.parse(references.get(conversationId)!) as unknown })),
    ),

    claimDelivery: checked((key: DeliveryKey, owner: string, now: Date, staleAfterMs: number) => {
      checkStaleAfter(staleAfterMs);
      const id = deliveryKey(key);
      const existing = deliveries.get(id);
      if (!existing) {
        deliveries.set(id, newDelivery(key, { attempts: 1, claimedAt: iso(now), claimedBy: owner }));
        return true;
      }
      const staleBefore = iso(new Date(now.getTime() - staleAfterMs));
      const stale = existing.status === 'claimed' && existing.claimedAt !== null && existing.claimedAt < staleBefore;
      const retryable = existing.status === 'failed' && !existing.permanent;
      if (!stale && !retryable) return false;
      existing.status = 'claimed';
      existing.attempts++;
      existing.claimedAt = iso(now);
      existing.claimedBy = owner;
      return true;
    }),
    markDelivered: checked((key: DeliveryKey, now: Date) => {
      // What was sent was sent: delivered wins over any earlier state.
      const id = deliveryKey(key);
      const existing = deliveries.get(id) ?? newDelivery(key, { attempts: 1 });
      deliveries.set(id, { ...existing, status: 'delivered', permanent: false, deliveredAt: iso(now) });
    }),
    markFailed: checked((key: DeliveryKey, error: string, now: Date, permanent: boolean) => {
      iso(now);
      const id = deliveryKey(key);
      const existing = deliveries.get(id);
      if (!existing) {
        deliveries.set(id, newDelivery(key, { status: 'failed', permanent, attempts: 1, lastError: error }));
        return;
      }
      if ((existing.status !== 'claimed' && existing.status !== 'failed') || existing.permanent) return;
      existing.status = 'failed';
      existing.permanent = permanent;
      existing.lastError = error;
    }),
    markSkipped: checked((key: DeliveryKey, reason: string, now: Date) => {
      iso(now);
      const id = deliveryKey(key);
      const existing = deliveries.get(id);
      if (!existing) {
        deliveries.set(id, newDelivery(key, { status: 'skipped', lastError: reason }));
        return;
      }
      if (existing.status !== 'claimed' && existing.status !== 'failed') return;
      existing.status = 'skipped';
      existing.lastError = reason;
    }),
    delivery: checked((key: DeliveryKey) => {
      const found = deliveries.get(deliveryKey(key));
      return found ? copy(found) : undefined;
    }),
    deliveries: checked((filter: { reminderId?: string; status?: Delivery['status']; since?: Date } = {}) =>
      [...deliveries.values()]
        .filter(
          (d) =>
            (filter.reminderId === undefined || d.reminderId === filter.reminderId) &&
            (filter.status === undefined || d.status === filter.status) &&
            (filter.since === undefined || d.occurrence >= iso(filter.since)),
        )
        .sort(
          (a, b) =>
            byText(a.occurrence, b.occurrence) || byText(a.reminderId, b.reminderId) || byText(a.platform, b.platform) || byText(a.channelId, b.channelId),
        )
        .map(copy),
    ),

    markEventSeen: checked((key: string, now: Date) => {
      const cutoff = iso(new Date(now.getTime() - eventRetentionMs));
      for (const [k, at] of seen) if (at < cutoff) seen.delete(k);
      if (seen.has(key)) return false;
      seen.set(key, iso(now));
      return true;
    }),

    getMeta: checked((key: string) => meta.get(key)),
    setMeta: checked((key: string, value: string) => {
      meta.set(key, value);
    }),

    recordFeedback: checked((input: { entryId: string; helpful: boolean; platform: string; question?: string }, now: Date) => {
      const question = input.question === undefined ? null : storedQuestion(input.question);
      const id = newFeedbackId();
      feedback.push({ id, entryId: input.entryId, helpful: input.helpful, platform: input.platform, question, reason: null, at: iso(now) });
      return id;
    }),
    recordFeedbackReason: checked((id: string, reason: FeedbackReason, now: Date) => {
      const checkedReason = checkFeedbackReason(reason);
      iso(now);
      const row = feedback.find((f) => f.id === id && !f.helpful);
      if (!row) return false;
      row.reason = checkedReason;
      return true;
    }),
    feedback: checked((since?: Date) => byTime(feedback, since).map(copy)),
    recordQuestion: checked((input: QuestionInput, now: Date) => {
      questions.push({ at: iso(now), platform: input.platform, status: input.status, urgent: input.urgent, entryId: input.entryId });
    }),
    questions: checked((since: Date) => byTime(questions, since).map(copy)),
    recordUnanswered: checked((input: { question: string; status: UnansweredRow['status']; platform: string; score: number }, now: Date) => {
      unanswered.push({ question: storedQuestion(input.question), status: input.status, platform: input.platform, score: input.score, at: iso(now) });
    }),
    unanswered: checked((limit: number = STORE_DEFAULTS.unansweredLimit, since?: Date) =>
      byTime(unanswered, since)
        .reverse()
        .slice(0, Math.max(0, Math.trunc(limit)))
        .map(copy),
    ),
    forgetBefore: checked((before: Date): Forgotten => {
      const cutoff = iso(before);
      const drop = <T extends { at: string }>(rows: T[]): number => {
        const kept = rows.filter((row) => row.at >= cutoff);
        const dropped = rows.length - kept.length;
        rows.splice(0, rows.length, ...kept);
        return dropped;
      };
      let gone = 0;
      for (const [id, h] of handoffs) {
        if (h.status === 'open' || h.createdAt >= cutoff) continue;
        handoffs.delete(id);
        gone++;
        handoffAnswers.splice(0, handoffAnswers.length, ...handoffAnswers.filter((a) => a.handoffId !== id));
      }
      return { questions: drop(questions), unanswered: drop(unanswered), feedback: drop(feedback), handoffs: gone };
    }),

    createHandoff: checked((input: HandoffInput, now: Date) => {
      const handoff: Handoff = {
        id: newHandoffId(),
        platform: input.platform,
        asker: input.asker,
        replyTo: input.replyTo,
        replyThread: input.replyThread,
        question: storedQuestion(input.question),
        teamId: input.teamId,
        teamChannel: input.teamChannel,
        bestGuess: input.bestGuess,
        status: 'draft',
        createdAt: iso(now),
        openedAt: null,
        expiresAt: null,
        remindAt: null,
        remindedAt: null,
        postedAt: null,
        postRef: null,
        answeredAt: null,
        closedAt: null,
        answers: 0,
      };
      handoffs.set(handoff.id, handoff);
      return copy(handoff);
    }),
    handoff: checked((id: string) => {
      const found = handoffs.get(id);
      return found ? copy(found) : undefined;
    }),
    chooseHandoffTeam: checked((id: string, teamId: string, teamChannel: string, now: Date) => {
      iso(now);
      const h = handoffs.get(id);
      if (!h || h.status !== 'draft') return false;
      h.teamId = teamId;
      h.teamChannel = teamChannel;
      return true;
    }),
    openHandoff: checked((id: string, times: { expiresAt: Date; remindAt: Date }, now: Date) => {
      const h = handoffs.get(id);
      if (!h || h.status !== 'draft' || h.teamId === null || h.teamChannel === null) return false;
      h.status = 'open';
      h.openedAt = iso(now);
      h.expiresAt = iso(times.expiresAt);
      h.remindAt = iso(times.remindAt);
      return true;
    }),
    cancelHandoff: checked((id: string, now: Date) => {
      const h = handoffs.get(id);
      if (!h || h.status !== 'draft') return false;
      h.status = 'cancelled';
      h.closedAt = iso(now);
      return true;
    }),
    markHandoffPosted: checked((id: string, postRef: string | null, now: Date) => {
      const h = handoffs.get(id);
      if (!h) return;
      h.postedAt = iso(now);
      h.postRef = postRef;
    }),
    handoffByPost: checked((platform: string, teamChannel: string, postRef: string) => {
      const found = [...handoffs.values()].find((h) => h.platform === platform && h.teamChannel === teamChannel && h.postRef === postRef);
      return found ? copy(found) : undefined;
    }),
    recordHandoffAnswer: checked((id: string, answer: { expert: string; text: string }, now: Date) => {
      const h = handoffs.get(id);
      if (!h || (h.status !== 'open' && h.status !== 'answered' && h.status !== 'expired')) return undefined;
      const first = h.answers === 0;
      h.answers += 1;
      if (h.status === 'open') {
        h.status = 'answered';
        h.answeredAt = iso(now);
      }
      handoffAnswers.push({ handoffId: id, seq: h.answers, expert: answer.expert, text: storedQuestion(answer.text), at: iso(now) });
      return { seq: h.answers, first };
    }),
    handoffAnswer: checked((id: string, seq: number) => {
      const found = handoffAnswers.find((a) => a.handoffId === id && a.seq === seq);
      return found ? copy(found) : undefined;
    }),
    markHandoffReminded: checked((id: string, now: Date) => {
      const h = handoffs.get(id);
      if (h) h.remindedAt = iso(now);
    }),
    expireHandoff: checked((id: string, now: Date) => {
      const h = handoffs.get(id);
      if (!h || h.status !== 'open') return false;
      h.status = 'expired';
      h.closedAt = iso(now);
      return true;
    }),
    handoffs: checked((filter: { status?: readonly HandoffStatus[]; since?: Date } = {}) => {
      const from = filter.since === undefined ? '' : iso(filter.since);
      return [...handoffs.values()]
        .filter((h) => (filter.status === undefined || filter.status.includes(h.status)) && h.createdAt >= from)
        .sort((a, b) => byText(a.createdAt, b.createdAt) || byText(a.id, b.id))
        .map(copy);
    }),

    healthy: async () => open,
    close: async () => {
      open = false;
    },
  };
}
