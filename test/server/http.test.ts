import { request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.ts';
import { readBody, readJson } from '../../src/server/body.ts';
import { createHttpServer } from '../../src/server/http.ts';
import type { HttpServer, HttpServerOptions, Readiness, RouteHandler } from '../../src/server/http.ts';
import { HttpError, sendJson } from '../../src/server/respond.ts';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

interface RequestOptions {
  method?: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  /** Write the body in a chunk without a Content-Length (chunked transfer encoding). */
  chunked?: boolean;
}

/** One request on a fresh connection; resolves once the whole response is read. */
function send(port: number, path: string, options: RequestOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers = { ...options.headers };
    if (options.body !== undefined && !options.chunked && headers['content-length'] === undefined) {
      headers['content-length'] = Buffer.byteLength(options.body);
    }
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function captureLogs() {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), text: () => chunks.join('') };
}

const READY: Readiness = { knowledge: { version: 'kb-2026-11-23.1', entries: 42 }, store: true };

let running: HttpServer[] = [];
afterEach(async () => {
  await Promise.all(running.map((s) => s.close()));
  running = [];
});

async function start(options: Partial<HttpServerOptions> = {}) {
  const logs = captureLogs();
  const http = createHttpServer({ health: () => READY, logger: logs.logger, ...options });
  running.push(http);
  const { port } = await http.listen(0, '127.0.0.1');
  return { http, port, logs };
}

