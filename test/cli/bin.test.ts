// The installed command, run as a user runs it. npm and npx start it through a link named `msht-guide`
// (not the file's own name), so the test does the same.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(mkdtempSync(join(tmpdir(), 'msht-bin-')), 'msht-guide');
symlinkSync(resolve('src/bin/msht-guide.js'), BIN);

describe('the msht-guide command', () => {
  it('runs through the link npm installs, and its exit code is the command\'s', () => {
    const ok = spawnSync(BIN, ['kb', 'check', 'test/fixtures/knowledge/valid', '--as-of', '2026-11-23'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^test\/fixtures\/knowledge\/valid: ok: 9 entries/);
    const broken = spawnSync(BIN, ['kb', 'check', 'test/fixtures/knowledge/broken/unknown-field'], { encoding: 'utf8' });
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('entries.yaml:9:5: unknown field `titel`: did you mean `title`?');
  }, 30_000); // two real processes: seconds on a busy machine

  it('answers 200 questions from stdin in one process, one JSON line each, in order', () => {
    const questions = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? `refer a kid to nrm ${i}` : `book a meeting room ${i}`));
    const out = execFileSync(BIN, ['ask', '--json'], { input: `${questions.join('\n')}\n`, encoding: 'utf8', env: { ...process.env, KNOWLEDGE_DIR: '' } });
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as { query: string; status: string; answer: { id: string } | null });
    expect(lines).toHaveLength(200);
    expect(lines.map((l) => l.query)).toEqual(questions);
    expect(lines[0]!.answer?.id).toBe('child-referral-nrm');
    expect(lines[1]!.status).toBe('no_match');
    expect(lines[1]!.answer).toBeNull();
  }, 30_000); // a real process loading the whole knowledge: seconds on a busy machine

  it('stops quietly when its reader stops early (`kb review | head -1`)', async () => {
    const child = spawn(BIN, ['kb', 'review'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    // read the first chunk, then close the pipe the way `head` does
    const first = await new Promise<string>((done) => child.stdout.once('data', (c: Buffer) => done(c.toString())));
    child.stdout.destroy();
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    expect(first).toMatch(/^knowledge: \d+ entries as of/);
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
  }, 30_000);
});

describe('where the command runs from', () => {
  // The compiled build runs when it is current; any source newer than its compiled copy means the source
  // runs through tsx instead, so an edit or a pull without a rebuild never runs stale code.
  async function tree() {
    const { buildIsCurrent } = await import('../../src/bin/load.js');
    const root = mkdtempSync(join(tmpdir(), 'msht-build-'));
    const file = (path: string, when: number) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), '');
      utimesSync(join(root, path), when, when);
    };
    return { current: () => buildIsCurrent(join(root, 'src'), join(root, 'build')), file };
  }

  it('is the build when every source has a compiled copy at least as new', async () => {
    const t = await tree();
    t.file('src/cli.ts', 1000);
    t.file('src/server/http.ts', 1000);
    t.file('build/cli.js', 1000);
    t.file('build/server/http.js', 2000);
    expect(t.current()).toBe(true);
  });

  it('is the source when the build is missing, lacks a file, or is older than a source', async () => {
    const t = await tree();
    t.file('src/cli.ts', 1000);
    expect(t.current()).toBe(false);
    t.file('build/cli.js', 2000);
    expect(t.current()).toBe(true);
    t.file('src/server/http.ts', 1000);
    expect(t.current()).toBe(false);
    t.file('build/server/http.js', 1500);
    expect(t.current()).toBe(true);
    t.file('src/server/http.ts', 1600); // edited after the build
    expect(t.current()).toBe(false);
  });
});
