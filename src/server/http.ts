// The one HTTP server of the process: `/healthz` built in, and the platform endpoints (`/api/messages` for
// Teams, `/slack/events` for Slack in HTTP mode) mounted as plain node:http handlers.
//
// It knows nothing of knowledge, store or platforms: readiness comes from a function passed in, and routes
// are whatever start-up registers. What it owns is the behaviour every endpoint needs: a body size limit,
// errors that never leak internals, and a close that lets in-flight requests finish.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Log } from '../log.ts';
import { DEFAULT_BODY_LIMIT_BYTES } from './body.ts';
import { HttpError, sendJson } from './respond.ts';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
export type Routes = Map<string, RouteHandler> | Record<string, RouteHandler>;

/** What start-up knows about readiness. The server turns it into the `/healthz` answer. */
export interface Readiness {
  /** The knowledge being served, or null while none has loaded. */
  knowledge: { version: string; entries: number } | null;
  /** Whether the store answers. */
  store: boolean;
}
export type HealthCheck = () => Readiness | Promise<Readiness>;

export interface HttpServerOptions {
  /** Path → handler. A Map passed in is read per request, so routes set on it later are served. */
  routes?: Routes;
  health: HealthCheck;
  logger: Log;
  /** Largest request body accepted; bigger ones get 413 before the route runs. Default 1 MiB. */
  bodyLimitBytes?: number;
  /** How long `close()` waits for in-flight requests before cutting their connections. Default 10 s. */
  drainTimeoutMs?: number;
  /** A health check slower than this counts as not ready, so a probe never hangs. Default 5 s. */
  healthTimeoutMs?: number;
  /** When to refuse work with 503 + Retry-After instead of queueing it (see `Shedding`). */
  shedding?: Shedding;
  /** Longest a client may take to send a whole request, headers and body. Default 15 s; then 408 and close. */
  requestTimeoutMs?: number;
  /** Longest a client may take to send the headers. Default 10 s. */
  headersTimeoutMs?: number;
  /** Open connections allowed from one address; more are answered 503 and closed. Default 128. */
  maxConnectionsPerAddress?: number;
}

/**
 * Load shedding. A request to a route (never `/healthz`) is answered `503` with `Retry-After` at once when
 * more than `maxInFlight` requests are already being handled, or when the event loop is running more than
 * `maxLagMs` late: past that, queued work only makes every caller time out, Slack's 3-second ack included.
 */
export interface Shedding {
  /** Default 256. */
  maxInFlight?: number;
  /** Default 1 s: a third of the 3 s Slack allows for an acknowledgement. */
  maxLagMs?: number;
  /** Seconds sent in Retry-After. Default 1. */
  retryAfterSeconds?: number;
  /** How late the event loop runs now, in ms. Default: measured by a 50 ms timer (tests pass a fake). */
  lag?: () => number;
}

export interface HttpServer {
  readonly server: Server;
  /** Mount a handler on an exact path (no query string), e.g. `/slack/events`. */
  route(path: string, handler: RouteHandler): void;
  /** Start listening; port 0 picks a free port, returned here. */
  listen(port: number, host?: string): Promise<{ port: number }>;
  /** Stop accepting, wait for in-flight requests (bounded by drainTimeoutMs), then resolve. Safe to call twice. */
  close(): Promise<void>;
}

export const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;
export const DEFAULT_HEALTH_TIMEOUT_MS = 5_000;
export const DEFAULT_MAX_IN_FLIGHT = 256;
export const DEFAULT_MAX_LAG_MS = 1_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 128;
const LAG_SAMPLE_MS = 50;
const TOO_MANY_BODY = '{"error":"too_many_connections"}';
const TOO_MANY_CONNECTIONS = (retryAfter: string) =>
  `HTTP/1.1 503 Service Unavailable\r\nRetry-After: ${retryAfter}\r\nConnection: close\r\n` +
  `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${TOO_MANY_BODY.length}\r\n\r\n${TOO_MANY_BODY}`;
export const HEALTH_PATH = '/healthz';

