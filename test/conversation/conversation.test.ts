// The conversation core on its own: what someone types or picks → the Reply every platform renders.
import { describe, expect, it } from 'vitest';
import { createGuide } from '../../src/answer/guide.ts';
import { DEFAULT_BANNER } from '../../src/answer/safety.ts';
import { Reminder } from '../../src/knowledge/schema.ts';
import { chooserFor } from '../../src/conversation/chooser.ts';
import { createConversation } from '../../src/conversation/conversation.ts';
import { FEEDBACK_REASON_OPTIONS, answerOf, type Reply } from '../../src/conversation/reply.ts';
import { createMemoryStore } from '../../src/store/memory.ts';
import type { Store } from '../../src/store/store.ts';
import { sampleKnowledge } from '../answer/sample-kb.ts';
import { where } from '../helpers/where.ts';
import { captureLog } from '../helpers/log.ts';
import { CHOOSER_LABELS, IN_FIELD_NO_MATCH, NOTHING_KNOWN, OFF_TOPIC_WITH_CUE, chooserEntries, chooserKnowledge } from './chooser-kb.ts';

const NOW = new Date('2026-11-23T10:00:00Z');

function core(kb = chooserKnowledge(), store: Store = createMemoryStore()) {
  const { lines: logged, log } = captureLog();
  const conversation = createConversation({ knowledge: () => kb, store, now: () => NOW, log });
  return { conversation, store, logged };
}

const labels = (reply: Reply) => (reply.kind === 'chooser' ? reply.chooser.options.map((o) => o.label) : []);

describe('the chooser', () => {
  it('is offered for a question in the field that matches no one entry, with the fallback kept', async () => {
    const premise = createGuide(chooserKnowledge()).ask(IN_FIELD_NO_MATCH);
    expect(premise.status).toBe('no_match');
    expect(premise.inField).toBe(true);

    const reply = await core().conversation.handle(IN_FIELD_NO_MATCH, where('C1'));
    expect(reply.kind).toBe('chooser');
    expect(labels(reply)).toEqual(CHOOSER_LABELS);
    expect(answerOf(reply)?.fallback).toMatch(/999[\s\S]*08000 121 700|08000 121 700[\s\S]*999/);
    expect(reply.kind === 'chooser' && reply.chooser.options.map((o) => o.choice)).toEqual([
      { kind: 'entry', id: 'child-referral-nrm' },
      { kind: 'entry', id: 'nrm-adult-consents' },
      { kind: 'entry', id: 'signs-general' },
      { kind: 'entry', id: 'find-a-local-partnership' },
      { kind: 'entry', id: 'modern-slavery-helpline' },
    ]);
  });

  it('is not offered for an everyday request, however much of it the knowledge knows', async () => {
    expect(createGuide(chooserKnowledge()).ask(OFF_TOPIC_WITH_CUE).score).toBeGreaterThan(0);
    const reply = await core().conversation.handle(OFF_TOPIC_WITH_CUE, where('C1'));
    expect(reply.kind).toBe('answer');
    expect(answerOf(reply)?.status).toBe('no_match');
  });

  it('is not offered when nothing in the question touches the knowledge', async () => {
    const reply = await core().conversation.handle(NOTHING_KNOWN, where('C1'));
    expect(reply).toMatchObject({ kind: 'answer', answer: { status: 'no_match', entry: null } });
  });

  it('is not offered when there is an answer', async () => {
    expect((await core().conversation.handle('how do I refer a child to the nrm', where('C1'))).kind).toBe('answer');
  });

  it('leaves out an option whose entry the knowledge lacks, and offers none when it lacks them all', async () => {
    const without = chooserEntries.filter((e) => e.id !== 'signs-general' && e.id !== 'find-a-local-partnership');
    expect(labels(await core(chooserKnowledge(without)).conversation.handle(IN_FIELD_NO_MATCH, where()))).toEqual([
      'Refer a child (under 18)',
      'Refer an adult',
      'The helpline: advice on a case, 24/7',
    ]);
    const answer = createGuide(chooserKnowledge()).ask(IN_FIELD_NO_MATCH);
    expect(chooserFor({ question: IN_FIELD_NO_MATCH, answer, knowledge: sampleKnowledge([]) })).toBeUndefined();
  });

  it('is never offered on an urgent answer (that one is the danger-now guidance, 999 first)', () => {
    const answer = { ...createGuide(chooserKnowledge()).ask(IN_FIELD_NO_MATCH), urgent: true };
    expect(chooserFor({ question: IN_FIELD_NO_MATCH, answer, knowledge: chooserKnowledge() })).toBeUndefined();
  });

  it('leads, when an option is picked, to that entry', async () => {
    const { conversation } = core();
    const reply = await conversation.choose({ kind: 'entry', id: 'child-referral-nrm' }, where('C1'));
    expect(answerOf(reply)?.entry?.title).toBe('Refer a child to the NRM');
  });
});

