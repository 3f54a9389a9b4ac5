// Two `msht-guide serve` instances on one PostgreSQL database, as real processes, with a loopback stand-in
// for Slack that knows which instance each call came from. Channels subscribe through Slack; several
// reminders are due; one instance is killed with SIGKILL while it is posting one of them, then started
// again. Every reminder must be posted exactly once, and a Slack event delivered to both instances must be
// answered once.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventBody, postSigned, SIGNING_SECRET } from '../slack/signed.ts';
import { TEST_DATABASE_URL, adminQuery, freshSchema, sayWhySkipped, type TestSchema } from '../store/postgres-helpers.ts';

sayWhySkipped();

const ROOT = resolve(import.meta.dirname, '../..');
const HOUR = 60 * 60 * 1000;
/** The store's default: how long an instance may go silent before its claims are taken over. */
const INSTANCE_TIMEOUT_S = 15;

interface LogLine {
  msg: string;
  [field: string]: unknown;
}

/** What the stand-in for Slack saw: reminder posts (answered, so posted) and answers to questions. */
interface Post {
  instance: string;
  channel: string;
  text: string;
  /** The occurrence's local time, from the post's context line. */
  when: string;
}

/**
 * The Slack Web API for several instances at once: instance `a` is given `<base>/a/api/` as SLACK_API_URL.
 * A post counts as posted when Slack answers it. While `holding`, posts are kept unanswered; a held post
 * whose instance dies before it is answered was never accepted, as when the sender dies before Slack has
 * taken the message.
 */
class FakeSlackWorkspace {
  readonly posted: Post[] = [];
  private readonly held: Array<{ post: Post; req: IncomingMessage; res: ServerResponse }> = [];
  private readonly waiters: Array<() => void> = [];
  holding = false;
  private readonly server = createHttpServer((req, res) => void this.handle(req, res));
  base = '';

  async start(): Promise<void> {
    await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', done));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  apiUrl(instance: string): string {
    return `${this.base}/${instance}/api/`;
  }

  heldFrom(instance: string): number {
    return this.held.filter((h) => h.post.instance === instance).length;
  }

  /** Resolves once `ready()` is true, checked after every call the fake receives. */
  until(ready: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
    if (ready()) return Promise.resolve();
    return new Promise((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`waited ${timeoutMs} ms for ${what}; posted: ${this.posted.length}`)), timeoutMs);
      const check = () => {
        if (!ready()) return void this.waiters.push(check);
        clearTimeout(timer);
        done();
      };
      this.waiters.push(check);
    });
  }

  /** Answer the held posts of live instances; drop those of an instance that died (their connections closed). */
  async release(dead: string): Promise<void> {
    this.holding = false;
    for (const h of this.held.splice(0)) {
      if (h.post.instance === dead) {
        if (!h.req.socket.destroyed) await once(h.req.socket, 'close');
        continue;
      }
      this.answer(h.post, h.res);
    }
    this.notify();
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((done) => this.server.close(() => done()));
  }

  private notify(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  private answer(post: Post, res: ServerResponse): void {
    this.posted.push(post);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, channel: post.channel, ts: `${1700000000 + this.posted.length}.000100` }));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const [, instance = '', , method = ''] = (req.url ?? '').split('?')[0]!.split('/');
    const raw = Buffer.concat(chunks).toString('utf8');
    const args: Record<string, string> = req.headers['content-type']?.includes('json') ? JSON.parse(raw || '{}') : Object.fromEntries(new URLSearchParams(raw));
    const reply = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (method === 'auth.test') reply({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', team: 'Test', user: 'msht' });
    else if (method === 'chat.postMessage') {
      const blocks = typeof args.blocks === 'string' ? args.blocks : JSON.stringify(args.blocks ?? []);
      const post = { instance, channel: String(args.channel), text: String(args.text ?? ''), when: /\w{3} \d+ \w{3} \d{4}, \d\d:\d\d \w+/.exec(blocks)?.[0] ?? '' };
      if (this.holding && post.text.startsWith('Shift briefing')) this.held.push({ post, req, res });
      else this.answer(post, res);
    } else reply({ ok: true });
    this.notify();
  }
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => done(port));
    });
  });
}

interface Instance {
  name: string;
  port: number;
  child: ChildProcess;
  lines: LogLine[];
  logged(match: (line: LogLine) => boolean): Promise<LogLine>;
  exited: Promise<number | null>;
}

