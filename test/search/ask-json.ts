// Questions through `ask --json` over stdin on the shipped knowledge: what an officer would see.
import { PassThrough } from 'node:stream';
import { expect } from 'vitest';
import { run } from '../../src/cli/ask.ts';

export interface AskJson {
  query: string;
  status: 'answered' | 'ambiguous' | 'no_match';
  urgent: boolean;
  answer: { id: string; text: string } | null;
  suggestions: { id: string }[];
  text?: string;
  chooser?: { prompt: string; options: { label: string; id: string }[] } | null;
}

/** Every question in one `ask --json` run, one JSON object per line, keyed by the question. */
export async function askAll(questions: readonly string[]): Promise<Map<string, AskJson>> {
  const stdout = new PassThrough();
  const stdin = new PassThrough();
  let out = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stdin.end(questions.join('\n') + '\n');
  const code = await run(['--json'], { stdout, stderr: new PassThrough(), stdin, env: { KNOWLEDGE_DIR: 'knowledge' } });
  expect(code).toBe(0);
  const answers = out.trim().split('\n').map((l) => JSON.parse(l) as AskJson);
  return new Map(answers.map((a) => [a.query, a]));
}
