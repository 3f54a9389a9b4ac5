import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.ts';
import { createHttpServer } from '../../src/server/http.ts';
import { onShutdown } from '../../src/server/shutdown.ts';
import type { Shutdown, ShutdownOptions, ShutdownStep } from '../../src/server/shutdown.ts';

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

let disposers: Shutdown[] = [];
afterEach(() => {
  for (const d of disposers) d.dispose();
  disposers = [];
});

function setup(steps: ShutdownStep[], options: Partial<ShutdownOptions> = {}) {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const proc = new EventEmitter();
  const exits: number[] = [];
  const exited = deferred<number>();
  const control = onShutdown(steps, {
    logger: createLogger({ level: 'info', destination }),
    process: proc,
    exit: (code) => {
      exits.push(code);
      exited.resolve(code);
    },
    ...options,
  });
  disposers.push(control);
  const logs = () => chunks.map((c) => JSON.parse(c) as Record<string, unknown>);
  return { proc, exits, exited: exited.promise, logs, control };
}

describe('onShutdown', () => {
  it('on SIGTERM runs every step once, in order, then exits 0', async () => {
    const order: string[] = [];
    const steps = ['HTTP server', 'Slack', 'store'].map((name) => ({ name, run: async () => void order.push(name) }));
    const { proc, exits, exited, logs } = setup(steps);

    proc.emit('SIGTERM', 'SIGTERM');
    expect(await exited).toBe(0);
    expect(order).toEqual(['HTTP server', 'Slack', 'store']);
    expect(exits).toEqual([0]);
    const messages = logs().map((l) => l.msg);
    expect(messages[0]).toBe('shutting down');
    expect(logs()[0]).toMatchObject({ reason: 'SIGTERM', steps: ['HTTP server', 'Slack', 'store'] });
    expect(messages.at(-1)).toBe('shut down cleanly');
  });

  it('listens for SIGINT too', async () => {
    const ran: string[] = [];
    const { proc, exited } = setup([{ name: 'store', run: () => void ran.push('store') }]);
    proc.emit('SIGINT', 'SIGINT');
    expect(await exited).toBe(0);
    expect(ran).toEqual(['store']);
  });

  it('waits for a step that takes time before starting the next', async () => {
    const drained = deferred();
    const order: string[] = [];
    const { proc, exited } = setup([
      { name: 'HTTP server', run: () => drained.promise.then(() => void order.push('HTTP server')) },
      { name: 'store', run: () => void order.push('store') },
    ]);
    proc.emit('SIGTERM', 'SIGTERM');
    await new Promise(setImmediate); // a full turn of the event loop: a step not awaited would have run
    expect(order).toEqual([]);
    drained.resolve();
    await exited;
    expect(order).toEqual(['HTTP server', 'store']);
  });

  it('still closes the store when an earlier step fails, and exits 1', async () => {
    const closed: string[] = [];
    const { proc, exited, logs } = setup([
      {
        name: 'Slack',
        run: () => {
          throw new Error('socket already closed');
        },
      },
      { name: 'store', run: () => void closed.push('store') },
    ]);
    proc.emit('SIGTERM', 'SIGTERM');
    expect(await exited).toBe(1);
    expect(closed).toEqual(['store']);
    expect(logs()).toContainEqual(expect.objectContaining({ msg: 'shutdown step failed', step: 'Slack' }));
  });

  it('a second signal forces the exit while steps are still running', async () => {
    const never = new Promise<void>(() => {});
    const later: string[] = [];
    const { proc, exits, exited, logs } = setup([
      { name: 'HTTP server', run: () => never },
      { name: 'store', run: () => void later.push('store') },
    ]);
    proc.emit('SIGINT', 'SIGINT');
    proc.emit('SIGINT', 'SIGINT');
    expect(await exited).toBe(130);
    expect(exits).toEqual([130]);
    expect(later).toEqual([]);
    expect(logs()).toContainEqual(expect.objectContaining({ msg: 'second signal during shutdown; exiting now' }));
  });

  it('exits 1 when the steps outlast the timeout', async () => {
    const { proc, exited, logs } = setup([{ name: 'HTTP server', run: () => new Promise<void>(() => {}) }], { timeoutMs: 1 });
    proc.emit('SIGTERM', 'SIGTERM');
    expect(await exited).toBe(1);
    expect(logs()).toContainEqual(expect.objectContaining({ msg: 'shutdown did not finish in time; exiting anyway' }));
  });

  it('can be started without a signal, and runs only once', async () => {
    let runs = 0;
    const { proc, exits, control } = setup([{ name: 'store', run: () => void runs++ }]);
    const first = control.shutdown('fatal error');
    const second = control.shutdown('fatal error');
    expect(await first).toBe(0);
    expect(await second).toBe(0);
    proc.emit('SIGTERM', 'SIGTERM'); // after the exit: forced exit is a no-op, exit is called once
    expect(runs).toBe(1);
    expect(exits).toEqual([0]);
  });

  it('drains a real HTTP server before closing the store', async () => {
    const entered = deferred();
    const release = deferred();
    const order: string[] = [];
    const http = createHttpServer({
      health: () => ({ knowledge: { version: 'v1', entries: 1 }, store: true }),
      logger: createLogger({ level: 'silent' }),
      routes: {
        '/api/messages': async (_req, res) => {
          entered.resolve();
          await release.promise;
          order.push('request finished');
          res.end('ok');
        },
      },
    });
    const { port } = await http.listen(0, '127.0.0.1');
    const { proc, exited } = setup([
      { name: 'HTTP server', run: () => http.close() },
      { name: 'store', run: () => void order.push('store closed') },
    ]);
    const reply = fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', body: '{}' });
    await entered.promise;
    proc.emit('SIGTERM', 'SIGTERM');
    await new Promise(setImmediate);
    expect(order).toEqual([]);
    release.resolve();
    expect(await (await reply).text()).toBe('ok');
    expect(await exited).toBe(0);
    expect(order).toEqual(['request finished', 'store closed']);
  });

  it('stops listening after dispose', () => {
    const { proc, control } = setup([]);
    expect(proc.listenerCount('SIGTERM')).toBe(1);
    control.dispose();
    expect(proc.listenerCount('SIGTERM')).toBe(0);
    expect(proc.listenerCount('SIGINT')).toBe(0);
  });
});

