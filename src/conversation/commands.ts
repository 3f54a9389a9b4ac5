// What people type to the bot, on every platform: the few commands, and anything else is a question.
// A command is the whole message, so "help with an NRM referral" is a question.

/** What a message asks the bot to do. */
export type ChatCommand =
  | { kind: 'help' }
  | { kind: 'subscribe'; topic: string }
  | { kind: 'unsubscribe'; topic: string }
  | { kind: 'subscriptions' }
  /** `expert <question>`: hand the question to an expert team (src/experts/); the words after it. */
  | { kind: 'expert'; question: string }
  | { kind: 'ask'; question: string };

/** The commands that manage a conversation's reminder topics. */
export type SubscriptionCommand = Extract<ChatCommand, { kind: 'subscribe' | 'unsubscribe' | 'subscriptions' }>;

export const HELP_WORDS: ReadonlySet<string> = new Set(['', 'help', '?', '/help']);
const LIST_WORDS = new Set(['subscriptions', 'subscription', 'topics']);

export interface ParseOptions {
  /**
   * Whether this place has reminder subscriptions (a Slack or Teams conversation does; the terminal does
   * not). Where it has none, the subscription words are read as a question like any other.
   */
  subscriptions?: boolean;
}

/**
 * Reads a message (a Slack `/msht` text, a Teams message with the mention removed, a terminal line).
 * `subscribe` or `unsubscribe` without a topic gets the help, which says how to use them (and the topics).
 */
export function parseChatCommand(text: string, options: ParseOptions = {}): ChatCommand {
  const trimmed = text.trim();
  const lower = trimmed.toLowerCase();
  if (HELP_WORDS.has(lower)) return { kind: 'help' };
  if (options.subscriptions === false) return { kind: 'ask', question: trimmed };
  if (LIST_WORDS.has(lower)) return { kind: 'subscriptions' };
  const expert = /^(?:ask an expert|expert)\b[\s:,-]*/i.exec(trimmed);
  if (expert) return { kind: 'expert', question: trimmed.slice(expert[0].length).trim() };
  const [first = '', ...rest] = lower.split(/\s+/);
  if (first === 'subscribe' || first === 'unsubscribe') {
    // Topics are single lower-case words; collapsing the spacing means a stray space or line break
    // (Teams channel text keeps them) cannot make a known topic look unknown.
    const topic = rest.join(' ');
    return topic === '' ? { kind: 'help' } : { kind: first, topic };
  }
  return { kind: 'ask', question: trimmed };
}
