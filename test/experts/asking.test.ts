// The asking flow in the conversation core, on its own: when the offer is made, the command, who may send,
// and the working-hours clock that decides the reminder and expiry.
import { describe, expect, it } from 'vitest';
import { createConversation } from '../../src/conversation/conversation.ts';
import { parseChatCommand } from '../../src/conversation/commands.ts';
import { addWorkingHours } from '../../src/experts/working-hours.ts';
import { routeQuestion } from '../../src/experts/route.ts';
import { loadKnowledge } from '../../src/knowledge/loader.ts';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { createMemoryStore } from '../../src/store/memory.ts';
import { TEST_SURFACE } from '../helpers/where.ts';

const NOW = new Date('2026-11-23T10:00:00Z');
const base = loadKnowledge('test/fixtures/knowledge/valid', { now: NOW }).kb!;
const kb: KnowledgeBase = {
  ...base,
  experts: {
    teams: [
      { id: 'west-yorkshire', name: 'West Yorkshire network', partnerships: ['west-yorkshire-partnership'], slack: { channel: 'C0EXP' } },
      { id: 'leads', name: 'Leads', topics: ['county lines'], slack: { channel: 'C0LEADS' }, teams: { channel: '19:x@thread.tacv2' } },
    ],
    answerWithinHours: 4,
  },
};
const slack = { ...TEST_SURFACE, name: 'slack' };
const asker = { surface: slack, conversation: 'D1', user: 'U1' };

function core(knowledge = kb) {
  const store = createMemoryStore();
  const opened: string[] = [];
  const conversation = createConversation({ knowledge: () => knowledge, store, now: () => NOW, onHandoffOpened: (id) => opened.push(id) });
  return { store, conversation, opened };
}

describe('the offer', () => {
  it('comes with an answer the knowledge could not give, not with a confident or urgent one, and not without an asker', async () => {
    const { conversation } = core();
    const noMatch = await conversation.handle('who in Bradford handles nail bars', asker);
    expect(noMatch.kind === 'answer' || noMatch.kind === 'chooser' ? noMatch.expert?.label : undefined).toBe('Ask an expert');
    const confident = await conversation.handle('refer an adult to the nrm', asker);
    expect(confident.kind === 'answer' ? confident.expert : 'not an answer').toBeUndefined();
    const urgent = await conversation.handle('he is locked in and being beaten right now', asker);
    expect(urgent.kind === 'answer' ? urgent.expert : 'not an answer').toBeUndefined();
    const terminal = await conversation.handle('who in Bradford handles nail bars', { surface: slack });
    expect(terminal.kind === 'answer' || terminal.kind === 'chooser' ? terminal.expert : 'x').toBeUndefined();
  });

  it('is not made, and `expert …` is an ordinary question, where no team is reached on the platform', async () => {
    const { conversation } = core();
    const teams = { surface: { ...TEST_SURFACE, name: 'console' }, conversation: 'c', user: 'u' };
    const reply = await conversation.handle('expert witness in an NRM case', teams);
    expect(reply.kind === 'answer' || reply.kind === 'chooser').toBe(true);
  });

  it('follows a 👎 when the question came with it', async () => {
    const { conversation } = core();
    const reply = await conversation.feedback('nrm-adult-referral', false, asker, 'refer an adult to the nrm in Leeds');
    expect(reply.kind === 'feedback' ? reply.expert?.question : undefined).toBe('refer an adult to the nrm in Leeds');
    const up = await conversation.feedback('nrm-adult-referral', true, asker, 'refer an adult');
    expect(up.kind === 'feedback' ? up.expert : 'x').toBeUndefined();
  });
});

