// Ask an expert, end to end on the Slack fake: the offer under an answer the knowledge could not give,
// the preview of exactly what will be posted (redacted, with the warning), Send or Cancel, the question in
// the team's channel chosen by place, the expert's thread reply relayed to the asker attributed, later
// answers marked, the one reminder, expiry with the helpline, and a restart in the middle.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { fixtureKnowledge, startHarness, type Harness } from './harness.ts';
import { buttonOn, buttonsOn, click, event, shown } from './requests.ts';
import type { RecordedCall } from './fake-slack.ts';

const TEAM_CHANNEL = 'C0EXPERTS1';
const NATIONAL_CHANNEL = 'C0NATIONAL';
function expertKnowledge(): KnowledgeBase {
  return {
    ...fixtureKnowledge(),
    experts: {
      teams: [
        { id: 'west-yorkshire', name: 'West Yorkshire network', partnerships: ['west-yorkshire-partnership'], slack: { channel: TEAM_CHANNEL } },
        { id: 'national', name: 'National MSHT leads', topics: ['county lines'], slack: { channel: NATIONAL_CHANNEL } },
        { id: 'teams-only', name: 'A Teams-only team', areas: ['Leeds'], teams: { channel: '19:abc@thread.tacv2' } },
      ],
      defaultTeam: 'national',
      answerWithinHours: 4,
    },
  };
}

// Monday 23 November 2026, 10:00 in London (GMT).
const MONDAY_10 = new Date('2026-11-23T10:00:00Z');
const QUESTION = 'has anyone seen this pattern of car washes recruiting from a hostel in Leeds? his number is 07700 900123';
const REDACTED = 'has anyone seen this pattern of car washes recruiting from a hostel in Leeds? his number is [phone]';

let h: Harness;
let clock = MONDAY_10;
const harnesses: Harness[] = [];
async function start(options: { databasePath?: string; desk?: boolean; adminNotices?: string[][] } = {}): Promise<Harness> {
  const harness = await startHarness({
    knowledge: expertKnowledge(),
    nowFn: () => clock,
    ...(options.desk === false ? {} : { desk: true as const }),
    ...(options.databasePath ? { databasePath: options.databasePath } : {}),
    ...(options.adminNotices ? { adminNotices: options.adminNotices } : {}),
  });
  harnesses.push(harness);
  return harness;
}
afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close().catch(() => undefined);
  clock = MONDAY_10;
});

const postsTo = (harness: Harness, channel: string): RecordedCall[] => harness.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);

/** Ask in a DM, click "Ask an expert" under the answer: the preview the asker sees. */
async function askAndPreview(harness: Harness, question = QUESTION, id = 'EvX1'): Promise<RecordedCall> {
  await event(harness, id, { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text: question, ts: '1.1' });
  const answer = await harness.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'D1');
  const offer = buttonOn(answer, 'Ask an expert');
  await click(harness, offer.action_id, offer.value, { channel: 'D1', responseUrl: harness.slack.responseUrl() });
  return harness.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'D1' && c !== answer);
}

/** Send what was previewed; resolves with the question as posted in the team's channel, once recorded. */
async function send(harness: Harness, preview: RecordedCall, channel = TEAM_CHANNEL): Promise<RecordedCall> {
  const button = buttonOn(preview, 'Send to West Yorkshire network');
  await click(harness, button.action_id, button.value, { channel: 'D1', responseUrl: harness.slack.responseUrl() });
  const posted = await harness.slack.waitFor('chat.postMessage', (c) => c.args.channel === channel);
  // Ticks run one after another: this one starts once the tick that posted it has recorded where its thread is.
  await harness.desk?.tick();
  return posted;
}

/** The thread of the (only) hand-off's post in the team's channel. */
const threadOfPost = async (harness: Harness): Promise<string> => (await harness.store.handoffs())[0]!.postRef!;

const teamReply = (harness: Harness, id: string, thread: string, user: string, text: string) =>
  event(harness, id, { type: 'message', channel_type: 'channel', channel: TEAM_CHANNEL, user, text, ts: `1700009${id.length}${user.length}.0001`, thread_ts: thread });

