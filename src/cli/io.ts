// What a CLI command gets from the outside world, passed in so tests can drive commands with streams.
import { parseArgs } from 'node:util';
import { knowledgeDirFromEnv, processEnv } from '../config.ts';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: Record<string, string | undefined>;
  /** The parent process's pid when this process started (`serve` under npm stops when it goes). */
  parentPid?: number;
}

export interface CliCommand {
  /** Shown by `msht-guide <command> --help`. */
  help: string;
  /** Runs the command; resolves to the exit code. */
  run(args: string[], io: CliIo): Promise<number>;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: processEnv(), parentPid: process.ppid };
}

export function writeLine(stream: NodeJS.WritableStream, line = ''): void {
  stream.write(`${line}\n`);
}

/** The knowledge folder a command works on: its argument, else KNOWLEDGE_DIR, else knowledge/. */
export function knowledgeDirFrom(args: string[], io: CliIo): string {
  return args.find((a) => !a.startsWith('-')) ?? knowledgeDirFromEnv(io.env);
}

export interface ArgSpec {
  /** Flags without a value, e.g. ['--json']. */
  flags?: readonly string[];
  /** Options that take a value, e.g. ['--as-of']. */
  options?: readonly string[];
  /** One-letter aliases, e.g. { n: '--count' }. */
  short?: Readonly<Record<string, string>>;
  /** How many plain arguments the command takes (default 0; Infinity for a question's words). */
  maxPositionals?: number;
}

export interface ParsedArgs {
  positionals: string[];
  flags: Set<string>;
  options: Map<string, string>;
}

/**
 * Strict argument reading shared by the commands (Node's `util.parseArgs`): an unknown or misspelt flag, a
 * missing value or an extra argument is refused with a message (exit 2) instead of being taken as part of
 * a question or ignored.
 */
export function readArgs(command: string, args: readonly string[], spec: ArgSpec, io: CliIo): ParsedArgs | undefined {
  const refuse = (message: string): undefined => {
    writeLine(io.stderr, `msht-guide ${command}: ${message} (see \`msht-guide ${command} --help\`)`);
    return undefined;
  };
  const flags = spec.flags ?? [];
  const valued = spec.options ?? [];
  const config: Record<string, { type: 'boolean' | 'string'; short?: string }> = {};
  for (const flag of flags) config[flag.slice(2)] = { type: 'boolean' };
  for (const option of valued) config[option.slice(2)] = { type: 'string' };
  for (const [letter, name] of Object.entries(spec.short ?? {})) config[name.slice(2)]!.short = letter;

  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...args], options: config, strict: true, allowPositionals: true });
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    // parseArgs names the option in its message ('--as-of', or '-n, --count' for an alias): take the long name.
    const given = /(--[\w-]+)/.exec(message)?.[1] ?? /'(-[^' ,]+)/.exec(message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      return refuse(flags.includes(given) ? `${given} takes no value` : `${given} needs a value`);
    }
    const known = [...flags, ...valued];
    return refuse(`unknown option ${given}${known.length > 0 ? `; it takes ${known.join(', ')}` : '; it takes no options'}`);
  }

  const positionals = parsed.positionals;
  const max = spec.maxPositionals ?? 0;
  if (positionals.length > max) {
    return refuse(max === 0 ? `unexpected argument "${positionals[0]}"` : `too many arguments: "${positionals.slice(max).join(' ')}"`);
  }
  const result: ParsedArgs = { positionals, flags: new Set(), options: new Map() };
  for (const [key, value] of Object.entries(parsed.values)) {
    if (value === true) result.flags.add(`--${key}`);
    else if (typeof value === 'string') result.options.set(`--${key}`, value);
  }
  return result;
}

/**
 * The day a command judges review dates on: `--as-of YYYY-MM-DD` (noon UTC, so the calendar day is the
 * one written), else now. Undefined, with the reason printed, for a value that is not a real date.
 */
export function readDay(asOf: string | undefined, command: string, io: CliIo): Date | undefined {
  if (asOf === undefined) return new Date();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf))) {
    writeLine(io.stderr, `msht-guide ${command}: --as-of needs a date written YYYY-MM-DD, e.g. --as-of 2027-03-01 (got "${asOf}")`);
    return undefined;
  }
  return new Date(`${asOf}T12:00:00Z`);
}