describe('the command and the steps', () => {
  it('reads `expert <question>` and `ask an expert <question>`', () => {
    expect(parseChatCommand('expert who covers Leeds?')).toEqual({ kind: 'expert', question: 'who covers Leeds?' });
    expect(parseChatCommand('Ask an expert: who covers Leeds?')).toEqual({ kind: 'expert', question: 'who covers Leeds?' });
    expect(parseChatCommand('expertise in NRM')).toEqual({ kind: 'ask', question: 'expertise in NRM' });
  });

  it('asks for the question when `expert` comes alone', async () => {
    const { conversation } = core();
    expect(await conversation.handle('expert', asker)).toEqual({ kind: 'expert-notice', text: expect.stringContaining('Type `expert` followed by your question') });
  });

  it('lets only the asker send, sends once, and tells the desk', async () => {
    const { conversation, store, opened } = core();
    const preview = await conversation.handle('expert pattern of county lines in Dewsbury', asker);
    if (preview.kind !== 'expert-preview') throw new Error(preview.kind);
    expect(preview.preview.teamName).toBe('Leads');
    const id = preview.preview.handoffId;
    expect(await conversation.expertSend(id, { ...asker, user: 'U2' })).toEqual({ kind: 'expert-notice', text: 'Only the person who asked can send or cancel it.' });
    expect(await conversation.expertSend(id, asker)).toMatchObject({ kind: 'expert-notice', text: expect.stringContaining('Sent to Leads.') });
    expect(await conversation.expertSend(id, asker)).toEqual({ kind: 'expert-notice', text: 'That question was already sent.' });
    expect(await conversation.expertCancel(id, asker)).toEqual({ kind: 'expert-notice', text: 'That question was already sent.' });
    expect(opened).toEqual([id]);
    expect(await store.handoff(id)).toMatchObject({
      status: 'open',
      teamChannel: 'C0LEADS',
      replyTo: 'D1',
      expiresAt: '2026-11-23T14:00:00.000Z',
      remindAt: '2026-11-23T12:00:00.000Z',
    });
  });

  it('routes by place through a partnership, by topic, and offers only teams reached on the platform', () => {
    expect(routeQuestion('who handles nail bars in Halifax', kb, 'slack')).toMatchObject({ kind: 'team', why: 'place', team: { id: 'west-yorkshire' } });
    expect(routeQuestion('county lines in Hull', kb, 'slack')).toMatchObject({ kind: 'team', why: 'topic', team: { id: 'leads' } });
    expect(routeQuestion('who handles nail bars in Halifax', kb, 'teams')).toMatchObject({ kind: 'team', why: 'only', team: { id: 'leads' } });
    expect(routeQuestion('something else', kb, 'slack')).toMatchObject({ kind: 'pick', teams: [{ id: 'west-yorkshire' }, { id: 'leads' }] });
    expect(routeQuestion('anything', kb, 'console')).toEqual({ kind: 'none' });
  });
});

describe('working hours', () => {
  it('counts Monday to Friday, 09:00 to 17:00 UK time', () => {
    expect(addWorkingHours(new Date('2026-11-23T10:00:00Z'), 4).toISOString()).toBe('2026-11-23T14:00:00.000Z');
    expect(addWorkingHours(new Date('2026-11-27T16:00:00Z'), 4).toISOString()).toBe('2026-11-30T12:00:00.000Z');
    expect(addWorkingHours(new Date('2026-11-28T20:00:00Z'), 1).toISOString()).toBe('2026-11-30T10:00:00.000Z');
    // Summer time: 09:00 in London is 08:00 UTC; a Friday evening in March runs over the clock change.
    expect(addWorkingHours(new Date('2026-03-27T16:30:00Z'), 2).toISOString()).toBe('2026-03-30T09:30:00.000Z');
    expect(addWorkingHours(new Date('2026-07-01T07:00:00Z'), 2).toISOString()).toBe('2026-07-01T10:00:00.000Z');
  });
});

describe('teams the bot cannot reach, said at start-up', () => {
  it('names a team reached only on a platform not running, and a Teams channel the bot never heard from', async () => {
    const { unreachableTeams } = await import('../../src/experts/reach.ts');
    const known = new Set(['19:x@thread.tacv2']);
    const check = (platforms: string[]) => ({ platforms: new Set(platforms), teamsChannelKnown: async (id: string) => known.has(id) });
    expect(await unreachableTeams(kb, check(['slack', 'teams']))).toEqual([]);
    expect(await unreachableTeams(kb, check(['teams']))).toEqual([
      'expert team west-yorkshire is reached only on slack, which this bot does not run: no question can be sent to it',
    ]);
    known.clear();
    expect(await unreachableTeams(kb, check(['slack', 'teams']))).toEqual([
      'expert team leads: the bot has never heard from Teams channel 19:x@thread.tacv2 (check the id in experts.yaml; add the bot to the team and mention it once in that channel), so questions from Teams cannot be posted there',
    ]);
  });
});
