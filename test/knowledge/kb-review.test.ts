// `msht-guide kb review`: what an admin works through, in order, with what to check each entry against.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

const valid = 'test/fixtures/knowledge/valid';

describe('kb review', () => {
  it('lists overdue entries first, with file, line, dates and sources, then the rest', async () => {
    const run = await runCli(['kb', 'review', valid, '--as-of', '2027-03-01']);
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toMatch(/^test\/fixtures\/knowledge\/valid: 9 entries as of 2027-03-01: 2 overdue, 0 due within 31 days, 0 due later, 7 with no review date\./);
    expect(out).toContain(
      [
        'Overdue: being served with a "may be out of date" line (2)',
        '- nrm-adult-referral: Refer an adult to the National Referral Mechanism (NRM)',
        `    due 2027-02-23 (6 days ago), last checked 2026-11-23  ${valid}/entries.yaml:26:9`,
        '    check: Home Office NRM guidance: adult (England and Wales)',
      ].join('\n'),
    );
    expect(out.indexOf('Overdue')).toBeLessThan(out.indexOf('No review date'));
  });

  it('says how soon an entry falls due before it is overdue', async () => {
    const run = await runCli(['kb', 'review', valid, '--as-of', '2027-02-13']);
    expect(run.stdout).toContain('Due within 31 days (2)');
    expect(run.stdout).toContain('due 2027-02-23 (in 10 days), last checked 2026-11-23');
  });

  it('lists the contact details not checked on the live page', async () => {
    const run = await runCli(['kb', 'review', valid, '--as-of', '2027-02-13']);
    expect(run.stdout).toContain('Contact details not checked on the live page (2 of 3), oldest check first');
    expect(run.stdout).toContain('- 08000 121 700 (phone): checked 2026-11-23 against not stated; Modern Slavery Helpline');
    expect(run.stdout).toContain('- https://www.modernslaveryhelpline.org (url): checked 2026-11-23 against a stored copy; Modern Slavery Helpline');
    expect(run.stdout).not.toContain('0800 808 3733 (phone)');
  });

  it('--within keeps only what falls due in that many days; --json gives the same list to tools', async () => {
    const within = await runCli(['kb', 'review', valid, '--as-of', '2027-01-01', '--within', '60']);
    expect(within.stdout).toContain('Due later (2)');
    expect(within.stdout).not.toContain('No review date');
    const json = JSON.parse((await runCli(['kb', 'review', valid, '--as-of', '2027-03-01', '--json'])).stdout) as {
      counts: Record<string, number>;
      entries: { id: string; state: string; days_left: number | null; sources: string[] }[];
    };
    expect(json.counts).toEqual({ overdue: 2, due_soon: 0, scheduled: 0, no_date: 7 });
    expect(json.entries[0]).toMatchObject({ id: 'nrm-adult-referral', state: 'overdue', days_left: -6, sources: ['Home Office NRM guidance: adult (England and Wales)'] });
  });

  it('refuses a bad --within and broken knowledge', async () => {
    const bad = await runCli(['kb', 'review', valid, '--within', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--within needs a whole number of days');
    const broken = await runCli(['kb', 'review', 'test/fixtures/knowledge/broken/missing-field']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('knowledge NOT valid, so it cannot be reviewed');
  });
});