describe('handle', () => {
  it('answers a question and records an unanswered one, redacted, with the platform it came from', async () => {
    const { conversation, store } = core();
    await conversation.handle('how do I refer an adult to the nrm', where('C1'));
    await conversation.handle(`${IN_FIELD_NO_MATCH}, call me on 07700 900123`, where('C1'));
    const rows = await store.unanswered();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'no_match', platform: 'test' });
    expect(rows[0]!.question).toContain('[phone]');
  });

  it('gives the one help, with the platform\'s own ways of asking, its command prefix and the topics', async () => {
    const kb = { ...chooserKnowledge(), reminders: sampleReminders() };
    const reply = await core(kb).conversation.handle('help', where('C1'));
    expect(reply.kind).toBe('help');
    if (reply.kind !== 'help') return;
    expect(reply.help.danger).toContain('call 999');
    expect(reply.help.lines).toContain('Type a question.');
    expect(reply.help.lines.join('\n')).toContain('`/ask subscribe <topic>`');
    expect(reply.help.topics).toEqual(['awareness-days']);
  });

  it('leaves subscriptions out of the help, and reads their words as a question, where there are none', async () => {
    const { conversation } = core();
    const help = await conversation.handle('help', where());
    expect(help.kind === 'help' && help.help.lines.join('\n')).not.toContain('subscribe');
    expect(help.kind === 'help' && help.help.topics).toEqual([]);
    expect((await conversation.handle('subscriptions', where())).kind).not.toBe('subscription');
  });

  it('subscribes the conversation the message came from', async () => {
    const kb = { ...chooserKnowledge(), reminders: sampleReminders() };
    const { conversation, store } = core(kb);
    expect(await conversation.handle('subscribe awareness-days', where('C9'))).toMatchObject({
      kind: 'subscription',
      outcome: { kind: 'subscribed', topic: 'awareness-days', already: false },
    });
    expect(await store.subscriptionsFor({ platform: 'test', channelId: 'C9' })).toHaveLength(1);
  });

  it('apologises with 999 and the helpline when answering fails, and logs no question', async () => {
    const conversation = createConversation({
      knowledge: () => {
        throw new Error('index not ready');
      },
    });
    const reply = await conversation.handle('Jane Doe needs help with an nrm referral', where('C1'));
    expect(reply.kind).toBe('apology');
    expect(reply.kind === 'apology' && reply.text).toContain('call 999');
    expect(reply.kind === 'apology' && reply.text).toContain('08000 121 700');
    const { conversation: failing, logged } = core({ ...chooserKnowledge(), entries: null } as never);
    await failing.handle('Jane Doe needs help', where('C1'));
    expect(logged).toEqual([expect.objectContaining({ level: 'error', message: 'could not answer' })]);
    expect(JSON.stringify(logged)).not.toContain('Jane');
  });

  it('still answers when the store refuses to record the question', async () => {
    const store = createMemoryStore();
    store.recordUnanswered = async () => {
      throw new Error('SQLITE_BUSY');
    };
    const { conversation, logged } = core(chooserKnowledge(), store);
    expect((await conversation.handle(IN_FIELD_NO_MATCH, where('C1'))).kind).toBe('chooser');
    expect(logged.map((l) => l.level)).toEqual(['warn']);
  });
});

