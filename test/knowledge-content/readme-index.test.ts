// knowledge/README.md carries an index of every entry for reviewers; it must match the knowledge it describes.
import { mkdtempSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INDEX_END, INDEX_START, renderIndex, replaceIndex } from '../../src/knowledge/index-doc.ts';
import { loadKnowledge } from '../../src/knowledge/loader.ts';
import { runCli } from '../helpers/cli.ts';

describe('knowledge/README.md entry index', () => {
  it('is up to date (run `msht-guide kb index` after editing the knowledge)', async () => {
    const run = await runCli(['kb', 'index', '--check']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('knowledge/README.md index is up to date');
    expect(run.code).toBe(0);
  });

  it('lists every entry with its source and review date, grouped by kind', () => {
    const { kb } = loadKnowledge('knowledge', { now: new Date('2026-11-23T12:00:00Z') });
    if (!kb) throw new Error('shipped knowledge does not load');
    const readme = readFileSync('knowledge/README.md', 'utf8');
    for (const entry of kb.entries) expect(readme, entry.id).toContain(`| \`${entry.id}\` |`);
    const danger = readme.split('\n').find((line) => line.startsWith('| `someone-in-danger-now`'));
    expect(danger).toContain('(urgent)');
    const reviewBy = kb.entries.find((e) => e.id === 'someone-in-danger-now')!.review_by!;
    expect(danger).toContain(reviewBy);
    // Sources are links a reviewer can follow, not bare citations with an address tacked on.
    expect(danger).toMatch(/\[[^\]]+\]\(https?:\/\/[^)\s]+\)/);
    expect(readme).toContain('### Referral steps');
    expect(readme).toContain('### Contacts');
  });

  it('`kb index --check` fails on a stale index and `kb index` repairs it, leaving the guide alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-index-'));
    cpSync('test/fixtures/knowledge/valid', dir, { recursive: true });
    const guide = '# Our guide\n\nEdit with care.\n';
    writeFileSync(join(dir, 'README.md'), `${guide}\n${INDEX_START}\nold stuff\n${INDEX_END}\n\nFooter.\n`);

    const stale = await runCli(['kb', 'index', dir, '--check']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('index is out of date: run `msht-guide kb index`');

    const write = await runCli(['kb', 'index', dir]);
    expect(write.code).toBe(0);
    const text = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(text.startsWith(guide)).toBe(true);
    expect(text).not.toContain('old stuff');
    expect(text.trimEnd().endsWith('Footer.')).toBe(true);

    const fresh = await runCli(['kb', 'index', dir, '--check']);
    expect(fresh.code).toBe(0);
  });

  it('says what to add when the markers are missing', () => {
    const result = replaceIndex('# A README with no markers\n', 'index');
    expect('error' in result && result.error).toContain(INDEX_START);
  });

  it('escapes pipes so a title cannot break the table', () => {
    const entry = {
      id: 'a-b', kind: 'info' as const, title: 'This | that', summary: 's', questions: ['q'], keywords: [],
      source: 'x | y', reviewed: '2026-11-23',
    };
    const text = renderIndex({ entries: [entry], origins: new Map([['a-b', { file: 'knowledge/info.yaml', line: 1, col: 1 }]]) });
    expect(text).toContain('| `a-b` | This \\| that | info.yaml | x \\| y |  |');
  });
});
