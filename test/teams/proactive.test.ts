// Proactive posts to stored conversation references: reminders, admin notices and the admins' digest reach the connector,
// and the connector's answers become what the reminder scheduler needs (gone, wait, retry).
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { classifyFailure } from '../../src/channels/teams/sender.ts';
import type { ReminderPost } from '../../src/reminders/sender.ts';
import { startBot, startFakeConnector, type FakeConnector, type RunningBot } from './helpers.ts';
import { actionsOf, cardOf, textOf, visibleLines } from './card-text.ts';
import { OFFICER, PERSONAL_CHAT, TEAM, botAddedToTeam, cardSubmit, personalMessage } from './activities.ts';
import { buildDigest } from '../../src/report/digest.ts';
import { buildReport } from '../../src/report/report.ts';
import { createMemoryStore } from '../../src/store/memory.ts';
import { cardBytes } from '../../src/channels/teams/cards/elements.ts';
import { CARD_LIMITS } from '../../src/channels/teams/cards/limits.ts';
import { report as weekReport } from '../report/week.ts';

let connector: FakeConnector;
let bot: RunningBot;

beforeEach(async () => {
  connector = await startFakeConnector();
  bot = await startBot();
});

afterEach(async () => {
  await bot.close();
  await connector.close();
});

/** What the scheduler does: post a reminder into a conversation through Channel.send. */
function sendReminder(conversation: string, post: ReminderPost) {
  return bot.channel.send({ conversation }, { kind: 'reminder', post });
}

function reminderPost(): ReminderPost {
  const reminder = bot.kb.reminders.find((r) => r.topic === 'awareness-days')!;
  return { reminder, occurrence: new Date('2027-10-18T08:00:00Z'), localTime: 'Mon 18 Oct 2027, 09:00 BST' };
}

async function installInTeam() {
  await bot.post(botAddedToTeam(connector.serviceUrl));
  connector.calls.length = 0;
}

type Behaviour = 'ok' | 'hang-up' | 'cut-off';

/**
 * A connector that answers posts as told and keeps no connection open between them, so a closed one
 * refuses the next post (no pooled connection to reset instead). `hang-up` reads the whole post and drops
 * the connection without answering; `cut-off` starts a 201 and drops the connection mid-answer.
 */
