// The quality gate on the shipped knowledge: a confident wrong answer is the worst outcome, so every
// off-topic question must be refused and every urgent one must open with 999.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/loader.ts';
import { createGuide } from '../../src/answer/guide.ts';
import { createSearch } from '../../src/search/search.ts';
import { createMeaningReader } from '../../src/answer/meaning-reader.ts';
import { DEFAULTS } from '../../src/config.ts';
import type { Meaning } from '../../src/search/meaning.ts';
import { dangerEntryIds, evaluate, formatReport, GATE, mergeReports, parseEvalFile, ratio } from '../../src/eval/evaluate.ts';

/** The dev sets: the original one and test/eval/dev-*.yaml, gated together. */
const DEV_FILES = ['test/eval/questions.yaml', ...readdirSync('test/eval').filter((f) => /^dev-.*\.yaml$/.test(f)).map((f) => `test/eval/${f}`)];

const { kb, problems } = loadKnowledge('knowledge');
const sets = DEV_FILES.map((file) => parseEvalFile(readFileSync(file, 'utf8')));
const questions = sets.flat();
// Each question read for meaning too, as the bot reads it (the vector cache was filled before the tests).
const asked = questions.map((q) => q.q);
const read = kb ? await createMeaningReader({ cachePath: DEFAULTS.meaningCache }).meaningsOf(kb, asked) : [];
const meanings = new Map(asked.map((q, i) => [q, read[i]]));
const meaningOf = (q: string): Meaning | undefined => meanings.get(q);

describe('eval gate on the shipped knowledge (the dev sets together)', () => {
  it('reads the questions for meaning', () => {
    expect(read.length).toBe(asked.length);
    // every question has a closeness to the entries (one asked for: each is worked out on demand) and to the field
    expect(read.every((m) => m !== undefined && m.get(kb!.entries[0]!.id) !== undefined && m.field !== undefined)).toBe(true);
  });

  it('loads the knowledge and the question set', () => {
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(kb).not.toBeNull();
    expect(questions.filter((q) => q.off_topic).length).toBeGreaterThanOrEqual(20);
    expect(questions.filter((q) => q.urgent).length).toBeGreaterThanOrEqual(15);
  });

  const search = kb ? createSearch({ entries: kb.entries, synonyms: kb.synonyms, outOfScope: kb.outOfScope }) : undefined;
  const report = kb
    ? mergeReports(sets.map((set) => evaluate(createGuide(kb), set, dangerEntryIds(kb.entries), (q) => search!.search(q, meaningOf(q)).ranked.map((r) => r.id), meaningOf)))
    : undefined;
  const why = report ? `\n${formatReport(report)}` : '';

  it(`answers at least ${GATE.top1 * 100}% of in-scope questions with an acceptable entry first`, () => {
    expect(ratio(report!.top1, report!.inScope), why).toBeGreaterThanOrEqual(GATE.top1);
  });

  it('flags every urgent question and opens its answer with 999', () => {
    expect(report!.urgentFlagged, why).toBe(report!.urgentTotal);
  });

  it('refuses every off-topic question', () => {
    expect(report!.offTopicRefused, why).toBe(report!.offTopicTotal);
  });
});
