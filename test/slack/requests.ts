// What Slack sends the bot, signed as Slack signs it: a `/msht` command, an Events API event, a button
// click. Shared by the HTTP-mode tests.
import type { Harness } from './harness.ts';
import { eventBody, form, postSigned, type SignedPost } from './signed.ts';
import { visibleText, type RecordedCall } from './fake-slack.ts';

export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';

export function slash(h: Harness, text: string, responseUrl: string, channel = 'C1'): Promise<SignedPost> {
  return postSigned(
    h.eventsUrl,
    form({
      token: 'legacy',
      team_id: 'T1',
      team_domain: 'test',
      channel_id: channel,
      channel_name: 'general',
      user_id: 'U1',
      user_name: 'officer',
      command: '/msht',
      text,
      api_app_id: 'A1',
      response_url: responseUrl,
      trigger_id: '1.2.3',
    }),
    { contentType: FORM },
  );
}

export interface ClickOptions {
  responseUrl?: string;
  ephemeral?: boolean;
  /** The message the button is on, as Slack sends it with the click (ts, thread_ts, blocks). */
  message?: { ts?: string; thread_ts?: string; [key: string]: unknown };
  home?: boolean;
  /** The conversation the message is in (default C1, a channel). */
  channel?: string;
}

export function click(h: Harness, actionId: string, value: string, extra: ClickOptions = {}): Promise<SignedPost> {
  const payload: Record<string, unknown> = {
    type: 'block_actions',
    user: { id: 'U1', username: 'officer', team_id: 'T1' },
    api_app_id: 'A1',
    token: 'legacy',
    trigger_id: '1.2.3',
    team: { id: 'T1', domain: 'test' },
    actions: [{ type: 'button', action_id: actionId, block_id: 'b', text: { type: 'plain_text', text: 'x' }, value, action_ts: '1.3' }],
  };
  if (extra.home) {
    payload.container = { type: 'view', view_id: 'V1' };
    payload.view = { id: 'V1', type: 'home', blocks: [] };
  } else {
    const channel = extra.channel ?? 'C1';
    const container: Record<string, unknown> = {
      type: 'message',
      message_ts: extra.message?.ts ?? '1.2',
      channel_id: channel,
      is_ephemeral: extra.ephemeral ?? false,
    };
    if (extra.message?.thread_ts) container.thread_ts = extra.message.thread_ts;
    payload.container = container;
    payload.channel = { id: channel, name: channel.startsWith('D') ? 'directmessage' : 'general' };
    payload.response_url = extra.responseUrl;
    if (extra.message) payload.message = extra.message;
  }
  return postSigned(h.eventsUrl, form({ payload: JSON.stringify(payload) }), { contentType: FORM });
}

export function event(h: Harness, eventId: string, body: Record<string, unknown>, headers?: Record<string, string>): Promise<SignedPost> {
  return postSigned(h.eventsUrl, eventBody(eventId, body), headers ? { contentType: JSON_TYPE, headers } : { contentType: JSON_TYPE });
}

export const shown = (call: RecordedCall): string => visibleText(call.args);

export interface ShownButton {
  action_id: string;
  value: string;
  text: { text: string };
}

/** The buttons on a posted message, as a user sees them. */
export function buttonsOn(call: RecordedCall): ShownButton[] {
  const blocks = (call.args.blocks ?? []) as { type: string; elements?: ShownButton[] }[];
  return blocks.flatMap((block) => (block.type === 'actions' ? (block.elements ?? []) : []));
}

/** The button labelled `label` on a posted message; fails the test if there is none. */
export function buttonOn(call: RecordedCall, label: string): ShownButton {
  const found = buttonsOn(call).find((b) => b.text.text === label);
  if (!found) throw new Error(`no "${label}" button; buttons: ${buttonsOn(call).map((b) => b.text.text).join(', ')}`);
  return found;
}
