// `msht-guide eval` on a file of calm messages: one that only talks about danger in the past keeps its own
// answer; one that says someone is in danger now is counted as a calm message turned into 999 guidance.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { run } from '../../src/cli/eval.ts';

it('reports how many calm messages kept their answer, and names the one that did not', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'msht-eval-'));
  const file = join(dir, 'calm.yaml');
  writeFileSync(
    file,
    [
      'questions:',
      '  - q: "she was locked in a room last year and is safe in a refuge now, how do I refer her to the NRM"',
      '    calm: true',
      '  - q: "he is hitting her right now in the flat upstairs"',
      '    calm: true',
      '',
    ].join('\n'),
  );
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  await run([file], { stdout, stderr: new PassThrough(), stdin: new PassThrough(), env: { KNOWLEDGE_DIR: 'knowledge' } });
  expect(out).toContain('calm kept its answer: 50.0% (1/2)');
  expect(out).toContain('[calm] "he is hitting her right now in the flat upstairs"');
}, 60_000); // loading the whole knowledge takes seconds on a busy machine
