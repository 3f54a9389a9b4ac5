// PostgreSQL going away mid-run, as the people using the bot and whoever runs it meet it. The real bot
// (Slack over HTTP and Teams in emulator mode, each with a loopback stand-in) runs on its own schema of the
// test database through a loopback TCP proxy that the test takes down and brings back, so the shared server
// is never touched. The clock is injected and the reminder ticks are driven by the test.
//
// While the database is away: /healthz is 503; questions on both platforms are still answered; what could
// not be stored is logged; a reminder posted just as it went away is held, not posted again; a reminder
// that falls due is not posted. Once it is back: /healthz is 200, the held record is written, the reminders
// still to do are posted, and every reminder has gone to every channel exactly once.
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { startBot, type RunningBot } from '../../src/bot.ts';
import { FakeSlack, visibleText, type RecordedCall } from '../slack/fake-slack.ts';
import { eventBody, postSigned, SIGNING_SECRET } from '../slack/signed.ts';
import { startFakeConnector, type ConnectorCall } from '../teams/helpers.ts';
import { PERSONAL_CHAT, personalMessage } from '../teams/activities.ts';
import { cardOf, visibleLines } from '../teams/card-text.ts';
import { startTcpProxy } from '../helpers/tcp-proxy.ts';
import { TEST_DATABASE_URL, adminQuery, freshSchema, sayWhySkipped } from '../store/postgres-helpers.ts';

sayWhySkipped();

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The fixture knowledge with two daily reminders on one topic, at 09:00 and 10:00 UK time. */
function knowledgeDir(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'msht-pg-outage-')), 'knowledge');
  cpSync('test/fixtures/knowledge/valid', dir, { recursive: true });
  const reminder = (n: number, hour: number) =>
    [
      `  - id: briefing-${n}`,
      `    title: Shift briefing ${n}`,
      `    message: Brief the shift on the signs of exploitation (${n}).`,
      '    topic: shift-briefing',
      `    cron: "0 ${hour} * * *"`,
    ].join('\n');
  writeFileSync(join(dir, 'reminders.yaml'), `reminders:\n${reminder(1, 9)}\n${reminder(2, 10)}\n`);
  return dir;
}

interface LogRecord {
  level: number;
  msg: string;
  [field: string]: unknown;
}