describe('GET /healthz', () => {
  it('is 200 with the knowledge version and entry count when ready', async () => {
    const { port } = await start();
    const reply = await send(port, '/healthz');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(reply.body)).toEqual({ status: 'ok', knowledge: { version: 'kb-2026-11-23.1', entries: 42 }, store: 'ok' });
  });

  it('is 503 naming the knowledge while none has loaded', async () => {
    const { port } = await start({ health: () => ({ knowledge: null, store: true }) });
    const reply = await send(port, '/healthz');
    expect(reply.status).toBe(503);
    expect(JSON.parse(reply.body)).toEqual({ status: 'unavailable', knowledge: null, store: 'ok', notReady: ['knowledge'] });
  });

  it('is 503 naming the store when it does not answer (async check)', async () => {
    const { port } = await start({ health: async () => ({ knowledge: READY.knowledge, store: false }) });
    const reply = await send(port, '/healthz');
    expect(reply.status).toBe(503);
    expect(JSON.parse(reply.body)).toEqual({
      status: 'unavailable',
      knowledge: { version: 'kb-2026-11-23.1', entries: 42 },
      store: 'unavailable',
      notReady: ['store'],
    });
  });

  it('is 503 when the check itself fails, without saying why', async () => {
    const { port, logs } = await start({
      health: () => {
        throw new Error('SQLITE_CANTOPEN /secret/path');
      },
    });
    const reply = await send(port, '/healthz');
    expect(reply.status).toBe(503);
    expect(JSON.parse(reply.body)).toEqual({ status: 'unavailable', notReady: ['health check'] });
    expect(reply.body).not.toContain('SQLITE');
    expect(logs.text()).toContain('health check failed');
  });

  it('is 503 when the check does not answer in time', async () => {
    const { port, logs } = await start({ healthTimeoutMs: 1, health: () => new Promise<Readiness>(() => {}) });
    const reply = await send(port, '/healthz');
    expect(reply.status).toBe(503);
    expect(JSON.parse(reply.body)).toEqual({ status: 'unavailable', notReady: ['health check'] });
    expect(logs.text()).toContain('no answer within 1 ms');
  });

  it('answers HEAD with the status and no body, and refuses POST', async () => {
    const { port } = await start();
    const head = await send(port, '/healthz', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    const post = await send(port, '/healthz', { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });
});

describe('routes', () => {
  const echo: RouteHandler = async (req, res) => {
    const body = await readBody(req);
    sendJson(res, 200, { method: req.method, received: body.toString() });
  };

  it('serves a route from a record, ignoring the query string', async () => {
    const { port } = await start({ routes: { '/slack/events': echo } });
    const reply = await send(port, '/slack/events?ssl_check=1', { method: 'POST', body: 'token=abc' });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ method: 'POST', received: 'token=abc' });
  });

  it('serves routes added later, through route() or the Map passed in', async () => {
    const routes = new Map<string, RouteHandler>();
    const { http, port } = await start({ routes });
    expect((await send(port, '/api/messages', { method: 'POST', body: '{}' })).status).toBe(404);
    routes.set('/api/messages', echo);
    http.route('/slack/events', echo);
    expect((await send(port, '/api/messages', { method: 'POST', body: '{}' })).status).toBe(200);
    expect((await send(port, '/slack/events', { method: 'POST', body: 'x' })).status).toBe(200);
  });

  it('answers an unknown path with 404 JSON', async () => {
    const { port } = await start({ routes: { '/api/messages': echo } });
    const reply = await send(port, '/api/message');
    expect(reply.status).toBe(404);
    expect(JSON.parse(reply.body)).toEqual({ error: 'not_found' });
  });

  it.each([
    ['throws', (() => {
      throw new Error('boom: xoxb-123-SECRET at /srv/data');
    }) as RouteHandler],
    ['rejects', (async () => {
      throw new Error('boom: xoxb-123-SECRET at /srv/data');
    }) as RouteHandler],
  ])('answers 500 without the error when a route %s, and logs it masked', async (_how, handler) => {
    const { port, logs } = await start({ routes: { '/api/messages': handler } });
    const reply = await send(port, '/api/messages', { method: 'POST', body: '{}' });
    expect(reply.status).toBe(500);
    expect(JSON.parse(reply.body)).toEqual({ error: 'internal_error' });
    expect(reply.body).not.toContain('boom');
    expect(logs.text()).toContain('route failed');
    expect(logs.text()).toContain('boom: xoxb-[REDACTED]');
    expect(logs.text()).not.toContain('SECRET');
  });

  it('cuts the connection when a route fails after starting its response', async () => {
    const { port } = await start({
      routes: {
        '/stream': (_req, res) => {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.write('partial');
          throw new Error('failed mid-response');
        },
      },
    });
    await expect(send(port, '/stream')).rejects.toThrow();
  });

  it('lets a route choose its status by throwing HttpError', async () => {
    const { port } = await start({
      routes: {
        '/api/messages': () => {
          throw new HttpError(401, 'unauthorized', 'bad token for tenant');
        },
      },
    });
    const reply = await send(port, '/api/messages', { method: 'POST', body: '{}' });
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body)).toEqual({ error: 'unauthorized' });
  });
});

