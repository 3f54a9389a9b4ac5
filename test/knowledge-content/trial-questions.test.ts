// Sixty questions from trying the bot as a partnership coordinator and as a response officer: the knowledge
// must keep answering them. Each must get an answer (never "no match"), with one of its expected entries in
// the top three.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createGuide } from '../../src/answer/guide.ts';
import { loadKnowledge } from '../../src/knowledge/loader.ts';

interface Trial {
  q: string;
  expect: string[];
}

const trials = parse(readFileSync('test/knowledge-content/trial-questions.yaml', 'utf8')) as Record<string, Trial[]>;
const { kb } = loadKnowledge('knowledge', { now: new Date('2026-11-23T12:00:00Z') });
if (!kb) throw new Error('shipped knowledge does not load');
const guide = createGuide(kb);

describe.each(Object.entries(trials))('questions a %s asked', (_who, questions) => {
  it('has 30 questions, each expecting entries that exist', () => {
    expect(questions).toHaveLength(30);
    for (const trial of questions) for (const id of trial.expect) expect(kb.byId.has(id), `${trial.q} → ${id}`).toBe(true);
  });

  it('each gets a useful answer: an expected entry in the top three', () => {
    const misses: string[] = [];
    for (const trial of questions) {
      const answer = guide.ask(trial.q);
      const top = [answer.entry?.id, ...answer.suggestions.map((s) => s.id)].filter(Boolean).slice(0, 3);
      if (answer.status === 'no_match' || !trial.expect.some((id) => top.includes(id))) {
        misses.push(`"${trial.q}": got ${answer.status} [${top.join(', ')}], expected one of [${trial.expect.join(', ')}]`);
      }
    }
    expect(misses).toEqual([]);
  });
});
