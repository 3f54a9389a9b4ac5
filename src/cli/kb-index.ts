// `msht-guide kb index [dir] [--check]`: rewrites the entry index in dir/README.md from the knowledge itself,
// so a reviewer sees every entry with its source and review date; --check fails when the index is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderIndex, replaceIndex } from '../knowledge/index-doc.ts';
import { loadKnowledge } from '../knowledge/loader.ts';
import { formatProblem } from '../knowledge/problems.ts';
import { knowledgeDirFrom, readArgs, writeLine, type CliIo } from './io.ts';

export const help = `Usage: msht-guide kb index [dir] [--check]

Rewrites the entry index in dir/README.md (default dir: $KNOWLEDGE_DIR, else knowledge/): every entry by kind,
with its id, title, file, source and review-by date, between the kb-index marker lines. The rest of the README
is left as it is. With --check, writes nothing and exits 1 if the index is out of date.
The knowledge must be valid first (see \`msht-guide kb check\`).`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = readArgs('kb index', args, { flags: ['--check'], maxPositionals: 1 }, io);
  if (!parsed) return 2;
  const dir = knowledgeDirFrom(parsed.positionals, io);
  const file = join(dir, 'README.md');
  const { kb, problems } = loadKnowledge(dir);
  if (!kb) {
    for (const problem of problems.filter((p) => p.severity === 'error')) writeLine(io.stderr, formatProblem(problem));
    writeLine(io.stderr, `${dir}: knowledge NOT valid, so the index was not written: fix the problems above first`);
    return 1;
  }
  let current: string;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    writeLine(io.stderr, `${file} not found: the index lives in the knowledge folder's README.md`);
    return 1;
  }
  const result = replaceIndex(current, renderIndex(kb));
  if ('error' in result) {
    writeLine(io.stderr, `${file}: ${result.error}`);
    return 1;
  }
  if (parsed.flags.has('--check')) {
    if (result.text !== current) {
      writeLine(io.stderr, `${file} index is out of date: run \`msht-guide kb index\``);
      return 1;
    }
    writeLine(io.stdout, `${file} index is up to date (${kb.entries.length} entries)`);
    return 0;
  }
  if (result.text === current) {
    writeLine(io.stdout, `${file} index already up to date (${kb.entries.length} entries)`);
    return 0;
  }
  writeFileSync(file, result.text);
  writeLine(io.stdout, `wrote the index of ${kb.entries.length} entries to ${file}`);
  return 0;
}
