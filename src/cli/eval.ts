// `msht-guide eval [file]`: score a question set against the knowledge and print every miss.
import { readFileSync } from 'node:fs';
import { loadKnowledge, } from '../knowledge/loader.ts';
import { formatProblem } from '../knowledge/problems.ts';
import { createGuide } from '../answer/guide.ts';
import { createSearch } from '../search/search.ts';
import { evaluate, formatReport, parseEvalFile, passesGate } from '../search/evaluate.ts';
import { writeLine, knowledgeDirFrom, readArgs, type CliIo } from './io.ts';

export const DEFAULT_EVAL_FILE = 'test/eval/questions.yaml';

export const help = `Usage: msht-guide eval [file]

Score a question set (default ${DEFAULT_EVAL_FILE}) against the knowledge in KNOWLEDGE_DIR (default knowledge/).
Prints in-scope top-1, top-3, MRR, urgent recall and off-topic refusal, then every miss.
Exits 1 when the gate fails: top-1 below 95%, or any urgent question not flagged with 999 first,
or any off-topic question answered.

File format:
  questions:
    - q: refer a kid to nrm
      expect: [child-referral-nrm]      # acceptable entry ids, best first
    - q: book a meeting room
      off_topic: true                    # must come back with no answer
    - q: he cant leave, theyve got his passport
      urgent: true                       # must open with 999
      expect: [someone-in-danger-now]`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = readArgs('eval', args, { maxPositionals: 1 }, io);
  if (!parsed) return 2;
  const file = parsed.positionals[0] ?? DEFAULT_EVAL_FILE;
  let questions;
  try {
    questions = parseEvalFile(readFileSync(file, 'utf8'));
  } catch (error) {
    writeLine(io.stderr, `msht-guide eval: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const { kb, problems } = loadKnowledge(knowledgeDirFrom([], io));
  if (!kb) {
    for (const p of problems) if (p.severity === 'error') writeLine(io.stderr, formatProblem(p));
    writeLine(io.stderr, 'msht-guide eval: the knowledge has errors (run `msht-guide kb check`)');
    return 2;
  }
  const guide = createGuide(kb);
  const search = createSearch({ entries: kb.entries, synonyms: kb.synonyms });
  const report = evaluate(guide, questions, (q) => search.search(q).ranked.map((r) => r.id));
  writeLine(io.stdout, `${file}: ${questions.length} questions on ${kb.entries.length} entries`);
  writeLine(io.stdout, formatReport(report));
  return passesGate(report) ? 0 : 1;
}
