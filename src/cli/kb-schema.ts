// `msht-guide kb schema [--check]`: writes knowledge/schema.json, the JSON Schema an admin's editor uses
// (each knowledge file starts `# yaml-language-server: $schema=./schema.json`).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { knowledgeJsonSchema } from '../knowledge/json-schema.ts';
import { knowledgeDirFrom, readArgs, writeLine, type CliIo } from './io.ts';

export const help = `Usage: msht-guide kb schema [dir] [--check]

Writes dir/schema.json (default dir: $KNOWLEDGE_DIR, else knowledge/) from the knowledge schema, for editors
that validate YAML as you type. With --check, writes nothing and exits 1 if the file is out of date.`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = readArgs('kb schema', args, { flags: ['--check'], maxPositionals: 1 }, io);
  if (!parsed) return 2;
  const file = join(knowledgeDirFrom(parsed.positionals, io), 'schema.json');
  const wanted = knowledgeJsonSchema();
  if (parsed.flags.has('--check')) {
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      /* missing counts as out of date */
    }
    if (current !== wanted) {
      writeLine(io.stderr, `${file} is out of date: run \`msht-guide kb schema\``);
      return 1;
    }
    writeLine(io.stdout, `${file} is up to date`);
    return 0;
  }
  writeFileSync(file, wanted);
  writeLine(io.stdout, `wrote ${file}`);
  return 0;
}
