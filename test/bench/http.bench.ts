// `npm run bench:http`: how fast `/msht` is acknowledged over HTTP at 50 concurrent requests on loopback,
// for a minimal Bolt app (bolt-bare.ts) and for this app started as production starts it
// (`msht-guide serve` in Slack HTTP mode), side by side in the same run. Both sign-check, ack and then
// post an answer to response_url on a loopback fake of Slack that lives in this process. Blocks of
// requests alternate between the two so that anything else the machine is doing weighs on both alike.
//
// Prints ack latency p50/p99 (request sent → response read), the answer latency (request sent → answer
// posted to response_url), refusals, and this app's p99 as a multiple of the baseline's. Settings:
// BENCH_CONCURRENCY (50), BENCH_BLOCK (500), BENCH_BLOCKS (4), BENCH_PROFILE (see below).
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const BLOCK = Number(process.env.BENCH_BLOCK ?? 500);
const BLOCKS = Number(process.env.BENCH_BLOCKS ?? 4);
const WARM_UP = 200;
const SECRET = 'benchbenchbenchbenchbenchbench12';
const TOKEN = 'xoxb-bench-token';
const QUESTIONS = ['refer a kid to nrm', 'duty to notify', 'he cant leave the farm they have his passport', 'partnership huddersfield', 'what is the nrm'];

// ---------------------------------------------------------------- the loopback fake of Slack

const answered = new Map<string, number>(); // request id → when its answer arrived
const fake = createServer((req: IncomingMessage, res: ServerResponse) => {
  req.resume();
  req.on('end', () => {
    const url = req.url ?? '';
    if (url.startsWith('/respond/')) answered.set(url.slice('/respond/'.length), performance.now());
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(url.includes('auth.test') ? '{"ok":true,"user_id":"UBOT","bot_id":"B1","team_id":"T1","url":"https://bench.slack.com/"}' : '{"ok":true}');
  });
});
await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
const fakePort = (fake.address() as { port: number }).port;
const fakeUrl = `http://127.0.0.1:${fakePort}`;

// ---------------------------------------------------------------- the two apps

