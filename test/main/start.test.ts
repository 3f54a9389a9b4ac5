// Start-up as whoever runs the bot meets it: the server comes up with the knowledge, /healthz says so,
// broken knowledge stops the start with every problem named, and stop() leaves nothing running.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { startBot, StartupError, wantsConsole, type RunningBot } from '../../src/main.ts';

const running: RunningBot[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((bot) => bot.stop()));
});

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'msht-start-'));
  cpSync('test/fixtures/knowledge/valid', join(dir, 'knowledge'), { recursive: true });
  return { dir, knowledge: join(dir, 'knowledge'), database: join(dir, 'data', 'bot.db') };
}

async function start(env: Record<string, string>) {
  const lines: string[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (line: string) => lines.push(line) } });
  const bot = await startBot(loadConfig(env), { logger, port: 0, host: '127.0.0.1', now: () => new Date('2026-11-23T12:00:00Z') });
  running.push(bot);
  return { bot, log: () => lines.map((l) => (JSON.parse(l) as { msg: string }).msg) };
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
    expect(bot.store.healthy()).toBe(false);
  });

  it('opens the terminal chat only when no platform is configured', () => {
    expect(wantsConsole(loadConfig({}))).toBe(true);
    expect(wantsConsole(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_APP_TOKEN: 'xapp-1-A1-2-abc' }))).toBe(false);
  });
});
