// Start-up as whoever runs the bot meets it: the server comes up with the knowledge, /healthz says so,
// broken knowledge stops the start with every problem named, and stop() leaves nothing running.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { startBot, StartupError, type RunningBot } from '../../src/bot.ts';
import { wantsConsole } from '../../src/main.ts';
import { answerOf } from '../../src/conversation/reply.ts';
import { where } from '../helpers/where.ts';

const running: RunningBot[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((bot) => bot.stop()));
});

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'msht-start-'));
  cpSync('test/fixtures/knowledge/valid', join(dir, 'knowledge'), { recursive: true });
  return { dir, knowledge: join(dir, 'knowledge'), database: join(dir, 'data', 'bot.db') };
}

async function start(env: Record<string, string>, today = '2026-11-23') {
  const lines: string[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (line: string) => lines.push(line) } });
  const bot = await startBot(loadConfig(env), { logger, port: 0, host: '127.0.0.1', now: () => new Date(`${today}T12:00:00Z`) });
  running.push(bot);
  return {
    bot,
    log: () => lines.map((l) => (JSON.parse(l) as { msg: string }).msg),
    records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('start-up', () => {
  it('serves /healthz with the knowledge version and entry count, and says how each platform started', async () => {
    const ws = workspace();
    const { bot, log } = await start({ KNOWLEDGE_DIR: ws.knowledge, DATABASE_PATH: ws.database });
    const response = await fetch(`http://127.0.0.1:${bot.port}/healthz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; knowledge: { version: string; entries: number } };
    expect(body.status).toBe('ok');
    expect(body.knowledge).toEqual({ version: bot.knowledge.current().version, entries: 9 });
    expect(log()).toEqual(expect.arrayContaining([
      expect.stringMatching(/^Teams: .*emulator/i),
      'Slack: not configured (set SLACK_BOT_TOKEN with SLACK_APP_TOKEN or SLACK_SIGNING_SECRET)',
      expect.stringMatching(/^Reminders: 2 scheduled, catch-up window 24 h$/),
    ]));
    expect(readFileSync(ws.database).subarray(0, 15).toString()).toBe('SQLite format 3');
  }, 30_000); // a whole start-up: seconds on a busy machine

  it('tells the admins (and the log) which entries are past their review date, and still serves them', async () => {
    const ws = workspace();
    const current = await start({ KNOWLEDGE_DIR: ws.knowledge, DATABASE_PATH: ws.database });
    expect(current.log()).not.toContain('knowledge entries are past their review date');
    await current.bot.stop();
    const late = await start({ KNOWLEDGE_DIR: ws.knowledge, DATABASE_PATH: join(ws.dir, 'data', 'late.db') }, '2027-03-01');
    expect(late.records()).toContainEqual(expect.objectContaining({ msg: 'knowledge entries are past their review date', overdue: 2 }));
    const answer = answerOf(await late.bot.conversation.handle('adult consents to nrm', where()));
    expect(answer?.entry?.id).toBe('nrm-adult-referral');
    expect(answer?.outOfDate).toMatchObject({ lastChecked: '2026-11-23', reviewBy: '2027-02-23' });
  });

  it('refuses to start on broken knowledge and names every problem', async () => {
    const ws = workspace();
    writeFileSync(join(ws.knowledge, 'broken.yaml'), 'entries:\n  - id: Bad Id\n');
    const attempt = start({ KNOWLEDGE_DIR: ws.knowledge, DATABASE_PATH: ws.database });
    await expect(attempt).rejects.toBeInstanceOf(StartupError);
    await expect(attempt).rejects.toThrow(/broken\.yaml:2:9: `id` must be lower-case letters, digits and hyphens/);
  });

  it('stops cleanly: the port is closed and the database released', async () => {
    const ws = workspace();
    const { bot } = await start({ KNOWLEDGE_DIR: ws.knowledge, DATABASE_PATH: ws.database });
    await bot.stop();
    await expect(fetch(`http://127.0.0.1:${bot.port}/healthz`)).rejects.toThrow();
    expect(await bot.store.healthy()).toBe(false);
  });

  it('refuses to start, naming the variable, when Slack refuses the bot token', async () => {
    const ws = workspace();
    const slackApi = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ok: false, error: 'invalid_auth' }));
    });
    await new Promise<void>((resolve) => slackApi.listen(0, '127.0.0.1', resolve));
    try {
      const attempt = start({
        KNOWLEDGE_DIR: ws.knowledge,
        DATABASE_PATH: ws.database,
        SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
        SLACK_SIGNING_SECRET: '0123456789abcdef0123456789abcdef',
        SLACK_API_URL: `http://127.0.0.1:${(slackApi.address() as AddressInfo).port}/api/`,
      });
      await expect(attempt).rejects.toBeInstanceOf(StartupError);
      await expect(attempt).rejects.toThrow(/^Slack did not start: .*SLACK_BOT_TOKEN/);
    } finally {
      slackApi.close();
    }
  });

  it('says the port is in use instead of crashing, and releases what it had opened', async () => {
    const ws = workspace();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const lines: string[] = [];
      const logger = createLogger({ level: 'info', destination: { write: (line: string) => lines.push(line) } });
      const attempt = startBot(loadConfig({ KNOWLEDGE_DIR: ws.knowledge, DATABASE_PATH: ws.database }), { logger, port, host: '127.0.0.1' });
      await expect(attempt).rejects.toThrow(`port ${port} is already in use: stop the other process or set PORT`);
      expect(lines.map((l) => (JSON.parse(l) as { step?: string; msg: string })).filter((l) => l.msg === 'error while stopping')).toEqual([]);
    } finally {
      blocker.close();
    }
  });

  it('opens the terminal chat only when no platform is configured', () => {
    expect(wantsConsole(loadConfig({}))).toBe(true);
    expect(wantsConsole(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_APP_TOKEN: 'xapp-1-A1-2-abc' }))).toBe(false);
  });
});
