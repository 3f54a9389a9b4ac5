// Schema validation of one parsed file, with every problem pointed at its place in the YAML and worded
// for an admin: which field, what is wrong, what is allowed.
import { isMap, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import type { z } from 'zod';
import { Email, Entry, ExpertTeam, Experts, KnowledgeFile, Link, Phone, Reminder, Section, SourcedValue, type KnowledgeFile as KnowledgeFileData } from './schema.ts';
import type { Problem } from './problems.ts';
import { didYouMean } from '../text/near-miss.ts';
import { position, type ParsedFile } from './read-file.ts';

type Path = readonly PropertyKey[];

/** The fields allowed in each kind of mapping, found by the path with list positions removed. */
const OBJECT_FIELDS: Record<string, readonly string[]> = {
  '': Object.keys(KnowledgeFile.shape),
  entries: Object.keys(Entry.shape),
  'entries.links': Object.keys(Link.shape),
  'entries.phones': Object.keys(Phone.shape),
  'entries.emails': Object.keys(Email.shape),
  'entries.sections': Object.keys(Section.shape),
  reminders: Object.keys(Reminder.shape),
  sources: Object.keys(SourcedValue.shape),
  experts: Object.keys(Experts.shape),
  'experts.teams': Object.keys(ExpertTeam.shape),
  'experts.teams.slack': ['channel'],
  'experts.teams.teams': ['channel'],
};

const shapeKey = (path: Path) => path.filter((p) => typeof p === 'string').join('.');

export function validateFile(parsed: ParsedFile, problems: Problem[]): KnowledgeFileData | undefined {
  const { data } = parsed;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    problems.push({
      ...at(parsed, []),
      severity: 'error',
      message: 'a knowledge file must be a mapping with `entries:` (or `synonyms:`, `reminders:`, `sources:`) at the top',
    });
    return undefined;
  }
  const result = KnowledgeFile.safeParse(data);
  if (result.success) return result.data;
  // A misspelt field is both unknown and missing; the "did you mean" says it all, so drop the other.
  const explained = new Set<string>();
  for (const issue of result.error.issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const allowed = OBJECT_FIELDS[shapeKey(issue.path)] ?? [];
    for (const key of issue.keys) {
      const meant = didYouMean(key, allowed);
      if (meant) explained.add(JSON.stringify([...issue.path, meant]));
    }
  }
  for (const issue of result.error.issues) {
    if (issue.code === 'invalid_type' && explained.has(JSON.stringify(issue.path))) continue;
    problems.push(...describeIssue(parsed, issue));
  }
  return undefined;
}

function describeIssue(parsed: ParsedFile, issue: z.core.$ZodIssue): Problem[] {
  const path = issue.path;
  const field = fieldName(path);
  if (issue.code === 'unrecognized_keys') {
    const allowed = OBJECT_FIELDS[shapeKey(path)] ?? [];
    return issue.keys.map((key) => {
      const suggestion = didYouMean(key, allowed);
      const hint = suggestion ? `did you mean \`${suggestion}\`?` : `allowed: ${allowed.join(', ')}`;
      return { ...atKey(parsed, path, key), severity: 'error' as const, message: `unknown field \`${key}\`: ${hint}` };
    });
  }
  const place = at(parsed, path);
  const value = valueAt(parsed.data, path);
  if (issue.code === 'invalid_type') {
    if (value === undefined) {
      return [{ ...place, severity: 'error', message: `missing required field \`${field}\`${entryLabel(parsed.data, path)}` }];
    }
    const quote = issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')
      ? ` (put it in quotes: "${String(value)}")`
      : '';
    return [{ ...place, severity: 'error', message: `\`${field}\` must be ${describeExpected(issue.expected)}, not ${describeValue(value)}${quote}` }];
  }
  if (issue.code === 'invalid_value') {
    const options = issue.values.map(String);
    const suggestion = typeof value === 'string' ? didYouMean(value, options) : undefined;
    const hint = suggestion ? ` (did you mean \`${suggestion}\`?)` : '';
    return [{ ...place, severity: 'error', message: `\`${field}\` must be one of: ${options.join(', ')}; got ${describeValue(value)}${hint}` }];
  }
  if (issue.code === 'too_small' && Array.isArray(value)) {
    return [{ ...place, severity: 'error', message: `\`${field}\` ${issue.message.startsWith('needs') ? issue.message : `needs at least ${String(issue.minimum)} item(s)`}` }];
  }
  if (issue.code === 'invalid_union') {
    return [{ ...place, severity: 'error', message: `\`${field}\` must be a text or a list of texts, not ${describeValue(value)}` }];
  }
  const got = typeof value === 'string' ? ` (got ${describeValue(value)})` : '';
  // "`reviewed` must be…" reads as a sentence; an instruction ("give exactly one of…") follows a colon.
  const predicate = /^(must|is|are|needs|has|names|should|cannot)\b/.test(issue.message);
  const message = issue.message.startsWith('Invalid') || issue.message.startsWith('Too')
    ? `\`${field}\` is not valid: ${issue.message}${got}`
    : `\`${field}\`${predicate ? ' ' : ': '}${issue.message}${got}`;
  return [{ ...place, severity: 'error', message }];
}

