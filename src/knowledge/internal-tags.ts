// What users read under an answer must be something they can follow: a public document, not a note the
// authors left for themselves ("seed 002", "[S]", "Knowledge brief §4"). Those notes point at files only the
// authors have, so an officer cannot check the answer against them.
import type { Problem } from './problems.ts';
import { position, type ParsedFile } from './read-file.ts';
import { textNodes } from './validate-file.ts';

/** The internal shorthands, each with the words used to tell the admin what it is. */
const TAGS: readonly { pattern: RegExp; what: string }[] = [
  { pattern: /\bseeds?\s*(?:#\s*)?0*\d{1,3}\b/i, what: 'a seed file number' },
  { pattern: /\[(?:S|V|U)\]/, what: 'a verification tag' },
  { pattern: /\bknowledge[\s-]*brief\b/i, what: 'an internal brief' },
  { pattern: /§/, what: 'a section of an internal brief' },
];

/** Entry and reminder fields a user sees (areas, keywords and questions only steer the search). */
const SHOWN = new Set([
  'title', 'summary', 'steps', 'body', 'sections', 'heading', 'text', 'phones', 'label', 'hours', 'emails',
  'how_to_contact', 'links', 'source', 'message',
]);

export function internalTagProblems(parsed: ParsedFile): Problem[] {
  const problems: Problem[] = [];
  for (const root of ['entries', 'reminders']) {
    for (const node of textNodes(parsed, [root])) {
      const fields = node.path.filter((p): p is string => typeof p === 'string').slice(1);
      // Reminder sources are for admins only; every field an entry shows is checked.
      if (fields.length === 0 || !fields.every((f) => SHOWN.has(f))) continue;
      if (root === 'reminders' && fields[0] === 'source') continue;
      // The first tag in the text is the one reported: one slip, one message.
      const found = TAGS.map(({ pattern, what }) => ({ match: pattern.exec(node.value), what }))
        .filter((f): f is { match: RegExpExecArray; what: string } => f.match !== null)
        .sort((a, b) => a.match.index - b.match.index)[0];
      if (!found) continue;
      const raw = parsed.text.slice(node.start, node.end);
      const at = raw.indexOf(found.match[0]);
      const { line, col } = position(parsed.lines, node.start + Math.max(0, at));
      const field = fields[0]!;
      const fix = field === 'source'
        ? "name the public document instead (its title, publisher and web address, or a seed document's title)"
        : 'say it in words a reader can act on, and put where it comes from in `source`';
      problems.push({
        file: parsed.file,
        line,
        col,
        severity: 'error',
        message: `\`${field}\` shows users "${found.match[0]}", ${found.what} they cannot follow: ${fix}`,
      });
    }
  }
  return problems;
}
