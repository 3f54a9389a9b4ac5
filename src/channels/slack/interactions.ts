// Button clicks and the Home tab's place box. Every click is acknowledged first (Slack allows 3 s), then
// answered: "Did you mean", related and chooser buttons in place on a private answer and as a new reply in
// the thread on one others can see (replacing it would change it for everyone), "Share" in the channel, a
// reminder's "Read more" privately, and the Home tab's quick actions in the Home tab.
//
// A click on an urgent answer shows whatever it leads to with the 999 banner too: the urgency travels in
// the button's value (action-ids.ts) and the core keeps it (conversation.choose).
import type { BlockAction } from '@slack/bolt';
import type { Choice } from '../../conversation/choice.ts';
import type { Reply } from '../../conversation/reply.ts';
import { renderHome } from './blocks/home.ts';
import { BLOCK_ID, decodeChoice, decodeEntry, decodeFeedback, decodeReason } from './blocks/action-ids.ts';
import { type Block, type SlackMessage, context, sections } from './blocks/kit.ts';
import { escapeMrkdwn, mentionUser, unescapeSlackText } from './mrkdwn.ts';
import { NOT_FOUND, THANKS, reasonBlocks, reasonThanks, renderReply } from './render.ts';
import { slackAsker, slackWhere } from './surface.ts';
import { offerBlocks } from './blocks/expert.ts';
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

const where = (body: BlockAction) => slackWhere(inHomeTab(body) ? undefined : channelOf(body) || undefined);

/** "Did you mean" and related buttons: show the chosen entry. */
export async function openEntry(body: BlockAction, deps: SlackDeps): Promise<void> {
  const value = decodeEntry(actionValue(body.actions[0]));
  const choice: Choice | undefined = value ? { kind: 'entry', id: value.entryId, urgent: value.urgent } : undefined;
  return showChoice(body, choice, deps);
}

/** A chooser option under a no-match answer: do what it says (show its entry, or ask its question). */
export async function chooseOption(body: BlockAction, deps: SlackDeps): Promise<void> {
  return showChoice(body, decodeChoice(actionValue(body.actions[0])), deps);
}

/**
 * Show what a choice leads to where it was clicked. A private answer is replaced in place; on a message
 * others see, the reply is posted in the thread, so the answer (and its 999 banner) stays as it was for
 * everyone else.
 */
