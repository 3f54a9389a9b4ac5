// `msht-guide reminders next` and `reminders preview <id>`: what the calendar will post, and when, without
// starting a bot.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { toAnswerEntry } from '../answer/build.ts';
import { loadKnowledge } from '../knowledge/loader.ts';
import { formatProblem } from '../knowledge/problems.ts';
import { Reminder } from '../knowledge/schema.ts';
import { nextOccurrences, nextOccurrencesOf, reminderTopics } from '../reminders/schedule.ts';
import type { ReminderPost } from '../reminders/sender.ts';
import { reminderToText } from '../reminders/text.ts';
import { didYouMean } from '../text/near-miss.ts';
import { readArgs, writeLine, knowledgeDirFrom, type CliIo } from './io.ts';

export const help = `Usage:
  msht-guide reminders next [--count N] [--topic T] [--from WHEN]
  msht-guide reminders preview <id> [--from WHEN]

next      lists the next reminder occurrences (default 10), soonest first, each in its own timezone
          (UK reminders show GMT or BST). --topic keeps one topic, e.g. awareness-days, spot-the-signs,
          partnership.
preview   prints the reminder as it will be posted, and when it is next posted.
--from    look from this moment instead of now: a date (2027-03-01) or an instant (2027-03-01T08:00:00Z).

Reads the knowledge folder in $KNOWLEDGE_DIR, else knowledge/.
Exit status: 0 ok, 1 on a knowledge problem or an unknown id/topic, 2 on a bad option.`;

interface Options {
  count: number;
  topic?: string;
  from: Date;
  positional: string[];
}

/** The options, checked; undefined (with the reason printed) when one is bad. */
function readOptions(args: string[], io: CliIo): Options | undefined {
  const parsed = readArgs('reminders', args, { options: ['--count', '--topic', '--from'], short: { n: '--count' }, maxPositionals: 2 }, io);
  if (!parsed) return undefined;
  const refuse = (message: string): undefined => {
    writeLine(io.stderr, `msht-guide reminders: ${message}\n\n${help}`);
    return undefined;
  };
  const options: Options = { count: 10, from: new Date(), positional: parsed.positionals };
  const count = parsed.options.get('--count');
  if (count !== undefined) {
    const n = Number(count);
    if (!Number.isInteger(n) || n < 1 || n > 1000) return refuse(`--count needs a whole number from 1 to 1000 (got "${count}")`);
    options.count = n;
  }
  const topic = parsed.options.get('--topic');
  if (topic !== undefined) options.topic = topic;
  const from = parsed.options.get('--from');
  if (from !== undefined) {
    const date = /^\d{4}-\d{2}-\d{2}$/.test(from) ? new Date(`${from}T00:00:00Z`) : new Date(from);
    if (Number.isNaN(date.getTime())) return refuse(`--from needs a date (2027-03-01) or an instant (2027-03-01T08:00:00Z) (got "${from}")`);
    options.from = date;
  }
  return options;
}

interface Calendar {
  reminders: readonly Reminder[];
  /** True when the knowledge has errors and only the reminder files as written could be read. */
  asWritten: boolean;
  post(reminder: Reminder, occurrence: Date, localTime: string): ReminderPost;
}

/**
 * The knowledge's reminders. When the knowledge has errors the bot keeps its last good copy, so the
 * command still lists the reminder files as written (without "Read more" entries), after saying so.
 */
function loadCalendar(io: CliIo): Calendar | undefined {
  const dir = knowledgeDirFrom([], io);
  const { kb, problems } = loadKnowledge(dir);
  if (kb) {
    return {
      reminders: kb.reminders,
      asWritten: false,
      post(reminder, occurrence, localTime) {
        const entry = reminder.entry === undefined ? undefined : kb.byId.get(reminder.entry);
        return { reminder, occurrence, localTime, ...(entry ? { entry: toAnswerEntry(entry, kb) } : {}) };
      },
    };
  }
  const errors = problems.filter((p) => p.severity === 'error');
  for (const problem of errors.slice(0, 5)) writeLine(io.stderr, formatProblem(problem));
  writeLine(
    io.stderr,
    `${dir}: the knowledge has ${errors.length} error(s) (see \`msht-guide kb check\`); listing the reminders as written, without their linked entries.`,
  );
  const reminders = remindersAsWritten(dir);
  if (reminders.length === 0) return undefined;
  return { reminders, asWritten: true, post: (reminder, occurrence, localTime) => ({ reminder, occurrence, localTime }) };
}

