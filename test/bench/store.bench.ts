// `npm run bench:store`: how fast reminder deliveries can be claimed, on SQLite and on PostgreSQL, by one
// instance and by two, in the same run. Each instance is a real process (test/bench/store-worker.ts) with
// the store opened as the bot opens it (default settings: SQLite in WAL mode with synchronous NORMAL, a
// PostgreSQL pool with the server's own commit settings). Every instance of a run goes through the same
// BENCH_CLAIMS due deliveries in the same order, as schedulers ticking at the same minute do: claim each,
// and mark the ones it won delivered. A run fails unless every delivery was won by exactly one instance.
//
// Printed per run: claims per second (claim calls by all instances over the run's wall time), deliveries per
// second (claims won), and claim latency p50/p99 (one call, as the caller waits for it). Configurations
// alternate within each of BENCH_ROUNDS rounds, so load from other work on the machine falls on all of them.
//
// PostgreSQL: BENCH_DATABASE_URL, else TEST_DATABASE_URL (a database where a schema may be created; each run
// gets a new one, dropped after). Without either, only SQLite is measured and the output says why.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import readline from 'node:readline';
import pg from 'pg';
import type { WorkerResult } from './store-worker.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const CLAIMS = Number(process.env.BENCH_CLAIMS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DATABASE_URL = (process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL)?.trim() || undefined;

type Kind = 'sqlite' | 'postgres';

interface Target {
  where: string;
  drop(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new, empty database for one run: a SQLite file, or a PostgreSQL schema (the URL's search path set to it). */
async function freshTarget(kind: Kind): Promise<Target> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'msht-bench-store-'));
    return { where: join(dir, 'bot.db'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `msht_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE SCHEMA ${schema}`);
  const url = new URL(DATABASE_URL!);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { where: url.toString(), drop: () => adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`) };
}

function startWorker(kind: Kind, where: string, label: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/store-worker.ts', kind, where, label, String(CLAIMS)], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let ready!: () => void;
  const isReady = new Promise<void>((done) => (ready = done));
  let result: WorkerResult | undefined;
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line === 'ready') ready();
    else if (line.startsWith('{')) result = JSON.parse(line) as WorkerResult;
  });
  const finished = new Promise<WorkerResult>((done, fail) => {
    child.on('close', (code) => (code === 0 && result ? done(result) : fail(new Error(`instance ${label} exited ${code}: ${stderr}`))));
  });
  return { child, ready: Promise.race([isReady, finished.then(() => undefined)]), finished };
}

interface Measured {
  kind: Kind;
  instances: number;
  claimsPerSecond: number;
  deliveriesPerSecond: number;
  p50: number;
  p99: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function run(kind: Kind, instances: number): Promise<Measured> {
  const target = await freshTarget(kind);
  try {
    // The first instance creates and migrates the database before the others open it, as on a first start.
    const workers = [startWorker(kind, target.where, 'instance-1')];
    await workers[0]!.ready;
    for (let i = 2; i <= instances; i++) workers.push(startWorker(kind, target.where, `instance-${i}`));
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.child.stdin!.end('go\n');
    const results = await Promise.all(workers.map((w) => w.finished));

    const won = results.flatMap((r) => r.won);
    if (won.length !== CLAIMS || new Set(won).size !== CLAIMS) {
      throw new Error(`${kind} × ${instances}: ${won.length} deliveries won (${new Set(won).size} distinct) of ${CLAIMS}: not exactly once`);
    }
    const seconds = (Math.max(...results.map((r) => r.finishedAt)) - Math.min(...results.map((r) => r.startedAt))) / 1000;
    const latencies = results.flatMap((r) => r.latenciesMs).sort((a, b) => a - b);
    return {
      kind,
      instances,
      claimsPerSecond: latencies.length / seconds,
      deliveriesPerSecond: CLAIMS / seconds,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
    };
  } finally {
    await target.drop();
  }
}

const kinds: Kind[] = DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
const name = (kind: Kind) => (kind === 'sqlite' ? 'SQLite' : 'PostgreSQL');
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const fixed = (n: number, digits = 1) => n.toFixed(digits);

console.log(`store claims: ${CLAIMS} due deliveries per run, ${ROUNDS} rounds; node ${process.version}, ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
if (!DATABASE_URL) console.log('PostgreSQL not measured: set BENCH_DATABASE_URL or TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)');
else {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  const { rows } = await client.query<{ version: string; synchronous_commit: string }>("SELECT current_setting('server_version') AS version, current_setting('synchronous_commit') AS synchronous_commit");
  await client.end();
  console.log(`PostgreSQL ${rows[0]!.version} on ${new URL(DATABASE_URL).host}, synchronous_commit ${rows[0]!.synchronous_commit}`);
}
console.log(row(['round', 'store', 'instances', 'claims/s', 'deliveries/s', 'claim p50 ms', 'claim p99 ms']));
console.log(row(['---', '---', '---:', '---:', '---:', '---:', '---:']));
const all: Measured[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  for (const instances of [1, 2]) {
    for (const kind of kinds) {
      const m = await run(kind, instances);
      all.push(m);
      console.log(row([round, name(kind), instances, fixed(m.claimsPerSecond, 0), fixed(m.deliveriesPerSecond, 0), fixed(m.p50, 2), fixed(m.p99, 2)]));
    }
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log('\nmedian of the rounds');
console.log(row(['store', 'instances', 'claims/s', 'deliveries/s', 'claim p50 ms', 'claim p99 ms']));
console.log(row(['---', '---:', '---:', '---:', '---:', '---:']));
for (const instances of [1, 2]) {
  for (const kind of kinds) {
    const runs = all.filter((m) => m.kind === kind && m.instances === instances);
    console.log(
      row([
        name(kind),
        instances,
        fixed(median(runs.map((m) => m.claimsPerSecond)), 0),
        fixed(median(runs.map((m) => m.deliveriesPerSecond)), 0),
        fixed(median(runs.map((m) => m.p50)), 2),
        fixed(median(runs.map((m) => m.p99)), 2),
      ]),
    );
  }
}
