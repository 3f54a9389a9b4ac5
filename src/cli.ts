// The `msht-guide` command: one entry point, each subcommand in its own module under cli/, loaded only
// when it is used so `kb check` never pays for the Slack or Teams SDKs.
import { pathToFileURL } from 'node:url';
import { processIo, writeLine, type CliCommand, type CliIo } from './cli/io.ts';

const COMMANDS: Record<string, { summary: string; load: () => Promise<CliCommand> }> = {
  ask: { summary: 'ask "question" [--json]   answer one question (or, with --json and no question, one per stdin line)', load: () => import('./cli/ask.ts') },
  chat: { summary: 'chat                      a terminal chat on the knowledge (what `npm start` opens without credentials)', load: () => import('./cli/chat.ts') },
  eval: { summary: 'eval [file…]              score the dev and held-out question sets: top-1, hedged, urgent, off-topic', load: () => import('./cli/eval.ts') },
  'kb check': { summary: 'kb check [dir]            check the knowledge files; every problem as path:line:col: message', load: () => import('./cli/kb-check.ts') },
  'kb review': { summary: 'kb review [dir]           entries by how soon they are due for review, with their sources', load: () => import('./cli/kb-review.ts') },
  'kb index': { summary: 'kb index [--check]        regenerate the entry index in knowledge/README.md', load: () => import('./cli/kb-index.ts') },
  'kb schema': { summary: 'kb schema [--check]       regenerate knowledge/schema.json for editors', load: () => import('./cli/kb-schema.ts') },
  report: { summary: 'report [--since 30d] …     what was asked and how it went: unanswered groups, feedback, reviews, deliveries', load: () => import('./cli/report.ts') },
  reminders: { summary: 'reminders next [--count N] [--topic T] | reminders preview <id>', load: () => import('./cli/reminders.ts') },
  serve: { summary: 'serve                     start the HTTP server (/healthz, Teams, Slack) and the reminder scheduler', load: () => import('./cli/serve.ts') },
};

export const usage = `msht-guide: guidance on modern slavery and human trafficking, in Slack, Teams and the terminal.

Usage: msht-guide <command> [options]

Commands:
${Object.values(COMMANDS)
  .map((c) => `  ${c.summary}`)
  .join('\n')}

Run \`msht-guide <command> --help\` for a command's options.
Environment: KNOWLEDGE_DIR (default knowledge/), DATABASE_PATH, PORT, MEANING_MODEL (on/off), MEANING_CACHE,
Slack and Teams credentials (see README.md).`;

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [first, second, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    writeLine(first === undefined ? io.stderr : io.stdout, usage);
    return first === undefined ? 2 : 0;
  }
  if (first === '--version' || first === '-v') {
    const { readFileSync } = await import('node:fs');
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    writeLine(io.stdout, pkg.version);
    return 0;
  }
  let name = first;
  let args = second === undefined ? [] : [second, ...rest];
  if (first === 'kb') {
    if (second === undefined || second.startsWith('-')) {
      writeLine(io.stderr, 'Usage: msht-guide kb check [dir] | kb review [dir] | kb index [--check] | kb schema [--check]');
      return second === '--help' || second === '-h' ? 0 : 2;
    }
    name = `kb ${second}`;
    args = rest;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    writeLine(io.stderr, `msht-guide: unknown command "${name}"\n\n${usage}`);
    return 2;
  }
  const command = await entry.load();
  if (name !== 'serve' && io.stdout === process.stdout) stopQuietlyOnClosedPipe(process.stdout);
  if (args.includes('--help') || args.includes('-h')) {
    writeLine(io.stdout, command.help);
    return 0;
  }
  return command.run(args, io);
}

/**
 * A reader that stops early (`msht-guide kb review | head`) closes the pipe: stop quietly, as other
 * command-line tools do, instead of crashing on the next line. `serve` keeps running whatever reads its logs.
 */
function stopQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

// Run directly (`tsx src/cli.ts`, as `npm run cli` does); the installed command goes through src/bin/msht-guide.js.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`msht-guide: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
