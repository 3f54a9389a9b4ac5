// A loopback stand-in for Slack: the Web API (`/api/<method>`), response_url webhooks (`/response/<n>`)
// and, for Socket Mode, the WebSocket that apps.connections.open points at. It records every call so
// tests can assert on what a user would see.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventEmitter } from 'node:events';
import { WebSocketServer, type WebSocket } from 'ws';

export interface RecordedCall {
  /** A Web API method (`chat.postMessage`) or `response_url`. */
  method: string;
  /** The decoded arguments: form fields with JSON values (blocks, view) parsed. */
  args: Record<string, any>;
  authorization: string | undefined;
  path: string;
}

/**
 * How long waitFor waits before failing: well inside vitest's own test timeout, so a missing call fails
 * with a message saying which call it was rather than a bare "test timed out".
 */
export const WAIT_FOR_MS = 3_000;

export type CannedReply =
  | { status: number; headers?: Record<string, string>; body: unknown }
  /** Read the request, then drop the connection without a word (a reset). */
  | { reset: true }
  /** Read the request and never answer (the caller's timeout ends it). */
  | { hang: true };

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly sockets: WebSocket[] = [];
  readonly socketMessages: any[] = [];
  private readonly events = new EventEmitter();
  private readonly canned = new Map<string, CannedReply[]>();
  private server!: Server;
  private wss?: WebSocketServer;
  private responseUrls = 0;
  private readonly held = new Map<string, Promise<void>>();
  baseUrl = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (req, socket, head) => {
      this.wss!.handleUpgrade(req, socket, head, (ws) => {
        this.sockets.push(ws);
        ws.on('message', (data) => {
          const message = JSON.parse(data.toString());
          this.socketMessages.push(message);
          this.events.emit('socket-message', message);
        });
        this.events.emit('socket', ws);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss?.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  /** A fresh response_url, as Slack puts on a command or a click. */
  responseUrl(): string {
    this.responseUrls += 1;
    return `${this.baseUrl}/response/${this.responseUrls}`;
  }

  /** Answer the next call(s) to `method` with these replies, in order, before the normal one. */
  reply(method: string, ...replies: CannedReply[]): void {
    this.canned.set(method, [...(this.canned.get(method) ?? []), ...replies]);
  }

  /** Hold replies to `method` until the returned function is called (to show acks do not wait). */
  hold(method: string): () => void {
    let release!: () => void;
    this.held.set(method, new Promise<void>((resolve) => (release = resolve)));
    return () => {
      this.held.delete(method);
      release();
    };
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /**
   * Resolves with the first recorded call (past or future) that matches; rejects after `timeoutMs` with a
   * message naming the call waited for and the calls that did arrive.
   */
  waitFor(method: string, match?: (call: RecordedCall) => boolean, timeoutMs = WAIT_FOR_MS): Promise<RecordedCall> {
    const matches = (call: RecordedCall) => call.method === method && (match === undefined || match(call));
    const which = match === undefined ? method : `a matching ${method}`;
    return this.waitForEmitted('call', () => this.calls.find(matches), matches, timeoutMs, () => {
      const seen = this.calls.map((call) => call.method).join(', ') || 'none';
      return `${which} call to the fake Slack; calls recorded: ${seen}`;
    });
  }

  waitForSocket(timeoutMs = WAIT_FOR_MS): Promise<WebSocket> {
    return this.waitForEmitted('socket', () => this.sockets[0], () => true, timeoutMs, () => 'a Socket Mode connection');
  }

  waitForSocketMessage(match: (message: any) => boolean, timeoutMs = WAIT_FOR_MS): Promise<any> {
    return this.waitForEmitted('socket-message', () => this.socketMessages.find(match), match, timeoutMs, () => {
      return `a matching Socket Mode message; messages received: ${this.socketMessages.length}`;
    });
  }

  /** The value already there, or the first matching one emitted as `event` within `timeoutMs`. */
  private waitForEmitted<T>(
    event: string,
    already: () => T | undefined,
    match: (value: T) => boolean,
    timeoutMs: number,
    describe: () => string,
  ): Promise<T> {
    const found = already();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const listener = (value: T) => {
        if (!match(value)) return;
        clearTimeout(timer);
        this.events.off(event, listener);
        resolve(value);
      };
      const timer = setTimeout(() => {
        this.events.off(event, listener);
        reject(new Error(`waited ${timeoutMs} ms for ${describe()}`));
      }, timeoutMs);
      this.events.on(event, listener);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = new URL(req.url ?? '/', this.baseUrl).pathname;
    const method = path.startsWith('/api/') ? path.slice('/api/'.length) : path.startsWith('/response/') ? 'response_url' : path;
    const call: RecordedCall = { method, args: decode(raw, req.headers['content-type']), authorization: req.headers.authorization, path };
    this.calls.push(call);
    this.events.emit('call', call);
    const gate = this.held.get(method);
    if (gate) await gate;
    const canned = this.canned.get(method)?.shift();
    const reply = canned ?? this.defaultReply(method, call);
    if ('reset' in reply) return void req.socket.destroy();
    if ('hang' in reply) return;
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(JSON.stringify(reply.body));
  }

  private defaultReply(method: string, call: RecordedCall): { status: number; headers?: Record<string, string>; body: unknown } {
    switch (method) {
      case 'auth.test':
        return { status: 200, body: { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', team: 'Test', user: 'msht' } };
      case 'chat.postMessage':
        return { status: 200, body: { ok: true, channel: call.args.channel, ts: `${1700000000 + this.calls.length}.000100` } };
      case 'apps.connections.open':
        return { status: 200, body: { ok: true, url: `${this.baseUrl.replace('http', 'ws')}/link` } };
      default:
        return { status: 200, body: { ok: true } };
    }
  }
}

function decode(raw: string, contentType: string | undefined): Record<string, any> {
  if (raw === '') return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw);
  const args: Record<string, any> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return args;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Every piece of text a user would see in a message or view, joined (for "what does it say" asserts). */
export function visibleText(message: { text?: string; blocks?: any[] }): string {
  const parts: string[] = [];
  const walk = (node: any): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    if ((node.type === 'mrkdwn' || node.type === 'plain_text') && typeof node.text === 'string') parts.push(node.text);
    for (const [key, value] of Object.entries(node)) if (key !== 'text' || typeof value === 'object') walk(value);
  };
  walk(message.blocks ?? []);
  return parts.join('\n');
}
