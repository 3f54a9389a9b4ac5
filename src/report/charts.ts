// Charts as inline SVG strings, for the self-contained report page: no script, no font, nothing fetched.
// Every shape carries a <title> (a tooltip, and what a screen reader reads), and every chart an aria-label;
// the page shows the same numbers as tables too.

export interface Series {
  label: string;
  color: string;
}

/** Escape text for HTML and SVG (element content and attribute values). */
export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The top of a count axis: the first step of 1, 2 or 5 × 10ⁿ that reaches `max` in at most five ticks. */
export function niceScale(max: number): { top: number; step: number } {
  if (max <= 0) return { top: 1, step: 1 };
  for (let k = 0; ; k++) {
    for (const m of [1, 2, 5]) {
      const step = m * 10 ** k;
      const ticks = Math.ceil(max / step);
      if (ticks <= 5) return { top: ticks * step, step };
    }
  }
}

const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/**
 * Stacked columns: one column per category (a day), one stacked segment per series. `values[c][s]` is the
 * value of series `s` in category `c`. Labels under every `labelEvery`-th column.
 */
export function stackedColumns(options: {
  title: string;
  categories: readonly string[];
  /** What a category is called in a tooltip, e.g. "Mon 23 Nov". */
  categoryLabels: readonly string[];
  series: readonly Series[];
  values: readonly (readonly number[])[];
  width?: number;
  height?: number;
}): string {
  const width = options.width ?? 1000;
  const height = options.height ?? 240;
  const left = 40;
  const right = 8;
  const top = 10;
  const bottom = 34;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const n = Math.max(1, options.categories.length);
  const totals = options.values.map((row) => row.reduce((a, b) => a + b, 0));
  const { top: yTop, step } = niceScale(Math.max(0, ...totals));
  const slot = plotW / n;
  const barW = Math.max(1, Math.min(28, slot * 0.78));
  const y = (v: number): number => top + plotH - (v / yTop) * plotH;
  const parts: string[] = [];
  for (let v = 0; v <= yTop + 1e-9; v += step) {
    parts.push(`<line class="grid" x1="${left}" x2="${width - right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}"/>`);
    parts.push(`<text class="tick" x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${fmt(v)}</text>`);
  }
  const labelEvery = Math.max(1, Math.ceil(n / 12));
  options.categories.forEach((category, c) => {
    const x = left + c * slot + (slot - barW) / 2;
    let base = 0;
    const row = options.values[c] ?? [];
    const label = options.categoryLabels[c] ?? category;
    options.series.forEach((s, i) => {
      const v = row[i] ?? 0;
      if (v <= 0) return;
      const y1 = y(base + v);
      const h = y(base) - y1;
      parts.push(
        `<rect class="bar" data-series="${esc(s.label)}" data-category="${esc(category)}" data-value="${v}" x="${x.toFixed(1)}" y="${y1.toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${s.color}"><title>${esc(`${label}: ${v} ${s.label}`)}</title></rect>`,
      );
      base += v;
    });
    if (c % labelEvery === 0) {
      parts.push(`<text class="tick" x="${(x + barW / 2).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle">${esc(label)}</text>`);
    }
  });
  parts.push(`<line class="axis" x1="${left}" x2="${width - right}" y1="${y(0)}" y2="${y(0)}"/>`);
  return svg(width, height, options.title, parts);
}

/** One horizontal bar split into segments, scaled so `max` fills `width` (a row of a table). */
export function stackedBar(options: { title: string; series: readonly Series[]; values: readonly number[]; max: number; width?: number; height?: number }): string {
  const width = options.width ?? 260;
  const height = options.height ?? 16;
  const total = options.values.reduce((a, b) => a + b, 0);
  const parts: string[] = [`<rect class="track" x="0" y="0" width="${width}" height="${height}" rx="3"/>`];
  let x = 0;
  options.series.forEach((s, i) => {
    const v = options.values[i] ?? 0;
    if (v <= 0 || options.max <= 0) return;
    const w = (v / options.max) * width;
    parts.push(
      `<rect class="bar" data-series="${esc(s.label)}" data-value="${v}" x="${x.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="${height}" fill="${s.color}"><title>${esc(`${v} ${s.label}`)}</title></rect>`,
    );
    x += w;
  });
  return svg(width, height, `${options.title}: ${total}`, parts, 'inline');
}

/** A score from 0 to 1 as a short bar with its value. */
export function scoreBar(score: number, width = 90): string {
  const clamped = Math.max(0, Math.min(1, score));
  const parts = [
    `<rect class="track" x="0" y="2" width="${width}" height="10" rx="2"/>`,
    `<rect class="bar score" data-value="${score}" x="0" y="2" width="${(clamped * width).toFixed(1)}" height="10" rx="2"><title>score ${score.toFixed(2)}</title></rect>`,
  ];
  return svg(width, 14, `score ${score.toFixed(2)} of 1`, parts, 'inline');
}

function svg(width: number, height: number, label: string, parts: readonly string[], kind: 'chart' | 'inline' = 'chart'): string {
  return (
    `<svg class="${kind}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(label)}">` +
    `${parts.join('')}</svg>`
  );
}
