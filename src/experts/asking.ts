// Asking an expert, in the conversation core: the offer under an answer the knowledge could not give with
// confidence, the `expert <question>` command, picking a team, the preview of exactly what will be posted
// (the question redacted, with a warning not to include names or personal details), and send or cancel.
// Nothing is posted here: a confirmed hand-off is opened in the store, and the desk (desk.ts) posts it in
// the team's channel exactly once.
import type { Answer } from '../answer/answer.ts';
import { createGuide } from '../answer/guide.ts';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import type { ExpertOffer, Reply } from '../conversation/reply.ts';
import type { Where } from '../conversation/where.ts';
import type { Store } from '../store/store.ts';
import { channelOn, routeQuestion, teamsOn } from './route.ts';
import { addWorkingHours, workingHoursText } from './working-hours.ts';

export type HandoffStore = Pick<Store, 'createHandoff' | 'handoff' | 'chooseHandoffTeam' | 'openHandoff' | 'cancelHandoff'>;

export const EXPERT_TEXT = {
  offerPrompt: 'Not what you needed? A team of practitioners can answer it.',
  offerLabel: 'Ask an expert',
  pickPrompt: 'Which team should I ask?',
  warning:
    'Check it before you send: do not include names, addresses, dates of birth or anything else that identifies a person. Phone numbers, emails, postcodes and dates have been taken out.',
  rephrase: 'To word it differently, send `expert` followed by your question.',
  confirm: 'Send',
  cancel: 'Cancel',
  cancelled: 'Cancelled: nothing was sent.',
  usage: 'Type `expert` followed by your question, without names or personal details, and I will show you what would be sent before anything is.',
  noTeams: 'No expert team is set up here yet. If someone is in danger now, call 999; for advice, call the Modern Slavery & Exploitation Helpline.',
  notHere: 'Questions can be sent to experts from Slack or Teams, not from here.',
  gone: 'That question is no longer waiting to be sent. Send `expert` followed by your question to start again.',
  notYours: 'Only the person who asked can send or cancel it.',
  alreadySent: 'That question was already sent.',
} as const;

/** Who is asking and where the answer goes back: none in the terminal, so there no offer is made. */
function askerOf(where: Where): { platform: string; asker: string; replyTo: string; replyThread: string | null } | undefined {
  const replyTo = where.replyTo ?? where.conversation;
  if (where.user === undefined || replyTo === undefined) return undefined;
  return { platform: where.surface.name, asker: where.user, replyTo, replyThread: where.replyTo === undefined ? (where.thread ?? null) : null };
}

/** The offer to show under this answer, if any: not for a confident or urgent answer, nor where no team is reached. */
export function expertOffer(question: string, answer: Answer | undefined, kb: KnowledgeBase, where: Where): ExpertOffer | undefined {
  if (answer && (answer.status === 'answered' || answer.urgent)) return undefined;
  if (question.trim() === '' || !askerOf(where) || teamsOn(kb.experts, where.surface.name).length === 0) return undefined;
  return { question, prompt: EXPERT_TEXT.offerPrompt, label: EXPERT_TEXT.offerLabel };
}

export interface AskingDeps {
  kb: KnowledgeBase;
  store: HandoffStore;
  now: Date;
}

/** Start a hand-off of `question`: the preview when the place or topic chose the team, else the short list. */
export async function startHandoff(question: string, where: Where, deps: AskingDeps): Promise<Reply> {
  const { kb, store, now } = deps;
  if (question.trim() === '') return { kind: 'expert-notice', text: EXPERT_TEXT.usage };
  const asker = askerOf(where);
  if (!asker) return { kind: 'expert-notice', text: EXPERT_TEXT.notHere };
  const routing = routeQuestion(question, kb, asker.platform);
  if (routing.kind === 'none') return { kind: 'expert-notice', text: EXPERT_TEXT.noTeams };
  // The best guess is the entry the search came nearest to, for the team's context; none when it found nothing.
  const guess = createGuide(kb).ask(question, now);
  const bestGuess = guess.status !== 'no_match' && guess.entry ? guess.entry.id : null;
  const draft = await store.createHandoff(
    {
      ...asker,
      question,
      teamId: routing.kind === 'team' ? routing.team.id : null,
      teamChannel: routing.kind === 'team' ? routing.channel : null,
      bestGuess,
    },
    now,
  );
  if (routing.kind === 'pick') {
    return { kind: 'expert-pick', handoffId: draft.id, prompt: EXPERT_TEXT.pickPrompt, options: routing.teams.map((t) => ({ teamId: t.id, name: t.name })) };
  }
  return preview(draft.id, deps);
}

