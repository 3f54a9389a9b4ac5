// Teams as a Channel: its one route (POST /api/messages on the shared server), proactive posts through
// stored conversation references, and one line saying how it started. Everything botbuilder-specific
// stays behind this, so the SDK underneath can be swapped without touching the core.
import type { Conversation } from '../../conversation/conversation.ts';
import type { Store } from '../../store/store.ts';
import type { Channel } from '../channel.ts';
import type { TeamsChannelConfig } from './config.ts';
import type { Log } from '../../log.ts';
import type { ExpertDesk } from '../../experts/desk.ts';
import { createTeamsAdapter } from './adapter.ts';
import { createMessagesRoute, isLoopbackAddress, isLoopbackUrl, type MessagesRoute } from './route.ts';
import { TeamsBot } from './bot.ts';
import { createProactivePoster, createTeamsSend } from './sender.ts';

export type { TeamsChannelConfig, TeamsAppType } from './config.ts';
export type { MessagesRoute } from './route.ts';

/** The path Teams (and the Bot Framework Emulator) post activities to. */
export const TEAMS_MESSAGES_PATH = '/api/messages';

export interface TeamsChannelOptions {
  config: TeamsChannelConfig;
  conversation: Conversation;
  store: Store;
  logger: Log;
  now?: () => Date;
  /** Hand-offs to expert teams: answers in a hand-off's thread are relayed. */
  desk?: ExpertDesk;
  /** How long one connector call may take before it is abandoned (default 10 s; tests pass less). */
  connectorTimeoutMs?: number;
}

export interface TeamsChannel extends Channel {
  /** The handler for POST /api/messages (also the one entry in `routes`). */
  readonly route: MessagesRoute;
}

export function createTeamsChannel(options: TeamsChannelOptions): TeamsChannel {
  const { config, conversation, store, logger } = options;
  const now = options.now ?? (() => new Date());
  const { adapter, appId, description } = createTeamsAdapter(config, logger, () => conversation.apology(), options.connectorTimeoutMs);
  const bot = new TeamsBot({ conversation, store, logger, now, ...(options.desk ? { desk: options.desk } : {}) });
  const route = createMessagesRoute(
    adapter,
    (context) => bot.run(context),
    logger,
    config.mode === 'emulator' ? { allowServiceUrl: isLoopbackUrl, allowPeer: isLoopbackAddress } : {},
  );
  const send = createTeamsSend(createProactivePoster(adapter, appId, store, now), store, logger);
  return {
    platform: 'teams',
    route,
    routes: [{ path: TEAMS_MESSAGES_PATH, handler: route }],
    // Nothing to connect: Teams calls in, and every request is authenticated as it arrives.
    start: async () => {},
    stop: async () => {},
    send,
    describe: () => description,
  };
}
