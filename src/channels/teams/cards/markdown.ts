// Teams renders a markdown subset in card text (bold, italic, lists, links). Knowledge and user text is
// escaped so it shows as written: a question containing `**` or `[x](y)` cannot restyle a card or
// smuggle in a link, and a step that starts "1." is not turned into a list.

const INLINE = /[\\`*_~[\]<>|]/g;
// Line starts that markdown reads as a heading, quote or list item.
const LINE_START = /^(\s*)([#>+-]|\d+[.)])(?=\s|$)/gm;

export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(INLINE, (ch) => `\\${ch}`)
    .replace(LINE_START, (_m, space: string, marker: string) => `${space}${marker.replace(/([#>+\-.)])/, '\\$1')}`);
}

/** Shorten to at most `max` characters, ending with an ellipsis when anything was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(0, max - 1));
  // Cut at a word boundary when one is near, so the last word is not half a word.
  if (/\s/.test(text[cut.length] ?? '')) return `${cut.trimEnd()}…`;
  const atSpace = cut.lastIndexOf(' ');
  return `${(atSpace > max * 0.6 ? cut.slice(0, atSpace) : cut).trimEnd()}…`;
}