describe('choose', () => {
  it('keeps the 999 banner on whatever is picked from an urgent answer', async () => {
    const { conversation } = core();
    const reply = await conversation.choose({ kind: 'entry', id: 'modern-slavery-helpline', urgent: true }, where('C1'));
    expect(answerOf(reply)).toMatchObject({ urgent: true, entry: { id: 'modern-slavery-helpline' } });
    expect(answerOf(reply)?.banner).toMatch(/^999/);
    const calm = await conversation.choose({ kind: 'entry', id: 'modern-slavery-helpline' }, where('C1'));
    expect(answerOf(calm)?.urgent).toBe(false);
  });

  it('says the guidance is gone when the entry no longer exists, 999 first if it was picked from an urgent answer', async () => {
    const { conversation } = core();
    expect(await conversation.choose({ kind: 'entry', id: 'removed' }, where('C1'))).toEqual({ kind: 'gone', urgent: false });
    const urgent = await conversation.choose({ kind: 'entry', id: 'removed', urgent: true }, where('C1'));
    expect(urgent).toMatchObject({ kind: 'gone', urgent: true });
    expect(urgent.kind === 'gone' && urgent.banner).toMatch(/^999/);
  });

  it('asks a question choice as if it were typed, never as a command', async () => {
    const { conversation } = core();
    const reply = await conversation.choose({ kind: 'ask', question: 'how do I refer an adult to the nrm' }, where('C1'));
    expect(answerOf(reply)?.entry?.id).toBe('nrm-adult-consents');
    expect((await conversation.choose({ kind: 'ask', question: 'help' }, where('C1'))).kind).not.toBe('help');
  });
});

describe('feedback and the rest', () => {
  it('records feedback with the question redacted and thanks the person', async () => {
    const { conversation, store } = core();
    const reply = await conversation.feedback('nrm-adult-consents', false, where('C1'), 'for Jane Doe 07700 900123');
    expect(await store.feedback()).toEqual([
      { id: expect.any(String), entryId: 'nrm-adult-consents', helpful: false, platform: 'test', question: 'for [name] [phone]', reason: null, at: NOW.toISOString() },
    ]);
    const [stored] = await store.feedback();
    expect(reply).toEqual({ kind: 'feedback', helpful: false, reasons: { feedbackId: stored!.id, options: FEEDBACK_REASON_OPTIONS } });
    expect(FEEDBACK_REASON_OPTIONS.map((o) => o.label)).toEqual(['Wrong answer', 'Out of date', 'Missing detail', 'Something else']);
  });

  it('asks why only after a 👎 it could store, and records the reason picked against it', async () => {
    const { conversation, store } = core();
    expect(await conversation.feedback('nrm-adult-consents', true, where('C1'))).toEqual({ kind: 'feedback', helpful: true });
    expect(await createConversation({ knowledge: chooserKnowledge }).feedback('nrm-adult-consents', false, where('C1'))).toEqual({ kind: 'feedback', helpful: false });
    const down = await conversation.feedback('nrm-adult-consents', false, where('C1'));
    const id = down.kind === 'feedback' ? down.reasons!.feedbackId : '';
    expect(await conversation.feedbackReason(id, 'out_of_date', where('C1'))).toEqual({ kind: 'feedback-reason', reason: 'out_of_date', recorded: true });
    expect(await conversation.feedbackReason('made-up', 'wrong', where('C1'))).toEqual({ kind: 'feedback-reason', reason: 'wrong', recorded: false });
    expect((await store.feedback()).map((f) => [f.helpful, f.reason])).toEqual([
      [true, null],
      [false, 'out_of_date'],
    ]);
  });

  it('records every question\'s outcome, never its text, with the platform it came from', async () => {
    const { conversation, store } = core();
    await conversation.handle('how do I refer an adult to the nrm', where('C1'));
    await conversation.handle(`${IN_FIELD_NO_MATCH}, call me on 07700 900123`, where('C1'));
    await conversation.handle('help', where('C1'));
    expect(await store.questions(new Date(0))).toEqual([
      { at: NOW.toISOString(), platform: 'test', status: 'answered', urgent: false, entryId: 'nrm-adult-consents' },
      { at: NOW.toISOString(), platform: 'test', status: 'no_match', urgent: false, entryId: null },
    ]);
  });

  it('lists the next reminders, and words the apology with the knowledge\'s helpline', () => {
    const kb = { ...chooserKnowledge(), reminders: sampleReminders() };
    const { conversation } = core(kb);
    expect(conversation.upcoming(1)).toEqual([{ title: 'UK Anti-Slavery Day', localTime: 'Mon 18 Oct 2027, 09:00 BST', topic: 'awareness-days' }]);
    expect(conversation.apology()).toContain('08000 121 700');
    expect(DEFAULT_BANNER).toMatch(/^999/);
  });
});

function sampleReminders() {
  return [Reminder.parse({ id: 'anti-slavery-day', title: 'UK Anti-Slavery Day', message: 'Today is Anti-Slavery Day.', topic: 'awareness-days', yearly: '10-18' })];
}
