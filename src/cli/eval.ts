// `msht-guide eval [file…]`: score question sets against the knowledge. With no file, the dev set (gated)
// and every held-out set (reported, never gated, misses hidden unless asked for).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { loadKnowledge } from '../knowledge/loader.ts';
import { formatProblem } from '../knowledge/problems.ts';
import { createGuide } from '../answer/guide.ts';
import { createSearch } from '../search/search.ts';
import { baselineTop1, dangerEntryIds, evaluate, formatReport, mergeReports, parseEvalFile, passesGate, type EvalQuestion, type EvalReport } from '../eval/evaluate.ts';
import { plainFuse } from '../eval/baseline.ts';
import { writeLine, knowledgeDirFrom, readArgs, type CliIo } from './io.ts';
import { GATE } from '../eval/evaluate.ts';
import type { Meaning } from '../search/meaning.ts';
import { meaningReaderFor } from './meaning.ts';

export const DEFAULT_EVAL_FILE = 'test/eval/questions.yaml';
/** More development sets (test/eval/dev-*.yaml): tuned on like the gated one, reported but not gated. */
export const EVAL_DIR = 'test/eval';
export const HELD_OUT_DIR = 'test/eval/heldout';

export const help = `Usage: msht-guide eval [file…] [--misses] [--baseline]

Score question sets against the knowledge in KNOWLEDGE_DIR (default knowledge/).

With no file: the dev sets ${DEFAULT_EVAL_FILE} and ${EVAL_DIR}/dev-*.yaml (tuned on), each reported and
then gated together, then each held-out set in ${HELD_OUT_DIR}/ (written blind or copied from public FAQ
pages; reported, never gated and never tuned on, so its misses are hidden unless --misses is given). With
files: each is scored and gated on its own, except a held-out file, which is only reported.

For each set: in-scope top-1 (the first entry shown is acceptable), how many right answers were hedged
("my best match"), no-match and confidently-wrong rates, top-3, MRR, top-1 by question length, urgent
questions opening with 999, off-topic questions refused, and calm messages with alarming words that kept
their own answer (reported, not gated).

Options:
  --misses     print every miss of the held-out sets too (the dev set's are always printed)
  --baseline   also score plain fuse.js (default options, every field) on the same questions (slow)

Exits 1 when a gated set fails: top-1 below ${GATE.top1 * 100}%, any urgent question not flagged with 999 first, or any
off-topic question answered.

File format:
  questions:
    - q: refer a kid to nrm
      expect: [child-referral-nrm]      # acceptable entry ids, best first; [] = the knowledge has no answer
    - q: book a meeting room
      off_topic: true                    # must come back with no answer
    - q: he cant leave, theyve got his passport
      urgent: true                       # must open with 999
      expect: [someone-in-danger-now]
    - q: she was locked in last year, safe now - can she still be referred
      calm: true                         # must not be answered with the danger-now guidance
  Optional per question: note, needs (what a right answer gives), url and publisher (a question copied
  from a public page), framing and voice.`;

interface EvalSet {
  file: string;
  questions: EvalQuestion[];
  gated: boolean;
  heldOut: boolean;
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = readArgs('eval', args, { flags: ['--misses', '--baseline'], maxPositionals: Infinity }, io);
  if (!parsed) return 2;
  const files = parsed.positionals.length
    ? parsed.positionals.map((file) => {
        // A held-out file keeps its misses hidden and is not gated, however it is named on the command line.
        const heldOut = resolve(file).startsWith(resolve(HELD_OUT_DIR) + sep);
        return { file, gated: !heldOut, heldOut };
      })
    : [
        { file: DEFAULT_EVAL_FILE, gated: true, heldOut: false },
        ...yamlFiles(EVAL_DIR, /^dev-.*\.yaml$/).map((file) => ({ file, gated: true, heldOut: false })),
        ...yamlFiles(HELD_OUT_DIR, /\.yaml$/).map((file) => ({ file, gated: false, heldOut: true })),
      ];
  const sets: EvalSet[] = [];
  for (const { file, gated, heldOut } of files) {
    try {
      sets.push({ file, gated, heldOut, questions: parseEvalFile(readFileSync(file, 'utf8')) });
    } catch (error) {
      writeLine(io.stderr, `msht-guide eval: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
      return 2;
    }
  }
  const { kb, problems } = loadKnowledge(knowledgeDirFrom([], io));
  if (!kb) {
    for (const p of problems) if (p.severity === 'error') writeLine(io.stderr, formatProblem(p));
    writeLine(io.stderr, 'msht-guide eval: the knowledge has errors (run `msht-guide kb check`)');
    return 2;
  }
  const guide = createGuide(kb);
  const reader = meaningReaderFor('eval', io);
  if (!reader) return 2;
  // Every question read for meaning at once (as the bot reads each one it is asked): faster than one by one.
  const asked = [...new Set(sets.flatMap((s) => s.questions.map((q) => q.q)))];
  const meanings = new Map((await reader.meaningsOf(kb, asked)).map((m, i) => [asked[i]!, m]));
  const meaningOf = (q: string): Meaning | undefined => meanings.get(q);
  const dangerIds = dangerEntryIds(kb.entries);
  const search = createSearch({ entries: kb.entries, synonyms: kb.synonyms, outOfScope: kb.outOfScope });
  const fuse = parsed.flags.has('--baseline') ? plainFuse(kb.entries) : undefined;
  let pass = true;
  const together = !parsed.positionals.length;
  const dev: EvalReport[] = [];
  for (const set of sets) {
    const report = evaluate(guide, set.questions, dangerIds, (q) => search.search(q, meaningOf(q)).ranked.map((r) => r.id), meaningOf);
    const kind = set.heldOut ? ' (held out: never tuned on)' : ' (dev)';
    writeLine(io.stdout, `${set.file}${kind}: ${set.questions.length} questions on ${kb.entries.length} entries`);
    writeLine(io.stdout, formatReport(report, {
      gate: set.gated && !together,
      misses: !set.heldOut || parsed.flags.has('--misses'),
      ...(fuse ? { baselineTop1: baselineTop1(set.questions, fuse) } : {}),
    }));
    writeLine(io.stdout);
    if (set.gated && together) dev.push(report);
    else if (set.gated && !passesGate(report)) pass = false;
  }
  if (together && dev.length) {
    const merged = mergeReports(dev);
    writeLine(io.stdout, `dev sets together (${dev.length} files), gated:`);
    writeLine(io.stdout, formatReport(merged, { gate: true, misses: false }));
    if (!passesGate(merged)) pass = false;
  }
  return pass ? 0 : 1;
}

function yamlFiles(dir: string, name: RegExp): string[] {
  try {
    return readdirSync(dir).filter((f) => name.test(f)).sort().map((f) => join(dir, f));
  } catch {
    return [];
  }
}
