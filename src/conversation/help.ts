// The one help text. Every platform shows the same words; only how people reach the bot differs, and each
// platform says that about itself (its `Surface`). Lines use one piece of markup: `code` spans in
// backticks, for what a person types. Channels render them (Slack mrkdwn, Teams text, the terminal).
import type { Surface } from './where.ts';

export interface Help {
  title: string;
  /** The lines, in order; commands and examples in backticks. */
  lines: readonly string[];
  /** The reminder topics a conversation can subscribe to (empty where there are no subscriptions). */
  topics: readonly string[];
  /** What to do in an emergency: every platform shows it, whatever else it leaves out. */
  danger: string;
}

export const HELP_TITLE = 'Modern slavery & human trafficking guide';
export const HELP_DANGER = 'If someone is in immediate danger, call 999.';

/** Questions worth trying, shown in the help: the shapes people use under pressure. */
export const EXAMPLE_QUESTIONS = [
  'refer a kid to nrm',
  'salvation army referral line',
  'partnership huddersfield',
  'signs of labour exploitation',
  "adult doesn't consent to the nrm",
] as const;

export interface HelpOptions {
  surface: Surface;
  /** The place has reminder subscriptions (a Slack or Teams conversation); the terminal has none. */
  subscriptions: boolean;
  /** The topics some reminder uses. */
  topics: readonly string[];
  /** Some expert team is reached here, so `expert <question>` works. */
  experts?: boolean;
}

export function helpFor(options: HelpOptions): Help {
  const { surface, subscriptions } = options;
  const prefix = surface.commandPrefix ?? '';
  const lines = [
    'Answers for UK practitioners on modern slavery and human trafficking: referral steps, who to contact, the partnership toolkit.',
    `Ask in your own words, for example ${EXAMPLE_QUESTIONS.map((q) => `\`${q}\``).join(', ')}.`,
    ...surface.howToAsk,
  ];
  if (subscriptions) {
    lines.push(
      `\`${prefix}subscribe <topic>\` / \`${prefix}unsubscribe <topic>\`: reminders on a topic in this conversation`,
      `\`${prefix}subscriptions\`: this conversation’s topics and its next reminder`,
    );
  }
  if (options.experts) lines.push(`\`${prefix}expert <question>\`: send a question the guide cannot answer to a team of practitioners (you see it before it is sent)`);
  lines.push(`\`${prefix}help\`: this message`);
  return { title: HELP_TITLE, lines, topics: subscriptions ? options.topics : [], danger: HELP_DANGER };
}

/** Help lines as plain text: the backticks dropped (the terminal, notifications). */
export function plainHelpLine(line: string): string {
  return line.replace(/`([^`]*)`/g, '$1');
}