function fieldName(path: Path): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const part = path[i];
    if (typeof part === 'string') return i === path.length - 1 ? part : `${part}[${path.slice(i + 1).join('][')}]`;
  }
  return 'file';
}

function entryLabel(data: unknown, path: Path): string {
  if ((path[0] === 'entries' || path[0] === 'reminders') && typeof path[1] === 'number') {
    const item = valueAt(data, path.slice(0, 2)) as { id?: unknown } | undefined;
    if (item && typeof item.id === 'string') return ` in \`${item.id}\``;
  }
  return '';
}

function describeExpected(expected: string): string {
  switch (expected) {
    case 'string':
      return 'a text';
    case 'array':
      return 'a list (lines starting "- ")';
    case 'object':
      return 'a mapping (field: value lines)';
    case 'boolean':
      return 'true or false';
    case 'number':
      return 'a number';
    default:
      return expected;
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  switch (typeof value) {
    case 'string':
      return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return `${value}`;
    case 'object':
      return 'a mapping';
    default:
      return typeof value;
  }
}

function valueAt(data: unknown, path: Path): unknown {
  let current: unknown = data;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, part)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

/** The deepest node that exists along `path`: a missing field points at the mapping it is missing from. */
function nodeAt(parsed: ParsedFile, path: Path): Node | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = parsed.doc.getIn(path.slice(0, depth) as unknown[], true) as Node | undefined;
    if (node && typeof node === 'object' && 'range' in node && node.range) return node;
    if (depth === 0) return (parsed.doc.contents as Node | null) ?? undefined;
  }
  return undefined;
}

export function at(parsed: ParsedFile, path: Path): Pick<Problem, 'file' | 'line' | 'col'> {
  const node = nodeAt(parsed, path);
  const offset = node?.range?.[0] ?? 0;
  return { file: parsed.file, ...position(parsed.lines, offset) };
}

/** The position of a key inside the mapping at `path` (for an unknown or duplicated field name). */
export function atKey(parsed: ParsedFile, path: Path, key: string): Pick<Problem, 'file' | 'line' | 'col'> {
  const node = nodeAt(parsed, path);
  if (node && isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    const keyNode = pair?.key as Node | undefined;
    if (keyNode?.range) return { file: parsed.file, ...position(parsed.lines, keyNode.range[0]) };
  }
  return at(parsed, path);
}

/** Every text value in the file with the path to it, for scans of the content (numbers, addresses). */
export function* textNodes(parsed: ParsedFile, root: Path): Generator<{ path: Path; value: string; start: number; end: number; node: Scalar }> {
  const top = parsed.doc.getIn(root as unknown[], true) as Node | undefined;
  if (!top) return;
  const stack: { node: Node; path: Path }[] = [{ node: top, path: root }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (isScalar(node)) {
      if (typeof node.value === 'string' && node.range) {
        yield { path, value: node.value, start: node.range[0], end: node.range[1], node };
      }
    } else if (isMap(node)) {
      for (const pair of node.items) {
        if (isScalar(pair.key) && pair.value && typeof pair.value === 'object') {
          stack.push({ node: pair.value as Node, path: [...path, String(pair.key.value)] });
        }
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        if (item && typeof item === 'object') stack.push({ node: item as Node, path: [...path, index] });
      });
    }
  }
}
