// Ask an expert, end to end on the Teams fakes (the bot on its real route, a loopback Bot Framework
// connector): the offer on the answer card, the preview card with Send and Cancel, the question posted in
// the team's channel chosen by place, an @mention reply in its thread relayed to the asker attributed,
// later answers marked, cancel sending nothing, and the reminder and expiry on an injected clock.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConversation } from '../../src/conversation/conversation.ts';
import { createExpertDesk, type ExpertDesk } from '../../src/experts/desk.ts';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { FIXTURE_KNOWLEDGE, knowledge, startBot, startFakeConnector, type ConnectorCall, type FakeConnector, type RunningBot } from './helpers.ts';
import { actionsOf, cardOf, textOf, visibleLines } from './card-text.ts';
import { BOT, OFFICER, PERSONAL_CHAT, TEAM, TENANT, botAddedToTeam, cardSubmit, personalMessage } from './activities.ts';

const QUESTION = 'has anyone seen this pattern of car washes recruiting from a hostel in Leeds? his number is 07700 900123';
const REDACTED = 'has anyone seen this pattern of car washes recruiting from a hostel in Leeds? his number is [phone]';
const EXPERT = { id: '29:expert-one', name: 'Sam Expert', aadObjectId: 'e1e1e1e1-0000-4000-8000-000000000001' };
const SECOND = { id: '29:expert-two', name: 'Jo Second', aadObjectId: 'e2e2e2e2-0000-4000-8000-000000000002' };

function expertKnowledge(): KnowledgeBase {
  return {
    ...knowledge(FIXTURE_KNOWLEDGE),
    experts: {
      teams: [
        { id: 'west-yorkshire', name: 'West Yorkshire network', partnerships: ['west-yorkshire-partnership'], teams: { channel: TEAM } },
        { id: 'slack-only', name: 'A Slack-only team', areas: ['Leeds'], slack: { channel: 'C0SLACKONLY' } },
      ],
      answerWithinHours: 4,
    },
  };
}

let connector: FakeConnector;
let bot: RunningBot;
let desk: ExpertDesk;
let clock = new Date('2026-11-23T10:00:00Z');

beforeEach(async () => {
  clock = new Date('2026-11-23T10:00:00Z');
  connector = await startFakeConnector();
  let late: ExpertDesk | undefined;
  const deskProxy: ExpertDesk = {
    tick: () => late!.tick(),
    opened: (id) => late!.opened(id),
    answer: (input) => late!.answer(input),
    draftEntry: (id, seq) => late!.draftEntry(id, seq),
    start: () => late!.start(),
    stop: () => late!.stop(),
  };
  bot = await startBot({
    knowledge: expertKnowledge(),
    conversation: (kb, store, log) => {
      late = createExpertDesk({
        store,
        channels: () => [bot.channel],
        knowledge: () => kb,
        now: () => clock,
        owner: 'test',
        log,
        tellAdmins: async () => undefined,
      });
      return createConversation({ knowledge: () => kb, store, now: () => clock, log, onHandoffOpened: (id) => late!.opened(id) });
    },
    overrides: { desk: deskProxy, now: () => clock },
  });
  desk = deskProxy;
  // The bot is in the team (its General channel is the expert team's channel here).
  await bot.post(botAddedToTeam(connector.serviceUrl));
  connector.calls.length = 0;
});

afterEach(async () => {
  await desk.stop();
  await bot.close();
  await connector.close();
});

const toPersonal = () => connector.calls.filter((c) => c.conversationId === PERSONAL_CHAT);
const toTeam = () => connector.calls.filter((c) => c.conversationId === TEAM);
const lines = (call: ConnectorCall | undefined) => visibleLines(cardOf(call)).join('\n');

/** Ask in the personal chat and click "Ask an expert": the preview card. */
async function askAndPreview(): Promise<ConnectorCall> {
  await bot.post(personalMessage(connector.serviceUrl, QUESTION));
  const answer = toPersonal().at(-1);
  const offer = actionsOf(cardOf(answer)).find((a) => a.title === 'Ask an expert');
  expect(offer).toBeDefined();
  await bot.post(cardSubmit(connector.serviceUrl, offer!.data));
  return toPersonal().at(-1)!;
}