function remindersAsWritten(dir: string): Reminder[] {
  const found: Reminder[] = [];
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.ya?ml$/i.test(n)).sort();
  } catch {
    return found;
  }
  for (const name of names) {
    try {
      const data = parseYaml(readFileSync(join(dir, name), 'utf8')) as { reminders?: unknown } | null;
      if (!data || !Array.isArray(data.reminders)) continue;
      for (const item of data.reminders) {
        const parsed = Reminder.safeParse(item);
        if (parsed.success) found.push(parsed.data);
      }
    } catch {
      // A file that does not parse has no reminders to list; kb check names the problem.
    }
  }
  return found;
}

function next(calendar: Calendar, options: Options, io: CliIo): number {
  const topics = reminderTopics(calendar.reminders);
  if (options.topic !== undefined && !topics.includes(options.topic)) {
    writeLine(io.stderr, `no reminders have topic "${options.topic}"; topics: ${topics.join(', ')}`);
    return 1;
  }
  const upcoming = nextOccurrences(calendar.reminders, options.from, options.count, options.topic);
  if (upcoming.length === 0) {
    writeLine(io.stdout, 'No reminders are scheduled after that time.');
    return 0;
  }
  const rows = upcoming.map((o) => [o.localTime, o.reminder.topic, o.reminder.id, o.reminder.title]);
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const row of rows) {
    writeLine(io.stdout, row.map((cell, c) => (c < 3 ? cell.padEnd(widths[c]!) : cell)).join('  ').trimEnd());
  }
  return 0;
}

function preview(calendar: Calendar, options: Options, io: CliIo): number {
  const id = options.positional[1];
  if (id === undefined) {
    writeLine(io.stderr, 'Usage: msht-guide reminders preview <id>   (ids: msht-guide reminders next --count 50)');
    return 2;
  }
  const reminder = calendar.reminders.find((r) => r.id === id);
  if (!reminder) {
    const near = didYouMean(id, calendar.reminders.map((r) => r.id));
    writeLine(io.stderr, `no reminder has id "${id}"${near ? `; did you mean "${near}"?` : ''}`);
    return 1;
  }
  const [upcoming] = nextOccurrencesOf(reminder, options.from, 1);
  if (upcoming) {
    writeLine(io.stdout, `Next posted ${upcoming.localTime} to channels subscribed to "${reminder.topic}":`);
  } else {
    writeLine(io.stdout, `No occurrence is scheduled after that time${reminder.until ? ` (until ${reminder.until})` : ''}. It would read:`);
  }
  writeLine(io.stdout);
  const at = upcoming?.at ?? options.from;
  writeLine(io.stdout, reminderToText(calendar.post(reminder, at, upcoming?.localTime ?? '')));
  return 0;
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const options = readOptions(args, io);
  if (!options) return 2;
  const command = options.positional[0];
  if (command !== 'next' && command !== 'preview') {
    writeLine(io.stderr, command === undefined ? help : `msht-guide reminders: unknown command "${command}"\n\n${help}`);
    return 2;
  }
  const calendar = loadCalendar(io);
  if (!calendar) {
    writeLine(io.stderr, 'no reminders could be read');
    return 1;
  }
  const status = command === 'next' ? next(calendar, options, io) : preview(calendar, options, io);
  // Broken knowledge is an error even when the list could be shown.
  return status === 0 && calendar.asWritten ? 1 : status;
}
