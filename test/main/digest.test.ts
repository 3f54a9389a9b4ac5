// The admins' weekly digest as admins meet it, through `serve` (startBot) on a real SQLite file with Slack
// and the Teams connector on loopback fakes: during the week people ask in Slack and Teams and give a 👎 with
// a reason; at 09:00 on Monday each admin gets one digest (a Slack DM, a Teams card) with the week;
// restarted that morning, the bot does not send it again.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../../src/bot.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { DIGEST_ID } from '../../src/reminders/digest.ts';
import { FakeSlack, visibleText } from '../slack/fake-slack.ts';
import { SIGNING_SECRET } from '../slack/signed.ts';
import { buttonOn, click, event } from '../slack/requests.ts';
import type { Harness } from '../slack/harness.ts';
import { startFakeConnector, type FakeConnector } from '../teams/helpers.ts';
import { OFFICER, PERSONAL_CHAT, personalMessage } from '../teams/activities.ts';
import { visibleLines, cardOf } from '../teams/card-text.ts';

const running: RunningBot[] = [];
let slack: FakeSlack | undefined;
let connector: FakeConnector | undefined;
afterEach(async () => {
  await Promise.all(running.splice(0).map((bot) => bot.stop()));
  await slack?.stop();
  await connector?.close();
});

