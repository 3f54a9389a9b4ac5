// A second bot process, as far as the store can tell: run by the multi-process test with
// `node --import tsx test/store/claim-worker.ts <db> <owner> <mode> <count> <now>`.
// It prints "ready", waits for "go" on stdin (so both processes start together), then opens the store
// and works through the deliveries, printing one JSON line with what it won.
//
// Modes:
//   race   claim every key in turn; deliver the ones it won
//   crash  claim the first key, then die without marking it (a crash between claim and send)
import readline from 'node:readline';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import { keyId, workerKeys } from './helpers.ts';

async function main(): Promise<void> {
  const [file, owner, mode, countText, nowText] = process.argv.slice(2);
  if (file === undefined || owner === undefined || mode === undefined) throw new Error('usage: <db> <owner> <mode> <count> <now>');
  const count = Number(countText ?? '1');
  const now = new Date(nowText ?? '2026-10-18T08:00:00.000Z');

  process.stdout.write('ready\n');
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) if (line.trim() === 'go') break;
  lines.close();

  const store = openSqliteStore(file);
  const won: string[] = [];
  for (const key of workerKeys(count)) {
    if (!(await store.claimDelivery(key, owner, now, 60_000))) continue;
    won.push(keyId(key));
    if (mode === 'crash') {
      process.stdout.write(`${JSON.stringify({ owner, won })}\n`, () => process.kill(process.pid, 'SIGKILL'));
      return;
    }
    await store.markDelivered(key, now);
  }
  await store.close();
  process.stdout.write(`${JSON.stringify({ owner, won })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
