// How the bot behaves when Slack says "slow down" or fails. Interactive calls (answers, Home views) are
// retried with backoff within a bounded time (withAnswerRetry); the reminder sender does not wait, it reports the failure
// kind and the scheduler decides (it owns backoff and exactly-once delivery). The kinds keep apart what
// is about the channel (gone), about the bot's token (unauthorized), surely not posted (transient, rate
// limited) and perhaps posted (unknown), because a reminder posted twice is as bad as one lost.
import { NOT_SENT_ERROR_CODES, type SendResult } from '../../reminders/sender.ts';

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * How an answer (or anything else a person is waiting for) is retried. An answer is not a reminder: a rare
 * duplicate is far better than silence, so every failure that might pass is tried again — a 5xx, a reset
 * or timed-out connection, a post whose outcome is unknown, a 429 however long its Retry-After — as long
 * as the waiting fits in `budgetMs`. Only what cannot pass by waiting (the channel is gone, the token is
 * refused, the response_url has expired, the message itself was refused) gives up at once.
 */
export interface AnswerRetryPolicy {
  sleep: Sleep;
  /** Most time spent waiting between attempts, in all. */
  budgetMs: number;
  /** Most attempts, the first included. */
  maxAttempts: number;
  /** The first wait after a failure; each next one doubles, up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_ANSWER_RETRY_POLICY: Omit<AnswerRetryPolicy, 'sleep'> = { budgetMs: 90_000, maxAttempts: 8, firstDelayMs: 500, maxDelayMs: 10_000 };

/** Thrown by our own response_url poster for an HTTP status other than 2xx and 429. */
export class ResponseUrlError extends Error {
  readonly code = 'response_url_http_error';
  constructor(readonly statusCode: number) {
    super(`response_url answered HTTP ${statusCode}`);
  }
}

/** Run `call`, trying again after failures that may pass (see AnswerRetryPolicy); rethrows the last error. */
export async function withAnswerRetry<T>(call: () => Promise<T>, policy: AnswerRetryPolicy): Promise<T> {
  let waited = 0;
  let delay = policy.firstDelayMs;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      const verdict = answerRetry(error);
      if (verdict === 'permanent' || attempt >= policy.maxAttempts) throw error;
      const wait = verdict === 'now' ? delay : Math.max(verdict, 0);
      if (waited + wait > policy.budgetMs) throw error;
      if (verdict === 'now') delay = Math.min(delay * 2, policy.maxDelayMs);
      waited += wait;
      await policy.sleep(wait);
    }
  }
}

/** Platform errors that say Slack could not serve the call just then. */
const PASSING_PLATFORM_ERRORS: ReadonlySet<string> = new Set(['service_unavailable', 'request_timeout', 'internal_error', 'fatal_error', 'ratelimited']);

/** `permanent`, `now` (back off and retry) or the milliseconds a 429 asks to wait. */
export function answerRetry(error: unknown): 'permanent' | 'now' | number {
  const retryAfterMs = rateLimitedMs(error);
  if (retryAfterMs !== undefined) return retryAfterMs;
  const platform = platformError(error);
  if (platform !== undefined) return PASSING_PLATFORM_ERRORS.has(platform) ? 'now' : 'permanent';
  const e = error as { code?: unknown; statusCode?: unknown };
  if (e?.code === 'slack_webapi_http_error' || e?.code === 'response_url_http_error') {
    const status = typeof e.statusCode === 'number' ? e.statusCode : 0;
    return status >= 500 || status === 408 || status === 0 ? 'now' : 'permanent';
  }
  // A network failure (reset, refused, timed out) or an answer that could not be read.
  return 'now';
}

/** Thrown by our own response_url poster on HTTP 429, shaped like the Web API client's error. */
export class RateLimitedError extends Error {
  readonly code = 'slack_webapi_rate_limited_error';
  constructor(readonly retryAfter: number) {
    super(`rate limited, retry after ${retryAfter}s`);
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
