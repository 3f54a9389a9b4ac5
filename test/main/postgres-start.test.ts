// Start-up on PostgreSQL as whoever runs the bot meets it: DATABASE_URL chooses it, a database that cannot be
// used stops the start at once with a message that names it (never its password), and /healthz follows the
// database as it goes away and comes back.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { startBot, StartupError, type RunningBot } from '../../src/bot.ts';
import { runCli } from '../helpers/cli.ts';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.ts';
import { TEST_DATABASE_URL, freshSchema, sayWhySkipped, type TestSchema } from '../store/postgres-helpers.ts';

sayWhySkipped();

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function knowledgeDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'msht-pg-start-'));
  cpSync('test/fixtures/knowledge/valid', join(dir, 'knowledge'), { recursive: true });
  return join(dir, 'knowledge');
}

async function start(env: Record<string, string>): Promise<{ bot: RunningBot; log: () => string[]; raw: () => string }> {
  const lines: string[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (line: string) => lines.push(line) } });
  const bot = await startBot(loadConfig({ KNOWLEDGE_DIR: knowledgeDir(), ...env }), { logger, port: 0, host: '127.0.0.1' });
  cleanups.push(() => bot.stop());
  return { bot, log: () => lines.map((l) => (JSON.parse(l) as { msg: string }).msg), raw: () => lines.join('') };
}

describe('DATABASE_URL that cannot be used', () => {
  it('refuses a value that is not a PostgreSQL URL without repeating it', async () => {
    const run = await runCli(['serve'], { env: { DATABASE_URL: 'mysql://bot:hunter2@db/msht', KNOWLEDGE_DIR: knowledgeDir() } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/database');
    expect(run.stderr).not.toContain('hunter2');
  });

  it('stops the start at once when nothing answers there, naming the database without its password', async () => {
    const started = performance.now();
    const error = await start({ DATABASE_URL: 'postgres://bot:hunter2@127.0.0.1:1/msht' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StartupError);
    expect((error as Error).message).toMatch(
      /^cannot use the PostgreSQL database at postgres:\/\/bot@127\.0\.0\.1:1\/msht: nothing is listening there .*\(DATABASE_URL\)$/,
    );
    expect((error as Error).message).not.toContain('hunter2');
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe.skipIf(!TEST_DATABASE_URL)('running on PostgreSQL', () => {
  let schema: TestSchema;
  let proxy: TcpProxy;

  it('says so at start-up, and /healthz is 503 while the database is away and 200 once it is back', async () => {
    schema = await freshSchema();
    cleanups.push(() => schema.drop());
    const target = new URL(TEST_DATABASE_URL!);
    proxy = await startTcpProxy(Number(target.port || 5432), target.hostname);
    cleanups.push(() => proxy.close());
    const url = new URL(schema.url);
    url.port = String(proxy.port);
    url.password = 'not-shown';

    const { bot, raw } = await start({ DATABASE_URL: url.toString() });
    expect(raw()).toContain(`database: PostgreSQL at postgres://${target.username}@127.0.0.1:${proxy.port}/`);
    expect(raw()).not.toContain('not-shown');
    const health = async () => {
      const response = await fetch(`http://127.0.0.1:${bot.port}/healthz`);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    expect(await health()).toMatchObject({ status: 200, body: { status: 'ok', store: 'ok' } });

    proxy.down();
    expect(await health()).toMatchObject({ status: 503, body: { notReady: ['store'] } });
    proxy.up();
    expect(await health()).toMatchObject({ status: 200, body: { status: 'ok' } });
    await bot.store.setMeta('k', 'v');
    expect(await bot.store.getMeta('k')).toBe('v');
  });
});
