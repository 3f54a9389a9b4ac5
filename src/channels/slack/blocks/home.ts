// The App Home tab: quick actions for the questions people ask most under pressure, a box to find a
// partnership by place, the upcoming reminders, and (after a click) the answer shown right there.
import type { types } from '@slack/bolt';
import type { Answer } from '../../../answer/answer.ts';
import type { Chooser } from '../../../conversation/chooser.ts';
import type { UpcomingReminder } from '../../../conversation/conversation.ts';
import { escapeMrkdwn } from '../mrkdwn.ts';
import { LIMITS } from './limits.ts';
import { ACTION } from './action-ids.ts';
import { type Block, actions, button, context, divider, header, sections } from './kit.ts';
import { renderAnswer } from './answer.ts';

export type { UpcomingReminder };

/** The quick actions: a label and the question it asks. */
export const QUICK_ACTIONS = [
  { label: '🚨 Someone is in danger now', question: 'someone is in immediate danger now', style: 'danger' as const },
  { label: 'Refer to the NRM', question: 'how do I make an NRM referral' },
  { label: 'Duty to Notify', question: 'how do I submit a duty to notify' },
] as const;

const UPCOMING_SHOWN = 5;

export interface HomeOptions {
  upcoming: readonly UpcomingReminder[];
  /** An answer to show under the quick actions (after a quick action or a place search). */
  shown?: Answer;
  /** The chooser's options under a no-match answer shown. */
  chooser?: Chooser;
  /** A short text to show instead of an answer (the guidance picked is gone, answering failed); mrkdwn, already safe. */
  notice?: string;
}

export function renderHome(options: HomeOptions): types.HomeView {
  const top: Block[] = [
    header('Modern slavery & human trafficking guide'),
    ...sections(
      'Quick answers for practitioners. Ask me anything in a direct message, mention me in a channel, or type `/msht <question>`.',
    ),
    ...actions(
      QUICK_ACTIONS.map((action, i) =>
        button(action.label, `${ACTION.homeAsk}_${i}`, action.question, 'style' in action ? action.style : undefined),
      ),
      'msht_home_quick',
    ),
    placeInput(),
    divider(),
    header('Upcoming reminders'),
    ...upcomingBlocks(options.upcoming),
  ];
  if (options.notice !== undefined) return { type: 'home', blocks: [...top, divider(), ...sections(options.notice)] };
  if (!options.shown) return { type: 'home', blocks: top };
  const room = LIMITS.viewBlocks - top.length - 1;
  const answer = renderAnswer(options.shown, { maxBlocks: room, ...(options.chooser ? { chooser: options.chooser } : {}) });
  return { type: 'home', blocks: [...top, divider(), ...answer.blocks] };
}

function placeInput(): Block {
  return {
    type: 'input',
    block_id: 'msht_home_place',
    dispatch_action: true,
    label: { type: 'plain_text', text: 'Find a partnership by place' },
    element: {
      type: 'plain_text_input',
      action_id: ACTION.homePlace,
      placeholder: { type: 'plain_text', text: 'A town, city or county, then press Enter' },
      dispatch_action_config: { trigger_actions_on: ['on_enter_pressed'] },
    },
  };
}

function upcomingBlocks(upcoming: readonly UpcomingReminder[]): Block[] {
  if (upcoming.length === 0) return sections('No reminders are scheduled.');
  const lines = upcoming
    .slice(0, UPCOMING_SHOWN)
    .map((r) => `• *${escapeMrkdwn(r.title)}* — ${escapeMrkdwn(r.localTime)} (topic \`${escapeMrkdwn(r.topic)}\`)`);
  return [
    ...sections(lines.join('\n')),
    context(['Add a channel to a topic with `/msht subscribe <topic>` in that channel.']),
  ];
}