async function preview(handoffId: string, deps: AskingDeps): Promise<Reply> {
  const handoff = await deps.store.handoff(handoffId);
  const team = deps.kb.experts?.teams.find((t) => t.id === handoff?.teamId);
  if (!handoff || handoff.status !== 'draft' || !team) return { kind: 'expert-notice', text: EXPERT_TEXT.gone };
  const guess = handoff.bestGuess === null ? undefined : deps.kb.byId.get(handoff.bestGuess)?.title;
  return {
    kind: 'expert-preview',
    preview: {
      handoffId,
      teamName: team.name,
      question: handoff.question,
      ...(guess ? { bestGuess: guess } : {}),
      warning: EXPERT_TEXT.warning,
      rephrase: EXPERT_TEXT.rephrase,
      confirmLabel: `${EXPERT_TEXT.confirm} to ${team.name}`,
      cancelLabel: EXPERT_TEXT.cancel,
    },
  };
}

/** The asker picked a team from the short list. */
export async function pickTeam(handoffId: string, teamId: string, where: Where, deps: AskingDeps): Promise<Reply> {
  const handoff = await deps.store.handoff(handoffId);
  if (!handoff || handoff.status !== 'draft') return { kind: 'expert-notice', text: EXPERT_TEXT.gone };
  if (handoff.asker !== where.user) return { kind: 'expert-notice', text: EXPERT_TEXT.notYours };
  const team = deps.kb.experts?.teams.find((t) => t.id === teamId);
  const channel = team ? channelOn(team, handoff.platform) : undefined;
  if (!team || !channel) return { kind: 'expert-notice', text: EXPERT_TEXT.gone };
  if (!(await deps.store.chooseHandoffTeam(handoffId, team.id, channel, deps.now))) return { kind: 'expert-notice', text: EXPERT_TEXT.gone };
  return preview(handoffId, deps);
}

/**
 * Send: the draft is opened (once, however often it is clicked) with its reminder half-way to expiry, and
 * `opened` lets the desk post it at once.
 */
export async function confirmHandoff(handoffId: string, where: Where, deps: AskingDeps, opened: (id: string) => void): Promise<Reply> {
  const handoff = await deps.store.handoff(handoffId);
  if (!handoff) return { kind: 'expert-notice', text: EXPERT_TEXT.gone };
  if (handoff.asker !== where.user) return { kind: 'expert-notice', text: EXPERT_TEXT.notYours };
  if (handoff.status !== 'draft') return { kind: 'expert-notice', text: handoff.status === 'cancelled' ? EXPERT_TEXT.gone : EXPERT_TEXT.alreadySent };
  const team = deps.kb.experts?.teams.find((t) => t.id === handoff.teamId);
  const hours = deps.kb.experts?.answerWithinHours ?? 4;
  const times = { expiresAt: addWorkingHours(deps.now, hours), remindAt: addWorkingHours(deps.now, hours / 2) };
  if (!team || !(await deps.store.openHandoff(handoffId, times, deps.now))) return { kind: 'expert-notice', text: EXPERT_TEXT.alreadySent };
  opened(handoffId);
  return {
    kind: 'expert-notice',
    text: `Sent to ${team.name}. Their answer will come back here; if nobody has answered within ${workingHoursText(hours)}, I will tell you.`,
  };
}

export async function cancelHandoff(handoffId: string, where: Where, deps: AskingDeps): Promise<Reply> {
  const handoff = await deps.store.handoff(handoffId);
  if (!handoff) return { kind: 'expert-notice', text: EXPERT_TEXT.gone };
  if (handoff.asker !== where.user) return { kind: 'expert-notice', text: EXPERT_TEXT.notYours };
  if (!(await deps.store.cancelHandoff(handoffId, deps.now))) {
    return { kind: 'expert-notice', text: handoff.status === 'cancelled' ? EXPERT_TEXT.cancelled : EXPERT_TEXT.alreadySent };
  }
  return { kind: 'expert-notice', text: EXPERT_TEXT.cancelled };
}