describe('request bodies', () => {
  it('refuses a body over the limit with 413 before the route runs', async () => {
    let ran = false;
    const { port } = await start({
      bodyLimitBytes: 1024,
      routes: {
        '/api/messages': (_req, res) => {
          ran = true;
          res.end();
        },
      },
    });
    const reply = await send(port, '/api/messages', { method: 'POST', body: 'x'.repeat(1025) });
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body)).toEqual({ error: 'payload_too_large' });
    expect(ran).toBe(false);
  });

  it('refuses at 1 MiB by default and accepts exactly the limit', async () => {
    const route: RouteHandler = async (req, res) => sendJson(res, 200, { bytes: (await readBody(req)).length });
    const { port } = await start({ routes: { '/api/messages': route } });
    const atLimit = await send(port, '/api/messages', { method: 'POST', body: Buffer.alloc(1024 * 1024, 0x61) });
    expect(JSON.parse(atLimit.body)).toEqual({ bytes: 1024 * 1024 });
    // Only the headers are needed for the answer: the server replies without reading the body.
    const over = await send(port, '/api/messages', { method: 'POST', headers: { 'content-length': 1024 * 1024 + 1 } });
    expect(over.status).toBe(413);
  });

  it('refuses a body of unknown length with 411', async () => {
    const { port } = await start({ routes: { '/api/messages': (_req, res) => void res.end() } });
    const reply = await send(port, '/api/messages', { method: 'POST', body: '{"a":1}', chunked: true });
    expect(reply.status).toBe(411);
    expect(JSON.parse(reply.body)).toEqual({ error: 'length_required' });
  });

  it('readBody enforces a route\'s own smaller limit as 413', async () => {
    const route: RouteHandler = async (req, res) => {
      await readBody(req, { limit: 10 });
      res.end();
    };
    const { port } = await start({ routes: { '/slack/events': route } });
    const reply = await send(port, '/slack/events', { method: 'POST', body: 'x'.repeat(11) });
    expect(reply.status).toBe(413);
  });

  it('readJson parses JSON and answers 400 to anything else, without echoing it', async () => {
    const route: RouteHandler = async (req, res) => sendJson(res, 200, { got: await readJson(req) });
    const { port } = await start({ routes: { '/api/messages': route } });
    const good = await send(port, '/api/messages', { method: 'POST', body: '{"type":"message"}' });
    expect(JSON.parse(good.body)).toEqual({ got: { type: 'message' } });
    const bad = await send(port, '/api/messages', { method: 'POST', body: 'name=Jane Doe' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toEqual({ error: 'invalid_json' });
  });
});

describe('close', () => {
  it('stops accepting at once and resolves only after in-flight requests finish', async () => {
    const entered = deferred();
    const release = deferred();
    const { http, port } = await start({
      routes: {
        '/slow': async (_req, res) => {
          entered.resolve();
          await release.promise;
          sendJson(res, 200, { finished: true });
        },
      },
    });
    const inFlight = send(port, '/slow');
    await entered.promise;

    let closed = false;
    const closing = http.close().then(() => (closed = true));

    // New connections are refused straight away…
    await expect(
      new Promise((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => resolve(socket.end()));
        socket.on('error', reject);
      }),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    // …but close() is still waiting for the request in flight.
    expect(closed).toBe(false);

    release.resolve();
    const reply = await inFlight;
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ finished: true });
    expect(reply.headers.connection).toBe('close');
    await closing;
    expect(closed).toBe(true);
  });

  it('does not wait for idle keep-alive connections', async () => {
    const { http, port } = await start();
    const reply = await fetch(`http://127.0.0.1:${port}/healthz`, { headers: { connection: 'keep-alive' } });
    expect(reply.status).toBe(200);
    await reply.text();
    await http.close();
    expect(http.server.listening).toBe(false);
  });

  it('gives up on a request that never finishes once the drain timeout passes', async () => {
    const entered = deferred();
    const { http, port, logs } = await start({
      drainTimeoutMs: 1,
      routes: {
        '/stuck': () => {
          entered.resolve();
          return new Promise<void>(() => {});
        },
      },
    });
    const stuck = send(port, '/stuck');
    await entered.promise;
    await http.close();
    await expect(stuck).rejects.toThrow();
    expect(logs.text()).toContain('in-flight requests did not finish in time');
  });

  it('can be called twice, and before listening', async () => {
    const { http } = await start();
    await Promise.all([http.close(), http.close()]);
    const idle = createHttpServer({ health: () => READY, logger: captureLogs().logger });
    await idle.close();
  });
});

