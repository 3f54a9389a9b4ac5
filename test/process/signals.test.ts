// Signals reach the server however it is started, tested on real processes: through npx and `npm start`
// (where npm puts a `sh -c` between itself and the bot and forwards signals only to that shell), the
// command run directly, and the command as PID 1 of its own PID namespace, as in a container.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const TIMEOUT_MS = 60_000;

interface LogLine {
  msg: string;
  pid: number;
  reason?: string;
}

/** Server processes seen in the logs; whatever a failing test leaves running is killed here. */
const servers = new Set<number>();
afterEach(() => {
  for (const pid of servers) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  servers.clear();
});

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

async function environment(extra: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'msht-signals-'));
  cpSync(join(ROOT, 'test/fixtures/knowledge/valid'), join(dir, 'knowledge'), { recursive: true });
  const env: Record<string, string> = {};
  // Nothing of the npm running these tests may leak in: npm_command is how the bot knows npm started it.
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !key.startsWith('npm_')) env[key] = value;
  const port = await freePort();
  Object.assign(env, { PORT: String(port), KNOWLEDGE_DIR: join(dir, 'knowledge'), DATABASE_PATH: join(dir, 'bot.db'), LOG_LEVEL: 'info' }, extra);
  return { env, port };
}

/** Starts a command in its own session (as `setsid` does) and reads the bot's JSON log lines from it. */
function launch(command: string, args: string[], env: Record<string, string>) {
  const child = spawn(command, args, { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: LogLine[] = [];
  const text: string[] = [];
  const waiters: Array<{ match: (line: LogLine) => boolean; done: (line: LogLine) => void }> = [];
  let partial = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    for (const part of parts) {
      text.push(part);
      if (!part.startsWith('{')) continue;
      const line = JSON.parse(part) as LogLine;
      lines.push(line);
      servers.add(line.pid);
      for (const waiter of waiters.splice(0)) {
        if (waiter.match(line)) waiter.done(line);
        else waiters.push(waiter);
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => text.push(chunk));
  // The output pipe closes only when every process holding it (npm, its shell, the bot) has exited.
  const allExited = new Promise<void>((done) => child.stdout!.once('close', () => done()));
  const exitCode = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return {
    child,
    messages: () => lines.map((l) => l.msg),
    lines,
    output: () => text.join('\n'),
    allExited,
    exitCode,
    logged(match: (line: LogLine) => boolean): Promise<LogLine> {
      const seen = lines.find(match);
      if (seen) return Promise.resolve(seen);
      return Promise.race([
        new Promise<LogLine>((done) => waiters.push({ match, done })),
        allExited.then(() => {
          throw new Error(`exited before logging what was awaited:\n${text.join('\n')}`);
        }),
      ]);
    },
  };
}

const listening = (line: LogLine) => line.msg.startsWith('HTTP: listening on port');

async function refused(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/healthz`);
    return false;
  } catch {
    return true;
  }
}

/** A bot that stopped as it should: every step, the store last, "shut down cleanly", and the port closed. */
async function expectCleanStop(run: ReturnType<typeof launch>, port: number) {
  await run.allExited;
  const messages = run.messages();
  expect(messages, run.output()).toContain('shut down cleanly');
  expect(messages.indexOf('shutting down')).toBeLessThan(messages.indexOf('shut down cleanly'));
  expect(await refused(port)).toBe(true);
}

const npmBin = (name: string) => (process.platform === 'win32' ? `${name}.cmd` : name);

describe('signals reach the server', () => {
  it('through npx: SIGTERM to npx stops the server it started, even mid start-up', { timeout: TIMEOUT_MS }, async () => {
    const { env, port } = await environment();
    const run = launch(npmBin('npx'), ['--no-install', 'msht-guide', 'serve'], env);
    // The first line of start-up: the server is loading the knowledge and opening the database.
    await run.logged((l) => l.msg === 'configuration');
    process.kill(run.child.pid!, 'SIGTERM');
    await expectCleanStop(run, port);
    expect(run.lines.find((l) => l.msg === 'shutting down')?.reason).toBe('parent exited');
  });

  it('through npm start: SIGTERM to npm drains the server and exits', { timeout: TIMEOUT_MS }, async () => {
    const { env, port } = await environment({
      MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
      MicrosoftAppPassword: 'not-a-real-password',
    });
    const run = launch(npmBin('npm'), ['start', '--silent'], env);
    await run.logged(listening);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    process.kill(run.child.pid!, 'SIGTERM');
    await expectCleanStop(run, port);
  });

  it('run directly: SIGINT stops it cleanly with exit code 0', { timeout: TIMEOUT_MS }, async () => {
    const { env, port } = await environment();
    const run = launch(process.execPath, ['src/bin/msht-guide.js', 'serve'], env);
    await run.logged(listening);
    process.kill(run.child.pid!, 'SIGINT');
    await expectCleanStop(run, port);
    expect(await run.exitCode).toBe(0);
  });

  // As PID 1 a process ignores any signal it has no handler for, so one that arrives mid start-up, before
  // the handlers used to be installed, was lost and the container waited for its SIGKILL.
  const canUnshare = process.platform === 'linux' && spawnSync('unshare', ['-fp', '--mount-proc', 'true']).status === 0;
  it.skipIf(!canUnshare)('as PID 1 (a container): SIGTERM mid start-up stops it once started, exit code 0', { timeout: TIMEOUT_MS }, async () => {
    const { env, port } = await environment();
    const run = launch('unshare', ['-fp', '--mount-proc', process.execPath, 'src/bin/msht-guide.js', 'serve'], env);
    const first = await run.logged((l) => l.msg === 'configuration');
    expect(first.pid).toBe(1);
    const unsharePid = run.child.pid!;
    const bot = Number(readFileSync(`/proc/${unsharePid}/task/${unsharePid}/children`, 'utf8').trim());
    servers.add(bot);
    process.kill(bot, 'SIGTERM');
    await expectCleanStop(run, port);
    expect(await run.exitCode).toBe(0);
  });
});
