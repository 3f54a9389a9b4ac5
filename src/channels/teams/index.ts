// The Teams channel as main.ts sees it: an HTTP route for /api/messages, a sender for reminders, a way
// to tell admins something, and one line saying how it started. Everything botbuilder-specific stays
// behind this, so the SDK underneath can be swapped without touching the core.
import type { Conversation } from '../../conversation/conversation.ts';
import type { Store } from '../../store/store.ts';
import type { ChannelSender } from '../../reminders/sender.ts';
import type { TeamsChannelConfig, TeamsLogger } from './config.ts';
import { createTeamsAdapter } from './adapter.ts';
import { createMessagesRoute, isLoopbackAddress, isLoopbackUrl, type MessagesRoute } from './route.ts';
import { TeamsBot } from './bot.ts';
import { createProactivePoster, createTeamsSender } from './sender.ts';
import { textActivity } from './activities.ts';
import { isReference } from './references.ts';

export type { TeamsChannelConfig, TeamsLogger, TeamsAppType } from './config.ts';
export type { MessagesRoute } from './route.ts';

/** Someone told when knowledge breaks. Entries for other platforms are ignored here. */
export interface TeamsAdminUser {
  platform: string;
  /** A Teams user's AAD object id or Bot Framework id (29:…). */
  id: string;
}

export interface TeamsChannelOptions {
  config: TeamsChannelConfig;
  conversation: Conversation;
  store: Store;
  logger: TeamsLogger;
  adminUsers?: readonly TeamsAdminUser[];
  now?: () => Date;
}

export interface TeamsChannel {
  /** Register on the shared HTTP server at POST /api/messages. */
  route: MessagesRoute;
  /** For the reminder scheduler. */
  sender: ChannelSender;
  /**
   * Post these lines to every Teams admin in their personal chat with the bot. Teams only allows that
   * once the admin has opened a chat with the bot (or it was installed for them); others are logged.
   */
  notifyAdmins(lines: readonly string[]): Promise<void>;
  /** How it started, for the start-up line `Teams: …`, e.g. that emulator mode is unauthenticated. */
  describe(): string;
}

export function createTeamsChannel(options: TeamsChannelOptions): TeamsChannel {
  const { config, conversation, store, logger } = options;
  const now = options.now ?? (() => new Date());
  const { adapter, appId, description } = createTeamsAdapter(config, logger, () => conversation.apology());
  const bot = new TeamsBot({ conversation, store, logger, now });
  const route = createMessagesRoute(
    adapter,
    (context) => bot.run(context),
    logger,
    config.mode === 'emulator' ? { allowServiceUrl: isLoopbackUrl, allowPeer: isLoopbackAddress } : {},
  );
  const post = createProactivePoster(adapter, appId, store, now);
  const sender = createTeamsSender(post);
  const admins = (options.adminUsers ?? []).filter((a) => a.platform === 'teams').map((a) => a.id.toLowerCase());

  async function notifyAdmins(lines: readonly string[]): Promise<void> {
    if (admins.length === 0 || lines.length === 0) return;
    const chats = await personalChats(store);
    for (const admin of admins) {
      const conversationId = chats.get(admin);
      if (!conversationId) {
        logger.warn({ event: 'teams.admin_unreachable' }, 'a Teams admin has no chat with the bot yet; ask them to open one');
        continue;
      }
      const result = await post(conversationId, textActivity(lines));
      if (!result.ok) logger.warn({ event: 'teams.admin_notify_failed', kind: result.kind, error: result.error }, 'teams admin notice failed');
    }
  }

  return { route, sender, notifyAdmins, describe: () => description };
}

/** Personal chats by user: both the Bot Framework id and the AAD object id lead to the chat. */
async function personalChats(store: Store): Promise<Map<string, string>> {
  const chats = new Map<string, string>();
  for (const { conversationId, reference } of await store.conversationReferences()) {
    if (!isReference(reference) || reference.conversation?.conversationType !== 'personal') continue;
    const user = reference.user as { id?: string; aadObjectId?: string } | undefined;
    for (const id of [user?.id, user?.aadObjectId]) if (id) chats.set(id.toLowerCase(), conversationId);
  }
  return chats;
}