describe("the admins' digest through serve", () => {
  it('goes to each admin at 09:00 on Monday with the week asked in Slack and Teams, once, across restarts', async () => {
    slack = await new FakeSlack().start();
    connector = await startFakeConnector();
    const dir = mkdtempSync(join(tmpdir(), 'msht-digest-'));
    cpSync('test/fixtures/knowledge/valid', join(dir, 'knowledge'), { recursive: true });
    const env = {
      KNOWLEDGE_DIR: join(dir, 'knowledge'),
      DATABASE_PATH: join(dir, 'data', 'bot.db'),
      SLACK_BOT_TOKEN: 'xoxb-1111-2222-testtoken',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      ADMIN_USERS: `slack:U0ADMIN,teams:${OFFICER.aadObjectId}`,
    };
    let now = new Date('2026-11-26T10:00:00Z'); // Thursday
    const messages: string[] = [];
    const start = async () => {
      const logger = createLogger({ level: 'info', destination: { write: (line: string) => messages.push((JSON.parse(line) as { msg: string }).msg) } });
      const bot = await startBot(loadConfig(env), { logger, port: 0, host: '127.0.0.1', now: () => now });
      running.push(bot);
      return { bot, eventsUrl: `http://127.0.0.1:${bot.port}/slack/events`, teamsUrl: `http://127.0.0.1:${bot.port}/api/messages` };
    };
    const toAdmin = () => slack!.callsTo('chat.postMessage').filter((c) => c.args.channel === 'U0ADMIN');
    const toTeamsAdmin = () => connector!.calls.filter((c) => c.conversationId === PERSONAL_CHAT && String(c.activity.summary ?? '').includes('digest'));

    // The week: two questions in a DM, and a 👎 with a reason on the answer.
    const week = await start();
    expect(messages).toContain("Admins' digest: next Mon 30 Nov 2026, 09:00 GMT to 2 admins (\"0 9 * * 1\", UK time)");
    // In Teams, the officer (also an admin) asks in their personal chat with the bot.
    const asked = await fetch(week.teamsUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(personalMessage(connector.serviceUrl, 'legal aid for victims')) });
    expect(asked.status).toBe(200);
    expect(connector.calls.map((c) => c.conversationId)).toEqual([PERSONAL_CHAT]);
    const h = { eventsUrl: week.eventsUrl } as Harness;
    await event(h, 'Ev1', { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text: 'where can I park at HQ', ts: '1700000001.000100' });
    await slack.waitFor('chat.postMessage', (c) => c.args.channel === 'D1');
    await event(h, 'Ev2', { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text: 'what is the duty to notify', ts: '1700000002.000100' });
    const answer = await slack.waitFor('chat.postMessage', (c) => c.args.channel === 'D1' && visibleText(c.args).includes('Duty to Notify'));
    const down = buttonOn(answer, '👎 Not helpful');
    await click(h, down.action_id, down.value, { channel: 'D1', responseUrl: slack.responseUrl(), message: { ts: '1.2', text: answer.args.text, blocks: answer.args.blocks } });
    const offered = await slack.waitFor('response_url');
    const outOfDate = buttonOn(offered, 'Out of date');
    await click(h, outOfDate.action_id, outOfDate.value, { channel: 'D1', responseUrl: slack.responseUrl(), message: { ts: '1.2', text: offered.args.text, blocks: offered.args.blocks } });
    await slack.waitFor('response_url', (c) => visibleText(c.args).includes('Noted: out of date'));
    await week.bot.stop();
    expect(toAdmin()).toEqual([]);
    expect(toTeamsAdmin()).toEqual([]);

    // Monday 09:00:30: started again (a deploy over the weekend), it sends the digest on its first tick.
    now = new Date('2026-11-30T09:00:30Z');
    const monday = await start();
    await slack.waitFor('chat.postMessage', (c) => c.args.channel === 'U0ADMIN');
    await monday.bot.scheduler.tick(); // runs after the start-up tick, so both admins have had theirs
    await monday.bot.stop();
    expect(messages).toContain('digest posted');
    expect(toAdmin()).toHaveLength(1);
    const digest = toAdmin()[0]!;
    expect(digest.args.text).toBe('MSHT Guide weekly digest, 23 Nov 2026 to 30 Nov 2026: 3 questions: 0 urgent, 1 answered, 0 ambiguous, 2 no match');
    const text = visibleText(digest.args);
    expect(text).toContain('slack: 2 questions: 0 urgent, 1 answered, 0 ambiguous, 1 no match\nteams: 1 question: 0 urgent, 0 answered, 0 ambiguous, 1 no match');
    expect(text).toContain('1× `legal aid for victims` (1 no match; last asked 26 Nov 2026)');
    expect(text).toContain('Feedback: 0 👍, 1 👎 (1 out of date)');
    expect(text).toContain('2. 1× `where can I park at HQ` (1 no match; last asked 26 Nov 2026)');
    expect(text).toContain('add it to out-of-scope.yaml so it is refused with confidence: `- where can I park at HQ`');
    expect(text).toContain('• duty-to-notify (“Duty to Notify when an adult does not consent”): 1 not helpful (1 out of date)\n      on `what is the duty to notify`');
    expect(text).toContain('`npx msht-guide report --since 7d --html report.html`');
    // The Teams admin: the same digest, as a card in their personal chat.
    expect(toTeamsAdmin()).toHaveLength(1);
    const lines = visibleLines(cardOf(toTeamsAdmin()[0]));
    expect(lines.slice(0, 3)).toEqual(['MSHT Guide weekly digest', '23 Nov 2026 to 30 Nov 2026', '3 questions: 0 urgent, 1 answered, 0 ambiguous, 2 no match']);
    expect(lines).toContain('on “what is the duty to notify”');

    // Restarted again that morning: nothing more.
    now = new Date('2026-11-30T09:20:00Z');
    const again = await start();
    const tick = await again.bot.scheduler.tick(); // runs after the start-up tick
    expect(tick.results.map((r) => [r.key.channelId, r.outcome])).toEqual([
      ['U0ADMIN', 'held'],
      [OFFICER.aadObjectId, 'held'],
    ]);
    await again.bot.stop();
    expect(toAdmin()).toHaveLength(1);
    expect(toTeamsAdmin()).toHaveLength(1);
    const check = await start();
    expect((await check.bot.store.deliveries({ reminderId: DIGEST_ID })).map((d) => [d.platform, d.channelId, d.occurrence, d.status, d.attempts])).toEqual([
      ['slack', 'U0ADMIN', '2026-11-30T09:00:00.000Z', 'delivered', 1],
      ['teams', OFFICER.aadObjectId, '2026-11-30T09:00:00.000Z', 'delivered', 1],
    ]);
  }, 60_000); // four start-ups: seconds each on a busy machine
});