describe('ask an expert on Slack', () => {
  it('offers it under an answer the knowledge could not give, and previews exactly what will be posted, redacted, with the warning', async () => {
    h = await start();
    const preview = await askAndPreview(h, QUESTION, 'EvB');
    const answer = h.slack.callsTo('chat.postMessage')[0]!;
    expect(shown(answer)).toContain('call 999');
    expect(shown(answer)).toContain('Not what you needed? A team of practitioners can answer it.');
    const text = shown(preview);
    expect(text).toContain('do not include names, addresses, dates of birth or anything else that identifies a person');
    expect(text).toContain('This is exactly what West Yorkshire network will see:');
    expect(text).toContain(`>${REDACTED}`);
    expect(text).not.toContain('07700');
    expect(buttonsOn(preview).map((b) => b.text.text)).toEqual(['Send to West Yorkshire network', 'Cancel']);
    // Nothing is posted to the team before the asker sends it.
    expect(postsTo(h, TEAM_CHANNEL)).toEqual([]);
  });

  it('ask → confirm → posted to the team for the place → the expert answers in the thread → relayed to the asker, attributed; later answers marked', async () => {
    h = await start();
    const preview = await askAndPreview(h);
    const posted = await send(h, preview);
    const sent = await h.slack.waitFor('response_url');
    expect(shown(sent)).toContain('Sent to West Yorkshire network. Their answer will come back here; if nobody has answered within 4 working hours, I will tell you.');

    const post = shown(posted);
    expect(post).toContain('A question for West Yorkshire network');
    expect(post).toContain('From <@U1>:');
    expect(post).toContain(`>${REDACTED}`);
    expect(post).not.toContain('07700');
    expect(post).toContain('Reply in this thread to answer');
    expect(post).toContain('Mon 23 Nov 2026, 14:00 GMT');
    const thread = await threadOfPost(h);
    expect(thread).toMatch(/^\d+\.\d+$/);

    await teamReply(h, 'EvR1', thread, 'U9', 'Ring the Leeds MASH first; the partnership coordinator has seen this before.');
    const relayed = await h.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'D1' && shown(c).includes('Answer from'));
    expect(shown(relayed)).toContain('Answer from <@U9> (West Yorkshire network) to your question:');
    expect(shown(relayed)).toContain('Ring the Leeds MASH first');
    const note = await h.slack.waitFor('chat.postMessage', (c) => c.args.channel === TEAM_CHANNEL && c.args.thread_ts === thread);
    expect(shown(note)).toContain('Sent to <@U1>.');
    expect(buttonsOn(note).map((b) => b.text.text)).toEqual(['Draft a knowledge entry']);
    expect((await h.store.handoffs())[0]).toMatchObject({ status: 'answered', answers: 1 });

    await teamReply(h, 'EvR2', thread, 'U8', 'Also worth telling the ICTG.');
    const later = await h.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'D1' && shown(c).includes('Another answer'));
    expect(shown(later)).toContain('Another answer from <@U8> (West Yorkshire network), after the first:');
    // The same event again (a Slack retry) relays nothing more.
    await teamReply(h, 'EvR2', thread, 'U8', 'Also worth telling the ICTG.');
    await h.desk!.tick();
    expect(h.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'D1' && /answer from/i.test(shown(c)))).toHaveLength(2);
    // A thread reply that is no hand-off's is not answered.
    await teamReply(h, 'EvR3', '1600000000.0001', 'U9', 'unrelated chat');
    await h.desk!.tick();
    expect(postsTo(h, TEAM_CHANNEL).filter((c) => c.args.thread_ts === '1600000000.0001')).toEqual([]);
  });

  it('cancel sends nothing, now or later', async () => {
    h = await start();
    const preview = await askAndPreview(h);
    const cancel = buttonOn(preview, 'Cancel');
    await click(h, cancel.action_id, cancel.value, { channel: 'D1', responseUrl: h.slack.responseUrl() });
    const done = await h.slack.waitFor('response_url');
    expect(shown(done)).toContain('Cancelled: nothing was sent.');
    // Send clicked after Cancel (an old copy of the preview) sends nothing either.
    const sendButton = buttonOn(preview, 'Send to West Yorkshire network');
    await click(h, sendButton.action_id, sendButton.value, { channel: 'D1', responseUrl: h.slack.responseUrl() });
    await h.slack.waitFor('response_url', (c) => c !== done);
    await h.desk!.tick();
    expect(postsTo(h, TEAM_CHANNEL)).toEqual([]);
    expect((await h.store.handoffs())[0]!.status).toBe('cancelled');
  });

  it('chooses the team by place, by topic, else the default; `expert <question>` asks directly; a double Send posts once', async () => {
    h = await start();
    await event(h, 'EvT1', { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text: 'expert is there a pattern of county lines in Dewsbury', ts: '2.1' });
    const byTopic = await h.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'D1');
    expect(shown(byTopic)).toContain('This is exactly what National MSHT leads will see:');
    await event(h, 'EvT2', { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text: 'expert who audits hand car washes', ts: '2.2' });
    const byDefault = await h.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'D1' && c !== byTopic);
    expect(shown(byDefault)).toContain('This is exactly what National MSHT leads will see:');
    const send = buttonOn(byDefault, 'Send to National MSHT leads');
    await Promise.all([
      click(h, send.action_id, send.value, { channel: 'D1', responseUrl: h.slack.responseUrl() }),
      click(h, send.action_id, send.value, { channel: 'D1', responseUrl: h.slack.responseUrl() }),
    ]);
    await h.slack.waitFor('chat.postMessage', (c) => c.args.channel === NATIONAL_CHANNEL);
    await h.desk!.tick();
    expect(postsTo(h, NATIONAL_CHANNEL)).toHaveLength(1);
  });

  it('lets the asker pick when the question names places of two teams', async () => {
    const kb = expertKnowledge();
    h = await startHarness({
      knowledge: { ...kb, experts: { ...kb.experts!, teams: kb.experts!.teams.map((t) => (t.id === 'national' ? { ...t, areas: ['Bradford'] } : t)) } },
      nowFn: () => clock,
      desk: true,
    });
    harnesses.push(h);
    await event(h, 'EvP', { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text: 'expert who covers Bradford', ts: '3.1' });
    const pick = await h.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'D1');
    expect(shown(pick)).toContain('Which team should I ask?');
    expect(buttonsOn(pick).map((b) => b.text.text)).toEqual(['West Yorkshire network', 'National MSHT leads']);
    const choice = buttonOn(pick, 'National MSHT leads');
    await click(h, choice.action_id, choice.value, { channel: 'D1', responseUrl: h.slack.responseUrl() });
    const preview = await h.slack.waitFor('response_url');
    expect(shown(preview)).toContain('This is exactly what National MSHT leads will see:');
  });

  it('reminds the team once half-way, then expires it and tells the asker, with the helpline', async () => {
    h = await start();
    await send(h, await askAndPreview(h));
    const thread = await threadOfPost(h);

    clock = new Date('2026-11-23T11:59:00Z');
    await h.desk!.tick();
    expect(postsTo(h, TEAM_CHANNEL)).toHaveLength(1);

    clock = new Date('2026-11-23T12:00:00Z');
    await h.desk!.tick();
    await h.desk!.tick();
    const reminders = postsTo(h, TEAM_CHANNEL).filter((c) => c.args.thread_ts === thread);
    expect(reminders).toHaveLength(1);
    expect(shown(reminders[0]!)).toContain('Reminder: this question is still waiting for an answer. It expires Mon 23 Nov 2026, 14:00 GMT.');

    clock = new Date('2026-11-23T14:00:00Z');
    await h.desk!.tick();
    await h.desk!.tick();
    const told = h.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'D1' && shown(c).includes('answered your question in time'));
    expect(told).toHaveLength(1);
    expect(shown(told[0]!)).toContain('Nobody from West Yorkshire network answered your question in time, so it is closed.');
    expect(shown(told[0]!)).toContain('call 999');
    expect(shown(told[0]!)).toContain('Modern Slavery &amp; Exploitation Helpline on 08000 121 700');
    expect(postsTo(h, TEAM_CHANNEL).filter((c) => c.args.thread_ts === thread)).toHaveLength(1);
    expect((await h.store.handoffs())[0]!.status).toBe('expired');
  });

  it('counts only working hours: a question sent on Friday at 16:00 expires on Monday at 12:00', async () => {
    clock = new Date('2026-11-27T16:00:00Z');
    h = await start();
    const posted = await send(h, await askAndPreview(h));
    expect(shown(posted)).toContain('Mon 30 Nov 2026, 12:00 GMT');
  });

  it('survives a restart: confirmed but not yet posted → posted once after the restart; the answer after another restart is still relayed', async () => {
    const databasePath = join(mkdtempSync(join(tmpdir(), 'msht-experts-')), 'bot.db');
    // The first process records the Send and stops before its desk posts anything.
    const first = await start({ databasePath, desk: false });
    const preview = await askAndPreview(first);
    const button = buttonOn(preview, 'Send to West Yorkshire network');
    await click(first, button.action_id, button.value, { channel: 'D1', responseUrl: first.slack.responseUrl() });
    await first.slack.waitFor('response_url');
    expect(postsTo(first, TEAM_CHANNEL)).toEqual([]);
    await first.close();

    const second = await start({ databasePath });
    await second.desk!.tick();
    await second.desk!.tick();
    expect(postsTo(second, TEAM_CHANNEL)).toHaveLength(1);
    const thread = await threadOfPost(second);
    await second.close();

    const third = await start({ databasePath });
    await third.desk!.tick();
    expect(postsTo(third, TEAM_CHANNEL)).toEqual([]);
    await teamReply(third, 'EvAfter', thread, 'U9', 'Speak to the coordinator.');
    const relayed = await third.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'D1');
    expect(shown(relayed)).toContain('Answer from <@U9> (West Yorkshire network)');
  });

  it('turns an answer into a draft entry for the admins, changing nothing in the knowledge', async () => {
    const notices: string[][] = [];
    h = await start({ adminNotices: notices });
    await send(h, await askAndPreview(h));
    const thread = await threadOfPost(h);
    await teamReply(h, 'EvD1', thread, 'U9', 'Ring the Leeds MASH on 01632 960123.');
    const note = await h.slack.waitFor('chat.postMessage', (c) => c.args.channel === TEAM_CHANNEL && c.args.thread_ts === thread);
    const draft = buttonOn(note, 'Draft a knowledge entry');
    await click(h, draft.action_id, draft.value, { channel: TEAM_CHANNEL, message: { ts: '9.9', thread_ts: thread } });
    const told = await h.slack.waitFor('chat.postEphemeral');
    expect(told.args.text).toContain('A draft entry from this answer was sent to the guide');
    expect(notices).toHaveLength(1);
    const yaml = notices[0]!.join('\n');
    expect(yaml).toContain('kind: info');
    expect(yaml).toContain('summary: Ring the Leeds MASH on [phone].');
    expect(yaml).toContain('source: "TO FILL IN');
    expect(yaml).toContain('reviewed: "TO FILL IN');
  });

  it('a team channel Slack says is not there (a wrong id, the bot not invited): the asker is told at once, with the helpline; nothing crashes', async () => {
    h = await start();
    const preview = await askAndPreview(h);
    h.slack.reply('chat.postMessage', { status: 200, body: { ok: false, error: 'channel_not_found' } });
    // The canned error is for the next post, which is the team's (the preview is already posted).
    const button = buttonOn(preview, 'Send to West Yorkshire network');
    await click(h, button.action_id, button.value, { channel: 'D1', responseUrl: h.slack.responseUrl() });
    const told = await h.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'D1' && shown(c).includes('could not be posted'));
    expect(shown(told)).toContain('Your question could not be posted to West Yorkshire network: their channel cannot be reached.');
    expect(shown(told)).toContain('call 999');
    await h.desk!.tick();
    expect((await h.store.handoffs())[0]!.status).toBe('expired');
    expect(h.log.lines.some((l) => l.level === 'error' && /check the team's channel id in experts\.yaml/.test(l.message ?? ''))).toBe(true);
    expect(h.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'D1' && shown(c).includes('could not be posted'))).toHaveLength(1);
  });

  it('offers it after 👎 on an answer, with the question it was given for', async () => {
    h = await start();
    await event(h, 'EvF', { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text: 'refer an adult to the nrm in Leeds', ts: '1.1' });
    const answer = await h.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'D1');
    expect(buttonsOn(answer).map((b) => b.text.text)).not.toContain('Ask an expert');
    const down = buttonOn(answer, '👎 Not helpful');
    await click(h, down.action_id, down.value, { channel: 'D1', responseUrl: h.slack.responseUrl(), message: { ts: '1.2', blocks: answer.args.blocks } });
    const replaced = await h.slack.waitFor('response_url');
    const offer = buttonOn(replaced, 'Ask an expert');
    expect(offer.value).toBe('refer an adult to the nrm in Leeds');
    await click(h, offer.action_id, offer.value, { channel: 'D1', responseUrl: h.slack.responseUrl() });
    const preview = await h.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'D1' && c !== answer);
    expect(shown(preview)).toContain('This is exactly what West Yorkshire network will see:');
  });

  it('offers nothing when no team is set up on Slack, and `expert …` is then an ordinary question', async () => {
    const kb = fixtureKnowledge();
    h = await startHarness({ knowledge: { ...kb, experts: { teams: [], answerWithinHours: 4 } }, desk: true });
    harnesses.push(h);
    await event(h, 'EvN', { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text: QUESTION, ts: '1.1' });
    const answer = await h.slack.waitFor('chat.postMessage');
    expect(shown(answer)).not.toContain('Ask an expert');
    expect(buttonsOn(answer).map((b) => b.text.text)).not.toContain('Ask an expert');
  });
});
