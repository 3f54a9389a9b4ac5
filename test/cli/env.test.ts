// The command-line tools read settings the way the bot does: a blank variable means "not set".
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

describe('KNOWLEDGE_DIR for the command-line tools', () => {
  it('treats a blank KNOWLEDGE_DIR as unset and uses knowledge/', async () => {
    const run = await runCli(['ask', '--json', 'nrm for a child'], { env: { KNOWLEDGE_DIR: '  ' } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { status: string }).status).not.toBe('no_match');
  }, 30_000); // a real process loading the whole knowledge: seconds on a busy machine

  it('uses the folder KNOWLEDGE_DIR names', async () => {
    const run = await runCli(['kb', 'check', '--as-of', '2026-11-23'], { env: { KNOWLEDGE_DIR: 'test/fixtures/knowledge/valid' } });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^test\/fixtures\/knowledge\/valid: ok: 9 entries/);
  });
});
