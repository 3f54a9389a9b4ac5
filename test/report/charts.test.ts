// The inline SVG charts: axes that end on round numbers, and text that cannot break out of the markup.
import { describe, expect, it } from 'vitest';
import { esc, niceScale, stackedBar, stackedColumns } from '../../src/report/charts.ts';

describe('charts', () => {
  it('tops an axis at a round number in at most five ticks', () => {
    expect(niceScale(0)).toEqual({ top: 1, step: 1 });
    expect(niceScale(3)).toEqual({ top: 3, step: 1 });
    expect(niceScale(7)).toEqual({ top: 8, step: 2 });
    expect(niceScale(143)).toEqual({ top: 150, step: 50 });
    expect(niceScale(1000)).toEqual({ top: 1000, step: 200 });
  });

  it('escapes every piece of text it is given', () => {
    expect(esc(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
    const svg = stackedColumns({
      title: '<b>',
      categories: ['d1'],
      categoryLabels: ['<i>'],
      series: [{ label: '"no match"', color: '#888' }],
      values: [[2]],
    });
    expect(svg).not.toContain('<b>');
    expect(svg).not.toContain('<i>');
    expect(svg).toContain('&lt;i&gt;: 2 &quot;no match&quot;');
  });

  it('draws one segment per non-zero value, scaled to the largest', () => {
    const bar = stackedBar({ title: 't', series: [{ label: 'a', color: '#1' }, { label: 'b', color: '#2' }, { label: 'c', color: '#3' }], values: [1, 0, 3], max: 8, width: 80 });
    expect([...bar.matchAll(/class="bar"[^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]))).toEqual([10, 30]);
  });
});