const isReminderPost = (call: RecordedCall) => call.method === 'chat.postMessage' && String(call.args.text ?? '').startsWith('Shift briefing');
const hasCard = (call: ConnectorCall) => ((call.activity.attachments ?? []) as Array<{ contentType?: string }>).some((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
const teamsReminder = (call: ConnectorCall) => hasCard(call) && visibleLines(cardOf(call)).some((line) => /^Shift briefing \d$/.test(line));

describe.skipIf(!TEST_DATABASE_URL)('PostgreSQL unreachable mid-run', () => {
  it('keeps answering, holds reminders, logs what it could not store, and loses or doubles nothing once it is back', { timeout: 60_000 }, async () => {
    const schema = await freshSchema();
    cleanups.push(() => schema.drop());
    const target = new URL(TEST_DATABASE_URL!);
    const proxy = await startTcpProxy(Number(target.port || 5432), target.hostname);
    cleanups.push(() => proxy.close());
    const slack = await new FakeSlack().start();
    cleanups.push(() => slack.stop());
    const connector = await startFakeConnector();
    cleanups.push(() => connector.close());

    const url = new URL(schema.url);
    url.port = String(proxy.port);
    const lines: LogRecord[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (line: string) => lines.push(JSON.parse(line) as LogRecord) } });
    const logged = () => lines.map((l) => l.msg);
    let clock = new Date('2026-11-23T08:30:00Z');
    const config = loadConfig({
      KNOWLEDGE_DIR: knowledgeDir(),
      DATABASE_URL: url.toString(),
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
    });
    const bot: RunningBot = await startBot(config, { logger, port: 0, host: '127.0.0.1', now: () => clock });
    cleanups.push(() => bot.stop());

    const health = async () => {
      const response = await fetch(`http://127.0.0.1:${bot.port}/healthz`);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    let events = 0;
    const mention = async (channel: string, text: string) => {
      const body = eventBody(`EvOutage${++events}`, { type: 'app_mention', channel, user: 'U1', text: `<@UBOT> ${text}`, ts: `1700000000.00010${events}` });
      expect((await postSigned(`http://127.0.0.1:${bot.port}/slack/events`, body, { contentType: 'application/json' })).status).toBe(200);
    };
    const teams = async (text: string) => {
      const response = await fetch(`http://127.0.0.1:${bot.port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(personalMessage(connector.serviceUrl, text)),
      });
      expect(response.status).toBe(200);
      return connector.calls.at(-1)!;
    };

    // Before: a Slack channel and a Teams chat subscribe, each through its platform.
    await mention('C1', 'subscribe shift-briefing');
    await slack.waitFor('chat.postMessage', (c) => c.args.channel === 'C1');
    await teams('subscribe shift-briefing');
    expect((await bot.store.subscriptions()).map((s) => `${s.platform} ${s.topic}`)).toEqual(['slack shift-briefing', 'teams shift-briefing']);
    expect(await health()).toMatchObject({ status: 200, body: { store: 'ok' } });
    await bot.scheduler.tick(); // the start-up tick is done with: nothing was due at 08:30

    // 09:00 is due. The database goes away just after Slack has taken the reminder, before it is recorded.
    clock = new Date('2026-11-23T09:00:30Z');
    const release = slack.hold('chat.postMessage');
    const first = bot.scheduler.tick();
    await slack.waitFor('chat.postMessage', isReminderPost);
    proxy.down();
    release();
    await expect(first).rejects.toThrow();

    // While it is away.
    expect(await health()).toMatchObject({ status: 503, body: { notReady: ['store'] } });
    await mention('C2', 'how do I refer an adult to the NRM');
    const slackAnswer = await slack.waitFor('chat.postMessage', (c) => c.args.channel === 'C2');
    expect(visibleText(slackAnswer.args)).toContain('National Referral Mechanism');
    expect(visibleLines(cardOf(await teams('how do I refer an adult to the NRM')))[0]).toBe('Refer an adult to the National Referral Mechanism (NRM)');
    expect(logged()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^reminder posted, but the database refused to record it: this process sends nothing more for it/),
        'could not check a Slack event against those already handled',
        'could not record a question or feedback',
        'could not save a Teams conversation reference; answering anyway',
      ]),
    );
    // 10:00 falls due: nothing can be claimed, so nothing is posted, and the 09:00 post is not sent again.
    clock = new Date('2026-11-23T10:00:30Z');
    await expect(bot.scheduler.tick()).rejects.toThrow();
    expect(slack.calls.filter(isReminderPost)).toHaveLength(1);
    expect(connector.calls.filter(teamsReminder)).toHaveLength(0);
    expect(logged()).toContain('reminder posted, and the database still refuses to record it: nothing is sent for it meanwhile');

    // Back: ready again, the held record written first, then what is still due, each once.
    proxy.up();
    expect(await health()).toMatchObject({ status: 200, body: { status: 'ok', store: 'ok' } });
    const after = await bot.scheduler.tick();
    expect(logged()).toContain('reminder posted: the record the database refused earlier is written');
    expect(after.delivered).toBe(3);
    expect((await bot.scheduler.tick()).delivered).toBe(0);

    const slackPosts = slack.calls.filter(isReminderPost).map((c) => `${c.args.channel} ${String(c.args.text).split(':')[0]}`);
    expect(slackPosts.sort()).toEqual(['C1 Shift briefing 1', 'C1 Shift briefing 2']);
    const teamsPosts = connector.calls.filter(teamsReminder).map((c) => `${c.conversationId} ${visibleLines(cardOf(c)).find((l) => l.startsWith('Shift briefing'))}`);
    expect(teamsPosts.sort()).toEqual([`${PERSONAL_CHAT} Shift briefing 1`, `${PERSONAL_CHAT} Shift briefing 2`]);
    const rows = await adminQuery<{ reminder_id: string; platform: string; status: string; attempts: number }>(
      `SELECT reminder_id, platform, status, attempts FROM ${schema.schema}.deliveries ORDER BY reminder_id, platform`,
    );
    expect(rows).toEqual([
      { reminder_id: 'briefing-1', platform: 'slack', status: 'delivered', attempts: 1 },
      { reminder_id: 'briefing-1', platform: 'teams', status: 'delivered', attempts: 1 },
      { reminder_id: 'briefing-2', platform: 'slack', status: 'delivered', attempts: 1 },
      { reminder_id: 'briefing-2', platform: 'teams', status: 'delivered', attempts: 1 },
    ]);
    // What is recorded works again without a restart.
    await teams('how do I refer an adult to the NRM');
    expect(logged().filter((m) => m === 'could not save a Teams conversation reference; answering anyway')).toHaveLength(1);
  });
});
