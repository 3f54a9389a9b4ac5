// One Slack channel wired to the real core (fixture knowledge, SQLite store in memory, the real
// conversation core), served over a real node:http server on loopback, talking to a FakeSlack.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { loadKnowledge } from '../../src/knowledge/loader.ts';
import { createConversation, type Conversation } from '../../src/conversation/conversation.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import type { Store } from '../../src/store/store.ts';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { createSlackChannel, type SlackChannel } from '../../src/channels/slack/app.ts';
import type { SlackConfig } from '../../src/config.ts';
import { FakeSlack } from './fake-slack.ts';
import { createExpertDesk, type ExpertDesk } from '../../src/experts/desk.ts';
import { captureLog } from '../helpers/log.ts';
import { SIGNING_SECRET } from './signed.ts';

export const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/knowledge/valid/', import.meta.url));
export const BOT_TOKEN = 'xoxb-1111-2222-testtoken';
export const APP_TOKEN = 'xapp-1-A1-3333-testtoken';
export const NOW = new Date('2026-11-23T10:00:00Z');

let fixture: KnowledgeBase | undefined;
/** The fixture knowledge, loaded once per test file (it is never mutated). */
export function fixtureKnowledge(): KnowledgeBase {
  if (fixture) return fixture;
  const loaded = loadKnowledge(FIXTURE_DIR);
  if (!loaded.kb) throw new Error('fixture knowledge did not load');
  fixture = loaded.kb;
  return fixture;
}

export interface Harness {
  slack: FakeSlack;
  channel: SlackChannel;
  store: Store;
  conversation: Conversation;
  log: ReturnType<typeof captureLog>;
  sleeps: number[];
  eventsUrl: string;
  /** With `desk: true`: hand-offs to expert teams, posted through this channel. */
  desk?: ExpertDesk;
  close(): Promise<void>;
}

export async function startHarness(
  options: {
    mode?: 'http' | 'socket';
    stopWaitMs?: number;
    now?: Date;
    /** A clock the test moves (hand-off expiry); overrides `now`. */
    nowFn?: () => Date;
    knowledge?: KnowledgeBase;
    clock?: () => number;
    webTimeoutMs?: number;
    /** Hand-offs to expert teams, with the admins' notices recorded in `adminNotices`. */
    desk?: true;
    adminNotices?: string[][];
    /** An SQLite file instead of memory (a restart reopens it). */
    databasePath?: string;
  } = {},
): Promise<Harness> {
  const slack = await new FakeSlack().start();
  const kb = options.knowledge ?? fixtureKnowledge();
  const store = openSqliteStore(options.databasePath ?? ':memory:');
  const fixed = options.now ?? NOW;
  const nowFn = options.nowFn ?? (() => fixed);
  const log = captureLog();
  let channelRef: SlackChannel | undefined;
  const desk = options.desk
    ? createExpertDesk({
        store,
        channels: () => (channelRef ? [channelRef] : []),
        knowledge: () => kb,
        now: nowFn,
        owner: 'test',
        log: log.log,
        tellAdmins: async (lines) => void options.adminNotices?.push(lines),
      })
    : undefined;
  const conversation = createConversation({
    knowledge: () => kb,
    store,
    now: nowFn,
    log: log.log,
    ...(desk ? { onHandoffOpened: (id: string) => desk.opened(id) } : {}),
  });
  const now = fixed;
  const sleeps: number[] = [];
  const config: SlackConfig =
    options.mode === 'socket'
      ? { botToken: BOT_TOKEN, mode: 'socket', appToken: APP_TOKEN, apiUrl: slack.apiUrl }
      : { botToken: BOT_TOKEN, mode: 'http', signingSecret: SIGNING_SECRET, apiUrl: slack.apiUrl };
  const channel = createSlackChannel({
    config,
    conversation,
    store,
    logger: log.log,
    now: nowFn,
    ...(desk ? { desk } : {}),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...(options.stopWaitMs === undefined ? {} : { stopWaitMs: options.stopWaitMs }),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.webTimeoutMs ? { webTimeoutMs: options.webTimeoutMs } : {}),
  });
  channelRef = channel;
  void now;
  let server: Server | undefined;
  let eventsUrl = '';
  const [events] = channel.routes;
  if (events) {
    const route = events.handler;
    server = createServer((req, res) => {
      if (new URL(req.url ?? '/', 'http://x').pathname === '/slack/events') void route(req, res);
      else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    eventsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  }
  return {
    slack,
    channel,
    store,
    conversation,
    log,
    sleeps,
    eventsUrl,
    ...(desk ? { desk } : {}),
    async close() {
      await desk?.stop();
      await channel.stop();
      if (server) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server!.close(() => resolve()));
      }
      await slack.stop();
      await store.close();
    },
  };
}
