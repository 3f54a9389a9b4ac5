// POST /api/messages on the shared node:http server: reads and checks the JSON activity, then runs the
// turn through the CloudAdapter, which authenticates it; the response is written here. In emulator mode
// there is no authentication, so this file also keeps the endpoint to this machine: the caller must be
// on loopback, and so must the serviceUrl the replies go to.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIPv4 } from 'node:net';
import type { Activity, CloudAdapter, InvokeResponse, TurnContext } from 'botbuilder';
import type { Log } from '../../log.ts';
import { readBody } from '../../server/body.ts';
import { HttpError } from '../../server/respond.ts';

/** Teams activities are well under this; anything larger is not from Teams. */
export const MAX_BODY_BYTES = 1024 * 1024;

export type MessagesRoute = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface MessagesRouteOptions {
  /**
   * Which `serviceUrl`s replies may go to. The bot posts its answers to the URL the activity names, so
   * without authentication (emulator mode) anyone who can reach the port could make it send requests
   * anywhere; there only loopback addresses are allowed.
   */
  allowServiceUrl?: (serviceUrl: string) => boolean;
  /**
   * Which TCP peers (`req.socket.remoteAddress`) may call at all. Without authentication anyone who can
   * reach the port could make the bot answer and write to the store, so an unauthenticated route (one
   * given `allowServiceUrl`) defaults to loopback peers only (`isLoopbackAddress`). With Azure
   * credentials every request must carry a Bot Framework token and any peer may call.
   */
  allowPeer?: (address: string | undefined) => boolean;
}

/** Refused peers are logged once each; past this many, one more line says the rest are not. */
export const MAX_LOGGED_PEERS = 1000;