export function createHttpServer(options: HttpServerOptions): HttpServer {
  const { health, logger } = options;
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const drainTimeoutMs = options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS;
  const healthTimeoutMs = options.healthTimeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS;
  const routes: Map<string, RouteHandler> =
    options.routes instanceof Map ? options.routes : new Map(Object.entries(options.routes ?? {}));

  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const headersTimeoutMs = Math.min(options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS, requestTimeoutMs);
  const perAddress = options.maxConnectionsPerAddress ?? DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
  const maxInFlight = options.shedding?.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
  const maxLagMs = options.shedding?.maxLagMs ?? DEFAULT_MAX_LAG_MS;
  const retryAfter = String(options.shedding?.retryAfterSeconds ?? 1);
  const sampler = options.shedding?.lag ? undefined : lagSampler();
  const lag = options.shedding?.lag ?? (() => sampler!.lag());

  const inFlight = new Set<ServerResponse>();
  let closing: Promise<void> | undefined;
  let onIdle: (() => void) | undefined;
  // Shedding is logged when it starts and when it stops (with how many were refused), not per request.
  let shedSince: number | undefined;
  let shedCount = 0;

  const server = createServer(
    {
      // A slow body (or slow headers) must not hold a connection for Node's default 300 s.
      requestTimeout: requestTimeoutMs,
      headersTimeout: headersTimeoutMs,
      // How often those two are checked; Node's default (30 s) would let a request run twice as long.
      connectionsCheckingInterval: Math.max(25, Math.min(1_000, Math.floor(headersTimeoutMs / 4))),
    },
    (req, res) => {
    if (refused.has(req.socket)) {
      res.destroy(); // already answered 503 on the socket itself
      return;
    }
    inFlight.add(res);
    const started = performance.now();
    res.once('close', () => {
      inFlight.delete(res);
      logRequest(req, res, started);
      if (closing) {
        // A keep-alive connection whose last response just finished is idle now: let it go.
        server.closeIdleConnections();
        if (inFlight.size === 0) onIdle?.();
      }
    });
    void handle(req, res);
  });

  // Open connections per remote address: past the cap, a connection is answered 503 and closed before
  // Node parses anything on it, so one address cannot hold every socket with slow requests.
  const connections = new Map<string, number>();
  const refusing = new Set<string>(); // addresses told once that they are over the cap
  const refused = new WeakSet<Socket>(); // sockets answered 503: nothing parsed on them reaches a route
  // First in line, before Node's own listener starts parsing requests on the socket.
  server.prependListener('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const open = connections.get(address) ?? 0;
    if (open >= perAddress) {
      if (!refusing.has(address)) {
        refusing.add(address);
        logger.warn({ address, open, limit: perAddress }, 'too many connections from one address; refusing more');
      }
      refused.add(socket);
      socket.end(TOO_MANY_CONNECTIONS(retryAfter));
      return;
    }
    connections.set(address, open + 1);
    socket.once('close', () => {
      const left = (connections.get(address) ?? 1) - 1;
      if (left <= 0) connections.delete(address);
      else connections.set(address, left);
      refusing.delete(address);
    });
  });

  function logRequest(req: IncomingMessage, res: ServerResponse, started: number): void {
    // The path only: query strings and bodies can carry what people typed.
    const fields = {
      method: req.method,
      path: pathOf(req) ?? '(unparseable)',
      status: res.statusCode,
      ms: Math.round(performance.now() - started),
      ...(res.writableFinished ? {} : { aborted: true }),
    };
    if (res.statusCode >= 500) logger.warn(fields, 'request failed');
    else logger.debug(fields, 'request');
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (closing) {
      res.setHeader('Connection', 'close');
      sendJson(res, 503, { error: 'shutting_down' });
      return;
    }
    const path = pathOf(req);
    if (path === undefined) {
      sendJson(res, 400, { error: 'bad_request' });
      return;
    }
    if (path === HEALTH_PATH) {
      await handleHealth(req, res);
      return;
    }
    const handler = routes.get(path);
    if (!handler) {
      sendJson(res, 404, { error: 'not_found' });
      return;
    }
    const overload = overloaded();
    if (overload) {
      shed(res, path, overload);
      return;
    }
    if (shedSince !== undefined) {
      logger.info({ shed: shedCount, ms: Math.round(performance.now() - shedSince) }, 'load back to normal; no longer shedding');
      shedSince = undefined;
      shedCount = 0;
    }
    const refusal = checkBody(req, bodyLimit);
    if (refusal) {
      // The body is not read, so the connection cannot be reused for another request.
      res.setHeader('Connection', 'close');
      sendJson(res, refusal.status, { error: refusal.code });
      return;
    }
    try {
      await handler(req, res);
    } catch (error) {
      fail(res, error, path);
    }
  }

  function overloaded(): { inFlight: number; lagMs: number } | undefined {
    // This request is counted in inFlight already.
    const busy = inFlight.size - 1;
    const late = lag();
    return busy >= maxInFlight || late > maxLagMs ? { inFlight: busy, lagMs: Math.round(late) } : undefined;
  }

  function shed(res: ServerResponse, path: string, load: { inFlight: number; lagMs: number }): void {
    shedCount += 1;
    if (shedSince === undefined) {
      shedSince = performance.now();
      logger.warn({ path, ...load, maxInFlight, maxLagMs }, 'overloaded: answering 503 with Retry-After until load falls');
    }
    // The body is not read, so the connection cannot be reused.
    res.setHeader('Connection', 'close');
    res.setHeader('Retry-After', retryAfter);
    sendJson(res, 503, { error: 'overloaded' });
  }

  function fail(res: ServerResponse, error: unknown, path: string): void {
    if (error instanceof HttpError) {
      logger.warn({ path, status: error.status, code: error.code }, 'request refused by route');
      if (!res.headersSent) {
        res.setHeader('Connection', 'close');
        sendJson(res, error.status, { error: error.code });
        return;
      }
    } else {
      logger.error({ err: error, path }, 'route failed');
    }
    if (!res.headersSent) sendJson(res, 500, { error: 'internal_error' });
    else res.destroy(); // half a response is worse than none: let the client see the failure
  }

  async function handleHealth(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      sendJson(res, 405, { error: 'method_not_allowed' });
      return;
    }
    let readiness: Readiness;
    let timer: NodeJS.Timeout | undefined;
    try {
      readiness = await Promise.race([
        Promise.resolve().then(health),
        new Promise<never>((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${healthTimeoutMs} ms`)), healthTimeoutMs);
        }),
      ]);
    } catch (error) {
      logger.error({ err: error }, 'health check failed');
      sendJson(res, 503, { status: 'unavailable', notReady: ['health check'] }, req.method === 'HEAD');
      return;
    } finally {
      clearTimeout(timer);
    }
    const notReady = [
      ...(readiness.knowledge ? [] : ['knowledge']),
      ...(readiness.store ? [] : ['store']),
    ];
    const body = {
      status: notReady.length === 0 ? 'ok' : 'unavailable',
      knowledge: readiness.knowledge ? { version: readiness.knowledge.version, entries: readiness.knowledge.entries } : null,
      store: readiness.store ? 'ok' : 'unavailable',
      ...(notReady.length > 0 ? { notReady } : {}),
    };
    res.setHeader('Cache-Control', 'no-store');
    sendJson(res, notReady.length === 0 ? 200 : 503, body, req.method === 'HEAD');
  }

  function listen(port: number, host?: string): Promise<{ port: number }> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      server.once('error', onError);
      server.listen(port, host, () => {
        server.off('error', onError);
        sampler?.start();
        resolve({ port: (server.address() as AddressInfo).port });
      });
    });
  }

  function close(): Promise<void> {
    closing ??= (async () => {
      sampler?.stop();
      const stopped = new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
      });
      // Responses not yet started tell their clients not to reuse the connection.
      for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
      server.closeIdleConnections();

      if (inFlight.size > 0) {
        logger.info({ inFlight: inFlight.size }, 'waiting for in-flight requests');
        let timer: NodeJS.Timeout | undefined;
        const drained = await Promise.race([
          new Promise<true>((resolve) => (onIdle = () => resolve(true))),
          new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), drainTimeoutMs))),
        ]);
        clearTimeout(timer);
        if (!drained) {
          logger.warn({ inFlight: inFlight.size, drainTimeoutMs }, 'in-flight requests did not finish in time; closing their connections');
          server.closeAllConnections();
        }
      }
      await stopped;
    })();
    return closing;
  }

  return {
    server,
    route: (path, handler) => void routes.set(path, handler),
    listen,
    close,
  };
}

/**
 * How late a 50 ms timer fires, smoothed: a steady measure of how far behind the event loop runs. The
 * smoothing keeps one stall (a knowledge reload, a GC) from shedding the requests queued behind it; only
 * lateness that lasts does.
 */
function lagSampler() {
  let timer: NodeJS.Timeout | undefined;
  let smoothed = 0;
  let expected = 0;
  return {
    lag: () => smoothed,
    start() {
      if (timer) return;
      expected = performance.now() + LAG_SAMPLE_MS;
      timer = setInterval(() => {
        const now = performance.now();
        smoothed = 0.7 * smoothed + 0.3 * Math.max(0, now - expected);
        expected = now + LAG_SAMPLE_MS;
      }, LAG_SAMPLE_MS);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
      smoothed = 0;
    },
  };
}

function pathOf(req: IncomingMessage): string | undefined {
  try {
    return new URL(req.url ?? '/', 'http://localhost').pathname;
  } catch {
    return undefined;
  }
}

/** Refuses bodies over the limit up front, and bodies of unknown length, which the limit could not bound. */
function checkBody(req: IncomingMessage, limit: number): { status: number; code: string } | undefined {
  const length = req.headers['content-length'];
  if (length !== undefined) {
    return Number(length) > limit ? { status: 413, code: 'payload_too_large' } : undefined;
  }
  if (req.headers['transfer-encoding'] !== undefined) return { status: 411, code: 'length_required' };
  return undefined;
}
