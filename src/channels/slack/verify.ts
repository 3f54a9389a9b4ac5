// Slack's v0 request signature, checked before Bolt sees the request, for the two things Bolt's own check
// lets through: a timestamp in the future (Bolt only refuses old ones), and the same signed request sent
// again within the five minutes a signature stays fresh (a replay). Slack never resends a slash command or a
// click, so one whose signature was seen before is not Slack's. Events are different: Slack retries them,
// the first time almost at once (possibly within the same second, so with the same signature); their
// `event_id`, which app.ts de-duplicates, is what tells a repeat, so they are not refused here.
//
// Since this checks everything Bolt's own check does (against a clock that can be injected), Bolt's is
// turned off, and `ssl_check` requests, which Slack does not sign, are answered here.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { readBody } from '../../server/body.ts';

/** How far a request's timestamp may be from our clock, either way, as Slack documents. */
export const SIGNATURE_WINDOW_SECONDS = 5 * 60;

export type Verdict = { ok: true } | { ok: 'ssl_check' } | { ok: false; reason: 'stale' | 'future' | 'bad signature' | 'replayed' };

export interface VerifyOptions {
  signingSecret: string;
  /** Wall-clock time in ms (the clock Slack's timestamps are read against). */
  clock: () => number;
  /** True the first time a signature is seen (kept at least as long as the window). */
  firstSeen: (signature: string) => Promise<boolean>;
}

/**
 * Reads the body (leaving it on `req.rawBody`, where Bolt looks for it) and checks the signature headers.
 * An `ssl_check` (unsigned) is `{ ok: 'ssl_check' }`: answer 200 and run nothing.
 */
export async function verifySignedRequest(req: IncomingMessage, options: VerifyOptions): Promise<Verdict> {
  const body = await readBody(req);
  (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
  if (isSslCheck(req, body)) return { ok: 'ssl_check' };

  const timestamp = Number(header(req, 'x-slack-request-timestamp'));
  const signature = header(req, 'x-slack-signature') ?? '';
  const nowSeconds = Math.floor(options.clock() / 1000);
  if (!Number.isInteger(timestamp) || timestamp < nowSeconds - SIGNATURE_WINDOW_SECONDS) return { ok: false, reason: 'stale' };
  if (timestamp > nowSeconds + SIGNATURE_WINDOW_SECONDS) return { ok: false, reason: 'future' };

  const expected = Buffer.from(`v0=${createHmac('sha256', options.signingSecret).update(`v0:${timestamp}:`).update(body).digest('hex')}`);
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad signature' };
  // Only a signature that checked out is remembered, so made-up ones cannot fill the memory of seen ones.
  if (!isEventCallback(req, body) && !(await options.firstSeen(signature))) return { ok: false, reason: 'replayed' };
  return { ok: true };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function isEventCallback(req: IncomingMessage, body: Buffer): boolean {
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return false;
  try {
    return (JSON.parse(body.toString('utf8')) as { type?: unknown }).type === 'event_callback';
  } catch {
    return false;
  }
}

function isSslCheck(req: IncomingMessage, body: Buffer): boolean {
  return req.headers['content-type'] === 'application/x-www-form-urlencoded' && new URLSearchParams(body.toString('utf8')).get('ssl_check') === '1';
}