interface Contender {
  name: string;
  port: number;
  child: ChildProcess;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function launch(name: string, args: string[], ready: (line: string) => boolean, extraEnv: Record<string, string> = {}): Promise<Contender> {
  const port = await freePort();
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !key.startsWith('npm_')) env[key] = value;
  Object.assign(env, { PORT: String(port), SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: `${fakeUrl}/api/` }, extraEnv);
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    let buffer = '';
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before it was ready`)));
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      if (buffer.split('\n').some(ready)) resolve();
    });
  });
  child.stdout!.resume();
  return { name, port, child };
}

// ---------------------------------------------------------------- load

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
let sequence = 0;

function slashCommand(port: number, name: string): Promise<{ ack: number; status: number; id: string; sent: number }> {
  const id = `${name.replace(/\W+/g, "-")}-${(sequence += 1)}`;
  const body = new URLSearchParams({
    token: 'legacy', team_id: 'T1', team_domain: 'bench', channel_id: 'C1', channel_name: 'general', user_id: 'U1',
    user_name: 'officer', command: '/msht', text: QUESTIONS[sequence % QUESTIONS.length]!, api_app_id: 'A1',
    response_url: `${fakeUrl}/respond/${id}`, trigger_id: '1.2.3',
  }).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  const sent = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1', port, path: '/slack/events', method: 'POST', agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body),
          'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ ack: performance.now() - sent, status: res.statusCode ?? 0, id, sent }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** CPU time (user + system) a process has used, in ms, from /proc (Linux); undefined elsewhere. */
function cpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks are 1/100 s on Linux
  } catch {
    return undefined;
  }
}

interface Sample {
  cpuMs: number;
  acks: number[];
  answers: number[];
  refused: number;
  pending: Array<{ id: string; sent: number }>;
}

async function block(contender: Contender, count: number, sample: Sample): Promise<void> {
  const cpuBefore = cpuMs(contender.child.pid!);
  let left = count;
  const worker = async () => {
    while (left > 0) {
      left -= 1;
      const result = await slashCommand(contender.port, contender.name);
      if (result.status === 200) {
        sample.acks.push(result.ack);
        sample.pending.push({ id: result.id, sent: result.sent });
      } else sample.refused += 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  // Answers still being worked out after the last ack are counted with the next block: close enough over many.
  const cpuAfter = cpuMs(contender.child.pid!);
  if (cpuBefore !== undefined && cpuAfter !== undefined) sample.cpuMs += cpuAfter - cpuBefore;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

// ---------------------------------------------------------------- run

const database = join(mkdtempSync(join(tmpdir(), 'msht-bench-http-')), 'bench.db');
const contenders = [
  await launch('bare Bolt', ['--import', 'tsx', 'test/bench/bolt-bare.ts'], (line) => line.startsWith('listening')),
  // BENCH_PROFILE=<dir> writes a CPU profile of this app there (open it in Chrome DevTools).
  await launch('msht-guide', [...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []), 'src/bin/msht-guide.js', 'serve'], (line) => line.includes('HTTP: listening on port'), {
    DATABASE_PATH: database,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  }),
];
const samples = new Map(contenders.map((c) => [c.name, { cpuMs: 0, acks: [], answers: [], refused: 0, pending: [] } as Sample]));
try {
  for (const contender of contenders) await block(contender, WARM_UP, { cpuMs: 0, acks: [], answers: [], refused: 0, pending: [] });
  for (let i = 0; i < BLOCKS; i += 1) {
    for (const contender of i % 2 === 0 ? contenders : [...contenders].reverse()) await block(contender, BLOCK, samples.get(contender.name)!);
  }
  // Answers still on their way after the last ack.
  const deadline = performance.now() + 10_000;
  const outstanding = () => [...samples.values()].some((s) => s.pending.some((p) => !answered.has(p.id)));
  while (outstanding() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
} finally {
  for (const contender of contenders) contender.child.kill('SIGTERM');
  agent.destroy();
  fake.close();
}

const rows = contenders.map((c) => {
  const s = samples.get(c.name)!;
  const answers = s.pending.filter((p) => answered.has(p.id)).map((p) => answered.get(p.id)! - p.sent);
  return { name: c.name, cpuPerRequest: s.cpuMs / (s.acks.length + s.refused), n: s.acks.length, refused: s.refused, p50: percentile(s.acks, 50), p99: percentile(s.acks, 99), answered: answers.length, answerP50: percentile(answers, 50), answerP99: percentile(answers, 99) };
});
const ms = (value: number) => (Number.isNaN(value) ? '—' : value.toFixed(1));
console.log(`Slack /msht over HTTP, ${CONCURRENCY} concurrent, ${BLOCKS} alternating blocks of ${BLOCK} per app; node ${process.version}, ${cpus().length} cores`);
console.log('app          acks   refused  ack p50 ms  ack p99 ms  answered  answer p50 ms  answer p99 ms  CPU ms/request');
for (const r of rows) {
  console.log(
    `${r.name.padEnd(12)} ${String(r.n).padStart(5)}  ${String(r.refused).padStart(7)}  ${ms(r.p50).padStart(10)}  ${ms(r.p99).padStart(10)}  ${String(r.answered).padStart(8)}  ${ms(r.answerP50).padStart(13)}  ${ms(r.answerP99).padStart(13)}  ${ms(r.cpuPerRequest).padStart(14)}`,
  );
}
const [bare, ours] = rows;
console.log(
  `msht-guide ack p99 = ${(ours!.p99 / bare!.p99).toFixed(2)}× the bare Bolt app's (goal ≤ 1.5×); p50 ${(ours!.p50 / bare!.p50).toFixed(2)}×; CPU per request ${(ours!.cpuPerRequest / bare!.cpuPerRequest).toFixed(2)}×`,
);
