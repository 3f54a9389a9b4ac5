// POST /api/messages on the shared node:http server. CloudAdapter.process expects what Express or
// Restify hand it: a request with the JSON body already parsed, and a response with status/header/
// send/end. This file is that adaptation and nothing more; authentication happens inside the adapter.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { TeamsLogger } from './config.ts';

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
}

export function createMessagesRoute(
  adapter: CloudAdapter,
  logic: (context: TurnContext) => Promise<void>,
  logger: TeamsLogger,
  options: MessagesRouteOptions = {},
): MessagesRoute {
  return async (req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST', 'content-type': 'text/plain' }).end('POST only\n');
      return;
    }
    let body: unknown;
    try {
      const raw = await readBody(req, MAX_BODY_BYTES);
      body = JSON.parse(raw.toString('utf8'));
    } catch (error) {
      const tooLarge = error instanceof BodyTooLarge;
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
    try {
      await adapter.process(
        { body: body as Record<string, unknown>, headers: req.headers, method: req.method },
        toBotResponse(res),
        logic,
      );
    } catch (error) {
      logger.error({ err: { message: (error as Error).message } }, 'teams request failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      if (!res.writableEnded) res.end('internal error\n');
    }
  };
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
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
