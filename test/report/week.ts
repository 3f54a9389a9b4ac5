// A week of questions, feedback and deliveries over the fixture knowledge, recorded through the
// conversation core as the platforms record them: what the report tests read.
import { createConversation } from '../../src/conversation/conversation.ts';
import type { Surface } from '../../src/conversation/where.ts';
import { loadKnowledge } from '../../src/knowledge/loader.ts';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { buildReport, type Report } from '../../src/report/report.ts';
import { createMemoryStore } from '../../src/store/memory.ts';
import type { Store } from '../../src/store/store.ts';

export const FIXTURE = 'test/fixtures/knowledge/valid';
export const SINCE = new Date('2026-11-16T00:00:00Z');
export const UNTIL = new Date('2026-11-22T23:59:59Z');
const surface = (name: string): Surface => ({ name, howToAsk: [] });

export function fixture(): KnowledgeBase {
  const { kb } = loadKnowledge(FIXTURE, { now: UNTIL });
  if (!kb) throw new Error('fixture knowledge does not load');
  return kb;
}

/** A week of questions: asked at 10:00 UTC on the day given (0 = Monday 16 Nov). */
export async function week(store: Store, kb: KnowledgeBase) {
  let at = SINCE;
  const conversation = createConversation({ knowledge: () => kb, store, now: () => at });
  const ask = async (day: number, platform: string, text: string) => {
    at = new Date(Date.UTC(2026, 10, 16 + day, 10));
    return conversation.handle(text, { surface: surface(platform), conversation: 'C1' });
  };
  await ask(0, 'slack', 'how do I refer an adult to the nrm');
  await ask(0, 'slack', 'he is being beaten right now');
  await ask(0, 'teams', 'nrm');
  await ask(1, 'teams', 'nrm');
  await ask(1, 'slack', 'can Jane Doe get legal aid? call 07700 900123');
  await ask(2, 'slack', 'legal aid for victims');
  await ask(2, 'console', 'where can I park at HQ');
  await ask(3, 'teams', 'parking at HQ');
  await ask(3, 'teams', 'parking at HQ');
  await ask(4, 'slack', 'what about bees');
  await ask(6, 'slack', 'duty to notify');
  at = new Date(Date.UTC(2026, 10, 20, 11));
  const down = await conversation.feedback('duty-to-notify', false, { surface: surface('slack') }, 'dtn for Jane Doe');
  if (down.kind === 'feedback' && down.reasons) await conversation.feedbackReason(down.reasons.feedbackId, 'out_of_date', { surface: surface('slack') });
  await conversation.feedback('duty-to-notify', false, { surface: surface('teams') });
  await conversation.feedback('nrm-adult-referral', true, { surface: surface('teams') });
  // Before the period: not counted.
  at = new Date('2026-11-10T10:00:00Z');
  await conversation.handle('what about bees', { surface: surface('slack') });
}

export async function report(): Promise<Report> {
  const kb = fixture();
  const store = createMemoryStore();
  await week(store, kb);
  const key = { reminderId: 'monthly-signs', occurrence: '2026-11-18T09:00:00.000Z', platform: 'slack', channelId: 'C1' };
  await store.markDelivered(key, new Date('2026-11-18T09:00:01Z'));
  await store.markFailed({ ...key, channelId: 'C2' }, 'channel_not_found', new Date('2026-11-18T09:00:01Z'), true);
  await store.markSkipped({ ...key, channelId: 'C3' }, 'missed by more than the catch-up window (1440 min)', new Date('2026-11-19T09:00:00Z'));
  await store.markDelivered({ ...key, reminderId: 'digest:admins', occurrence: '2026-11-16T09:00:00.000Z', channelId: 'U1' }, new Date('2026-11-16T09:00:00Z'));
  await store.markDelivered({ ...key, occurrence: '2026-10-01T08:00:00.000Z' }, new Date('2026-10-01T08:00:00Z'));
  await store.subscribe({ platform: 'slack', channelId: 'C2' }, 'spot-the-signs', new Date('2026-11-01T00:00:00Z'));
  await store.disableChannel({ platform: 'slack', channelId: 'C2' }, 'channel_not_found', new Date('2026-11-18T09:00:01Z'));
  return buildReport({ store, knowledge: kb, period: { since: SINCE, until: UNTIL } });
}

