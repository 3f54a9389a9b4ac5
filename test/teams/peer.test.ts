// Emulator mode has no authentication, so /api/messages must only answer this machine: the TCP peer has to
// be loopback, whatever the activity or the headers say. Checked three ways: the address check itself, the
// route with a faked peer address, and (where this machine has a non-loopback address) a real connection
// from another address.
import http from 'node:http';
import os from 'node:os';
import { Readable } from 'node:stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CloudAdapter } from 'botbuilder';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMessagesRoute, isLoopbackAddress, isLoopbackUrl, MAX_LOGGED_PEERS } from '../../src/channels/teams/route.ts';
import { createTeamsChannel } from '../../src/channels/teams/index.ts';
import { createHttpServer } from '../../src/server/http.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import { conversationFor, knowledge, FIXTURE_KNOWLEDGE, NOW, startBot, startFakeConnector, type FakeConnector, type RunningBot } from './helpers.ts';
import { captureLog } from '../helpers/log.ts';
import { personalMessage } from './activities.ts';

describe('isLoopbackAddress', () => {
  it.each(['127.0.0.1', '127.0.0.53', '127.255.255.254', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', '::FFFF:127.1.2.3'])(
    '%s is this machine',
    (address) => expect(isLoopbackAddress(address)).toBe(true),
  );

  it.each([
    undefined,
    '',
    '10.0.0.5',
    '192.168.1.20',
    '172.17.0.2',
    '0.0.0.0',
    '128.0.0.1',
    '::',
    '::2',
    'fe80::1',
    '::ffff:10.0.0.5',
    '::ffff:128.0.0.1',
    '127.0.0.1.evil.example',
    '127.0.0.256',
    'localhost',
  ])('%j is not', (address) => expect(isLoopbackAddress(address)).toBe(false));
});

// ---------------------------------------------------------------- the route, with the peer faked

function fakeRequest(remoteAddress: string | undefined, body: unknown, headers: Record<string, string> = {}): IncomingMessage {
  const req = Readable.from([Buffer.from(JSON.stringify(body))]) as unknown as IncomingMessage;
  Object.assign(req, {
    method: 'POST',
    url: '/api/messages',
    headers: { 'content-type': 'application/json', ...headers },
    socket: { remoteAddress },
  });
  return req;
}

function fakeResponse() {
  const sent = { status: 0, headers: {} as Record<string, unknown>, body: '' };
  const res = {
    headersSent: false,
    writableEnded: false,
    statusCode: 200,
    writeHead(status: number, headers: Record<string, unknown> = {}) {
      sent.status = status;
      Object.assign(sent.headers, headers);
      this.headersSent = true;
      return this;
    },
    setHeader(name: string, value: unknown) {
      sent.headers[name.toLowerCase()] = value;
    },
    hasHeader: (name: string) => name.toLowerCase() in sent.headers,
    end(body?: string) {
      if (!sent.status) sent.status = this.statusCode;
      sent.body = body ?? '';
      this.writableEnded = true;
      return this;
    },
  };
  return { res: res as unknown as ServerResponse, sent };
}

function fakeAdapter() {
  // The adapter's turn runner: authenticates and runs the turn; nothing to answer but 200.
  const process = vi.fn(async (_auth: string, _activity: unknown, _logic: unknown) => undefined);
  return { adapter: { processActivity: process } as unknown as CloudAdapter, process };
}

const QUESTION = 'Jane Doe at 14 Acacia Avenue, 07700 900123';
const emulatorOptions = { allowServiceUrl: isLoopbackUrl };

describe('the route in emulator mode', () => {
  it('refuses a peer on another machine with 403 and a JSON error, before the activity is processed', async () => {
    const { adapter, process } = fakeAdapter();
    const { log: logger, lines } = captureLog();
    const route = createMessagesRoute(adapter, async () => {}, logger, emulatorOptions);
    const { res, sent } = fakeResponse();
    await route(fakeRequest('192.168.1.20', personalMessage('http://127.0.0.1:9/', QUESTION)), res);
    expect(sent.status).toBe(403);
    expect(String(sent.headers['content-type'])).toMatch(/^application\/json/);
    const body = JSON.parse(sent.body) as { error: string; message: string };
    expect(body.error).toBe('forbidden_peer');
    expect(body.message).toMatch(/emulator mode.*only from this machine/);
    expect(process).not.toHaveBeenCalled();
    expect(lines).toEqual([expect.objectContaining({ level: 'warn', fields: { event: 'teams.peer_refused', peer: '192.168.1.20' } })]);
  });

  it('refuses a peer whose address is unknown (socket already closed)', async () => {
    const { adapter, process } = fakeAdapter();
    const route = createMessagesRoute(adapter, async () => {}, captureLog().log, emulatorOptions);
    const { res, sent } = fakeResponse();
    await route(fakeRequest(undefined, personalMessage('http://127.0.0.1:9/', 'help')), res);
    expect(sent.status).toBe(403);
    expect(process).not.toHaveBeenCalled();
  });

  it('is not fooled by forwarding headers or a loopback serviceUrl', async () => {
    const { adapter, process } = fakeAdapter();
    const route = createMessagesRoute(adapter, async () => {}, captureLog().log, emulatorOptions);
    const { res, sent } = fakeResponse();
    const headers = { 'x-forwarded-for': '127.0.0.1', forwarded: 'for=127.0.0.1', host: 'localhost:3978' };
    await route(fakeRequest('10.0.0.5', personalMessage('http://localhost:3978/', 'help'), headers), res);
    expect(sent.status).toBe(403);
    expect(process).not.toHaveBeenCalled();
  });

  it('accepts loopback peers in every form Node reports them', async () => {
    for (const peer of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      const { adapter, process } = fakeAdapter();
      const route = createMessagesRoute(adapter, async () => {}, captureLog().log, emulatorOptions);
      const { res, sent } = fakeResponse();
      await route(fakeRequest(peer, personalMessage('http://127.0.0.1:9/', 'help')), res);
      expect(sent.status, peer).toBe(200);
      expect(process, peer).toHaveBeenCalledTimes(1);
    }
  });

  it('logs each refused peer once, with its address and nothing from the request', async () => {
    const { adapter } = fakeAdapter();
    const { log: logger, lines } = captureLog();
    const route = createMessagesRoute(adapter, async () => {}, logger, emulatorOptions);
    for (const peer of ['10.0.0.5', '10.0.0.5', '10.0.0.6', '10.0.0.5', '10.0.0.6']) {
      const { res, sent } = fakeResponse();
      await route(fakeRequest(peer, personalMessage('http://127.0.0.1:9/', QUESTION)), res);
      expect(sent.status).toBe(403);
    }
    expect(lines.map((l) => (l.fields as { peer?: string }).peer)).toEqual(['10.0.0.5', '10.0.0.6']);
    const logged = JSON.stringify(lines);
    for (const detail of ['Jane', 'Acacia', '07700', 'serviceUrl', '127.0.0.1:9']) expect(logged).not.toContain(detail);
  });

  it('stops logging new peers after MAX_LOGGED_PEERS, saying so once', async () => {
    const { adapter } = fakeAdapter();
    const { log: logger, lines } = captureLog();
    const route = createMessagesRoute(adapter, async () => {}, logger, emulatorOptions);
    for (let i = 0; i < MAX_LOGGED_PEERS + 50; i += 1) {
      const { res } = fakeResponse();
      await route(fakeRequest(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, {}), res);
    }
    expect(lines).toHaveLength(MAX_LOGGED_PEERS + 1);
    expect(lines.at(-1)!.message).toMatch(/further refused peers are not logged/);
  });
});

describe('the route with Azure credentials', () => {
  it('lets any peer through to the adapter, which checks the Bot Framework token', async () => {
    const { adapter, process } = fakeAdapter();
    const route = createMessagesRoute(adapter, async () => {}, captureLog().log, {});
    const { res, sent } = fakeResponse();
    await route(fakeRequest('52.112.0.10', personalMessage('https://smba.trafficmanager.net/uk/', 'help')), res);
    expect(sent.status).toBe(200);
    expect(process).toHaveBeenCalledTimes(1);
  });
});

// ---------------------------------------------------------------- real connections

describe('the endpoint on a real server', () => {
  let connector: FakeConnector;
  let bot: RunningBot;

  beforeEach(async () => {
    connector = await startFakeConnector();
    bot = await startBot();
  });

  afterEach(async () => {
    await bot.close();
    await connector.close();
  });

  it('still answers a request from loopback', async () => {
    const res = await bot.post(personalMessage(connector.serviceUrl, 'help'));
    expect(res.status).toBe(200);
    expect(connector.calls).toHaveLength(1);
    expect(bot.logs.some((l) => (l.fields as { event?: string }).event === 'teams.peer_refused')).toBe(false);
  });
});

/** An address of this machine that is not loopback, if it has one (containers and CI runners usually do). */
function nonLoopbackAddress(): string | undefined {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const info of list ?? []) if (!info.internal && info.family === 'IPv4') return info.address;
  }
  return undefined;
}

