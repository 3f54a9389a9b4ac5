// What the Slack handlers are given: the core (answers, state, clock) and the Slack calls.
import type { Assistant } from '../../answer/assistant.ts';
import type { Store } from '../../store/store.ts';
import type { UpcomingReminder } from './blocks/home.ts';
import type { SlackWeb } from './web.ts';

/** Any pino-like logger. Handlers log ids and outcomes, never question text or tokens. */
export interface SlackLogger {
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
  debug(obj: unknown, msg?: string): void;
}

export interface SlackDeps {
  assistant: Assistant;
  store: Store;
  logger: SlackLogger;
  web: SlackWeb;
  /** The next reminders on every topic, for the Home tab (a channel's own come from the core). */
  upcoming: () => UpcomingReminder[];
  now: () => Date;
}