describe('onShutdown under npm or npx', () => {
  // npm forwards SIGTERM to the `sh -c` it started, not to the bot: the shell dies, npm exits, and the bot
  // is re-parented. Its parent changing is the only sign it gets.
  function fakeParent(startedBy: number) {
    let current = startedBy;
    const checks: Array<() => void> = [];
    let watching = true;
    const parent = {
      startedBy,
      ppid: () => current,
      every: (check: () => void) => {
        checks.push(check);
        return () => void (watching = false);
      },
    };
    const tick = () => checks.forEach((check) => check());
    return { parent, tick, leave: (pid: number) => void (current = pid), watching: () => watching };
  }

  it('shuts down cleanly when the shell npm started it under goes away', async () => {
    const ran: string[] = [];
    const fake = fakeParent(4242);
    const { exited, logs } = setup([{ name: 'store', run: () => void ran.push('store') }], { parent: fake.parent });
    fake.tick();
    expect(ran).toEqual([]);
    fake.leave(1);
    fake.tick();
    expect(await exited).toBe(0);
    expect(ran).toEqual(['store']);
    expect(logs().map((l) => l.msg)).toContain('the process that started the bot (npm or npx) has gone; shutting down');
    expect(logs().find((l) => l.msg === 'shutting down')).toMatchObject({ reason: 'parent exited' });
    expect(fake.watching()).toBe(false);
  });

  it('notices at once a parent that went before the watch began', async () => {
    const fake = fakeParent(4242);
    fake.leave(1);
    const { exited } = setup([], { parent: fake.parent });
    expect(await exited).toBe(0);
  });

  it('stops watching on dispose', () => {
    const fake = fakeParent(4242);
    const { control } = setup([], { parent: fake.parent });
    control.dispose();
    expect(fake.watching()).toBe(false);
  });
});

describe('onShutdown during start-up', () => {
  it('a signal before start-up ends waits for it, then runs every step', async () => {
    const ready = deferred<boolean>();
    const steps: ShutdownStep[] = [];
    const ran: string[] = [];
    const { proc, exited, logs } = setup(steps, { ready: ready.promise });
    proc.emit('SIGTERM', 'SIGTERM');
    await new Promise(setImmediate);
    expect(ran).toEqual([]);
    // start-up goes on registering parts after the signal
    steps.unshift({ name: 'store', run: () => void ran.push('store') });
    steps.unshift({ name: 'HTTP server', run: () => void ran.push('HTTP server') });
    ready.resolve(true);
    expect(await exited).toBe(0);
    expect(ran).toEqual(['HTTP server', 'store']);
    expect(logs().map((l) => l.msg).slice(0, 2)).toEqual(['stopping as soon as start-up ends', 'shutting down']);
  });

  it('after a start-up that failed (and undid itself), exits 1 without running the steps again', async () => {
    const ready = deferred<boolean>();
    const ran: string[] = [];
    const { proc, exited } = setup([{ name: 'store', run: () => void ran.push('store') }], { ready: ready.promise });
    proc.emit('SIGINT', 'SIGINT');
    ready.resolve(false);
    expect(await exited).toBe(1);
    expect(ran).toEqual([]);
  });

  it('once started, a signal shuts down straight away', async () => {
    const { proc, exited, logs } = setup([{ name: 'store', run: () => undefined }], { ready: Promise.resolve(true) });
    await new Promise(setImmediate);
    proc.emit('SIGTERM', 'SIGTERM');
    expect(await exited).toBe(0);
    expect(logs().map((l) => l.msg)).not.toContain('stopping as soon as start-up ends');
  });
});
