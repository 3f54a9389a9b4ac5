// The few Slack calls the bot makes, over one Web API client. The client never waits by itself (it would
// hide a 429 from the reminder sender); interactive calls go through withAnswerRetry instead.
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { webApi } from '@slack/bolt';
import type { Logger, types } from '@slack/bolt';
import type { Block } from './blocks/kit.ts';
import { type AnswerRetryPolicy, RateLimitedError, ResponseUrlError, withAnswerRetry } from './retry.ts';

export interface PostArgs {
  channel: string;
  text: string;
  blocks: Block[];
  thread_ts?: string;
}

/** What a response_url accepts: a message, shown privately or in the channel, new or replacing. */
export interface ResponsePayload {
  text?: string;
  blocks?: Block[];
  response_type?: 'ephemeral' | 'in_channel';
  replace_original?: boolean;
  delete_original?: boolean;
}

export interface SlackWeb {
  /** The client the reminder sender posts through (no waiting, errors reported as they come). */
  readonly client: webApi.WebClient;
  authTest(): Promise<{ userId: string | undefined; botId: string | undefined; teamId: string | undefined }>;
  postMessage(args: PostArgs): Promise<void>;
  postEphemeral(args: PostArgs & { user: string }): Promise<void>;
  publishHome(userId: string, view: types.HomeView): Promise<void>;
  respond(responseUrl: string, payload: ResponsePayload): Promise<void>;
}

export interface SlackWebOptions {
  botToken: string;
  /** The Web API base URL, ending in `/api/` (tests point it at a loopback fake). */
  apiUrl: string;
  /** How answers and other interactive calls are retried. */
  retry: AnswerRetryPolicy;
  /** Milliseconds before a call is given up (a stuck call must not hold an answer forever). */
  timeoutMs?: number;
  /** Where the client's own warnings go (see bolt-logger.ts); the console when not given. */
  logger?: Logger;
}

export function createSlackWeb(options: SlackWebOptions): SlackWeb {
  const client = new webApi.WebClient(options.botToken, {
    slackApiUrl: options.apiUrl,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: options.timeoutMs ?? 10_000,
    // The reminder sender reads the Node request off a failed call to tell "never reached Slack" (safe to
    // retry) from "sent, then no answer" (may have posted): see requestFullySent in retry.ts.
    attachOriginalToWebAPIRequestError: true,
    ...(options.logger ? { logger: options.logger } : { logLevel: webApi.LogLevel.ERROR }),
  });
  const retry = <T>(call: () => Promise<T>) => withAnswerRetry(call, options.retry);
  return {
    client,
    async authTest() {
      const result = await client.auth.test();
      return { userId: result.user_id, botId: result.bot_id, teamId: result.team_id };
    },
    async postMessage(args) {
      await retry(() => client.chat.postMessage(args));
    },
    async postEphemeral(args) {
      await retry(() => client.chat.postEphemeral(args));
    },
    async publishHome(userId, view) {
      await retry(() => client.views.publish({ user_id: userId, view }));
    },
    async respond(responseUrl, payload) {
      await retry(() => postJson(responseUrl, payload, options.timeoutMs ?? 10_000));
    },
  };
}

/** Kept-alive connections for response_url posts: a new TLS handshake per answer costs more than the answer. */
const agents = { 'http:': new HttpAgent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) };

/**
 * response_url is a plain webhook: post JSON, surface 429 the same way the Web API client does. Node's own
 * http client rather than fetch: fetch's web streams cost several times the CPU per post, on the thread
 * that acknowledges Slack's requests.
 */
function postJson(url: string, payload: ResponsePayload, timeoutMs: number): Promise<void> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const body = JSON.stringify(payload);
  return new Promise<void>((resolve, reject) => {
    const req = send(
      target,
      {
        method: 'POST',
        agent: agents[target.protocol as 'http:' | 'https:'],
        headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) },
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        res.once('error', reject);
        res.once('end', () => {
          const status = res.statusCode ?? 0;
          if (status === 429) {
            const retryAfter = Number.parseInt(String(res.headers['retry-after'] ?? '1'), 10);
            reject(new RateLimitedError(Number.isNaN(retryAfter) ? 1 : retryAfter));
          } else if (status < 200 || status >= 300) reject(new ResponseUrlError(status));
          else resolve();
        });
      },
    );
    req.once('timeout', () => req.destroy(new Error(`response_url did not answer within ${timeoutMs} ms`)));
    req.once('error', reject);
    req.end(body);
  });
}
