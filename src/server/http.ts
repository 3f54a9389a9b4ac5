// The one HTTP server of the process: `/healthz` built in, and the platform endpoints (`/api/messages` for
// Teams, `/slack/events` for Slack in HTTP mode) mounted as plain node:http handlers.
//
// It knows nothing of knowledge, store or platforms: readiness comes from a function passed in, and routes
// are whatever start-up registers. What it owns is the behaviour every endpoint needs: a body size limit,
// errors that never leak internals, and a close that lets in-flight requests finish.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log.ts';
import { DEFAULT_BODY_LIMIT_BYTES } from './body.ts';
import { HttpError, sendJson } from './respond.ts';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
export type Routes = Map<string, RouteHandler> | Record<string, RouteHandler>;
export type ServerLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

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
  logger: ServerLogger;
  /** Largest request body accepted; bigger ones get 413 before the route runs. Default 1 MiB. */
  bodyLimitBytes?: number;
  /** How long `close()` waits for in-flight requests before cutting their connections. Default 10 s. */
  drainTimeoutMs?: number;
  /** A health check slower than this counts as not ready, so a probe never hangs. Default 5 s. */
  healthTimeoutMs?: number;
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
export const HEALTH_PATH = '/healthz';

export function createHttpServer(options: HttpServerOptions): HttpServer {
  const { health, logger } = options;
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const drainTimeoutMs = options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS;
  const healthTimeoutMs = options.healthTimeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS;
  const routes: Map<string, RouteHandler> =
    options.routes instanceof Map ? options.routes : new Map(Object.entries(options.routes ?? {}));

  const inFlight = new Set<ServerResponse>();
  let closing: Promise<void> | undefined;
  let onIdle: (() => void) | undefined;

  const server = createServer((req, res) => {
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
        resolve({ port: (server.address() as AddressInfo).port });
      });
    });
  }

  function close(): Promise<void> {
    closing ??= (async () => {
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
