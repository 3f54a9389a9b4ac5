// How the bot behaves when Slack says "slow down" or fails. Interactive calls (answers, Home views) wait
// for Retry-After and try again a few times; the reminder sender does not wait, it reports the failure
// kind and the scheduler decides (it owns backoff and exactly-once delivery). The kinds keep apart what
// is about the channel (gone), about the bot's token (unauthorized), surely not posted (transient, rate
// limited) and perhaps posted (unknown), because a reminder posted twice is as bad as one lost.
import { NOT_SENT_ERROR_CODES, type SendResult } from '../../reminders/sender.ts';

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RateLimitPolicy {
  sleep: Sleep;
  /** Calls in all, the first included. */
  maxAttempts: number;
  /** Never wait longer than this for one Retry-After (an answer that late is no use mid-incident). */
  maxWaitMs: number;
}

export const DEFAULT_RATE_LIMIT_POLICY: Omit<RateLimitPolicy, 'sleep'> = { maxAttempts: 3, maxWaitMs: 30_000 };

/** Thrown by our own response_url poster on HTTP 429, shaped like the Web API client's error. */
export class RateLimitedError extends Error {
  readonly code = 'slack_webapi_rate_limited_error';
  constructor(readonly retryAfter: number) {
    super(`rate limited, retry after ${retryAfter}s`);
  }
}

/** Run `call`; on a 429 wait Retry-After (bounded) and run it again. */
export async function withRateLimitRetry<T>(call: () => Promise<T>, policy: RateLimitPolicy): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      const retryAfterMs = rateLimitedMs(error);
      if (retryAfterMs === undefined || attempt >= policy.maxAttempts || retryAfterMs > policy.maxWaitMs) throw error;
      await policy.sleep(retryAfterMs);
    }
  }
}

/** Milliseconds to wait when `error` is Slack's rate limit, else undefined. */
export function rateLimitedMs(error: unknown): number | undefined {
  const e = error as { code?: unknown; retryAfter?: unknown };
  if (e?.code !== 'slack_webapi_rate_limited_error') return undefined;
  return typeof e.retryAfter === 'number' && Number.isFinite(e.retryAfter) ? Math.max(0, e.retryAfter) * 1000 : 1000;
}

/** Slack's own error string (`channel_not_found`, …) when the call reached Slack and was refused. */
export function platformError(error: unknown): string | undefined {
  const e = error as { code?: unknown; data?: { error?: unknown } };
  return e?.code === 'slack_webapi_platform_error' && typeof e.data?.error === 'string' ? e.data.error : undefined;
}

/**
 * Errors about the conversation itself: it is gone, archived, or the bot is no longer in it. Only these
 * disable a channel's subscriptions. (`user_not_found`/`user_disabled` are not here: chat.postMessage does
 * not document them, and a channel must never be disabled on a guess.)
 */
export const GONE_ERRORS: ReadonlySet<string> = new Set(['channel_not_found', 'not_in_channel', 'is_archived']);

/**
 * Errors about the bot's own token or app, which Slack returns for every channel alike: the token is dead
 * (`account_inactive` is the bot user's account, not the channel's), revoked, expired or lacks a scope.
 * A fault of this process: never a reason to disable a channel.
 */
export const UNAUTHORIZED_ERRORS: ReadonlySet<string> = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
  'missing_scope',
  'no_permission',
  'access_denied',
  'team_access_not_granted',
  'org_login_required',
  'two_factor_setup_required',
  'ekm_access_denied',
]);

/** Slack's own words for "it's possible some aspect of the operation succeeded before the error was raised". */
export const OUTCOME_UNKNOWN_ERRORS: ReadonlySet<string> = new Set(['fatal_error', 'internal_error']);

type Failure = Exclude<SendResult, { ok: true }>;

/** What one of Slack's error strings means for a post. */
function classifyPlatformError(error: string, label = error): Failure {
  if (GONE_ERRORS.has(error)) return { ok: false, kind: 'gone', error: label };
  if (UNAUTHORIZED_ERRORS.has(error)) return { ok: false, kind: 'unauthorized', error: label };
  if (OUTCOME_UNKNOWN_ERRORS.has(error)) return { ok: false, kind: 'unknown', error: label };
  // Slack refused the post (service_unavailable, request_timeout, invalid_blocks…): nothing was posted.
  return { ok: false, kind: 'transient', error: label };
}

/**
 * Whether the whole request had been handed to the operating system when the call failed, read from the
 * Node request the Web API client attaches to a request error (`original.request`). False means Slack
 * cannot have had the whole request, so it cannot have acted on it; undefined means we cannot tell.
 */
export function requestFullySent(original: unknown): boolean | undefined {
  const request = (original as { request?: { writableFinished?: unknown } } | undefined)?.request;
  return typeof request?.writableFinished === 'boolean' ? request.writableFinished : undefined;
}

/**
 * Turn a failed chat.postMessage into the scheduler's failure kinds. `transient` only when Slack surely did
 * not post it; `unknown` when it may have (the scheduler then never retries, so nothing is posted twice).
 */
export function classifySendError(error: unknown): Failure {
  const retryAfterMs = rateLimitedMs(error);
  if (retryAfterMs !== undefined) return { ok: false, kind: 'rate_limited', retryAfterMs, error: 'rate_limited' };
  const platform = platformError(error);
  if (platform !== undefined) return classifyPlatformError(platform);
  const e = error as { code?: unknown; statusCode?: unknown; body?: unknown; message?: unknown; original?: unknown };
  if (e?.code === 'slack_webapi_platform_error') {
    // An answer that is not Slack's JSON: the post may have been made before whatever broke the reply.
    return { ok: false, kind: 'unknown', error: 'unreadable answer from Slack' };
  }
  if (e?.code === 'slack_webapi_http_error') {
    const status = typeof e.statusCode === 'number' ? e.statusCode : 0;
    const body = e.body as { ok?: unknown; error?: unknown } | undefined;
    if (body && typeof body === 'object' && body.ok === false) {
      // Slack's own answer that the call failed; its error string, when there is one, says how.
      return typeof body.error === 'string' ? classifyPlatformError(body.error, `http_${status}: ${body.error}`) : { ok: false, kind: 'transient', error: `http_${status}` };
    }
    // 503: not served. Any other 5xx without Slack's answer (a proxy's 500, 502, 504) may come after Slack
    // took the post. A 4xx refused the request.
    if (status >= 500 && status !== 503) return { ok: false, kind: 'unknown', error: `http_${status}` };
    return { ok: false, kind: 'transient', error: `http_${status}` };
  }
  if (e?.code === 'slack_webapi_request_error') {
    const original = e.original as { code?: unknown; message?: unknown } | undefined;
    const code = typeof original?.code === 'string' ? original.code : undefined;
    if ((code !== undefined && NOT_SENT_ERROR_CODES.has(code)) || requestFullySent(original) === false) {
      return { ok: false, kind: 'transient', error: 'network_error' };
    }
    // Sent, then the answer never came (a timeout) or was cut off (a reset, a hang-up mid-response).
    const what = code === 'ECONNABORTED' || code === 'ETIMEDOUT' ? 'timeout' : (code ?? 'network_error');
    return { ok: false, kind: 'unknown', error: `${what} after the request was sent` };
  }
  // Thrown before the client made a request (e.g. while rendering the message): nothing was sent.
  return { ok: false, kind: 'transient', error: typeof e?.message === 'string' ? e.message : 'unknown_error' };
}