export function createMessagesRoute(
  adapter: CloudAdapter,
  logic: (context: TurnContext) => Promise<void>,
  logger: Log,
  options: MessagesRouteOptions = {},
): MessagesRoute {
  const allowPeer = options.allowPeer ?? (options.allowServiceUrl ? isLoopbackAddress : undefined);
  const loggedPeers = new Set<string>();
  let stoppedLoggingPeers = false;

  function logRefusedPeer(peer: string): void {
    // Once per peer, and only the address: nothing from the request, which may hold a question.
    if (loggedPeers.has(peer)) return;
    if (loggedPeers.size >= MAX_LOGGED_PEERS) {
      if (!stoppedLoggingPeers) {
        stoppedLoggingPeers = true;
        logger.warn({ event: 'teams.peer_refused', peers: loggedPeers.size }, 'teams: further refused peers are not logged');
      }
      return;
    }
    loggedPeers.add(peer);
    logger.warn(
      { event: 'teams.peer_refused', peer },
      'teams request refused: emulator mode (no Microsoft credentials) accepts requests only from this machine',
    );
  }

  return async (req, res) => {
    // First, before the body is read: in emulator mode a request from another machine gets nothing.
    const peer = req.socket?.remoteAddress;
    if (allowPeer && !allowPeer(peer)) {
      logRefusedPeer(peer ?? '(unknown)');
      const body = JSON.stringify({
        error: 'forbidden_peer',
        message:
          'This bot is in local emulator mode (no Microsoft credentials) and accepts requests only from this machine.',
      });
      // The body is not read, so the connection cannot be reused for another request.
      res.writeHead(403, { 'content-type': 'application/json; charset=utf-8', connection: 'close' }).end(body);
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST', 'content-type': 'text/plain' }).end('POST only\n');
      return;
    }
    let body: unknown;
    try {
      const raw = await readBody(req, { limit: MAX_BODY_BYTES });
      body = JSON.parse(raw.toString('utf8'));
    } catch (error) {
      const tooLarge = error instanceof HttpError && error.status === 413;
      res.writeHead(tooLarge ? 413 : 400, { 'content-type': 'text/plain' });
      res.end(tooLarge ? 'request body too large\n' : 'request body must be a JSON activity\n');
      return;
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('request body must be a JSON activity\n');
      return;
    }
    const serviceUrl = (body as { serviceUrl?: unknown }).serviceUrl;
    if (options.allowServiceUrl && !(typeof serviceUrl === 'string' && options.allowServiceUrl(serviceUrl))) {
      logger.warn({ event: 'teams.service_url_refused' }, 'teams activity refused: its serviceUrl is not allowed in this mode');
      res.writeHead(403, { 'content-type': 'text/plain' }).end('serviceUrl not allowed: emulator mode answers only on this machine\n');
      return;
    }
    const activity = body as Activity & Record<string, unknown>;
    if (typeof activity.type !== 'string' || activity.type === '') {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('activity has no type\n');
      return;
    }
    fixDates(activity);
    dropUntypedEntities(activity);
    const auth = req.headers.authorization ?? '';
    try {
      // What CloudAdapter.process does, less its console.error of every refused request with a stack
      // trace: a refusal here is logged once, as one line, through the bot's own logger.
      const invoke = await (adapter as unknown as TurnRunner).processActivity(auth, activity, logic);
      const response = toBotResponse(res).status(invoke?.status ?? 200);
      if (invoke?.body !== undefined) response.send(invoke.body);
      response.end();
    } catch (error) {
      const status = (error as { statusCode?: unknown }).statusCode;
      if (status === 401 || status === 403 || (error as Error).name === 'AuthenticationError') {
        logger.warn({ event: 'teams.unauthenticated', status: 401 }, 'teams request refused: no valid Bot Framework token');
        if (!res.headersSent) res.writeHead(401, { 'content-type': 'text/plain' });
        if (!res.writableEnded) res.end('unauthorized\n');
        return;
      }
      logger.error({ err: { message: (error as Error).message } }, 'teams request failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      if (!res.writableEnded) res.end('internal error\n');
    }
  };
}

/** CloudAdapter's turn runner: protected, and what its public `process` calls after parsing the request. */
interface TurnRunner {
  processActivity(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined>;
}

/**
 * Entities without a string `type` are dropped: botbuilder reads `entity.type.toLowerCase()` when it looks
 * for mentions, so one such entity failed the whole turn with a TypeError and the person got the apology.
 */
function dropUntypedEntities(activity: Record<string, unknown>): void {
  const entities = activity.entities;
  if (entities === undefined) return;
  activity.entities = Array.isArray(entities)
    ? entities.filter((e) => e !== null && typeof e === 'object' && typeof (e as { type?: unknown }).type === 'string')
    : [];
}

/** As botbuilder's own request parsing does: the time fields arrive as strings and turns expect Dates. */
function fixDates(activity: Record<string, unknown>): void {
  for (const field of ['timestamp', 'expiration', 'localTimestamp']) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[`raw${field[0]!.toUpperCase()}${field.slice(1)}`] = value;
      activity[field] = new Date(value);
    }
  }
}

/** The Express-like response botbuilder writes to: status first, then an optional body, then end. */
function toBotResponse(res: ServerResponse) {
  let status = 200;
  let body: string | undefined;
  return {
    socket: res.socket,
    status(code: number) {
      status = code;
      return this;
    },
    header(name: string, value: unknown) {
      res.setHeader(name, String(value));
      return this;
    },
    send(payload: unknown) {
      if (payload === undefined || payload === null) return this;
      if (typeof payload === 'string') {
        body = payload;
        if (!res.hasHeader('content-type')) res.setHeader('content-type', 'text/plain; charset=utf-8');
      } else {
        body = JSON.stringify(payload);
        res.setHeader('content-type', 'application/json; charset=utf-8');
      }
      return this;
    },
    end() {
      if (res.writableEnded) return this;
      res.statusCode = status;
      res.end(body);
      return this;
    },
  };
}

/** http(s) on localhost, 127.0.0.0/8 or ::1: where the Bot Framework Emulator and the tests listen. */
export function isLoopbackUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * A TCP peer on this machine: 127.0.0.0/8, ::1, or an IPv4 loopback address in IPv6 form (::ffff:127.x.x.x,
 * which is how a dual-stack server sees a client on 127.0.0.1). Anything else, and no address at all
 * (a socket already closed), is not.
 */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const lower = address.toLowerCase();
  if (lower === '::1' || lower === '0:0:0:0:0:0:0:1') return true;
  const v4 = lower.startsWith('::ffff:') ? lower.slice('::ffff:'.length) : lower;
  return isIPv4(v4) && v4.startsWith('127.');
}
