// Requests signed the way Slack signs them (v0: HMAC-SHA256 of `v0:<timestamp>:<body>`).
import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'f00dfacecafe1234f00dfacecafe1234';

export interface SignedPost {
  status: number;
  body: string;
}

export async function postSigned(
  url: string,
  body: string,
  options: { contentType: string; secret?: string; timestamp?: number; headers?: Record<string, string> },
): Promise<SignedPost> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = 'v0=' + createHmac('sha256', options.secret ?? SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex');
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': options.contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
      ...options.headers,
    },
    body,
  });
  return { status: response.status, body: await response.text() };
}

export function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

export function eventBody(eventId: string, event: Record<string, unknown>): string {
  return JSON.stringify({
    token: 'legacy',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: eventId,
    event_time: 1700000000,
    authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true }],
    event,
  });
}
