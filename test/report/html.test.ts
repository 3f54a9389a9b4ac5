// The report page: one self-contained file. It is parsed (always), and opened in headless Chromium where
// Debian's chromium package is installed (.ci/run installs it): it must load nothing but itself, with no
// network, and its charts must be drawn, bar heights in proportion to the figures.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport, type Report } from '../../src/report/report.ts';
import { reportToHtml, OUTCOME_COLORS } from '../../src/report/html.ts';
import { createMemoryStore } from '../../src/store/memory.ts';
import { findChromium, visit } from './chromium.ts';
import { SINCE, UNTIL, fixture, report as weekReport } from './week.ts';

let report: Report;
let html: string;
let dir: string;
let file: string;

beforeAll(async () => {
  report = await weekReport();
  html = reportToHtml(report);
  dir = mkdtempSync(join(tmpdir(), 'msht-report-'));
  file = join(dir, 'report.html');
  writeFileSync(file, html);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the report page, parsed', () => {
  it('loads nothing from anywhere: no script, stylesheet link, image, font or frame, and a policy that forbids them', () => {
    const { document } = new JSDOM(html).window;
    expect(document.querySelectorAll('script, link, img, iframe, object, embed, audio, video, source').length).toBe(0);
    expect(document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toContain("default-src 'none'");
    for (const el of document.querySelectorAll('*')) {
      for (const attr of ['src', 'href', 'srcset', 'xlink:href', 'action', 'poster']) expect(el.getAttribute(attr), `${el.tagName} ${attr}`).toBeNull();
    }
    const css = [...document.querySelectorAll('style')].map((s) => s.textContent).join('\n');
    expect(css).not.toMatch(/@import|@font-face|url\(/);
  });

  it('draws the questions per day as stacked bars that add up to the figures, with a tooltip each', () => {
    const { document } = new JSDOM(html).window;
    const bars = [...document.querySelectorAll('#questions svg.chart rect.bar')];
    const sum = bars.reduce((n, b) => n + Number(b.getAttribute('data-value')), 0);
    expect(sum).toBe(report.questions.outcomes.total);
    const urgent = bars.filter((b) => b.getAttribute('data-series') === 'urgent');
    expect(urgent.map((b) => [b.getAttribute('data-category'), b.getAttribute('fill')])).toEqual([['2026-11-16', OUTCOME_COLORS.urgent]]);
    expect(urgent[0]!.querySelector('title')?.textContent).toBe('Mon 16 Nov: 1 urgent');
    expect(document.querySelector('#questions svg.chart')?.getAttribute('aria-label')).toContain('Questions per day');
  });

  it('shows each unanswered group with its nearest entries and the line to copy', () => {
    const { document } = new JSDOM(html).window;
    const groups = [...document.querySelectorAll('article.group')];
    expect(groups.map((g) => g.getAttribute('data-count'))).toEqual(['3', '2', '2', '1']);
    expect(groups[0]!.querySelector('pre.copy')?.textContent).toBe('- parking at HQ');
    expect(groups[2]!.querySelector('.action.add-question')?.textContent).toContain('Add to the questions: of nrm-adult-referral');
    expect(groups[2]!.querySelector('table.nearest svg rect.score')?.getAttribute('data-value')).toBe(String(report.unanswered.groups[2]!.nearest[0]!.score));
    expect(document.body.textContent).not.toMatch(/Jane|07700/);
  });

  it('escapes what people asked, so a question cannot become markup', async () => {
    const store = createMemoryStore();
    await store.recordUnanswered({ question: '<img src=x onerror=alert(1)> "quoted" & <b>bold</b>', status: 'no_match', platform: 'slack', score: 0 }, new Date('2026-11-17T10:00:00Z'));
    const page = reportToHtml(await buildReport({ store, knowledge: fixture(), period: { since: SINCE, until: UNTIL } }));
    const { document } = new JSDOM(page).window;
    expect(document.querySelectorAll('img, b').length).toBe(0);
    expect(document.querySelector('article.group .example')?.textContent).toContain('<img src=x onerror=alert(1)> "quoted" & <b>bold</b>');
  });
});

const chromium = findChromium();

describe.skipIf(!chromium)(`the report page in headless Chromium${chromium ? '' : ' (skipped: Debian\'s chromium package is not installed; .ci/run installs it)'}`, () => {
  it('opens from the file with the network refused, asks for nothing else, and draws every chart', async () => {
    const url = pathToFileURL(file).href;
    const { requests, value } = await visit(
      chromium!,
      url,
      `(() => {
        const box = (el) => { const r = el.getBoundingClientRect(); return { w: r.width, h: r.height, left: r.left, right: r.right }; };
        const chart = document.querySelector('#questions svg.chart');
        const bars = [...chart.querySelectorAll('rect.bar')].map((b) => ({ ...box(b), fill: getComputedStyle(b).fill, value: Number(b.dataset.value) }));
        const inline = [...document.querySelectorAll('svg.inline rect.bar')].map(box);
        return {
          viewport: innerWidth,
          scrollWidth: document.documentElement.scrollWidth,
          chart: box(chart),
          bars,
          inline: inline.length,
          inlineDrawn: inline.filter((b) => b.w > 0 && b.h > 0).length,
          groups: document.querySelectorAll('article.group').length,
          title: document.title,
        };
      })()`,
    );
    expect(requests).toEqual([url]);
    const page = value as {
      viewport: number;
      scrollWidth: number;
      chart: { w: number; h: number; left: number; right: number };
      bars: { w: number; h: number; left: number; right: number; fill: string; value: number }[];
      inline: number;
      inlineDrawn: number;
      groups: number;
      title: string;
    };
    expect(page.title).toBe('msht-guide report, 16 Nov 2026 to 22 Nov 2026');
    // The chart is laid out across the page, inside it, and nothing runs off to the side.
    expect(page.chart.w).toBeGreaterThan(600);
    expect(page.chart.h).toBeGreaterThan(100);
    expect(page.scrollWidth).toBeLessThanOrEqual(page.viewport);
    expect(page.bars.length).toBeGreaterThan(5);
    for (const bar of page.bars) {
      expect(bar.w).toBeGreaterThan(2);
      expect(bar.left).toBeGreaterThanOrEqual(page.chart.left);
      expect(bar.right).toBeLessThanOrEqual(page.chart.right + 0.5);
      // Every bar is as tall as its figure: one question is the same height everywhere.
      expect(bar.h / bar.value).toBeCloseTo(page.bars[0]!.h / page.bars[0]!.value, 0);
    }
    expect(new Set(page.bars.map((b) => b.fill))).toEqual(new Set(['rgb(213, 94, 0)', 'rgb(0, 158, 115)', 'rgb(230, 159, 0)', 'rgb(140, 140, 140)']));
    expect(page.inlineDrawn).toBe(page.inline);
    expect(page.inline).toBeGreaterThan(10);
    expect(page.groups).toBe(report.unanswered.groups.length);
  }, 60_000);
});
