// `msht-guide report`: what was asked and how it went, from what the bot recorded (the database at
// DATABASE_PATH) read against today's knowledge: terminal text, one JSON object, or one self-contained HTML page.
import { existsSync, writeFileSync } from 'node:fs';
import { ConfigError, storeSettingsFromEnv } from '../config.ts';
import { loadKnowledge } from '../knowledge/loader.ts';
import { formatProblem } from '../knowledge/problems.ts';
import { buildReport } from '../report/report.ts';
import { parseSince, startOfUkDay } from '../report/period.ts';
import { reportToJson } from '../report/json.ts';
import { reportToText } from '../report/text.ts';
import { reportToHtml } from '../report/html.ts';
import { buildDigest, digestToLines } from '../report/digest.ts';
import { openStore } from '../store/open.ts';
import { knowledgeDirFrom, readArgs, writeLine, type CliIo } from './io.ts';

export const help = `Usage: msht-guide report [--since 30d] [--until WHEN] [--json] [--html FILE]
       msht-guide report --digest [--since 7d] [--until WHEN]

What was asked and how it went, for the admins who keep the knowledge:
  - questions per day by outcome (urgent, answered, ambiguous, no match) and by platform;
  - unanswered and ambiguous questions grouped (similar questions together, by the search's own reading
    of their words), most asked first, each with a redacted example, the nearest entries with their
    scores, and what to do: a line to add to an entry's questions:, a new entry, or a line for
    out-of-scope.yaml (copy it yourself: nothing is changed);
  - not-helpful feedback by entry, with the reasons given;
  - entries past or near their review date;
  - reminder deliveries in the period (delivered, failed, skipped) and paused channels; the admins' digests;
  - questions handed to expert teams: sent, answered, expired, waiting, not sent, by team, and how long
    the first answer took.
  --since   how far back: 30d (default), 2w, 12h, or a date (2026-11-01, from the start of that UK day)
  --until   where the period ends: now (default), a date (to the end of that UK day) or an instant
  --json    one JSON object with the same data, for other tools
  --html    also write one self-contained page (charts included, nothing loaded from the network) to FILE
  --digest  print the admins' digest for the period instead (what ADMIN_USERS are sent on DIGEST_SCHEDULE,
            by default every Monday at 09:00 UK time, covering the week before); --since defaults to 7d
Reads the bot's database (PostgreSQL at $DATABASE_URL when set, else the SQLite file at $DATABASE_PATH,
default data/msht-guide.db) and the knowledge in $KNOWLEDGE_DIR (default knowledge/). Questions are shown only as stored: with names, numbers and addresses already removed.
Exit status: 0, 1 when there is no database or the knowledge has errors, 2 on a bad option.`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = readArgs('report', args, { flags: ['--json', '--digest'], options: ['--since', '--until', '--html'] }, io);
  if (!parsed) return 2;
  const refuse = (message: string): number => {
    writeLine(io.stderr, `msht-guide report: ${message} (see \`msht-guide report --help\`)`);
    return 2;
  };
  const untilText = parsed.options.get('--until');
  const until = untilText === undefined ? new Date() : readUntil(untilText);
  if (!until) return refuse(`--until needs a date (2026-11-30) or an instant (2026-11-30T09:00:00Z), got "${untilText}"`);
  const digest = parsed.flags.has('--digest');
  if (digest && (parsed.flags.has('--json') || parsed.options.has('--html'))) return refuse('--digest prints the digest as text; leave out --json and --html');
  const sinceText = parsed.options.get('--since') ?? (digest ? '7d' : '30d');
  const since = parseSince(sinceText, until);
  if (!since) return refuse(`--since needs a number of days (30d), weeks (2w) or hours (12h), or a date (2026-11-01), got "${sinceText}"`);
  if (since >= until) return refuse(`--since (${since.toISOString()}) must be before --until (${until.toISOString()})`);
  const htmlFile = parsed.options.get('--html');
  if (htmlFile !== undefined && htmlFile.trim() === '') return refuse('--html needs a file name, e.g. --html report.html');

  let settings: ReturnType<typeof storeSettingsFromEnv>;
  try {
    settings = storeSettingsFromEnv(io.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    writeLine(io.stderr, `msht-guide report: ${error.message}`);
    return 1;
  }
  // A report reads; it never creates a SQLite file where the bot has not run.
  if (settings.databaseUrl === undefined && !existsSync(settings.databasePath)) {
    writeLine(io.stderr, `msht-guide report: there is no database at ${settings.databasePath} (DATABASE_PATH): the bot has not recorded anything here yet.`);
    return 1;
  }
  const dir = knowledgeDirFrom([], io);
  const { kb, problems } = loadKnowledge(dir, { now: until });
  if (!kb) {
    for (const problem of problems.filter((p) => p.severity === 'error')) writeLine(io.stderr, formatProblem(problem));
    writeLine(io.stderr, `${dir}: knowledge NOT valid, so the report cannot read questions against it: fix the problems above first (\`msht-guide kb check\`)`);
    return 1;
  }
  let store;
  try {
    store = await openStore(settings, { label: 'report' });
  } catch (error) {
    writeLine(io.stderr, `msht-guide report: ${(error as Error).message}`);
    return 1;
  }
  let report;
  try {
    report = await buildReport({ store, knowledge: kb, period: { since, until } });
  } finally {
    await store.close();
  }
  if (digest) writeLine(io.stdout, digestToLines(buildDigest(report)).join('\n'));
  else if (parsed.flags.has('--json')) writeLine(io.stdout, JSON.stringify(reportToJson(report)));
  else writeLine(io.stdout, reportToText(report));
  if (htmlFile !== undefined) {
    const html = reportToHtml(report);
    writeFileSync(htmlFile, html, { mode: 0o600 });
    writeLine(io.stderr, `Wrote ${htmlFile} (${Math.ceil(Buffer.byteLength(html) / 1024)} KB): open it in a browser; it loads nothing from the network.`);
  }
  return 0;
}

function readUntil(text: string): Date | undefined {
  const trimmed = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) {
    if (Number.isNaN(Date.parse(trimmed))) return undefined;
    // To the end of that UK day: the start of the next one, less a millisecond.
    const next = new Date(Date.parse(`${trimmed}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    return new Date(startOfUkDay(next).getTime() - 1);
  }
  const at = Date.parse(trimmed);
  return /\d{4}-\d{2}-\d{2}T/.test(trimmed) && !Number.isNaN(at) ? new Date(at) : undefined;
}
