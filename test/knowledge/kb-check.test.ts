// `msht-guide kb check` on each broken fixture: the admin sees the exact place and a message they can act on.
import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

const broken = (name: string) => `test/fixtures/knowledge/broken/${name}`;

// Review dates are judged as on a fixed day so the results never change with the calendar.
async function check(dir: string) {
  const run = await runCli(['kb', 'check', dir, '--as-of', '2026-11-23']);
  const lines = `${run.stdout}${run.stderr}`.trim().split('\n');
  return { ...run, lines };
}

describe('kb check on broken knowledge', () => {
  it.each([
    ['syntax-error', 'entries.yaml:13:12: YAML syntax error: this quoted text is never closed: add the closing "'],
    ['duplicate-key', 'entries.yaml:9:5: duplicate key `title`: each field may appear once in a mapping; remove or rename one'],
    ['unknown-field', 'entries.yaml:9:5: unknown field `titel`: did you mean `title`?'],
    ['missing-field', 'entries.yaml:3:5: missing required field `summary` in `what-is-modern-slavery`'],
    ['wrong-type', 'entries.yaml:7:16: `questions` must be a list (lines starting "- "), not "what is modern slavery"'],
    ['bad-reference', 'entries.yaml:9:15: `related` names `nrm-adult-referal`, but no entry has that id (did you mean `nrm-adult-referral`?)'],
    ['bad-date', 'entries.yaml:10:15: `reviewed` is not a real calendar date (got "2026-13-45")'],
    ['bad-link', 'entries.yaml:11:14: `url` must be a web address starting http:// or https:// (got "ftp://files.example.org/nrm.pdf")'],
    ['alias-bomb', 'entries.yaml:1:1: too many aliases (*name) in this file (limit 100): write the values out instead'],
    ['proto-key', 'entries.yaml:9:5: unknown field `__proto__`: allowed: id, kind, title'],
    ['date-format', 'entries.yaml:10:15: `reviewed` must be a date written YYYY-MM-DD, e.g. 2026-11-23 (got "23/11/2026")'],
    ['urgent-without-999', 'entries.yaml:6:14: `someone-in-danger-now` is `urgent: true`, so it must lead with 999: say "call 999" in its summary or first step'],
    ['reminder-two-schedules', 'reminders.yaml:17:13: `yearly` is given as well as `cron`: keep one of the two'],
    ['out-of-scope-also-asked', 'entries.yaml:12:5: "What is modern slavery?" is also a question of `what-is-modern-slavery`: keep it in one place (out of scope, or that entry\'s questions)'],
  ])('%s: prints the place and the problem, exits 1', async (name, expected) => {
    const { code, lines } = await check(broken(name));
    expect(code).toBe(1);
    expect(lines.filter((l) => /:\d+:\d+: /.test(l)).length).toBeGreaterThan(0);
    expect(lines[0]).toContain(`${broken(name)}/${expected}`);
    expect(lines.at(-1)).toMatch(/knowledge NOT valid: \d+ error\(s\).*keeps its last good knowledge/);
  });

  it('reports one slip once: a tab gives one error, not a cascade, and ids in the broken file still count', async () => {
    const { code, lines } = await check(broken('tab-indent'));
    expect(code).toBe(1);
    expect(lines).toEqual([
      `${broken('tab-indent')}/entries.yaml:4:1: tab used for indentation: indent with spaces (and 9 more YAML error(s) after it, probably caused by this one: fix it and check again)`,
      expect.stringMatching(/knowledge NOT valid: 1 error\(s\)/),
    ]);
  });

  it('says a dash is missing when an entry runs into the one before it', async () => {
    const { code, lines } = await check(broken('missing-dash'));
    expect(code).toBe(1);
    expect(lines[0]).toBe(
      `${broken('missing-dash')}/entries.yaml:11:5: a new entry seems to start here without its \`- \`: write \`- id:\` (fields repeated in one entry: \`id\`, \`kind\`, \`title\`, \`summary\`, \`questions\`, \`keywords\`, \`source\`, \`reviewed\`)`,
    );
    expect(lines).toHaveLength(2);
  });

  it('warns when a review date is further ahead than three months', async () => {
    const { code, lines } = await check(broken('review-interval'));
    expect(code).toBe(0);
    expect(lines[0]).toBe(`${broken('review-interval')}/entries.yaml:11:16: warning: \`review_by\` is 823 days after \`reviewed\`: facts that change are checked at least every three months`);
  });

  it('warns about a reminder topic that is a near-twin of one other reminders use', async () => {
    const { code, lines } = await check(broken('reminder-topic-typo'));
    expect(code).toBe(0);
    expect(lines.filter((l) => l.includes('warning:'))).toEqual([
      `${broken('reminder-topic-typo')}/reminders.yaml:11:12: warning: topic \`awarness-days\` is used by no other reminder: did you mean \`awareness-days\`? Channels subscribe by topic`,
    ]);
  });

  it('catches a field indented into the text above it, which YAML would read as more of that text', async () => {
    const { code, lines } = await check(broken('field-in-folded-text'));
    expect(code).toBe(1);
    expect(lines[0]).toBe(
      `${broken('field-in-folded-text')}/entries.yaml:9:7: \`related:\` is indented as part of the text of \`summary\` above it, so users would see it as answer text and the field would be lost: move it left to line up with \`summary:\``,
    );
    expect(lines).toHaveLength(2);
  });

  it('refuses internal notes in what users see, naming the first one in each text', async () => {
    const { code, lines } = await check(broken('internal-source'));
    expect(code).toBe(1);
    expect(lines.slice(0, 2)).toEqual([
      `${broken('internal-source')}/entries.yaml:9:14: \`source\` shows users "Knowledge brief", an internal brief they cannot follow: name the public document instead (its title, publisher and web address, or a seed document's title)`,
      `${broken('internal-source')}/entries.yaml:15:81: \`summary\` shows users "seed 002", a seed file number they cannot follow: say it in words a reader can act on, and put where it comes from in \`source\``,
    ]);
  });

  it('names both places of an id used twice', async () => {
    const { code, lines } = await check(broken('duplicate-id'));
    expect(code).toBe(1);
    expect(lines).toContain(`${broken('duplicate-id')}/a.yaml:3:9: duplicate id \`what-is-modern-slavery\`: also used at ${broken('duplicate-id')}/b.yaml:3:9`);
    expect(lines).toContain(`${broken('duplicate-id')}/b.yaml:3:9: duplicate id \`what-is-modern-slavery\`: also used at ${broken('duplicate-id')}/a.yaml:3:9`);
  });

  it('refuses a phone number and an email that no source backs', async () => {
    const { code, lines } = await check(broken('unsourced-phone'));
    expect(code).toBe(1);
    expect(lines).toContain(
      `${broken('unsourced-phone')}/entries.yaml:9:36: phone number 0800 123 4567 has no source: add it to a \`sources:\` list (e.g. sources.yaml) with where it was checked, or remove it`,
    );
    expect(lines.some((l) => l.includes('entries.yaml:9:62: email address help@example.org has no source'))).toBe(true);
  });

  it('warns, but passes, on an entry past its review date', async () => {
    const { code, lines } = await check(broken('review-overdue'));
    expect(code).toBe(0);
    expect(lines[0]).toBe(
      `${broken('review-overdue')}/entries.yaml:11:16: warning: \`what-is-modern-slavery\` was due for review on 2026-01-31: check its facts against the source, then update \`reviewed\` and \`review_by\``,
    );
    expect(lines.at(-1)).toMatch(/ok: 1 entries .* 0 error\(s\), 1 warning\(s\)/);
  });

  it('judges review dates as on the --as-of day', async () => {
    const before = await runCli(['kb', 'check', broken('review-overdue'), '--as-of', '2026-01-30']);
    expect(before.stdout).not.toContain('was due for review');
    expect(before.stdout).toContain('0 warning(s)');
    const bad = await runCli(['kb', 'check', broken('review-overdue'), '--as-of', '30/01/2026']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--as-of needs a date written YYYY-MM-DD');
  });

  it('warns about an empty file and loads the rest', async () => {
    const { code, lines } = await check(broken('empty-file'));
    expect(code).toBe(0);
    expect(lines[0]).toBe(`${broken('empty-file')}/empty.yaml:1:1: warning: file is empty: nothing loaded from it`);
  });

  it('ignores a file that is not YAML, with a notice', async () => {
    const { code, lines } = await check(broken('non-yaml-file'));
    expect(code).toBe(0);
    expect(lines[0]).toBe(`${broken('non-yaml-file')}/notes.txt:1:1: notice: not a YAML file (.yaml or .yml): ignored`);
  });

  it('does not let a __proto__ key reach the object prototype', async () => {
    await check(broken('proto-key'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  describe('files too big or not text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'msht-kb-hostile-'));
    copyFileSync(`${broken('non-yaml-file')}/entries.yaml`, join(dir, 'entries.yaml'));

    it('refuses a 50 MB file without reading it', async () => {
      const big = mkdtempSync(join(tmpdir(), 'msht-kb-big-'));
      copyFileSync(join(dir, 'entries.yaml'), join(big, 'entries.yaml'));
      writeFileSync(join(big, 'huge.yaml'), Buffer.alloc(50 * 1024 * 1024, 'a: b\n'));
      const { code, lines } = await check(big);
      expect(code).toBe(1);
      expect(lines.some((l) => l.endsWith('huge.yaml:1:1: file is 50.0 MB; a knowledge file must be under 2 MB (split it, or check it is the right file)'))).toBe(true);
    });

    it('refuses a binary file', async () => {
      writeFileSync(join(dir, 'logo.yaml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
      const { code, lines } = await check(dir);
      expect(code).toBe(1);
      expect(lines.some((l) => l.endsWith('logo.yaml:1:1: this is a binary file, not YAML text: remove it from the knowledge folder'))).toBe(true);
    });
  });

  it('says plainly when the folder does not exist', async () => {
    const { code, stderr } = await check('no/such/folder');
    expect(code).toBe(1);
    expect(stderr).toContain('no/such/folder:1:1: knowledge folder not found: no/such/folder (set KNOWLEDGE_DIR or pass the folder)');
  });

  it('passes the small valid fixture with a one-line summary', async () => {
    const { code, stdout } = await check('test/fixtures/knowledge/valid');
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^test\/fixtures\/knowledge\/valid: ok: 9 entries in 4 files, 3 synonym groups, 0 out-of-scope examples, 0 danger-now and 0 calm examples, 2 reminders, 3 sourced contact details; 0 error\(s\), 0 warning\(s\)/);
  });
});
