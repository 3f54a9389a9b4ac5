// `msht-guide kb review [dir]`: the entries in the order an admin should check them against their sources,
// overdue first, each with where it is written and what to check it against; then the contact details that
// were never checked on the live page.
import { loadKnowledge } from '../knowledge/loader.ts';
import { formatProblem } from '../knowledge/problems.ts';
import { dayOf, DUE_SOON_DAYS, reviewSchedule, sourcesOf, type ReviewItem, type ReviewState } from '../knowledge/review.ts';
import type { SourcedValue } from '../knowledge/schema.ts';
import { knowledgeDirFrom, readArgs, readDay, writeLine, type CliIo } from './io.ts';

export const help = `Usage: msht-guide kb review [dir] [--as-of YYYY-MM-DD] [--within DAYS] [--json]

Lists the entries of the knowledge in dir (default: $KNOWLEDGE_DIR, else knowledge/) by how soon they are due
for a check against their sources: overdue first, then due within ${DUE_SOON_DAYS} days, then later, then the
entries with no review date (oldest check first). Each shows its file and line, when it was last checked and
its sources. Then the phone numbers, emails and web addresses in sources.yaml that were not checked on the
live page.
  --as-of    judge the dates as on that day (default: today)
  --within   list only entries due within DAYS days (overdue included)
  --json     one JSON object: { as_of, counts, entries: [{ id, title, file, line, state, review_by, reviewed,
             days_left, sources }], not_checked_live: [{ value, kind, checked, checked_against, source }] }
Past its review date an entry is still served, and every answer from it says it may be out of date.
Exit status: 0, or 1 when the knowledge has errors (run \`msht-guide kb check\`), 2 on a bad option.`;

const HEADINGS: Record<ReviewState, string> = {
  overdue: 'Overdue: being served with a "may be out of date" line',
  'due-soon': `Due within ${DUE_SOON_DAYS} days`,
  scheduled: 'Due later',
  'no-date': 'No review date (facts that do not change), oldest check first',
};

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = readArgs('kb review', args, { flags: ['--json'], options: ['--as-of', '--within'], maxPositionals: 1 }, io);
  if (!parsed) return 2;
  const now = readDay(parsed.options.get('--as-of'), 'kb review', io);
  if (!now) return 2;
  const withinText = parsed.options.get('--within');
  const within = withinText === undefined ? undefined : Number(withinText);
  if (within !== undefined && !(Number.isInteger(within) && within >= 0)) {
    writeLine(io.stderr, `msht-guide kb review: --within needs a whole number of days, e.g. --within 30 (got "${withinText}")`);
    return 2;
  }
  const dir = knowledgeDirFrom(parsed.positionals, io);
  const { kb, problems } = loadKnowledge(dir, { now });
  if (!kb) {
    for (const problem of problems.filter((p) => p.severity === 'error')) writeLine(io.stderr, formatProblem(problem));
    writeLine(io.stderr, `${dir}: knowledge NOT valid, so it cannot be reviewed: fix the problems above first (\`msht-guide kb check\`)`);
    return 1;
  }
  const all = reviewSchedule(kb, now);
  const items = within === undefined ? all : all.filter((i) => i.daysLeft !== undefined && i.daysLeft <= within);
  const count = (state: ReviewState) => all.filter((i) => i.state === state).length;
  const notLive = kb.sources.filter((s) => s.checked_against !== 'live-page').sort((a, b) => a.checked.localeCompare(b.checked) || a.value.localeCompare(b.value));

  if (parsed.flags.has('--json')) {
    writeLine(
      io.stdout,
      JSON.stringify({
        as_of: dayOf(now),
        counts: { overdue: count('overdue'), due_soon: count('due-soon'), scheduled: count('scheduled'), no_date: count('no-date') },
        entries: items.map((i) => ({
          id: i.entry.id,
          title: i.entry.title,
          file: i.origin?.file ?? null,
          line: i.origin?.line ?? null,
          state: i.state,
          review_by: i.entry.review_by ?? null,
          reviewed: i.entry.reviewed,
          days_left: i.daysLeft ?? null,
          sources: sourcesOf(i.entry),
        })),
        not_checked_live: notLive.map((s) => ({ value: s.value, kind: s.kind, checked: s.checked, checked_against: s.checked_against ?? null, source: s.source })),
      }),
    );
    return 0;
  }

  writeLine(
    io.stdout,
    `${dir}: ${kb.entries.length} entries as of ${dayOf(now)}: ${count('overdue')} overdue, ${count('due-soon')} due within ${DUE_SOON_DAYS} days, ` +
      `${count('scheduled')} due later, ${count('no-date')} with no review date.`,
  );
  for (const state of ['overdue', 'due-soon', 'scheduled', 'no-date'] as const) {
    const group = items.filter((i) => i.state === state);
    if (group.length === 0) continue;
    writeLine(io.stdout, `\n${HEADINGS[state]} (${group.length})`);
    for (const item of group) writeLine(io.stdout, itemText(item));
  }
  if (within === undefined && notLive.length > 0) {
    writeLine(io.stdout, `\nContact details not checked on the live page (${notLive.length} of ${kb.sources.length}), oldest check first`);
    for (const s of notLive) writeLine(io.stdout, sourceLine(s));
  }
  return 0;
}

function itemText(item: ReviewItem): string {
  const { entry, origin } = item;
  const where = origin ? `${origin.file}:${origin.line}:${origin.col}` : '';
  const when =
    item.daysLeft === undefined
      ? `last checked ${entry.reviewed}`
      : `due ${entry.review_by} (${relative(item.daysLeft)}), last checked ${entry.reviewed}`;
  return [`- ${entry.id}: ${entry.title}`, `    ${when}  ${where}`, ...sourcesOf(entry).map((s) => `    check: ${s}`)].join('\n');
}

function relative(days: number): string {
  if (days === 0) return 'today';
  if (days < 0) return `${-days} day${days === -1 ? '' : 's'} ago`;
  return `in ${days} day${days === 1 ? '' : 's'}`;
}

function sourceLine(s: SourcedValue): string {
  const how = s.checked_against === 'stored-copy' ? 'a stored copy' : 'not stated';
  return `- ${s.value} (${s.kind}): checked ${s.checked} against ${how}; ${s.source}`;
}
