// What the Slack handlers are given: the core (the conversation, state, clock) and the Slack calls.
import type { Conversation } from '../../conversation/conversation.ts';
import type { Log } from '../../log.ts';
import type { Store } from '../../store/store.ts';
import type { SlackWeb } from './web.ts';
import type { ExpertDesk } from '../../experts/desk.ts';

export interface SlackDeps {
  conversation: Conversation;
  store: Store;
  /** Handlers log ids and outcomes, never question text or tokens. */
  logger: Log;
  web: SlackWeb;
  now: () => Date;
  /** Hand-offs to expert teams: replies in a hand-off's thread are relayed; draft entries asked for. */
  desk?: ExpertDesk;
}
