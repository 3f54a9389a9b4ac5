// A small in-memory Store that keeps the delivery promises of the interface, so the scheduler can be tested
// on its own. The integration tests run the same scenarios on the SQLite store.
import type {
  ChannelRef,
  Delivery,
  DeliveryKey,
  DeliveryStatus,
  Store,
  Subscription,
  UnansweredRow,
} from '../../src/store/store.ts';

const channelKey = (c: ChannelRef): string => `${c.platform}:${c.channelId}`;
const deliveryKey = (k: DeliveryKey): string => `${k.reminderId}|${k.occurrence}|${k.platform}:${k.channelId}`;

export function createMemoryStore(): Store {
  const subscriptions: Subscription[] = [];
  const deliveries = new Map<string, Delivery>();
  const meta = new Map<string, string>();
  const references = new Map<string, unknown>();
  const seen = new Set<string>();

  const find = (channel: ChannelRef, topic: string): Subscription | undefined =>
    subscriptions.find((s) => channelKey(s) === channelKey(channel) && s.topic === topic);

  const publicDelivery = (d: Delivery): Delivery => ({ ...d });

  return {
    subscribe(channel, topic, now) {
      const existing = find(channel, topic);
      if (existing) {
        const wasDisabled = existing.disabledAt !== null;
        existing.disabledAt = null;
        existing.disabledReason = null;
        return wasDisabled;
      }
      subscriptions.push({ ...channel, topic, createdAt: now.toISOString(), disabledAt: null, disabledReason: null });
      return true;
    },
    unsubscribe(channel, topic) {
      const index = subscriptions.findIndex((s) => channelKey(s) === channelKey(channel) && s.topic === topic);
      if (index < 0) return false;
      subscriptions.splice(index, 1);
      return true;
    },
    subscriptionsFor: (channel) => subscriptions.filter((s) => channelKey(s) === channelKey(channel)).map((s) => ({ ...s })),
    subscribersOf: (topic) => subscriptions.filter((s) => s.topic === topic && s.disabledAt === null).map((s) => ({ ...s })),
    disableChannel(channel, reason, now) {
      let count = 0;
      for (const s of subscriptions) {
        if (channelKey(s) === channelKey(channel) && s.disabledAt === null) {
          s.disabledAt = now.toISOString();
          s.disabledReason = reason;
          count++;
        }
      }
      return count;
    },

    saveConversationReference: (id, reference) => void references.set(id, reference),
    conversationReference: (id) => references.get(id),
    removeConversationReference: (id) => references.delete(id),
    conversationReferences: () => [...references].map(([conversationId, reference]) => ({ conversationId, reference })),

    claimDelivery(key, owner, now, staleAfterMs) {
      const existing = deliveries.get(deliveryKey(key));
      if (existing) {
        const stale =
          existing.status === 'claimed' &&
          existing.claimedAt !== null &&
          now.getTime() - Date.parse(existing.claimedAt) >= staleAfterMs;
        const retryable = existing.status === 'failed' && !existing.permanent;
        if (!stale && !retryable) return false;
        existing.status = 'claimed';
        existing.claimedAt = now.toISOString();
        existing.claimedBy = owner;
        existing.attempts++;
        return true;
      }
      deliveries.set(deliveryKey(key), {
        ...key,
        status: 'claimed',
        attempts: 1,
        claimedAt: now.toISOString(),
        claimedBy: owner,
        deliveredAt: null,
        lastError: null,
        permanent: false,
      });
      return true;
    },
    markDelivered(key, now) {
      const d = deliveries.get(deliveryKey(key));
      if (!d) throw new Error('markDelivered without a claim');
      d.status = 'delivered';
      d.deliveredAt = now.toISOString();
    },
    markFailed(key, error, _now, permanent) {
      const d = deliveries.get(deliveryKey(key));
      if (!d) throw new Error('markFailed without a claim');
      d.status = 'failed';
      d.lastError = error;
      d.permanent = permanent;
    },
    markSkipped(key, reason) {
      const existing = deliveries.get(deliveryKey(key));
      if (existing && existing.status === 'delivered') return;
      deliveries.set(deliveryKey(key), {
        ...key,
        status: 'skipped',
        attempts: existing?.attempts ?? 0,
        claimedAt: null,
        claimedBy: null,
        deliveredAt: null,
        lastError: reason,
        permanent: true,
      });
    },
    delivery: (key) => {
      const d = deliveries.get(deliveryKey(key));
      return d ? publicDelivery(d) : undefined;
    },
    deliveries: (filter = {}) =>
      [...deliveries.values()]
        .filter((d) => (filter.reminderId === undefined || d.reminderId === filter.reminderId) && (filter.status === undefined || d.status === (filter.status as DeliveryStatus)))
        .map(publicDelivery),

    markEventSeen(key) {
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    },
    getMeta: (key) => meta.get(key),
    setMeta: (key, value) => void meta.set(key, value),

    recordFeedback() {},
    feedback: () => [],
    recordUnanswered() {},
    unanswered: (): UnansweredRow[] => [],
    healthy: () => true,
    close() {},
  };
}
