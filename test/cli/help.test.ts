// The help a user reads must match what the command does, and the README must list the same commands.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

const COMMANDS = ['ask', 'chat', 'eval', 'kb check', 'kb review', 'kb index', 'kb schema', 'reminders', 'report', 'serve'];

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

describe('bad options', () => {
  it.each([
    [['ask', '--jsn', 'nrm'], 'msht-guide ask: unknown option --jsn; it takes --json'],
    [['kb', 'index', '--bogus'], 'msht-guide kb index: unknown option --bogus; it takes --check'],
    [['kb', 'check', '--as-of'], 'msht-guide kb check: --as-of needs a value'],
    [['kb', 'check', 'a', 'b'], 'msht-guide kb check: too many arguments: "b"'],
    [['eval', '--bogus'], 'msht-guide eval: unknown option --bogus; it takes --misses, --baseline'],
    [['chat', '--foo'], 'msht-guide chat: unknown option --foo; it takes no options'],
    [['serve', '--port', '80'], 'msht-guide serve: unknown option --port; it takes no options'],
  ])('%j is refused with exit 2 and says why', async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });
});
