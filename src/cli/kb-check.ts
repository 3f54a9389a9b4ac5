// `msht-guide kb check [dir]`: every problem in the knowledge as path:line:col: message; exit 1 on errors.
import { loadKnowledge } from '../knowledge/loader.ts';
import { formatProblem } from '../knowledge/problems.ts';
import { knowledgeDirFrom, readArgs, readDay, writeLine, type CliIo } from './io.ts';

export const help = `Usage: msht-guide kb check [dir] [--as-of YYYY-MM-DD]

Checks the knowledge files in dir (default: $KNOWLEDGE_DIR, else knowledge/) and prints every problem as
  path:line:col: message
Warnings (an entry past its review_by date) and notices (a file that is not YAML) do not fail the check.
With --as-of, review dates are judged as on that day (to see what falls due soon).
Exit status: 0 when the knowledge is valid, 1 when anything is an error, 2 on a bad option.`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = readArgs('kb check', args, { options: ['--as-of'], maxPositionals: 1 }, io);
  if (!parsed) return 2;
  const now = readDay(parsed.options.get('--as-of'), 'kb check', io);
  if (!now) return 2;
  const dir = knowledgeDirFrom(parsed.positionals, io);
  const { kb, problems } = loadKnowledge(dir, { now });
  for (const problem of problems) writeLine(problem.severity === 'error' ? io.stderr : io.stdout, formatProblem(problem));
  const count = (severity: string) => problems.filter((p) => p.severity === severity).length;
  const tally = `${count('error')} error(s), ${count('warning')} warning(s)`;
  if (!kb) {
    writeLine(io.stderr, `${dir}: knowledge NOT valid: ${tally}. The running bot keeps its last good knowledge until these are fixed.`);
    return 1;
  }
  writeLine(
    io.stdout,
    `${dir}: ok: ${kb.entries.length} entries in ${kb.files.length} files, ${kb.synonyms.length} synonym groups, ${kb.outOfScope.length} out-of-scope examples, ${kb.dangerNow.length} danger-now and ${kb.calm.length} calm examples, ${kb.reminders.length} reminders, ${kb.sources.length} sourced contact details; ${tally} (version ${kb.version})`,
  );
  return 0;
}
