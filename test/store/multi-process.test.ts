// Two bot processes on one database file: real child processes, not two handles in one process, so the
// locking between them is SQLite's file locking exactly as in production.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import { migrations } from '../../src/store/migrations.ts';
import { keyId, tempDbPath, workerKeys } from './helpers.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const worker = path.join(here, 'claim-worker.ts');
const NOW = '2026-10-18T08:00:00.000Z';

interface Run {
  child: ChildProcess;
  ready: Promise<void>;
  result: Promise<{ owner: string; won: string[]; exit: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

function startWorker(file: string, owner: string, mode: 'race' | 'crash', count: number): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', worker, file, owner, mode, String(count), NOW], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = readline.createInterface({ input: child.stdout! });
  let won: string[] = [];
  let markReady: () => void = () => {};
  let failReady: (error: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    failReady = reject;
  });
  // A worker that dies before it is ready fails the test at once, with its error, instead of timing out.
  child.on('close', (exit) => failReady(new Error(`worker ${owner} exited (${exit}) before it was ready: ${stderr}`)));
  lines.on('line', (line) => {
    if (line === 'ready') markReady();
    else if (line.startsWith('{')) won = (JSON.parse(line) as { won: string[] }).won;
  });
  const result = new Promise<Awaited<Run['result']>>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exit, signal) => resolve({ owner, won, exit, signal, stderr }));
  });
  return { child, ready, result };
}

let tmp: ReturnType<typeof tempDbPath>;
beforeEach(() => {
  tmp = tempDbPath();
});
afterEach(() => tmp.cleanup());

describe('two processes on one database', () => {
  it('creates and migrates the file once, and never lets both claim the same delivery', async () => {
    const count = 400;
    // Neither process has opened the file yet: both create and migrate it at the same moment.
    const runs = [startWorker(tmp.file, 'bot-a', 'race', count), startWorker(tmp.file, 'bot-b', 'race', count)];
    await Promise.all(runs.map((r) => r.ready));
    for (const r of runs) r.child.stdin!.end('go\n');
    const [a, b] = await Promise.all(runs.map((r) => r.result));

    expect(a!.stderr).not.toMatch(/error/i);
    expect(b!.stderr).not.toMatch(/error/i);
    expect([a!.exit, b!.exit]).toEqual([0, 0]);

    const all = workerKeys(count).map(keyId);
    const wonByA = new Set(a!.won);
    const both = b!.won.filter((k) => wonByA.has(k));
    expect(both).toEqual([]);
    expect(new Set([...a!.won, ...b!.won])).toEqual(new Set(all));

    const store = openSqliteStore(tmp.file);
    try {
      const rows = await store.deliveries();
      expect(rows).toHaveLength(count);
      expect(rows.every((d) => d.status === 'delivered' && d.attempts === 1)).toBe(true);
      const owners = new Map(rows.map((d) => [keyId(d), d.claimedBy]));
      for (const k of a!.won) expect(owners.get(k)).toBe('bot-a');
      for (const k of b!.won) expect(owners.get(k)).toBe('bot-b');
    } finally {
      await store.close();
    }
    const db = new Database(tmp.file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'deliveries'").get()).toEqual({ n: 1 });
    db.close();
    // Record how evenly the work was shared; either split is correct, this is for the log only.
    console.info(`multi-process claim race: bot-a won ${a!.won.length}, bot-b won ${b!.won.length} of ${count}`);
  }, 30_000);

  it('lets another process take over a claim left by a process that died before sending', async () => {
    const run = startWorker(tmp.file, 'bot-a', 'crash', 1);
    await run.ready;
    run.child.stdin!.end('go\n');
    const crashed = await run.result;
    expect(crashed.signal).toBe('SIGKILL');
    expect(crashed.won).toHaveLength(1);

    const store = openSqliteStore(tmp.file);
    try {
      const [key] = workerKeys(1);
      expect(await store.delivery(key!)).toMatchObject({ status: 'claimed', claimedBy: 'bot-a' });
      const now = new Date(NOW);
      expect(await store.claimDelivery(key!, 'bot-b', new Date(now.getTime() + 60_000), 60_000)).toBe(false);
      expect(await store.claimDelivery(key!, 'bot-b', new Date(now.getTime() + 60_001), 60_000)).toBe(true);
      await store.markDelivered(key!, new Date(now.getTime() + 60_002));
      expect(await store.delivery(key!)).toMatchObject({ status: 'delivered', claimedBy: 'bot-b', attempts: 2 });
      expect(await store.healthy()).toBe(true);
    } finally {
      await store.close();
    }
  }, 30_000);
});
