// A field indented one step too far after a `>-` or `|` block is not a field at all: YAML reads it as more
// of the text above, so `related: [a, b]` is shown to users in the middle of an answer and the entry quietly
// loses its related entries. The YAML is valid, so only a look at the block's own lines can catch it.
import { Scalar } from 'yaml';
import type { Problem } from './problems.ts';
import { position, type ParsedFile } from './read-file.ts';
import { textNodes } from './validate-file.ts';
import { Email, Entry, Link, Phone, Reminder, Section } from './schema.ts';

/** Every field name an admin may write inside an entry or a reminder, at any depth. */
const FIELDS = new Set<string>(
  [Entry, Section, Link, Phone, Email, Reminder].flatMap((shape) => Object.keys(shape.shape)),
);

/** A line of block text that looks like `field:` or `- field:` at its start. */
const FIELD_LINE = /^(\s*)(?:-\s+)?([a-z_]+):(?:\s|$)/;

export function foldedFieldProblems(parsed: ParsedFile): Problem[] {
  const problems: Problem[] = [];
  for (const root of ['entries', 'reminders']) {
    for (const node of textNodes(parsed, [root])) {
      if (node.node.type !== Scalar.BLOCK_FOLDED && node.node.type !== Scalar.BLOCK_LITERAL) continue;
      const owner = String(node.path.filter((p) => typeof p === 'string').at(-1) ?? 'text');
      // The block's own lines: from the line after its `>-` indicator to the end of its range.
      const raw = parsed.text.slice(node.start, node.end);
      const firstBreak = raw.indexOf('\n');
      if (firstBreak < 0) continue;
      let offset = node.start + firstBreak + 1;
      for (const line of raw.slice(firstBreak + 1).split('\n')) {
        const match = FIELD_LINE.exec(line);
        if (match && FIELDS.has(match[2]!)) {
          const field = match[2]!;
          const { line: lineNo, col } = position(parsed.lines, offset + line.indexOf(field));
          problems.push({
            file: parsed.file,
            line: lineNo,
            col,
            severity: 'error',
            message:
              `\`${field}:\` is indented as part of the text of \`${owner}\` above it, so users would see it as answer text ` +
              `and the field would be lost: move it left to line up with \`${owner}:\``,
          });
        }
        offset += line.length + 1;
      }
    }
  }
  return problems;
}
