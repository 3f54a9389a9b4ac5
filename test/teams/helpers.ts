// Test harness for the Teams channel: the real bot on a real node:http server in emulator mode, a
// loopback fake of the Bot Framework connector at the activities' serviceUrl, the real guide over a
// knowledge folder, and the real SQLite store in memory.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createConversation, type Conversation } from '../../src/conversation/conversation.ts';
import type { Log } from '../../src/log.ts';
import { captureLog, type LogLine } from '../helpers/log.ts';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { loadKnowledge } from '../../src/knowledge/loader.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import type { Store } from '../../src/store/store.ts';
import { createHttpServer } from '../../src/server/http.ts';
import { createTeamsChannel, type TeamsChannel, type TeamsChannelOptions } from '../../src/channels/teams/index.ts';

export const FIXTURE_KNOWLEDGE = 'test/fixtures/knowledge/valid';
export const SHIPPED_KNOWLEDGE = 'knowledge';
export const NOW = new Date('2026-11-23T10:00:00Z');

export function knowledge(dir: string): KnowledgeBase {
  const { kb, problems } = loadKnowledge(dir, { now: NOW });
  if (!kb) throw new Error(`knowledge in ${dir} does not load: ${problems.map((p) => p.message).join('; ')}`);
  return kb;
}

/** The real conversation core over the given knowledge, recording into the store. */
export function conversationFor(kb: KnowledgeBase, store: Store, log?: Log): Conversation {
  return createConversation({ knowledge: () => kb, store, now: () => NOW, ...(log ? { log } : {}) });
}

// ---------------------------------------------------------------- fake Bot Framework connector

export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string;
  /** The activity replied to, when the bot replied in a thread (POST …/activities/{id}). */
  replyToId?: string;
  activity: Record<string, unknown>;
}

export interface FakeConnector {
  serviceUrl: string;
  calls: ConnectorCall[];
  /** What the next posts answer with: status and headers (default 200), or never answer. Consumed in order. */
  respondWith(...responses: ({ status: number; headers?: Record<string, string> } | { hang: true })[]): void;
  close(): Promise<void>;
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  const queue: ({ status: number; headers?: Record<string, string> } | { hang: true })[] = [];
  let nextId = 1;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '';
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
      const text = Buffer.concat(chunks).toString('utf8');
      calls.push({
        method: req.method ?? '',
        path,
        conversationId: match ? decodeURIComponent(match[1]!) : '',
        ...(match?.[2] ? { replyToId: decodeURIComponent(match[2]) } : {}),
        activity: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      });
      const response = queue.shift() ?? { status: 200 };
      if ('hang' in response) return; // a connector that takes the request and never answers
      res.writeHead(response.status, { 'content-type': 'application/json', ...response.headers });
      res.end(response.status < 300 ? JSON.stringify({ id: `sent-${nextId++}` }) : JSON.stringify({ error: { code: 'Fake', message: `status ${response.status}` } }));
    });
  });
  await listen(server);
  return {
    serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    calls,
    respondWith: (...responses) => void queue.push(...responses),
    close: () => close(server),
  };
}

// ---------------------------------------------------------------- the bot on a real server

export interface RunningBot {
  channel: TeamsChannel;
  store: Store;
  kb: KnowledgeBase;
  url: string;
  logs: LogLine[];
  /** POST an activity as Teams would; resolves with the HTTP status once the turn is done. */
  post(activity: Record<string, unknown>): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

export async function startBot(
  options: {
    knowledgeDir?: string;
    /** Knowledge built in code, instead of a folder. */
    knowledge?: KnowledgeBase;
    overrides?: Partial<TeamsChannelOptions>;
    /** Another conversation core than the real one over the knowledge (e.g. one that fails). */
    conversation?: (kb: KnowledgeBase, store: Store, log: Log) => Conversation;
  } = {},
): Promise<RunningBot> {
  const kb = options.knowledge ?? knowledge(options.knowledgeDir ?? FIXTURE_KNOWLEDGE);
  const store = openSqliteStore(':memory:');
  const { lines, log: logger } = captureLog();
  const channel = createTeamsChannel({
    config: { mode: 'emulator' },
    conversation: (options.conversation ?? conversationFor)(kb, store, logger),
    store,
    logger,
    now: () => NOW,
    ...options.overrides,
  });
  // The project's shared HTTP server, with the route mounted as main.ts mounts it.
  const server = createHttpServer({
    routes: { '/api/messages': channel.route },
    health: async () => ({ knowledge: { version: kb.version, entries: kb.entries.length }, store: await store.healthy() }),
    logger,
  });
  const { port } = await server.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}/api/messages`;
  return {
    channel,
    store,
    kb,
    url,
    logs: lines,
    post: async (activity) => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      return { status: res.status, body: await res.text() };
    },
    close: async () => {
      await server.close();
      await store.close();
    },
  };
}

function listen(server: http.Server): Promise<void> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
}

function close(server: http.Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