const children = new Set<ChildProcess>();
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** `msht-guide serve` as an operator starts it, on the shared database, posting to the stand-in for Slack. */
async function startInstance(name: string, env: Record<string, string>, slack: FakeSlackWorkspace): Promise<Instance> {
  const port = await freePort();
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key, value]) => value !== undefined && !key.startsWith('npm_'))) as Record<string, string>;
  const child = spawn(process.execPath, ['src/bin/msht-guide.js', 'serve'], {
    cwd: ROOT,
    env: { ...inherited, ...env, PORT: String(port), SLACK_API_URL: slack.apiUrl(name), LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const lines: LogLine[] = [];
  const output: string[] = [];
  const waiters: Array<{ match: (line: LogLine) => boolean; done: (line: LogLine) => void }> = [];
  let partial = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    for (const part of parts) {
      output.push(part);
      if (!part.startsWith('{')) continue;
      const line = JSON.parse(part) as LogLine;
      lines.push(line);
      for (const waiter of waiters.splice(0)) (waiter.match(line) ? waiter.done(line) : waiters.push(waiter));
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const instance: Instance = {
    name,
    port,
    child,
    lines,
    exited,
    logged(match) {
      const seen = lines.find(match);
      if (seen) return Promise.resolve(seen);
      return Promise.race([
        new Promise<LogLine>((done) => waiters.push({ match, done })),
        exited.then(() => {
          throw new Error(`instance ${name} exited before logging what was awaited:\n${output.join('\n')}`);
        }),
      ]);
    },
  };
  await instance.logged((l) => l.msg.startsWith('HTTP: listening on port'));
  return instance;
}

async function mention(instance: Instance, eventId: string, channel: string, text: string): Promise<number> {
  const body = eventBody(eventId, { type: 'app_mention', channel, user: 'U1', text: `<@UBOT> ${text}`, ts: '1700000001.000100' });
  return (await postSigned(`http://127.0.0.1:${instance.port}/slack/events`, body, { contentType: 'application/json' })).status;
}

/** Three hourly reminders at minutes well away from now, so none falls due while the test runs. */
function reminders(now: Date): { yaml: string; minutes: number[] } {
  const minutes = [20, 30, 40].map((m) => (now.getUTCMinutes() + m) % 60);
  const yaml = [
    'reminders:',
    ...minutes.map((minute, i) =>
      [
        `  - id: briefing-${i + 1}`,
        `    title: Shift briefing ${i + 1}`,
        `    message: Brief the shift on the signs of exploitation (${i + 1}).`,
        '    topic: shift-briefing',
        `    cron: "${minute} * * * *"`,
      ].join('\n'),
    ),
  ].join('\n');
  return { yaml: `${yaml}\n`, minutes };
}

describe.skipIf(!TEST_DATABASE_URL)('two instances on one PostgreSQL database', () => {
  it('posts every reminder exactly once when one instance is killed mid-delivery and restarted, and answers an event sent to both once', { timeout: 150_000 }, async () => {
    const schema: TestSchema = await freshSchema();
    cleanups.push(() => schema.drop());
    const slack = new FakeSlackWorkspace();
    await slack.start();
    cleanups.push(() => slack.close());

    const dir = mkdtempSync(join(tmpdir(), 'msht-instances-'));
    cpSync(join(ROOT, 'test/fixtures/knowledge/valid'), join(dir, 'knowledge'), { recursive: true });
    const startedAt = new Date();
    const { yaml } = reminders(startedAt);
    writeFileSync(join(dir, 'knowledge', 'reminders.yaml'), yaml);
    const env = {
      DATABASE_URL: schema.url,
      KNOWLEDGE_DIR: join(dir, 'knowledge'),
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
    };
    const table = (name: string) => `${schema.schema}.${name}`;

    // Two channels subscribe through Slack.
    const first = await startInstance('a', env, slack);
    for (const [i, channel] of ['C1', 'C2'].entries()) {
      expect(await mention(first, `EvSub${i}`, channel, 'subscribe shift-briefing')).toBe(200);
    }
    await slack.until(() => ['C1', 'C2'].every((c) => slack.posted.some((p) => p.channel === c)), 'the subscription confirmations');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(await adminQuery(`SELECT channel_id FROM ${table('subscriptions')} ORDER BY 1`)).toEqual([{ channel_id: 'C1' }, { channel_id: 'C2' }]);

    // As if they had subscribed three hours ago: the last three occurrences of each reminder are due now.
    const since = new Date(startedAt.getTime() - 3 * HOUR);
    await adminQuery(`UPDATE ${table('subscriptions')} SET created_at = $1`, [since]);
    for (const row of await adminQuery<{ key: string; value: string }>(`SELECT key, value FROM ${table('meta')} WHERE key LIKE 'reminders.schedule.%'`)) {
      await adminQuery(`UPDATE ${table('meta')} SET value = $2 WHERE key = $1`, [row.key, JSON.stringify({ ...JSON.parse(row.value), since: since.toISOString() })]);
    }
    const expected = 3 * 3 * 2;

    // Both instances start delivering; each is caught with a post in flight, then `a` is killed.
    slack.posted.length = 0;
    slack.holding = true;
    const [a, b] = await Promise.all([startInstance('a', env, slack), startInstance('b', env, slack)]);
    await slack.until(() => slack.heldFrom('a') > 0 && slack.heldFrom('b') > 0, 'a post in flight from each instance');
    a.child.kill('SIGKILL');
    await a.exited;
    await slack.release('a');

    // `b` posts everything but what `a` held. Once `a` has been silent for the instance timeout (and `b`
    // has been renewing unbroken that long), its claim may be taken over: `a` is started again, and its
    // first tick finishes the delivery `a` was killed in.
    await slack.until(() => slack.posted.filter((p) => p.text.startsWith('Shift briefing')).length >= expected - 1, 'all but the killed delivery');
    // Polls the database's own clock: the condition, not a guessed duration, decides when to go on.
    for (;;) {
      const [state] = await adminQuery<{ gone: boolean }>(
        `SELECT bool_and(alive_at < now() - $1 * interval '1 second') FILTER (WHERE label LIKE '%:' || $2) AND bool_or(up_since <= now() - $1 * interval '1 second') AS gone FROM ${table('store_instances')}`,
        [INSTANCE_TIMEOUT_S, String(a.child.pid)],
      );
      if (state?.gone) break;
      await new Promise((done) => setTimeout(done, 250));
    }
    const again = await startInstance('a2', env, slack);
    const reminderPosts = () => slack.posted.filter((p) => p.text.startsWith('Shift briefing'));
    await slack.until(() => reminderPosts().length >= expected, `${expected} reminder posts`);

    // A Slack event delivered to both instances is answered once.
    const answers = () => slack.posted.filter((p) => p.channel === 'C9');
    expect(await Promise.all([mention(again, 'EvBoth', 'C9', 'nrm referral adult'), mention(b, 'EvBoth', 'C9', 'nrm referral adult')])).toEqual([200, 200]);
    await Promise.race([again, b].map((i) => i.logged((l) => l.msg === 'Slack event already handled; retry ignored')));
    await slack.until(() => answers().length >= 1, 'the answer');

    for (const instance of [again, b]) instance.child.kill('SIGTERM');
    expect(await Promise.all([again.exited, b.exited])).toEqual([0, 0]);

    const posts = reminderPosts();
    const keys = posts.map((p) => `${p.channel} ${p.text.split(':')[0]} ${p.when}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(posts).toHaveLength(expected);
    expect(posts.filter((p) => p.instance === 'a')).toEqual([]);
    const rows = await adminQuery<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM ${table('deliveries')} GROUP BY status`);
    expect(rows).toEqual([{ status: 'delivered', n: expected }]);
    // The one `a` was killed in: claimed twice, posted by the instance that took it over.
    const retried = await adminQuery<{ attempts: number; claimed_by: string }>(`SELECT attempts, claimed_by FROM ${table('deliveries')} WHERE attempts > 1`);
    expect(retried).toHaveLength(1);
    expect(retried[0]!.attempts).toBe(2);
    expect(retried[0]!.claimed_by).not.toMatch(new RegExp(`:${a.child.pid}$`));
    expect(answers()).toHaveLength(1);
    console.info(`two instances: ${posts.filter((p) => p.instance === 'b').length} reminders posted by b, ${posts.filter((p) => p.instance === 'a2').length} by the restarted a`);
  });
});