async function scriptedConnector() {
  const behaviours: Behaviour[] = [];
  let posts = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      posts += 1;
      const behaviour = behaviours.shift() ?? 'ok';
      if (behaviour === 'hang-up') return void req.socket.destroy();
      const body = JSON.stringify({ id: `sent-${posts}` });
      res.writeHead(behaviour === 'ok' ? 200 : 201, { 'content-type': 'application/json', connection: 'close', 'content-length': String(body.length + 20) });
      if (behaviour === 'ok') return void res.end(body + ' '.repeat(20));
      res.write(body.slice(0, 5), () => req.socket.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    next: (...b: Behaviour[]) => void behaviours.push(...b),
    posts: () => posts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('Teams sender', () => {
  it('posts a reminder card to a stored conversation as a new post, not a reply', async () => {
    await installInTeam();
    const result = await sendReminder(TEAM, reminderPost());
    expect(result).toEqual({ ok: true, ref: expect.any(String) });
    expect(connector.calls).toHaveLength(1);
    const call = connector.calls[0]!;
    expect(call.conversationId).toBe(TEAM);
    expect(call.replyToId).toBeUndefined();
    const lines = visibleLines(cardOf(call));
    expect(lines[0]).toBe('Reminder · Mon 18 Oct 2027, 09:00 BST');
    expect(lines[1]).toBe(reminderPost().reminder.title);
    expect(lines.at(-1)).toContain('unsubscribe awareness-days');
  });

  it('offers "Read more" for the reminder\'s entry, which answers it when clicked', async () => {
    await installInTeam();
    const reminder = bot.kb.reminders.find((r) => r.entry)!;
    const { createGuide } = await import('../../src/answer/guide.ts');
    const entry = createGuide(bot.kb).answerEntry(reminder.entry!)!.entry!;
    await sendReminder(TEAM, { reminder, occurrence: new Date('2027-01-01T09:00:00Z'), localTime: 'Fri 1 Jan 2027, 09:00 GMT', entry });
    const readMore = actionsOf(cardOf(connector.calls[0])).find((a) => String(a.title).startsWith('Read more'))!;
    await bot.post(cardSubmit(connector.serviceUrl, readMore.data));
    expect(visibleLines(cardOf(connector.calls[1]))[0]).toBe(entry.title);
  });

  it('reports a conversation the bot was removed from (403) or that no longer exists (404) as gone', async () => {
    await installInTeam();
    connector.respondWith({ status: 403 });
    expect(await sendReminder(TEAM, reminderPost())).toMatchObject({ ok: false, kind: 'gone' });
    connector.respondWith({ status: 404 });
    expect(await sendReminder(TEAM, reminderPost())).toMatchObject({ ok: false, kind: 'gone' });
  });

  it('reports 429 as rate limited with Teams\' Retry-After, at once (the scheduler does the waiting)', async () => {
    await installInTeam();
    connector.respondWith({ status: 429, headers: { 'retry-after': '7' } });
    expect(await sendReminder(TEAM, reminderPost())).toMatchObject({ ok: false, kind: 'rate_limited', retryAfterMs: 7000 });
    expect(connector.calls).toHaveLength(1);
  });

  it('reports 503 as transient without retrying inside the connector', async () => {
    await installInTeam();
    connector.respondWith({ status: 503 });
    expect(await sendReminder(TEAM, reminderPost())).toMatchObject({ ok: false, kind: 'transient' });
    expect(connector.calls).toHaveLength(1);
  });

  it('reports 500, 502 and 504 as outcome unknown (Teams may have posted it), without retrying inside the connector', async () => {
    await installInTeam();
    for (const status of [500, 502, 504]) {
      connector.calls.length = 0;
      connector.respondWith({ status });
      expect(await sendReminder(TEAM, reminderPost())).toMatchObject({ ok: false, kind: 'unknown', error: expect.stringContaining(String(status)) });
      expect(connector.calls).toHaveLength(1);
    }
  });

  it('reports 401 (the bot\'s own credentials refused) as unauthorized, never as gone', async () => {
    await installInTeam();
    connector.respondWith({ status: 401 });
    expect(await sendReminder(TEAM, reminderPost())).toMatchObject({ ok: false, kind: 'unauthorized' });
  });

  it('reports a network failure (the connector refuses the connection) as transient', async () => {
    const down = await scriptedConnector();
    await bot.post(botAddedToTeam(down.serviceUrl));
    await down.close();
    expect(await sendReminder(TEAM, reminderPost())).toMatchObject({ ok: false, kind: 'transient', error: expect.stringContaining('ECONNREFUSED') });
  });

  it('reports a connection dropped after the post was sent, or mid-answer, as outcome unknown', async () => {
    const flaky = await scriptedConnector();
    try {
      await bot.post(botAddedToTeam(flaky.serviceUrl));
      const before = flaky.posts();
      flaky.next('hang-up', 'cut-off');
      expect(await sendReminder(TEAM, reminderPost())).toMatchObject({ ok: false, kind: 'unknown' });
      expect(await sendReminder(TEAM, reminderPost())).toMatchObject({ ok: false, kind: 'unknown' });
      expect(flaky.posts() - before).toBe(2); // each reached the connector once: nothing retried underneath
    } finally {
      await flaky.close();
    }
  });

  it('reports a conversation it has no reference for as gone', async () => {
    expect(await sendReminder('19:never-installed@thread.tacv2', reminderPost())).toMatchObject({ ok: false, kind: 'gone' });
  });
});

describe('Teams failure classification', () => {
  const now = new Date('2026-10-18T08:00:00Z');
  it('never takes a refused connection or DNS failure for a possible post', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']) {
      expect(classifyFailure(Object.assign(new Error(`connect ${code}`), { name: 'RestError', code }), now)).toMatchObject({ kind: 'transient' });
    }
  });

  it('takes a reset, a hang-up or a timeout of the connector call for a possible post', () => {
    expect(classifyFailure(Object.assign(new Error('socket hang up'), { name: 'RestError', code: 'ECONNRESET' }), now)).toMatchObject({ kind: 'unknown' });
    expect(classifyFailure(Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' }), now)).toMatchObject({ kind: 'unknown' });
  });

  it('takes a refused app id or password (while getting the token, before posting) for unauthorized', () => {
    const msal = Object.assign(new Error('AADSTS7000215: Invalid client secret provided.'), { errorCode: 'invalid_client' });
    expect(classifyFailure(msal, now)).toMatchObject({ kind: 'unauthorized' });
  });
});

describe('admin notices', () => {
  it('reach a Teams admin in their personal chat with the bot', async () => {
    await bot.post(personalMessage(connector.serviceUrl, 'help'));
    connector.calls.length = 0;
    const lines = ['knowledge/referral.yaml:12:5: `steps` must not be empty', 'Still serving the last good knowledge.'];
    expect(await bot.channel.send({ user: OFFICER.aadObjectId }, { kind: 'notice', lines })).toEqual({ ok: true, ref: expect.any(String) });
    expect(connector.calls).toHaveLength(1);
    expect(connector.calls[0]!.conversationId).toBe(PERSONAL_CHAT);
    expect(textOf(connector.calls[0])).toContain('knowledge/referral.yaml:12:5: `steps` must not be empty');
  });

  it('are logged, not lost silently, when the admin has no chat with the bot yet', async () => {
    expect(await bot.channel.send({ user: OFFICER.aadObjectId }, { kind: 'notice', lines: ['broken'] })).toMatchObject({ ok: false, kind: 'gone' });
    expect(connector.calls).toHaveLength(0);
    expect(bot.logs.some((l) => l.level === 'warn' && JSON.stringify(l.fields).includes('teams.admin_unreachable'))).toBe(true);
  });
});

describe("the admins' digest", () => {
  it('reaches a Teams admin in their personal chat as a card: figures, groups with the lines to copy, new 👎, review dates', async () => {
    await bot.post(personalMessage(connector.serviceUrl, 'help'));
    connector.calls.length = 0;
    const digest = buildDigest(await weekReport());
    expect(await bot.channel.send({ user: OFFICER.aadObjectId }, { kind: 'digest', digest })).toEqual({ ok: true, ref: expect.any(String) });
    expect(connector.calls).toHaveLength(1);
    const call = connector.calls[0]!;
    expect(call.conversationId).toBe(PERSONAL_CHAT);
    expect(call.activity.summary).toBe('MSHT Guide weekly digest: 16 Nov 2026 to 22 Nov 2026');
    const card = cardOf(call);
    const lines = visibleLines(card);
    expect(lines.slice(0, 4)).toEqual([
      'MSHT Guide weekly digest',
      '16 Nov 2026 to 22 Nov 2026',
      '11 questions: 1 urgent, 2 answered, 2 ambiguous, 6 no match',
      'slack: 6 questions: 1 urgent, 2 answered, 0 ambiguous, 3 no match',
    ]);
    const unanswered = lines.indexOf('Unanswered, most asked first (8 questions in 4 groups)');
    expect(lines.slice(unanswered + 1, unanswered + 4)).toEqual([
      '1. 3× “parking at HQ” (3 no match; last asked 19 Nov 2026)',
      '→ Looks off-topic (the search says it is not in the field): add it to out-of-scope.yaml so it is refused with confidence:',
      '- parking at HQ',
    ]);
    expect(lines).toContain('New 👎 (2)');
    expect(lines).toContain('on “dtn for [name]”');
    expect(lines).toContain('Nothing due within 31 days.');
    expect(lines.slice(-2)).toEqual(['Everything, with the lines to copy:', 'npx msht-guide report --since 7d --html report.html']);
    // The line to copy is monospace, and escaped so "- parking" is not read as a list.
    const yaml = JSON.stringify(card).match(/\{[^{}]*"fontType":"Monospace"[^{}]*\}/)![0];
    expect(JSON.parse(yaml)).toMatchObject({ type: 'TextBlock', text: '\\- parking at HQ' });
    expect(String(card.fallbackText)).toContain('MSHT Guide weekly digest: 16 Nov 2026 to 22 Nov 2026');
    expect(JSON.stringify(card)).not.toMatch(/Jane|07700/);
  });

  it('stays under the Teams message size on a very busy week', async () => {
    await bot.post(personalMessage(connector.serviceUrl, 'help'));
    connector.calls.length = 0;
    const store = createMemoryStore();
    for (let i = 0; i < 60; i++) {
      const question = `${'where is the form for case number '.repeat(30)} variant ${i}`;
      await store.recordUnanswered({ question, status: 'no_match', platform: 'teams', score: 0 }, new Date('2026-11-17T10:00:00Z'));
      await store.recordFeedback({ entryId: `entry-${i}`, helpful: false, platform: 'teams', question }, new Date('2026-11-17T10:00:00Z'));
    }
    const digest = buildDigest(await buildReport({ store, knowledge: bot.kb, period: { since: new Date('2026-11-16T00:00:00Z'), until: new Date('2026-11-23T00:00:00Z') } }));
    expect(await bot.channel.send({ user: OFFICER.aadObjectId }, { kind: 'digest', digest })).toEqual({ ok: true, ref: expect.any(String) });
    expect(cardBytes(cardOf(connector.calls[0]) as never)).toBeLessThanOrEqual(CARD_LIMITS.maxCardBytes);
  });

  it('is gone, for the scheduler to record, when the admin has no chat with the bot yet', async () => {
    const digest = buildDigest(await weekReport());
    expect(await bot.channel.send({ user: OFFICER.aadObjectId }, { kind: 'digest', digest })).toMatchObject({ ok: false, kind: 'gone' });
    expect(connector.calls).toHaveLength(0);
  });
});
