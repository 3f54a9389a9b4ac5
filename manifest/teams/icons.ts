// Draws the app's icons and writes them beside the manifest: `npx tsx manifest/teams/icons.ts`.
// Colour: 192×192, a white speech bubble with a check mark on deep teal. Outline: 32×32, the same
// bubble in white on a transparent background, as Teams requires.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encodePng, type Image } from './png.ts';

type Rgba = readonly [number, number, number, number];
const TEAL: Rgba = [0x0b, 0x5c, 0x6b, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

/** Where the shape is, in a unit square: inside the bubble (a rounded rectangle with a tail), or the tick. */
function shapeAt(u: number, v: number): 'bubble' | 'tick' | 'none' {
  const inTick = nearSegment(u, v, 0.33, 0.45, 0.45, 0.57, 0.055) || nearSegment(u, v, 0.45, 0.57, 0.68, 0.33, 0.055);
  if (inTick) return 'tick';
  const inBody = roundedRect(u, v, 0.16, 0.18, 0.84, 0.7, 0.1);
  const inTail = triangle(u, v, [0.3, 0.66], [0.3, 0.86], [0.5, 0.66]);
  return inBody || inTail ? 'bubble' : 'none';
}

function roundedRect(u: number, v: number, x0: number, y0: number, x1: number, y1: number, r: number): boolean {
  if (u < x0 || u > x1 || v < y0 || v > y1) return false;
  const cx = Math.min(Math.max(u, x0 + r), x1 - r);
  const cy = Math.min(Math.max(v, y0 + r), y1 - r);
  return (u - cx) ** 2 + (v - cy) ** 2 <= r * r;
}

function triangle(u: number, v: number, a: [number, number], b: [number, number], c: [number, number]): boolean {
  const sign = (p: [number, number], q: [number, number], r: [number, number]) => (p[0] - r[0]) * (q[1] - r[1]) - (q[0] - r[0]) * (p[1] - r[1]);
  const d1 = sign([u, v], a, b);
  const d2 = sign([u, v], b, c);
  const d3 = sign([u, v], c, a);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
}

function nearSegment(u: number, v: number, x0: number, y0: number, x1: number, y1: number, width: number): boolean {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const t = Math.max(0, Math.min(1, ((u - x0) * dx + (v - y0) * dy) / (dx * dx + dy * dy)));
  return (u - (x0 + t * dx)) ** 2 + (v - (y0 + t * dy)) ** 2 <= width * width;
}

function draw(size: number, paint: (shape: 'bubble' | 'tick' | 'none') => Rgba): Image {
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const colour = paint(shapeAt((x + 0.5) / size, (y + 0.5) / size));
      pixels.set(colour, (y * size + x) * 4);
    }
  }
  return { width: size, height: size, pixels };
}

export const colourIcon = (): Image => draw(192, (s) => (s === 'bubble' ? WHITE : TEAL));
// The outline icon is white only; the tick is cut out so it reads at 32 px.
export const outlineIcon = (): Image => draw(32, (s) => (s === 'bubble' ? WHITE : CLEAR));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = new URL('.', import.meta.url);
  writeFileSync(new URL('color.png', dir), encodePng(colourIcon()));
  writeFileSync(new URL('outline.png', dir), encodePng(outlineIcon()));
  process.stdout.write('wrote manifest/teams/color.png and manifest/teams/outline.png\n');
}