/** A reply in the thread of the post in the team's channel, @mentioning the bot. */
function threadReply(thread: string, from: typeof EXPERT, text: string) {
  const at = `<at>${BOT.name}</at>`;
  return {
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    type: 'message',
    id: `${Date.now()}${Math.random()}`.replace('.', ''),
    timestamp: '2026-11-23T10:30:00.000Z',
    from,
    recipient: BOT,
    text: `${at} ${text}`,
    textFormat: 'plain',
    conversation: { isGroup: true, conversationType: 'channel', tenantId: TENANT, id: `${TEAM};messageid=${thread}` },
    entities: [{ type: 'mention', text: at, mentioned: { id: BOT.id, name: BOT.name } }],
    channelData: { teamsChannelId: TEAM, teamsTeamId: TEAM, channel: { id: TEAM }, team: { id: TEAM }, tenant: { id: TENANT } },
  };
}

describe('ask an expert on Teams', () => {
  it('ask → preview (redacted, with the warning) → Send → posted to the team for the place → an @mention reply relayed to the asker; later answers marked', async () => {
    const preview = await askAndPreview();
    const shown = lines(preview);
    expect(shown).toContain('do not include names, addresses, dates of birth or anything else that identifies a person');
    expect(shown).toContain('This is exactly what West Yorkshire network will see:');
    expect(shown).toContain(REDACTED);
    expect(shown).not.toContain('07700');
    expect(actionsOf(cardOf(preview)).map((a) => a.title)).toEqual(['Send to West Yorkshire network', 'Cancel']);
    expect(toTeam()).toEqual([]);

    await bot.post(cardSubmit(connector.serviceUrl, actionsOf(cardOf(preview))[0]!.data));
    expect(textOf(toPersonal().at(-1))).toContain('Sent to West Yorkshire network.');
    await desk.tick();
    expect(toTeam()).toHaveLength(1);
    const post = textOf(toTeam()[0]);
    expect(post).toContain(`A question for West Yorkshire network, from ${OFFICER.name}:`);
    expect(post).toContain(REDACTED);
    expect(post).not.toContain('07700');
    const [handoff] = await bot.store.handoffs();
    expect(handoff!.postRef).toMatch(/^sent-\d+$/);

    await bot.post(threadReply(handoff!.postRef!, EXPERT, 'Ring the Leeds MASH first.'));
    const relayed = textOf(toPersonal().at(-1));
    expect(relayed).toContain('Answer from Sam Expert (West Yorkshire network) to your question:');
    expect(relayed).toContain('Ring the Leeds MASH first.');
    const note = connector.calls.find((c) => c.conversationId === `${TEAM};messageid=${handoff!.postRef}`);
    expect(lines(note)).toContain(`Sent to ${OFFICER.name}.`);
    // The expert turns the answer into a draft entry for the admins.
    const draft = actionsOf(cardOf(note)).find((a) => a.title === 'Draft a knowledge entry');
    expect(draft?.data).toEqual({ msht: 'expert_draft', h: handoff!.id, n: 1 });
    await bot.post(cardSubmit(connector.serviceUrl, draft!.data));
    expect(textOf(toPersonal().at(-1))).toContain('A draft entry from this answer was sent to the guide');

    await bot.post(threadReply(handoff!.postRef!, SECOND, 'And the ICTG.'));
    expect(textOf(toPersonal().at(-1))).toContain('Another answer from Jo Second (West Yorkshire network), after the first:');
    expect((await bot.store.handoffs())[0]).toMatchObject({ status: 'answered', answers: 2 });
  });

  it('cancel sends nothing', async () => {
    const preview = await askAndPreview();
    await bot.post(cardSubmit(connector.serviceUrl, actionsOf(cardOf(preview))[1]!.data));
    expect(textOf(toPersonal().at(-1))).toContain('Cancelled: nothing was sent.');
    await desk.tick();
    expect(toTeam()).toEqual([]);
  });

  it('reminds the team once in the thread, then tells the asker it expired, with the helpline', async () => {
    const preview = await askAndPreview();
    await bot.post(cardSubmit(connector.serviceUrl, actionsOf(cardOf(preview))[0]!.data));
    await desk.tick();
    const [handoff] = await bot.store.handoffs();
    clock = new Date('2026-11-23T12:00:00Z');
    await desk.tick();
    await desk.tick();
    const inThread = connector.calls.filter((c) => c.conversationId === `${TEAM};messageid=${handoff!.postRef}`);
    expect(inThread).toHaveLength(1);
    expect(textOf(inThread[0])).toContain('Reminder: this question is still waiting for an answer.');
    clock = new Date('2026-11-23T14:00:00Z');
    await desk.tick();
    await desk.tick();
    const told = toPersonal().filter((c) => textOf(c).includes('answered your question in time'));
    expect(told).toHaveLength(1);
    expect(textOf(told[0])).toContain('call 999');
    expect(textOf(told[0])).toContain('Modern Slavery & Exploitation Helpline');
  });
});