async function showChoice(body: BlockAction, choice: Choice | undefined, deps: SlackDeps): Promise<void> {
  const reply: Reply = choice ? await deps.conversation.choose(choice, where(body)) : { kind: 'gone', urgent: false };
  if (inHomeTab(body)) return showInHome(body.user.id, reply, deps);
  if (reply.kind === 'gone') {
    await deps.web.respond(body.response_url, { response_type: 'ephemeral', replace_original: false, ...renderReply(reply) });
    return;
  }
  if (isPrivate(body)) {
    await deps.web.respond(body.response_url, { replace_original: true, ...renderReply(reply, { share: isEphemeral(body) }) });
    return;
  }
  await replyInThread(body, renderReply(reply, { note: `Asked for by ${mentionUser(body.user.id)}` }), deps);
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
 * 👍 / 👎: store it (redacted by the core) and thank the user; after 👎, offer the reasons to pick from. A
 * private answer (ephemeral or in a DM) shows the thanks and reasons in place of the buttons; an answer in a
 * channel keeps its buttons for everyone else and the thanks and reasons go to the clicker alone.
 */
export async function recordFeedback(body: BlockAction, helpful: boolean, deps: SlackDeps): Promise<void> {
  const value = decodeFeedback(actionValue(body.actions[0]));
  if (!value) return;
  // Who clicked: after 👎 they may ask an expert, and the answer would come back to them.
  const reply = await deps.conversation.feedback(value.entryId, helpful, askerWhere(body), value.question);
  deps.logger.info({ entry: value.entryId, helpful }, 'Slack feedback recorded');
  if (inHomeTab(body)) return;
  const thanks = helpful ? THANKS.helpful : THANKS.unhelpful;
  const reasons = [
    ...(reply.kind === 'feedback' && reply.reasons ? reasonBlocks(reply.reasons) : []),
    ...(reply.kind === 'feedback' && reply.expert ? offerBlocks(reply.expert) : []),
  ];
  const alone = reply.kind === 'feedback' ? renderReply(reply) : { text: thanks, blocks: [context([thanks])] };
  if (!isPrivate(body)) {
    await deps.web.respond(body.response_url, { response_type: 'ephemeral', replace_original: false, ...alone });
    return;
  }
  // Slack does not always send an ephemeral message's blocks with the click, so rebuild them if needed.
  const original = body.message as { text?: string; blocks?: Block[] } | undefined;
  let message: { text: string; blocks: Block[] } | undefined =
    original?.blocks && original.blocks.length > 0 ? { text: original.text ?? thanks, blocks: original.blocks } : undefined;
  if (!message) {
    const answer = await deps.conversation.choose({ kind: 'entry', id: value.entryId, urgent: value.urgent === true }, where(body));
    const options = value.question === undefined ? { share: isEphemeral(body) } : { share: isEphemeral(body), question: value.question };
    message = answer.kind === 'answer' ? renderReply(answer, options) : undefined;
  }
  if (!message) {
    await deps.web.respond(body.response_url, { response_type: 'ephemeral', replace_original: false, ...alone });
    return;
  }
  const blocks = message.blocks.flatMap((block) => (block.block_id === BLOCK_ID.feedback ? [context([thanks]), ...reasons] : [block]));
  await deps.web.respond(body.response_url, { replace_original: true, text: message.text, blocks });
}

/**
 * A reason picked after 👎: record it against that 👎 and say so in place of the reasons (the latest pick
 * wins). Where the click did not bring the message's blocks, the thanks comes as a message of its own.
 */
export async function recordReason(body: BlockAction, deps: SlackDeps): Promise<void> {
  const value = decodeReason(actionValue(body.actions[0]));
  if (!value) return;
  const reply = await deps.conversation.feedbackReason(value.feedbackId, value.reason, where(body));
  const recorded = reply.kind === 'feedback-reason' && reply.recorded;
  deps.logger.info({ reason: value.reason, recorded }, 'Slack feedback reason recorded');
  if (inHomeTab(body)) return;
  const thanks = reasonThanks(value.reason, recorded);
  const original = body.message as { text?: string; blocks?: Block[] } | undefined;
  if (original?.blocks?.some((b) => b.block_id === BLOCK_ID.reasons)) {
    const blocks = original.blocks
      .filter((b) => b.block_id !== BLOCK_ID.reasonPrompt)
      .map((b) => (b.block_id === BLOCK_ID.reasons ? context([thanks]) : b));
    await deps.web.respond(body.response_url, { replace_original: true, text: original.text ?? thanks, blocks });
    return;
  }
  await deps.web.respond(body.response_url, { response_type: 'ephemeral', replace_original: false, text: thanks, blocks: [context([thanks])] });
}

/** "Share in channel": post the entry's answer for everyone (999 first if it was urgent), then remove the private copy. */
export async function shareAnswer(body: BlockAction, deps: SlackDeps): Promise<void> {
  const value = decodeEntry(actionValue(body.actions[0]));
  const reply: Reply = value
    ? await deps.conversation.choose({ kind: 'entry', id: value.entryId, urgent: value.urgent }, where(body))
    : { kind: 'gone', urgent: false };
  if (reply.kind !== 'answer') {
    await deps.web.respond(body.response_url, { response_type: 'ephemeral', replace_original: false, ...renderReply(reply) });
    return;
  }
  const message = renderReply(reply, { note: `Shared by ${mentionUser(body.user.id)}` });
  await deps.web.respond(body.response_url, { response_type: 'in_channel', replace_original: false, ...message });
  await deps.web.respond(body.response_url, { delete_original: true });
  deps.logger.info({ channel: body.channel?.id, entry: value?.entryId }, 'Slack answer shared in channel');
}

/** A reminder's "Read more": the entry, shown only to whoever clicked. */
export async function readMore(body: BlockAction, deps: SlackDeps): Promise<void> {
  const id = actionValue(body.actions[0]);
  const channel = body.channel?.id;
  if (!channel) return;
  const reply: Reply = id ? await deps.conversation.choose({ kind: 'entry', id }, where(body)) : { kind: 'gone', urgent: false };
  await deps.web.postEphemeral({ channel, user: body.user.id, ...renderReply(reply) });
}

/** A Home tab quick action or the place box: show the answer in the Home tab. */
export async function homeQuestion(body: BlockAction, deps: SlackDeps, kind: 'quick' | 'place'): Promise<void> {
  const raw = actionValue(body.actions[0])?.trim();
  if (!raw) return showInHome(body.user.id, undefined, deps);
  const question = kind === 'place' ? `modern slavery partnership in ${unescapeSlackText(raw)}` : raw;
  return showInHome(body.user.id, await deps.conversation.ask(question, slackWhere(undefined)), deps);
}

/** The Home tab, with a reply under the quick actions when there is one. */
export async function showInHome(userId: string, reply: Reply | undefined, deps: SlackDeps): Promise<void> {
  const upcoming = deps.conversation.upcoming(5);
  let view;
  if (reply?.kind === 'answer') view = renderHome({ upcoming, shown: reply.answer });
  else if (reply?.kind === 'chooser') view = renderHome({ upcoming, shown: reply.answer, chooser: reply.chooser });
  else if (reply?.kind === 'gone') view = renderHome({ upcoming, notice: NOT_FOUND });
  else if (reply?.kind === 'apology') view = renderHome({ upcoming, notice: escapeMrkdwn(reply.text) });
  else view = renderHome({ upcoming });
  await deps.web.publishHome(userId, view);
}

/** Who clicked, where, and where an answer to them goes later (their DM when only they saw the message). */
const askerWhere = (body: BlockAction) =>
  slackAsker(where(body), body.user.id, {
    // A DM is answered in the DM itself; a channel message in its thread.
    thread: channelOf(body).startsWith('D') ? undefined : threadOf(body),
    privately: isEphemeral(body) || inHomeTab(body),
  });

/**
 * Show a step of the asking flow where it was clicked: in place on a private message, else only to the
 * clicker (what will be sent is for the asker's eyes until they send it).
 */
async function showExpertStep(body: BlockAction, reply: Reply, deps: SlackDeps): Promise<void> {
  const message = renderReply(reply);
  if (isPrivate(body) && !inHomeTab(body)) {
    await deps.web.respond(body.response_url, { replace_original: true, ...message });
    return;
  }
  const channel = channelOf(body);
  if (inHomeTab(body) || channel === '') {
    await deps.web.postMessage({ channel: body.user.id, ...message });
    return;
  }
  await deps.web.postEphemeral({ channel, user: body.user.id, ...message });
}

/** "Ask an expert" under an answer: the preview (or the teams to pick from), for the asker alone. */
export async function askExpert(body: BlockAction, deps: SlackDeps): Promise<void> {
  const question = actionValue(body.actions[0]);
  if (!question) return;
  const reply = await deps.conversation.askExpert(unescapeSlackText(question), askerWhere(body));
  deps.logger.info({ reply: reply.kind }, 'Slack ask an expert');
  const message = renderReply(reply);
  const channel = channelOf(body);
  // The answer it sat under stays as it was: the preview comes as a new message only the asker sees.
  if (inHomeTab(body) || channel === '') await deps.web.postMessage({ channel: body.user.id, ...message });
  else if (channel.startsWith('D')) await deps.web.postMessage({ channel, ...message });
  else await deps.web.postEphemeral({ channel, user: body.user.id, ...message });
}

/** A team picked, Send or Cancel. */
export async function expertStep(body: BlockAction, step: 'team' | 'send' | 'cancel', deps: SlackDeps): Promise<void> {
  const value = actionValue(body.actions[0]) ?? '';
  const asker = askerWhere(body);
  // A preview shown ephemerally in a channel: an answer goes back to the asker's DM, as for /msht.
  const whereNow = isEphemeral(body) ? { ...asker, replyTo: body.user.id } : asker;
  let reply: Reply;
  if (step === 'team') {
    const [handoffId = '', teamId = ''] = value.split(' ');
    reply = await deps.conversation.expertTeam(handoffId, teamId, whereNow);
  } else if (step === 'send') reply = await deps.conversation.expertSend(value, whereNow);
  else reply = await deps.conversation.expertCancel(value, whereNow);
  deps.logger.info({ step, reply: reply.kind }, 'Slack ask an expert');
  await showExpertStep(body, reply, deps);
}

/** "Draft a knowledge entry" in a hand-off's thread: the YAML goes to the admins; the expert is told. */
export async function draftEntry(body: BlockAction, deps: SlackDeps): Promise<void> {
  const [handoffId = '', seq = ''] = (actionValue(body.actions[0]) ?? '').split(' ');
  const text = deps.desk ? await deps.desk.draftEntry(handoffId, Number(seq)) : 'Drafting entries is not available here.';
  const channel = channelOf(body);
  if (channel !== '') await deps.web.postEphemeral({ channel, user: body.user.id, text: escapeMrkdwn(text), blocks: sections(escapeMrkdwn(text)) });
}
