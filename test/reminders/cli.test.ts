import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/reminders.ts';

async function cli(args: string[], env: Record<string, string | undefined> = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += String(chunk)));
  stderr.on('data', (chunk) => (err += String(chunk)));
  const code = await run(args, { stdout, stderr, stdin: new PassThrough(), env });
  return { code, out, err };
}

const ENTRY = `entries:
  - id: anti-slavery-day
    kind: info
    title: UK Anti-Slavery Day (18 October)
    summary: 18 October is Anti-Slavery Day in the UK.
    questions: [when is anti-slavery day]
    source: Anti-Slavery Day Act 2010
    reviewed: 2026-11-23
`;

/** A small knowledge folder: one entry, and the reminders given. */
function knowledgeWith(reminders: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'msht-kb-'));
  writeFileSync(join(dir, 'entries.yaml'), ENTRY);
  writeFileSync(join(dir, 'reminders.yaml'), reminders);
  return dir;
}

describe('msht-guide reminders', () => {
  it('lists the next occurrences of the shipped calendar with local times', async () => {
    const { code, out } = await cli(['next', '--count', '10', '--from', '2026-11-23T14:00:00Z']);
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(10);
    expect(lines.map((l) => l.split(/ {2,}/).slice(0, 3))).toEqual([
      ['Tue 1 Dec 2026, 09:00 GMT', 'spot-the-signs', 'spot-the-signs-domestic-december'],
      ['Wed 2 Dec 2026, 09:00 GMT', 'awareness-days', 'international-day-abolition-of-slavery'],
      ['Tue 5 Jan 2027, 09:00 GMT', 'spot-the-signs', 'spot-the-signs-general'],
      ['Tue 12 Jan 2027, 09:00 GMT', 'partnership', 'partnership-quarterly-outcomes-review'],
      ['Tue 2 Feb 2027, 09:00 GMT', 'spot-the-signs', 'spot-the-signs-labour'],
      ['Tue 2 Mar 2027, 09:00 GMT', 'spot-the-signs', 'spot-the-signs-sexual'],
      ['Tue 16 Mar 2027, 09:00 GMT', 'partnership', 'partnership-training-check'],
      ['Thu 25 Mar 2027, 09:00 GMT', 'awareness-days', 'remembrance-victims-of-slavery-day'],
      ['Tue 6 Apr 2027, 09:00 BST', 'spot-the-signs', 'spot-the-signs-domestic-servitude'],
      ['Tue 13 Apr 2027, 09:00 BST', 'partnership', 'partnership-quarterly-outcomes-review'],
    ]);
  });

  it('filters by topic, and names the topics when one is unknown', async () => {
    const dir = knowledgeWith(
      `reminders:
  - id: abolition-day
    title: "Today: International Day for the Abolition of Slavery"
    message: Hello.
    topic: awareness-days
    yearly: 12-02
  - id: monthly
    title: Monthly tip
    message: Hello.
    topic: spot-the-signs
    cron: "0 9 1 * *"
`,
    );
    const { out } = await cli(['next', '--topic', 'awareness-days', '--count', '2', '--from', '2026-11-23'], { KNOWLEDGE_DIR: dir });
    expect(out).toBe(
      'Wed 2 Dec 2026, 09:00 GMT  awareness-days  abolition-day  Today: International Day for the Abolition of Slavery\n' +
        'Thu 2 Dec 2027, 09:00 GMT  awareness-days  abolition-day  Today: International Day for the Abolition of Slavery\n',
    );
    const unknown = await cli(['next', '--topic', 'awareness'], { KNOWLEDGE_DIR: dir });
    expect(unknown.code).toBe(1);
    expect(unknown.err).toBe('no reminders have topic "awareness"; topics: awareness-days, spot-the-signs\n');
  });

  it('previews a reminder as it will be posted, with its linked entry', async () => {
    const dir = knowledgeWith(
      `reminders:
  - id: anti-slavery-day
    title: "Today: UK Anti-Slavery Day"
    message: Share how to spot the signs and how to report.
    topic: awareness-days
    yearly: 10-18
    entry: anti-slavery-day
`,
    );
    const { code, out } = await cli(['preview', 'anti-slavery-day', '--from', '2026-11-23'], { KNOWLEDGE_DIR: dir });
    expect(code).toBe(0);
    expect(out).toBe(
      [
        'Next posted Mon 18 Oct 2027, 09:00 BST to channels subscribed to "awareness-days":',
        '',
        'Today: UK Anti-Slavery Day',
        '',
        'Share how to spot the signs and how to report.',
        '',
        'Read more: UK Anti-Slavery Day (18 October)',
        '18 October is Anti-Slavery Day in the UK.',
        '',
      ].join('\n'),
    );
    const missing = await cli(['preview', 'anti-slavery'], { KNOWLEDGE_DIR: dir });
    expect(missing.code).toBe(1);
    expect(missing.err).toBe('no reminder has id "anti-slavery"; did you mean "anti-slavery-day"?\n');
  });

  it('explains a bad option', async () => {
    const { code, err } = await cli(['next', '--count', 'ten']);
    expect(code).toBe(2);
    expect(err.split('\n')[0]).toBe('msht-guide reminders: --count needs a whole number from 1 to 1000 (got "ten")');
  });

  it('still lists the reminders, and fails, when the knowledge has errors', async () => {
    const dir = knowledgeWith(
      `reminders:
  - id: monthly
    title: Monthly
    message: Hello.
    topic: partnership
    cron: "0 9 1 * *"
    entry: no-such-entry
`,
    );
    const { code, out, err } = await cli(['next', '--count', '1', '--from', '2026-11-23'], { KNOWLEDGE_DIR: dir });
    expect(code).toBe(1);
    expect(err).toMatch(/reminders\.yaml:7:\d+: .*no-such-entry/);
    expect(err).toMatch(/the knowledge has 1 error\(s\)/);
    expect(out).toBe('Tue 1 Dec 2026, 09:00 GMT  partnership  monthly  Monthly\n');
  });
});
