// Button clicks and the Home tab's place box. Every click is acknowledged first (Slack allows 3 s), then
// answered: "Did you mean" and related buttons in place on a private answer and as a new reply in the
// thread on one others can see (replacing it would change it for everyone), "Share" in the channel, a
// reminder's "Read more" privately, and the Home tab's quick actions in the Home tab.
//
// A click on an urgent answer shows whatever it leads to with the 999 banner too: the urgency travels in
// the button's value (action-ids.ts), because the chosen entry need not be urgent itself.
import type { BlockAction } from '@slack/bolt';
import type { Answer } from '../../answer/answer.ts';
import { DEFAULT_BANNER, safetyTexts } from '../../answer/safety.ts';
import { bannerBlock, renderAnswer } from './blocks/answer.ts';
import { renderHome } from './blocks/home.ts';
import { BLOCK_ID, decodeEntry, decodeFeedback } from './blocks/action-ids.ts';
import { type Block, type SlackMessage, context, sections } from './blocks/kit.ts';
import { mentionUser, unescapeSlackText } from './mrkdwn.ts';
import type { SlackDeps } from './deps.ts';

type Action = BlockAction['actions'][number];

function actionValue(action: Action | undefined): string | undefined {
  const value = (action as { value?: unknown } | undefined)?.value;
  return typeof value === 'string' ? value : undefined;
}

function isEphemeral(body: BlockAction): boolean {
  return body.container?.['is_ephemeral'] === true;
}

function inHomeTab(body: BlockAction): boolean {
  return body.view?.type === 'home' || body.container?.['type'] === 'view';
}

function channelOf(body: BlockAction): string {
  return body.channel?.id ?? String(body.container?.['channel_id'] ?? '');
}

/** Only the clicker sees the message: an ephemeral answer, or one in their DM with the bot. */
function isPrivate(body: BlockAction): boolean {
  return isEphemeral(body) || channelOf(body).startsWith('D');
}

/** The thread a clicked channel message belongs to (the message itself when it starts one). */
function threadOf(body: BlockAction): string | undefined {
  const message = body.message as { ts?: unknown; thread_ts?: unknown } | undefined;
  const candidates = [message?.thread_ts, body.container?.['thread_ts'], message?.ts, body.container?.['message_ts']];
  return candidates.find((ts): ts is string => typeof ts === 'string' && ts !== '');
}

const NOT_FOUND = 'That guidance is no longer available. Ask again with `/msht <question>`.';

/** Keep the 999 banner when the answer clicked from was urgent; the banner text comes from the core. */
function keepUrgency(answer: Answer, urgent: boolean, deps: SlackDeps): Answer {
  if (!urgent || answer.urgent) return answer;
  return { ...answer, urgent: true, banner: currentBanner(deps) };
}

function currentBanner(deps: SlackDeps): string {
  try {
    return safetyTexts(deps.assistant.knowledge()).banner;
  } catch {
    return DEFAULT_BANNER;
  }
}

/** The guidance clicked for is gone (a knowledge edit); from an urgent answer, still 999 first. */
function notFound(urgent: boolean, deps: SlackDeps): SlackMessage {
  if (!urgent) return { text: NOT_FOUND, blocks: sections(NOT_FOUND) };
  const banner = currentBanner(deps);
  return { text: `${banner}\n${NOT_FOUND}`, blocks: [bannerBlock(banner), ...sections(NOT_FOUND)] };
}

/**
 * "Did you mean" and related buttons: show the chosen entry. A private answer is replaced in place; on a
 * message others see, the entry is posted as a new reply in the thread, so the answer (and its 999
 * banner) stays as it was for everyone else.
 */
export async function openEntry(body: BlockAction, deps: SlackDeps): Promise<void> {
  const value = decodeEntry(actionValue(body.actions[0]));
  const urgent = value?.urgent ?? false;
  const found = value ? deps.assistant.answerEntry(value.entryId, 'slack') : undefined;
  const answer = found ? keepUrgency(found, urgent, deps) : undefined;
  if (inHomeTab(body)) return showInHome(body.user.id, answer, deps);
  if (!answer) {
    await deps.web.respond(body.response_url, { response_type: 'ephemeral', replace_original: false, ...notFound(urgent, deps) });
    return;
  }
  if (isPrivate(body)) {
    const message = renderAnswer(answer, { share: isEphemeral(body) });
    await deps.web.respond(body.response_url, { replace_original: true, ...message });
    return;
  }
  const message = renderAnswer(answer, { note: `Asked for by ${mentionUser(body.user.id)}` });
  await replyInThread(body, message, deps);
}

/**
 * A new message in the clicked message's thread. If the bot cannot post there (a shared `/msht` answer in
 * a channel it was never invited to), the click's response_url still reaches the channel.
 */
