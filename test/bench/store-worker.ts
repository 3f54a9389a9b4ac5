// One bot instance, as far as the store can tell, for `npm run bench:store`:
// `node --import tsx test/bench/store-worker.ts <sqlite|postgres> <file or url> <label> <count>`.
// It opens the store as the bot does, warms up on keys of its own, prints "ready", waits for "go" on stdin
// (so every instance starts together), then works through the same due deliveries the other instances do,
// as the scheduler does: claim each, and mark the ones it won delivered. It prints one JSON line: when it
// started and finished, each claim's latency, and the deliveries it won.
import readline from 'node:readline';
import { openPostgresStore } from '../../src/store/postgres.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import type { DeliveryKey, Store } from '../../src/store/store.ts';

/** The scheduler's own claim timeout: long enough that no claim goes stale during a run. */
const STALE_MS = 10 * 60 * 1000;
const WARM_UP = 200;

export interface WorkerResult {
  label: string;
  /** performance.timeOrigin + performance.now(), so instances' times compare. */
  startedAt: number;
  finishedAt: number;
  latenciesMs: number[];
  won: string[];
}

function benchKeys(count: number, reminderId = 'bench'): DeliveryKey[] {
  const occurrence = '2026-10-18T08:00:00.000Z';
  return Array.from({ length: count }, (_, i) => ({ reminderId, occurrence, platform: i % 2 === 0 ? 'slack' : 'teams', channelId: `C${String(i).padStart(6, '0')}` }));
}

const keyId = (key: DeliveryKey) => `${key.platform}/${key.channelId}`;
const wallClock = () => performance.timeOrigin + performance.now();

async function main(): Promise<void> {
  const [kind, target, label, countText] = process.argv.slice(2);
  if ((kind !== 'sqlite' && kind !== 'postgres') || target === undefined || label === undefined) {
    throw new Error('usage: store-worker.ts <sqlite|postgres> <file or url> <label> <count>');
  }
  const count = Number(countText ?? '1000');
  const store: Store = kind === 'sqlite' ? openSqliteStore(target) : await openPostgresStore(target, { label });
  const now = new Date('2026-10-18T08:00:01.000Z');
  for (const key of benchKeys(WARM_UP, `warm-up-${label}`)) {
    if (await store.claimDelivery(key, label, now, STALE_MS)) await store.markDelivered(key, now);
  }

  process.stdout.write('ready\n');
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) if (line.trim() === 'go') break;
  lines.close();

  const latenciesMs: number[] = [];
  const won: string[] = [];
  const startedAt = wallClock();
  for (const key of benchKeys(count)) {
    const before = performance.now();
    const claimed = await store.claimDelivery(key, label, now, STALE_MS);
    latenciesMs.push(performance.now() - before);
    if (!claimed) continue;
    won.push(keyId(key));
    await store.markDelivered(key, now);
  }
  const finishedAt = wallClock();
  await store.close();
  const result: WorkerResult = { label, startedAt, finishedAt, latenciesMs, won };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
