// Headless Chromium for the report page's test, driven over the DevTools protocol on a pipe (no port, no
// extra package): open a file, list every request the page made, and measure what it drew. Debian's
// `chromium` package; `.ci/run` installs it. Where it is not installed, `findChromium()` says so and the
// test that needs it is skipped with that reason (the page is still parsed and checked without it).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium(): string | undefined {
  const found = CANDIDATES.find((path) => existsSync(path));
  if (!found) return undefined;
  // A browser that is installed but cannot start here counts as missing.
  const probe = spawnSync(found, ['--headless', '--no-sandbox', '--disable-gpu', '--version'], { encoding: 'utf8', timeout: 20_000 });
  return probe.status === 0 ? found : undefined;
}

interface Pending {
  resolve: (value: Record<string, unknown>) => void;
  reject: (error: Error) => void;
}

export interface PageVisit {
  /** Every URL the page asked for, the page itself included. */
  requests: string[];
  /** The value of `expression`, evaluated once the page has loaded. */
  value: unknown;
}

/**
 * Open `url` in a fresh headless Chromium, with a proxy that refuses everything (so nothing could come
 * from the network even if the page asked), wait for it to load, evaluate `expression`, and close.
 */
export async function visit(browser: string, url: string, expression: string, viewport = { width: 1100, height: 900 }): Promise<PageVisit> {
  const profile = mkdtempSync(join(tmpdir(), 'msht-chromium-'));
  const child: ChildProcess = spawn(
    browser,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-extensions',
      '--disable-background-networking',
      '--proxy-server=http://127.0.0.1:9',
      `--user-data-dir=${profile}`,
      `--window-size=${viewport.width},${viewport.height}`,
      '--remote-debugging-pipe',
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
  );
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;
  const pending = new Map<number, Pending>();
  const listeners: ((message: Record<string, unknown>) => void)[] = [];
  let nextId = 1;
  let buffer = '';
  fromBrowser.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let end: number;
    while ((end = buffer.indexOf('\0')) !== -1) {
      const message = JSON.parse(buffer.slice(0, end)) as Record<string, unknown>;
      buffer = buffer.slice(end + 1);
      const id = message.id as number | undefined;
      if (id !== undefined && pending.has(id)) {
        const waiting = pending.get(id)!;
        pending.delete(id);
        if (message.error) waiting.reject(new Error(JSON.stringify(message.error)));
        else waiting.resolve((message.result ?? {}) as Record<string, unknown>);
      } else for (const listen of listeners) listen(message);
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const send = (method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  const event = (method: string): Promise<Record<string, unknown>> =>
    new Promise((resolve) => {
      const listen = (message: Record<string, unknown>) => {
        if (message.method !== method) return;
        listeners.splice(listeners.indexOf(listen), 1);
        resolve(message);
      };
      listeners.push(listen);
    });

  try {
    const requests: string[] = [];
    listeners.push((message) => {
      if (message.method === 'Network.requestWillBeSent') requests.push(((message.params as { request: { url: string } }).request).url);
    });
    const { targetId } = (await send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
    const { sessionId } = (await send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    await send('Network.enable', {}, sessionId);
    await send('Page.enable', {}, sessionId);
    const loaded = event('Page.loadEventFired');
    await send('Page.navigate', { url }, sessionId);
    await loaded;
    const result = (await send('Runtime.evaluate', { expression, returnByValue: true }, sessionId)) as { result: { value: unknown }; exceptionDetails?: unknown };
    if (result.exceptionDetails) throw new Error(`evaluating in the page failed: ${JSON.stringify(result.exceptionDetails)}`);
    return { requests, value: result.result.value };
  } finally {
    try {
      await Promise.race([send('Browser.close'), exited]);
    } catch {
      // already gone
    }
    child.kill();
    await exited;
    // Chromium's helper processes can still be writing to the profile for a moment after the browser exits
    // (ENOTEMPTY on a busy machine, even after a second of retries): a temporary folder left behind in the
    // system's temporary directory is not worth failing the test over.
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    } catch {
      // left for the system to clear
    }
  }
}
