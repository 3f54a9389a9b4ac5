// How Slack presents itself to the conversation core: its name, and how people ask here (for the help).
import type { Surface, Where } from '../../conversation/where.ts';

export const SLACK_SURFACE: Surface = {
  name: 'slack',
  commandPrefix: '/msht ',
  howToAsk: [
    '`/msht <question>`: an answer only you can see, with a button to share it in the channel, e.g. `/msht how do I refer an adult to the NRM`',
    'Message me directly, or mention me in a channel to get the answer in a thread; the same words work there (`@MSHT Guide subscribe <topic>`)',
  ],
};

/** A Slack conversation (channel or DM id); none for the Home tab, where there are no subscriptions. */
export function slackWhere(channelId: string | undefined): Where {
  return channelId ? { surface: SLACK_SURFACE, conversation: channelId } : { surface: SLACK_SURFACE };
}

/**
 * Who wrote, for the asking flow: their user id (shown to an expert team as a mention), the thread an
 * answer goes back into, and, for what only they saw (`/msht`, an ephemeral answer), their DM instead.
 */
export function slackAsker(where: Where, user: string | undefined, options: { thread?: string | undefined; privately?: boolean } = {}): Where {
  if (!user) return where;
  const asker: Where = { ...where, user };
  if (options.privately) asker.replyTo = user;
  else if (options.thread) asker.thread = options.thread;
  return asker;
}