async function replyInThread(body: BlockAction, message: SlackMessage, deps: SlackDeps): Promise<void> {
  const channel = channelOf(body);
  const thread = threadOf(body);
  if (channel !== '' && thread !== undefined) {
    try {
      await deps.web.postMessage({ channel, thread_ts: thread, ...message });
      return;
    } catch (error) {
      const reason = { channel, code: (error as { code?: string }).code, error: (error as Error).message };
      deps.logger.warn(reason, 'could not reply in the Slack thread; answering through the click instead');
    }
  }
  await deps.web.respond(body.response_url, { response_type: 'in_channel', replace_original: false, ...message });
}

/**
 * 👍 / 👎: store it (redacted by the core) and thank the user. A private answer (ephemeral or in a DM)
 * shows the thanks in place of the buttons; an answer in a channel keeps its buttons for everyone else
 * and the thanks goes to the clicker alone.
 */
export async function recordFeedback(body: BlockAction, helpful: boolean, deps: SlackDeps): Promise<void> {
  const value = decodeFeedback(actionValue(body.actions[0]));
  if (!value) return;
  await deps.assistant.feedback(value.entryId, helpful, 'slack', value.question);
  deps.logger.info({ entry: value.entryId, helpful }, 'Slack feedback recorded');
  if (inHomeTab(body)) return;
  const thanks = helpful ? '👍 Thanks, that helps us keep this guidance useful.' : '👎 Thanks. We will look at how to answer this better.';
  if (!isPrivate(body)) {
    await deps.web.respond(body.response_url, { response_type: 'ephemeral', replace_original: false, text: thanks });
    return;
  }
  // Slack does not always send an ephemeral message's blocks with the click, so rebuild them if needed.
  const original = body.message as { text?: string; blocks?: Block[] } | undefined;
  let message: { text: string; blocks: Block[] } | undefined =
    original?.blocks && original.blocks.length > 0 ? { text: original.text ?? thanks, blocks: original.blocks } : undefined;
  if (!message) {
    const found = deps.assistant.answerEntry(value.entryId, 'slack');
    const answer = found ? keepUrgency(found, value.urgent === true, deps) : undefined;
    const options = value.question === undefined ? { share: isEphemeral(body) } : { share: isEphemeral(body), question: value.question };
    message = answer ? renderAnswer(answer, options) : undefined;
  }
  if (!message) {
    await deps.web.respond(body.response_url, { response_type: 'ephemeral', replace_original: false, text: thanks });
    return;
  }
  const blocks = message.blocks.map((block) => (block.block_id === BLOCK_ID.feedback ? context([thanks]) : block));
  await deps.web.respond(body.response_url, { replace_original: true, text: message.text, blocks });
}

/** "Share in channel": post the entry's answer for everyone (999 first if it was urgent), then remove the private copy. */
export async function shareAnswer(body: BlockAction, deps: SlackDeps): Promise<void> {
  const value = decodeEntry(actionValue(body.actions[0]));
  const urgent = value?.urgent ?? false;
  const found = value ? deps.assistant.answerEntry(value.entryId, 'slack') : undefined;
  if (!found) {
    await deps.web.respond(body.response_url, { response_type: 'ephemeral', replace_original: false, ...notFound(urgent, deps) });
    return;
  }
  const message = renderAnswer(keepUrgency(found, urgent, deps), { note: `Shared by ${mentionUser(body.user.id)}` });
  await deps.web.respond(body.response_url, { response_type: 'in_channel', replace_original: false, ...message });
  await deps.web.respond(body.response_url, { delete_original: true });
  deps.logger.info({ channel: body.channel?.id, entry: value?.entryId }, 'Slack answer shared in channel');
}

/** A reminder's "Read more": the entry, shown only to whoever clicked. */
export async function readMore(body: BlockAction, deps: SlackDeps): Promise<void> {
  const id = actionValue(body.actions[0]);
  const answer = id ? deps.assistant.answerEntry(id, 'slack') : undefined;
  const channel = body.channel?.id;
  if (!channel) return;
  const message = answer ? renderAnswer(answer, {}) : { text: NOT_FOUND, blocks: sections(NOT_FOUND) };
  await deps.web.postEphemeral({ channel, user: body.user.id, ...message });
}

/** A Home tab quick action or the place box: show the answer in the Home tab. */
export async function homeQuestion(body: BlockAction, deps: SlackDeps, kind: 'quick' | 'place'): Promise<void> {
  const raw = actionValue(body.actions[0])?.trim();
  if (!raw) return showInHome(body.user.id, undefined, deps);
  const question = kind === 'place' ? `modern slavery partnership in ${unescapeSlackText(raw)}` : raw;
  return showInHome(body.user.id, await deps.assistant.ask(question, 'slack'), deps);
}

export async function showInHome(userId: string, answer: Answer | undefined, deps: SlackDeps): Promise<void> {
  const view = renderHome(answer ? { upcoming: deps.upcoming(), shown: answer } : { upcoming: deps.upcoming() });
  await deps.web.publishHome(userId, view);
}
