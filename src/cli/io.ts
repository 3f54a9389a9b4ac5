// What a CLI command gets from the outside world, passed in so tests can drive commands with streams.
import { knowledgeDirFromEnv, processEnv } from '../config.ts';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: Record<string, string | undefined>;
}

export interface CliCommand {
  /** Shown by `msht-guide <command> --help`. */
  help: string;
  /** Runs the command; resolves to the exit code. */
  run(args: string[], io: CliIo): Promise<number>;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: processEnv() };
}

export function writeLine(stream: NodeJS.WritableStream, line = ''): void {
  stream.write(`${line}\n`);
}

/** The knowledge folder a command works on: its argument, else KNOWLEDGE_DIR, else knowledge/. */
export function knowledgeDirFrom(args: string[], io: CliIo): string {
  return args.find((a) => !a.startsWith('-')) ?? knowledgeDirFromEnv(io.env);
}
