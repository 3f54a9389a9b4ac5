// Reading one knowledge file into a YAML document, refusing hostile input with a clear problem instead
// of a crash or a hang: oversized files, binary files, alias bombs and syntax errors all become problems.
import { readFileSync, statSync } from 'node:fs';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { Problem } from './problems.ts';

/** Knowledge files are small text; anything larger is a mistake (or an attack) and is refused unread. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** Aliases a file may expand: enough for honest reuse, far too few for a "billion laughs" bomb. */
export const MAX_ALIAS_COUNT = 100;

export interface ParsedFile {
  file: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** The plain data, or undefined when the YAML could not be read. */
  data: unknown;
}

export function position(lines: LineCounter, offset: number): { line: number; col: number } {
  const { line, col } = lines.linePos(Math.max(0, offset));
  return { line, col };
}

export function readKnowledgeFile(file: string, problems: Problem[]): ParsedFile | undefined {
  const at = (message: string, severity: Problem['severity'] = 'error', line = 1, col = 1): undefined => {
    problems.push({ file, line, col, severity, message });
    return undefined;
  };

  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    return at(`cannot read this file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  if (size > MAX_FILE_BYTES) {
    const mb = (size / 1024 / 1024).toFixed(1);
    return at(`file is ${mb} MB; a knowledge file must be under ${MAX_FILE_BYTES / 1024 / 1024} MB (split it, or check it is the right file)`);
  }

  const bytes = readFileSync(file);
  if (bytes.includes(0)) return at('this is a binary file, not YAML text: remove it from the knowledge folder');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return at('this file is not UTF-8 text: save it as UTF-8');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '' || text.split('\n').every((l) => /^\s*(#.*)?$/.test(l))) {
    return at('file is empty: nothing loaded from it', 'warning');
  }

  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, strict: true });
  for (const { offset, message } of explainYamlErrors(text, doc.errors)) {
    const { line, col } = position(lines, offset);
    problems.push({ file, line, col, severity: 'error', message });
  }
  for (const warning of doc.warnings) {
    const { line, col } = position(lines, warning.pos[0]);
    problems.push({ file, line, col, severity: 'warning', message: explainYamlError(text, warning.code, warning.message, warning.pos[0]).message });
  }
  if (doc.errors.length > 0) return { file, text, doc, lines, data: undefined };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = String((error as Error).message ?? error);
    if (/alias/i.test(message)) {
      return at(`too many aliases (*name) in this file (limit ${MAX_ALIAS_COUNT}): write the values out instead`);
    }
    return at(`cannot read this YAML: ${message}`);
  }
  return { file, text, doc, lines, data };
}

/**
 * One syntax slip (a tab, a wrong indent, a missing dash) makes the parser report a cascade of errors after
 * it. An admin needs the first one: the rest are summarised in its message. A missing `- ` before a new
 * entry shows up as the entry's fields repeating; that is said once, as what it is.
 */
function explainYamlErrors(text: string, errors: readonly { code: string; message: string; pos: [number, number] }[]): { offset: number; message: string }[] {
  const duplicates = errors.filter((e) => e.code === 'DUPLICATE_KEY');
  const syntax = errors.filter((e) => e.code !== 'DUPLICATE_KEY').sort((a, b) => a.pos[0] - b.pos[0]);
  const out: { offset: number; message: string }[] = [];
  if (syntax.length > 0) {
    const first = syntax[0]!;
    const explained = explainYamlError(text, first.code, first.message, first.pos[0]);
    const more = syntax.length - 1;
    out.push(more > 0 ? { ...explained, message: `${explained.message} (and ${more} more YAML error(s) after it, probably caused by this one: fix it and check again)` } : explained);
    return out;
  }
  const keyAt = (offset: number) => /^[^:\n]+/.exec(text.slice(offset))?.[0].trim() ?? '';
  const repeatedId = duplicates.find((e) => keyAt(e.pos[0]) === 'id');
  if (repeatedId) {
    const fields = [...new Set(duplicates.map((e) => keyAt(e.pos[0])))].map((k) => `\`${k}\``).join(', ');
    out.push({
      offset: repeatedId.pos[0],
      message: `a new entry seems to start here without its \`- \`: write \`- id:\` (fields repeated in one entry: ${fields})`,
    });
    return out;
  }
  for (const error of duplicates) out.push(explainYamlError(text, error.code, error.message, error.pos[0]));
  return out;
}

/**
 * The yaml library's messages carry their own context lines; keep the first sentence, make it plainer,
 * and move the position to where the admin has to look (an unclosed quote is reported where it opens,
 * not at the end of the file where the parser gave up).
 */
function explainYamlError(text: string, code: string, raw: string, offset: number): { offset: number; message: string } {
  const first = raw.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
  if (code === 'MISSING_CHAR' && /closing (["'])?quote/i.test(first)) {
    const quote = first.includes("'") ? "'" : '"';
    const opening = text.lastIndexOf(quote, Math.max(0, offset - 1));
    if (opening >= 0) {
      return { offset: opening, message: `YAML syntax error: this quoted text is never closed: add the closing ${quote}` };
    }
  }
  if (code === 'DUPLICATE_KEY') {
    const key = /^[^:\n]+/.exec(text.slice(offset))?.[0].trim();
    return { offset, message: `duplicate key${key ? ` \`${key}\`` : ''}: each field may appear once in a mapping; remove or rename one` };
  }
  return { offset, message: yamlMessage(code, first) };
}

function yamlMessage(code: string, first: string): string {
  switch (code) {
    case 'TAB_AS_INDENT':
      return `tab used for indentation: indent with spaces`;
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
    case 'MULTILINE_IMPLICIT_KEY':
    case 'UNEXPECTED_TOKEN':
    case 'BLOCK_AS_IMPLICIT_KEY':
      return `YAML syntax error: ${first} (check the indentation and that text with a colon is quoted)`;
    default:
      return `YAML syntax error: ${first}`;
  }
}
