// The help a user reads must match what the command does, and the README must list the same commands.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

const COMMANDS = ['ask', 'chat', 'eval', 'kb check', 'kb index', 'kb schema', 'reminders', 'serve'];

describe('msht-guide --help', () => {
  it('lists every command', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const command of COMMANDS) expect(run.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
  });

  it.each(COMMANDS)('`%s --help` prints its usage and exits 0', async (command) => {
    const run = await runCli([...command.split(' '), '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage:\s+msht-guide /);
  });

  it('the README documents every command', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const command of COMMANDS) expect(readme).toContain(`\`${command}`);
  });

  it('refuses an unknown command with the usage, exit 2', async () => {
    const run = await runCli(['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('msht-guide: unknown command "frobnicate"');
  });
});
