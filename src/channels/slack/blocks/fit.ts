// Making text fit Block Kit's limits without breaking it: cuts never land inside an escaped entity
// (`&amp;`) or a `<url|label>` link, long text is split into several pieces rather than refused, and a
// trimmed label ends with an ellipsis so a reader can see something was cut.
const ELLIPSIS = '…';

/** Cut `text` to at most `max` characters, ending in an ellipsis when it was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, max);
  const cut = safeCut(text, max - ELLIPSIS.length);
  return text.slice(0, cut).trimEnd() + ELLIPSIS;
}

/**
 * Split `text` into pieces of at most `max` characters, preferring line breaks, then spaces; only a
 * single unbroken run longer than `max` is cut mid-word.
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    let cut = window.lastIndexOf('\n');
    if (cut <= 0) cut = window.lastIndexOf(' ');
    if (cut <= 0) cut = max;
    cut = safeCut(rest, cut);
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^[\n ]+/, '');
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
  return pieces.filter((piece, index) => piece.length > 0 || index === 0);
}

/** Move a cut position left so it does not fall inside `&…;` or `<…>`. */
function safeCut(text: string, position: number): number {
  let cut = Math.max(1, Math.min(position, text.length));
  const lastAmp = text.lastIndexOf('&', cut - 1);
  if (lastAmp >= 0 && lastAmp > cut - 6) {
    const semi = text.indexOf(';', lastAmp);
    if (semi >= cut && semi - lastAmp <= 5) cut = lastAmp;
  }
  const lastOpen = text.lastIndexOf('<', cut - 1);
  if (lastOpen >= 0) {
    const close = text.indexOf('>', lastOpen);
    if (close >= cut && lastOpen > 0) cut = lastOpen;
  }
  return Math.max(1, cut);
}