const otherAddress = nonLoopbackAddress();

describe.skipIf(!otherAddress)('a connection from a non-loopback address', () => {
  it('gets 403, and the store is not written', async () => {
    const connector = await startFakeConnector();
    const kb = knowledge(FIXTURE_KNOWLEDGE);
    const store = openSqliteStore(':memory:');
    const { log: logger, lines } = captureLog();
    const channel = createTeamsChannel({ config: { mode: 'emulator' }, conversation: conversationFor(kb, store), store, logger, now: () => NOW });
    const server = createHttpServer({ routes: { '/api/messages': channel.route }, health: () => ({ knowledge: null, store: true }), logger });
    // Listening on the machine's own address: a client connecting to it arrives from that address.
    const { port } = await server.listen(0, otherAddress!);
    try {
      const response = await post(`http://${otherAddress}:${port}/api/messages`, personalMessage(connector.serviceUrl, QUESTION));
      expect(response.status).toBe(403);
      expect(JSON.parse(response.body)).toMatchObject({ error: 'forbidden_peer' });
      expect(connector.calls).toHaveLength(0);
      expect(await store.conversationReferences()).toEqual([]);
      expect(lines.filter((l) => (l.fields as { event?: string }).event === 'teams.peer_refused')).toEqual([
        expect.objectContaining({ fields: { event: 'teams.peer_refused', peer: otherAddress } }),
      ]);
    } finally {
      await server.close();
      await store.close();
      await connector.close();
    }
  });
});

function post(url: string, body: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}
