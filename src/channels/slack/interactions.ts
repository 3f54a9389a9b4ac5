// Button clicks and the Home tab's place box. Every click is acknowledged first (Slack allows 3 s), then
// answered: in place for "Did you mean" and related buttons, in the channel for "Share", privately for a
// reminder's "Read more", and in the Home tab for its quick actions.
import type { BlockAction } from '@slack/bolt';
import type { Answer } from '../../answer/answer.ts';
import { renderAnswer } from './blocks/answer.ts';
import { renderHome } from './blocks/home.ts';
import { BLOCK_ID, decodeFeedback } from './blocks/action-ids.ts';
import { type Block, context, sections } from './blocks/kit.ts';
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

const NOT_FOUND = 'That guidance is no longer available. Ask again with `/msht <question>`.';

/** "Did you mean" and related buttons: replace the answer with the chosen entry's. */
export async function openEntry(body: BlockAction, deps: SlackDeps): Promise<void> {
  const id = actionValue(body.actions[0]);
  const answer = id ? deps.assistant.answerEntry(id, 'slack') : undefined;
  if (inHomeTab(body)) return showInHome(body.user.id, answer, deps);
  if (!answer) {
    await deps.web.respond(body.response_url, { response_type: 'ephemeral', replace_original: false, text: NOT_FOUND });
    return;
  }
  const message = renderAnswer(answer, { share: isEphemeral(body) });
  await deps.web.respond(body.response_url, { replace_original: true, ...message });
}

/**
 * 👍 / 👎: store it (redacted by the core) and thank the user. A private answer (ephemeral or in a DM)
 * shows the thanks in place of the buttons; an answer in a channel keeps its buttons for everyone else
 * and the thanks goes to the clicker alone.
 */
export async function recordFeedback(body: BlockAction, helpful: boolean, deps: SlackDeps): Promise<void> {
  const value = decodeFeedback(actionValue(body.actions[0]));
  if (!value) return;
  deps.assistant.feedback(value.entryId, helpful, 'slack', value.question);
  deps.logger.info({ entry: value.entryId, helpful }, 'Slack feedback recorded');
  if (inHomeTab(body)) return;
  const thanks = helpful ? '👍 Thanks, that helps us keep this guidance useful.' : '👎 Thanks. We will look at how to answer this better.';
  const channelId = body.channel?.id ?? String(body.container?.['channel_id'] ?? '');
  const isPrivate = isEphemeral(body) || channelId.startsWith('D');
  if (!isPrivate) {
    await deps.web.respond(body.response_url, { response_type: 'ephemeral', replace_original: false, text: thanks });
    return;
  }
  // Slack does not always send an ephemeral message's blocks with the click, so rebuild them if needed.
  const original = body.message as { text?: string; blocks?: Block[] } | undefined;
  let message: { text: string; blocks: Block[] } | undefined =
    original?.blocks && original.blocks.length > 0 ? { text: original.text ?? thanks, blocks: original.blocks } : undefined;
  if (!message) {
    const answer = deps.assistant.answerEntry(value.entryId, 'slack');
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

/** "Share in channel": post the entry's answer for everyone, then remove the private copy. */
export async function shareAnswer(body: BlockAction, deps: SlackDeps): Promise<void> {
  const id = actionValue(body.actions[0]);
  const answer = id ? deps.assistant.answerEntry(id, 'slack') : undefined;
  if (!answer) {
    await deps.web.respond(body.response_url, { response_type: 'ephemeral', replace_original: false, text: NOT_FOUND });
    return;
  }
  const message = renderAnswer(answer, { note: `Shared by ${mentionUser(body.user.id)}` });
  await deps.web.respond(body.response_url, { response_type: 'in_channel', replace_original: false, ...message });
  await deps.web.respond(body.response_url, { delete_original: true });
  deps.logger.info({ channel: body.channel?.id, entry: id }, 'Slack answer shared in channel');
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
  return showInHome(body.user.id, deps.assistant.ask(question, 'slack'), deps);
}

export async function showInHome(userId: string, answer: Answer | undefined, deps: SlackDeps): Promise<void> {
  const view = renderHome(answer ? { upcoming: deps.upcoming(), shown: answer } : { upcoming: deps.upcoming() });
  await deps.web.publishHome(userId, view);
}
