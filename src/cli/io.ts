// What a CLI command gets from the outside world, passed in so tests can drive commands with streams.
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
  /** How many plain arguments the command takes (default 0; Infinity for a question's words). */
  maxPositionals?: number;
}

export interface ParsedArgs {
  positionals: string[];
  flags: Set<string>;
  options: Map<string, string>;
}

/**
 * Strict argument reading shared by the commands: an unknown or misspelt flag, a missing value or an extra
 * argument is refused with a message (exit 2) instead of being taken as part of a question or ignored.
 */
export function readArgs(command: string, args: readonly string[], spec: ArgSpec, io: CliIo): ParsedArgs | undefined {
  const flags = new Set<string>();
  const options = new Map<string, string>();
  const positionals: string[] = [];
  const refuse = (message: string): undefined => {
    writeLine(io.stderr, `msht-guide ${command}: ${message} (see \`msht-guide ${command} --help\`)`);
    return undefined;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('--')) {
      const [name, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
      if (spec.flags?.includes(name)) {
        if (inline !== undefined) return refuse(`${name} takes no value`);
        flags.add(name);
      } else if (spec.options?.includes(name)) {
        const value = inline ?? args[++i];
        if (value === undefined || value.startsWith('--')) return refuse(`${name} needs a value`);
        options.set(name, value);
      } else {
        const known = [...(spec.flags ?? []), ...(spec.options ?? [])];
        return refuse(`unknown option ${name}${known.length > 0 ? `; it takes ${known.join(', ')}` : '; it takes no options'}`);
      }
    } else {
      positionals.push(arg);
    }
  }
  const max = spec.maxPositionals ?? 0;
  if (positionals.length > max) {
    return refuse(max === 0 ? `unexpected argument "${positionals[0]}"` : `too many arguments: "${positionals.slice(max).join(' ')}"`);
  }
  return { positionals, flags, options };
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
