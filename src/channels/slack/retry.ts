// How the bot behaves when Slack says "slow down" or fails. Interactive calls (answers, Home views) wait
// for Retry-After and try again a few times; the reminder sender does not wait, it reports the failure
// kind and the scheduler decides (it owns backoff and exactly-once delivery).
import type { SendResult } from '../../reminders/sender.ts';

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

/** Errors that mean the conversation is gone for good or the bot can no longer post there. */
export const GONE_ERRORS: ReadonlySet<string> = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'account_inactive',
  'user_not_found',
  'user_disabled',
]);

/** Turn a failed chat.postMessage into the scheduler's failure kinds. */
export function classifySendError(error: unknown): Exclude<SendResult, { ok: true }> {
  const retryAfterMs = rateLimitedMs(error);
  if (retryAfterMs !== undefined) return { ok: false, kind: 'rate_limited', retryAfterMs, error: 'rate_limited' };
  const platform = platformError(error);
  if (platform !== undefined) {
    return GONE_ERRORS.has(platform) ? { ok: false, kind: 'gone', error: platform } : { ok: false, kind: 'transient', error: platform };
  }
  const e = error as { code?: unknown; statusCode?: unknown; message?: unknown };
  if (e?.code === 'slack_webapi_http_error') return { ok: false, kind: 'transient', error: `http_${String(e.statusCode)}` };
  if (e?.code === 'slack_webapi_request_error') return { ok: false, kind: 'transient', error: 'network_error' };
  return { ok: false, kind: 'transient', error: typeof e?.message === 'string' ? e.message : 'unknown_error' };
}