describe('listen', () => {
  it('rejects when the port is taken', async () => {
    const { port } = await start();
    const second = createHttpServer({ health: () => READY, logger: captureLogs().logger });
    await expect(second.listen(port, '127.0.0.1')).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});

describe('load shedding', () => {
  it('answers 503 with Retry-After once too many requests are in flight, logs it once, and recovers', async () => {
    const release = deferred();
    let ran = 0;
    const { port, logs } = await start({
      shedding: { maxInFlight: 2, lag: () => 0 },
      routes: {
        '/slow': async (_req, res) => {
          ran += 1;
          await release.promise;
          sendJson(res, 200, { ok: true });
        },
      },
    });
    const held = [send(port, '/slow'), send(port, '/slow')];
    while (ran < 2) await new Promise(setImmediate);
    const refused = await send(port, '/slow', { method: 'POST', body: '{}' });
    const alsoRefused = await send(port, '/slow');
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(JSON.parse(refused.body)).toEqual({ error: 'overloaded' });
    expect(alsoRefused.status).toBe(503);
    expect(ran).toBe(2); // the route never saw the shed requests
    // /healthz is never shed: a probe under load must still get its answer.
    expect((await send(port, '/healthz')).status).toBe(200);
    release.resolve();
    expect((await Promise.all(held)).map((r) => r.status)).toEqual([200, 200]);
    expect((await send(port, '/slow')).status).toBe(200);
    const lines = logs.text().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const overloaded = lines.filter((l) => String(l.msg).startsWith('overloaded'));
    expect(overloaded).toHaveLength(1);
    expect(overloaded[0]).toMatchObject({ level: 40, path: '/slow', inFlight: 2, maxInFlight: 2 });
    expect(lines.find((l) => String(l.msg).startsWith('load back to normal'))).toMatchObject({ shed: 2 });
  });

  it('answers 503 while the event loop runs too late, and serves again when it catches up', async () => {
    let lagMs = 400;
    const { port, logs } = await start({ shedding: { maxLagMs: 250, retryAfterSeconds: 5, lag: () => lagMs }, routes: { '/x': (_req, res) => sendJson(res, 200, {}) } });
    const refused = await send(port, '/x');
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(logs.text()).toContain('"lagMs":400');
    lagMs = 10;
    expect((await send(port, '/x')).status).toBe(200);
  });
});

describe('slow and greedy clients', () => {
  /** A raw connection: resolves with everything the server sent once it closes the connection. */
  function rawConnection(port: number) {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    const closed = new Promise<string>((resolve) => socket.once('close', () => resolve(Buffer.concat(chunks).toString())));
    const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    return { socket, closed, connected };
  }

  it('cuts a request whose body trickles in once the request timeout passes, with 408', async () => {
    let ran = 0;
    const { port } = await start({
      requestTimeoutMs: 300,
      routes: {
        '/x': async (req, res) => {
          ran += 1;
          await readBody(req);
          sendJson(res, 200, {});
        },
      },
    });
    const slow = rawConnection(port);
    await slow.connected;
    slow.socket.write('POST /x HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":');
    const reply = await slow.closed;
    expect(reply).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('refuses connections from one address past the cap with 503, and takes them again once one closes', async () => {
    const { http, port, logs } = await start({ maxConnectionsPerAddress: 2, routes: { '/x': (_req, res) => sendJson(res, 200, { ok: 1 }) } });
    const first = rawConnection(port);
    const second = rawConnection(port);
    await Promise.all([first.connected, second.connected]);
    const third = rawConnection(port);
    await third.connected;
    third.socket.write('GET /x HTTP/1.1\r\nHost: x\r\n\r\n');
    const reply = await third.closed;
    expect(reply).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n/);
    expect(reply).toContain('Retry-After: 1');
    expect(reply).toContain('{"error":"too_many_connections"}');
    expect(reply).not.toContain('"ok"'); // the request sent on the refused connection never ran
    expect(logs.text()).toContain('too many connections from one address');
    first.socket.destroy();
    await first.closed;
    const open = () => new Promise<number>((resolve) => http.server.getConnections((_e, n) => resolve(n)));
    while ((await open()) > 1) await new Promise(setImmediate);
    // The count is released when a connection closes.
    expect((await send(port, '/x')).status).toBe(200);
    second.socket.destroy();
  });
});
