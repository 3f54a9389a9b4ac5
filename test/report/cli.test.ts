// `msht-guide report` as an admin runs it: on the database the bot recorded into, against the knowledge.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import type { Store } from '../../src/store/store.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDbPath } from '../store/helpers.ts';
import { TEST_DATABASE_URL, freshSchema, sayWhySkipped } from '../store/postgres-helpers.ts';
import { FIXTURE, fixture, week } from './week.ts';

sayWhySkipped();

let tmp: ReturnType<typeof tempDbPath>;
let env: Record<string, string>;

beforeEach(async () => {
  tmp = tempDbPath();
  await recordWeek(openSqliteStore(tmp.file));
  env = { DATABASE_PATH: tmp.file, KNOWLEDGE_DIR: FIXTURE };
});

/** The week's questions and feedback, a few deliveries and a paused channel, as the bot would record them. */
async function recordWeek(store: Store): Promise<void> {
  try {
    await week(store, fixture());
    const key = { reminderId: 'monthly-signs', occurrence: '2026-11-18T09:00:00.000Z', platform: 'slack', channelId: 'C1' };
    await store.markDelivered(key, new Date('2026-11-18T09:00:01Z'));
    await store.markFailed({ ...key, channelId: 'C2' }, 'channel_not_found', new Date('2026-11-18T09:00:01Z'), true);
    await store.subscribe({ platform: 'slack', channelId: 'C2' }, 'spot-the-signs', new Date('2026-11-01T00:00:00Z'));
    await store.disableChannel({ platform: 'slack', channelId: 'C2' }, 'channel_not_found', new Date('2026-11-18T09:00:01Z'));
  } finally {
    await store.close();
  }
}
afterEach(() => tmp.cleanup());

const WEEK = ['--since', '2026-11-16', '--until', '2026-11-22'];

describe('msht-guide report', () => {
  it('prints the figures and the groups with what to do', async () => {
    const run = await runCli(['report', ...WEEK], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('What was asked, 16 Nov 2026 to 22 Nov 2026 (UK days)');
    expect(run.stdout).toContain('11 questions: 1 urgent, 2 answered, 2 ambiguous, 6 no match');
    expect(run.stdout).toContain('1. 3× “parking at HQ”');
    expect(run.stdout).not.toMatch(/Jane|07700/);
  });

  it('prints one JSON object with --json', async () => {
    const run = await runCli(['report', ...WEEK, '--json'], { env });
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { period: { days: number }; questions: { total: number }; unanswered: { groups: unknown[] } };
    expect(json.period.days).toBe(7);
    expect(json.questions.total).toBe(11);
    expect(json.unanswered.groups).toHaveLength(4);
  });

  it('writes the page with --html, owner-only, and says where', async () => {
    const file = join(tmp.dir, 'report.html');
    const run = await runCli(['report', ...WEEK, '--html', file], { env });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^Wrote .*report\.html \(\d+ KB\): open it in a browser; it loads nothing from the network\.\n$/);
    expect(readFileSync(file, 'utf8')).toMatch(/^<!doctype html>/);
    if (process.platform !== 'win32') expect((await import('node:fs')).statSync(file).mode & 0o777).toBe(0o600);
  });

  it('prints the admins\' digest with --digest, as it would be sent', async () => {
    const run = await runCli(['report', '--digest', '--since', '2026-11-16', '--until', '2026-11-22'], { env });
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('MSHT Guide weekly digest: 16 Nov 2026 to 22 Nov 2026');
    expect(lines).toContain('Unanswered, most asked first (8 questions in 4 groups)');
    expect(lines).toContain('1. 3× “parking at HQ” (3 no match; last asked 19 Nov 2026)');
    expect(lines).toContain('New 👎 (2)');
    expect(run.stdout).not.toMatch(/Jane|07700/);
    const refused = await runCli(['report', '--digest', '--json'], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--digest prints the digest as text; leave out --json and --html');
  });

  it('says so when there is no database, and creates none', async () => {
    const missing = join(tmp.dir, 'none', 'x.db');
    const run = await runCli(['report'], { env: { ...env, DATABASE_PATH: missing } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`there is no database at ${missing} (DATABASE_PATH)`);
    expect(existsSync(missing)).toBe(false);
  });

  it('refuses a DATABASE_URL that is not PostgreSQL, without echoing it', async () => {
    const run = await runCli(['report'], { env: { ...env, DATABASE_URL: 'mysql://u:secret@h/db' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('DATABASE_URL must be a PostgreSQL URL');
    expect(run.stderr).not.toContain('secret');
  });

  it.each([
    [['--since', 'a month'], '--since needs a number of days (30d), weeks (2w) or hours (12h), or a date (2026-11-01), got "a month"'],
    [['--until', 'tomorrow'], '--until needs a date (2026-11-30) or an instant (2026-11-30T09:00:00Z), got "tomorrow"'],
    [['--since', '2026-12-01', '--until', '2026-11-01'], 'must be before --until'],
    [['--html', ''], '--html needs a file name'],
    [['--csv'], 'unknown option --csv; it takes --json, --digest, --since, --until, --html'],
  ])('refuses %j with exit 2', async (args, message) => {
    const run = await runCli(['report', ...args], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});

describe.skipIf(!TEST_DATABASE_URL)('msht-guide report on PostgreSQL', () => {
  it('reads the same week from DATABASE_URL as from the SQLite file, in every format', async () => {
    const schema = await freshSchema();
    try {
      await recordWeek(await openPostgresStore(schema.url));
      const onPostgres = { KNOWLEDGE_DIR: FIXTURE, DATABASE_URL: schema.url };
      for (const format of [[], ['--json']]) {
        const [sqlite, postgres] = await Promise.all([runCli(['report', ...WEEK, ...format], { env }), runCli(['report', ...WEEK, ...format], { env: onPostgres })]);
        expect(postgres.code).toBe(0);
        expect(postgres.stderr).toBe('');
        expect(postgres.stdout).toBe(sqlite.stdout);
      }
      const text = (await runCli(['report', ...WEEK], { env: onPostgres })).stdout;
      expect(text).toContain('11 questions: 1 urgent, 2 answered, 2 ambiguous, 6 no match');
      expect(text).toContain('paused: slack C2 (spot-the-signs)');
    } finally {
      await schema.drop();
    }
  });
});
