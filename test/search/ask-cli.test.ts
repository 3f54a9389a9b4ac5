import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/ask.ts';
import { askAll } from './ask-json.ts';

const KNOWLEDGE_DIR = 'test/fixtures/knowledge/valid';

async function ask(args: string[], stdinText?: string, knowledgeDir = KNOWLEDGE_DIR) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  if (stdinText !== undefined) stdin.end(stdinText);
  const code = await run(args, { stdout, stderr, stdin, env: { KNOWLEDGE_DIR: knowledgeDir } });
  return { code, out, err };
}

describe('msht-guide ask', () => {
  it('prints one answer as text', async () => {
    const { code, out } = await ask(['salvation army referal line']);
    expect(code).toBe(0);
    expect(out).toContain('The Salvation Army victim care referral line');
    expect(out).not.toContain('\x1b[');
  });

  it('prints one JSON object per the contract', async () => {
    const { code, out } = await ask(['--json', 'refer a kid to nrm']);
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]!);
    expect(json).toMatchObject({ query: 'refer a kid to nrm', urgent: false, answer: { id: 'nrm-child-referral', kind: 'referral' } });
    expect(['answered', 'ambiguous']).toContain(json.status);
    expect(typeof json.score).toBe('number');
    expect(json.answer.text).toContain('Refer a child to the NRM');
    expect(Array.isArray(json.suggestions)).toBe(true);
  });

  it('answers no_match with a null answer and the safe fallback', async () => {
    const json = JSON.parse((await ask(['--json', 'book a meeting room'])).out);
    expect(json.status).toBe('no_match');
    expect(json.answer).toBeNull();
    expect(json.text).toContain('999');
    expect(json.text).toMatch(/Helpline on 08000 121 700/);
  });

  it('never leaves an urgent answer empty and opens it with 999', async () => {
    const json = JSON.parse((await ask(['--json', "he can't leave the farm, they've got his passport"])).out);
    expect(json.urgent).toBe(true);
    expect(json.answer).not.toBeNull();
    expect(json.answer.text.startsWith('999')).toBe(true);
  });

  it('reads stdin one question per line and answers each in order', async () => {
    const questions = Array.from({ length: 200 }, (_, i) => ['nrm adult', 'book a meeting room', 'someone is being beaten now'][i % 3]!);
    const { code, out } = await ask(['--json'], questions.join('\n') + '\n');
    expect(code).toBe(0);
    const answers = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(answers).toHaveLength(200);
    expect(answers.map((a) => a.query)).toEqual(questions);
    expect(answers[1].status).toBe('no_match');
    expect(answers[2].urgent).toBe(true);
  }, 30_000); // 200 questions, each read for meaning (15–30 ms): about 4 s, near the default 5 s

  it('asks for a question when given none without --json', async () => {
    const { code, err } = await ask([]);
    expect(code).toBe(2);
    expect(err).toContain('give a question');
  });

  it('follows a dead end in the field with the chooser, each option a question that opens its entry', async () => {
    const { code, out } = await ask(['msht query from my team'], undefined, 'knowledge');
    expect(code).toBe(0);
    expect(out).toContain('08000 121 700');
    const [, listed = ''] = out.split('Ask again with its title');
    const titles = listed.split('\n').filter((l) => l.startsWith('• ')).map((l) => l.slice(2));
    expect(titles[0]).toBe('Refer a child (under 18) to the NRM');
    expect(titles.length).toBeGreaterThanOrEqual(3);
    const answers = await askAll(titles);
    for (const title of titles) expect(answers.get(title)?.status, title).toBe('answered');
    expect(answers.get(titles[0]!)?.answer?.id).toBe('child-referral-nrm');
  }, 60_000); // builds the shipped knowledge's search twice

  it('shows no chooser after an answer', async () => {
    const { out } = await ask(['refer a kid to nrm']);
    expect(out).not.toContain('Ask again with its title');
  });
});
