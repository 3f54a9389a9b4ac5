// The report as one self-contained HTML page: inline CSS and inline SVG charts, no script, no web font,
// nothing fetched (its Content-Security-Policy forbids loading anything), so it opens from a file on a
// machine with no network and can be mailed or attached as it is. Every figure is in a table as well.
import { handoffLine } from './text.ts';
import { DUE_SOON_DAYS } from '../knowledge/review.ts';
import { FEEDBACK_REASON_OPTIONS } from '../conversation/reply.ts';
import { esc, scoreBar, stackedBar, stackedColumns, type Series } from './charts.ts';
import type { UnansweredGroup } from './groups.ts';
import type { DeliveryCounts, Outcome, OutcomeCounts, Report } from './report.ts';
import { OUTCOMES } from './report.ts';
import { actionSentence, actionYaml, OUTCOME_SHORT, periodLine, plural, problemSentence, reviewSentence, ukDate, ukTime } from './words.ts';

/** Colours that stay apart for most kinds of colour blindness (Okabe–Ito), with labels and tables beside them. */
export const OUTCOME_COLORS: Record<Outcome, string> = { urgent: '#D55E00', answered: '#009E73', ambiguous: '#E69F00', no_match: '#8C8C8C' };
const REASON_COLORS = { wrong: '#D55E00', out_of_date: '#E69F00', missing: '#56B4E9', other: '#CC79A7', none: '#BDBDBD' } as const;
const DELIVERY_COLORS = { delivered: '#009E73', failed: '#D55E00', skipped: '#E69F00', pending: '#56B4E9' } as const;

const OUTCOME_SERIES: Series[] = OUTCOMES.map((o) => ({ label: OUTCOME_SHORT[o], color: OUTCOME_COLORS[o] }));
const REASON_KEYS = ['wrong', 'out_of_date', 'missing', 'other', 'none'] as const;
const REASON_SERIES: Series[] = REASON_KEYS.map((r) => ({
  label: r === 'none' ? 'no reason given' : (FEEDBACK_REASON_OPTIONS.find((o) => o.reason === r)?.label ?? r).toLowerCase(),
  color: REASON_COLORS[r],
}));
const DELIVERY_KEYS = ['delivered', 'failed', 'skipped', 'pending'] as const;
const DELIVERY_SERIES: Series[] = DELIVERY_KEYS.map((k) => ({ label: k, color: DELIVERY_COLORS[k] }));

const STYLE = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d8dee4; --soft: #f6f8fa; --accent: #0b5cad; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 1040px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 36px 0 10px; padding-top: 14px; border-top: 1px solid var(--line); }
h3 { font-size: 15px; margin: 0 0 6px; }
p.sub, .muted { color: var(--muted); }
.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 10px; margin: 18px 0 6px; }
.tile { background: var(--soft); border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.tile .n { font-size: 26px; font-weight: 650; display: block; }
.tile .l { color: var(--muted); font-size: 13px; }
.legend { display: flex; flex-wrap: wrap; gap: 14px; margin: 6px 0; font-size: 13px; color: var(--muted); padding: 0; list-style: none; }
.legend li::before { content: ""; display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 6px; vertical-align: -1px; background: var(--c); }
svg.chart { max-width: 100%; height: auto; display: block; }
svg.inline { vertical-align: middle; }
svg .grid { stroke: #eaeef2; } svg .axis { stroke: #8c959f; } svg .tick { fill: var(--muted); font-size: 11px; }
svg .track { fill: #eef1f4; } svg .score { fill: var(--accent); }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 14px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); font-size: 13px; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
details { margin: 6px 0; } summary { cursor: pointer; color: var(--accent); font-size: 13px; }
article.group { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; margin: 12px 0; }
article.group .count { display: inline-block; min-width: 34px; text-align: center; font-weight: 650; background: var(--soft); border: 1px solid var(--line); border-radius: 12px; padding: 0 8px; margin-right: 8px; }
.example { font-size: 16px; }
.chips { margin: 6px 0; } .chip { display: inline-block; font-size: 12px; background: #eef4fb; color: #0a3f75; border-radius: 10px; padding: 1px 8px; margin: 2px 4px 2px 0; }
.action { margin-top: 8px; padding: 8px 10px; border-left: 4px solid var(--accent); background: #f3f8fd; }
.action.out-of-scope { border-color: #8C8C8C; background: var(--soft); }
.action.answered-now { border-color: #009E73; background: #eefaf5; }
.action.new-entry { border-color: #E69F00; background: #fff8e8; }
pre.copy { margin: 6px 0 0; padding: 6px 8px; background: #fff; border: 1px dashed #9fb3c8; border-radius: 4px; white-space: pre-wrap; user-select: all; font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.ok { color: #0b6e4f; } .warn { color: #9a3412; }
footer { margin-top: 40px; color: var(--muted); font-size: 13px; border-top: 1px solid var(--line); padding-top: 12px; }
@media print { h2 { break-after: avoid; } article.group, table { break-inside: avoid; } details { display: none; } }
`;

function legend(series: readonly Series[]): string {
  return `<ul class="legend">${series.map((s) => `<li style="--c:${s.color}">${esc(s.label)}</li>`).join('')}</ul>`;
}

function tile(n: number | string, label: string): string {
  return `<div class="tile"><span class="n">${esc(n)}</span><span class="l">${esc(label)}</span></div>`;
}

const pct = (part: number, whole: number): string => (whole === 0 ? '–' : `${Math.round((part / whole) * 100)}%`);
const outcomeValues = (c: OutcomeCounts): number[] => OUTCOMES.map((o) => c[o]);
const deliveryValues = (c: DeliveryCounts): number[] => DELIVERY_KEYS.map((k) => c[k]);
const dayLabel = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' });
const shortDay = (day: string): string => dayLabel.format(new Date(`${day}T12:00:00Z`));

export function reportToHtml(report: Report): string {
  const title = `msht-guide report, ${periodLine(report)}`;
  return [
    '<!doctype html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    // Nothing may be loaded: no script, no font, no image from anywhere (charts are inline SVG).
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${esc(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body><main>',
    header(report),
    questionsSection(report),
    unansweredSection(report),
    feedbackSection(report),
    reviewSection(report),
    deliveriesSection(report),
    `<footer>Questions are shown as they are stored: with names, phone numbers, addresses, dates of birth and similar already removed. ` +
      `Suggestions are for an admin to copy into the knowledge; nothing was changed. Generated for ${esc(ukTime(report.generatedAt))}. ` +
      `This page loads nothing from the network.</footer>`,
    '</main></body>',
    '</html>',
  ].join('\n');
}

function header(report: Report): string {
  const q = report.questions.outcomes;
  const fb = report.feedback;
  const d = report.deliveries.reminders;
  return [
    `<header><h1>What was asked, and how it went</h1>`,
    `<p class="sub">${esc(periodLine(report))} (UK days) · knowledge ${esc(report.knowledge.version)}, ${esc(plural(report.knowledge.entries, 'entry', 'entries'))}</p></header>`,
    '<section class="tiles" aria-label="The period in figures">',
    tile(q.total, 'questions asked'),
    tile(pct(q.answered + q.urgent, q.total), 'answered outright (urgent included)'),
    tile(q.urgent, 'urgent: 999 first'),
    tile(q.no_match + q.ambiguous, 'no match or ambiguous'),
    tile(report.unanswered.groups.length, 'groups to look at'),
    tile(`${fb.helpful} / ${fb.unhelpful}`, 'helpful / not helpful'),
    tile(report.review.overdue.length, 'entries past review date'),
    tile(`${d.delivered} / ${d.failed + d.skipped}`, 'reminders posted / missed'),
    '</section>',
  ].join('\n');
}

function questionsSection(report: Report): string {
  const { byDay, byPlatform, topEntries, outcomes, undelivered } = report.questions;
  const out = ['<section id="questions"><h2>Questions per day, by outcome</h2>'];
  if (outcomes.total === 0) {
    out.push('<p class="muted">No questions were asked in this period.</p>');
  } else {
    out.push(legend(OUTCOME_SERIES));
    out.push(
      stackedColumns({
        title: `Questions per day from ${ukDate(report.period.since)} to ${ukDate(report.period.until)}, stacked by outcome`,
        categories: byDay.map((d) => d.day),
        categoryLabels: byDay.map((d) => shortDay(d.day)),
        series: OUTCOME_SERIES,
        values: byDay.map(outcomeValues),
      }),
    );
    out.push(
      `<details><summary>The same as a table</summary><table><thead><tr><th>Day</th>${OUTCOMES.map((o) => `<th class="num">${esc(OUTCOME_SHORT[o])}</th>`).join('')}<th class="num">total</th></tr></thead><tbody>` +
        byDay
          .filter((d) => d.total > 0)
          .map((d) => `<tr><td>${esc(shortDay(d.day))}</td>${OUTCOMES.map((o) => `<td class="num">${d[o]}</td>`).join('')}<td class="num">${d.total}</td></tr>`)
          .join('') +
        '</tbody></table></details>',
    );
    const max = Math.max(...byPlatform.map((p) => p.total));
    out.push('<h3>By platform</h3><table><thead><tr><th>Platform</th><th></th>' + OUTCOMES.map((o) => `<th class="num">${esc(OUTCOME_SHORT[o])}</th>`).join('') + '<th class="num">total</th></tr></thead><tbody>');
    for (const p of byPlatform) {
      out.push(
        `<tr><td>${esc(p.platform)}</td><td>${stackedBar({ title: `${p.platform} questions by outcome`, series: OUTCOME_SERIES, values: outcomeValues(p), max })}</td>` +
          `${OUTCOMES.map((o) => `<td class="num">${p[o]}</td>`).join('')}<td class="num">${p.total}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
    if (undelivered > 0) out.push(`<p class="warn">${esc(plural(undelivered, 'answer'))} could not be posted: the platform refused after retries.</p>`);
    if (topEntries.length > 0) {
      const top = Math.max(...topEntries.map((e) => e.count));
      out.push('<h3>Answers shown most</h3><table><tbody>');
      for (const e of topEntries) {
        out.push(
          `<tr><td>${esc(e.title)} <span class="muted">${esc(e.id)}</span></td><td>${stackedBar({ title: `${e.id} shown`, series: [{ label: 'times shown', color: OUTCOME_COLORS.answered }], values: [e.count], max: top, width: 180 })}</td><td class="num">${e.count}</td></tr>`,
        );
      }
      out.push('</tbody></table>');
    }
  }
  out.push('</section>');
  return out.join('\n');
}

function unansweredSection(report: Report): string {
  const { groups, total, truncated } = report.unanswered;
  const out = ['<section id="unanswered"><h2>Unanswered and ambiguous questions, grouped</h2>'];
  if (groups.length === 0) {
    out.push('<p class="muted">None in this period.</p></section>');
    return out.join('\n');
  }
  out.push(
    `<p class="muted">${esc(`${plural(total, 'question')} in ${plural(groups.length, 'group')}, most asked first. Similar questions are grouped by the words the search reads in them; each is read again against today's knowledge for the nearest entries and what to do.`)}</p>`,
  );
  if (truncated) out.push(`<p class="warn">Only the newest ${total} were read: shorten the period to see them all.</p>`);
  out.push(groups.map(groupArticle).join('\n'));
  out.push('</section>');
  return out.join('\n');
}

function groupArticle(group: UnansweredGroup): string {
  const how = [group.noMatch > 0 ? `${group.noMatch} no match` : '', group.ambiguous > 0 ? `${group.ambiguous} ambiguous` : ''].filter(Boolean).join(', ');
  const platforms = Object.entries(group.platforms)
    .map(([p, n]) => `${p} ${n}`)
    .join(', ');
  const others = group.examples.filter((e) => e !== group.example);
  const yaml = actionYaml(group.action);
  return [
    `<article class="group" data-count="${group.count}">`,
    `<div class="example"><span class="count" title="times asked">${group.count}×</span>“${esc(group.example)}”</div>`,
    `<div class="muted">${esc(`${how} · ${platforms} · last asked ${ukDate(group.lastAt)}`)}</div>`,
    others.length > 0 ? `<div class="muted">also: ${others.map((o) => `“${esc(o)}”`).join('; ')}</div>` : '',
    `<div class="chips">${group.terms.map((t) => `<span class="chip">${esc(t)}</span>`).join('')}</div>`,
    group.nearest.length > 0
      ? `<table class="nearest"><thead><tr><th>Nearest entries today</th><th>score</th><th class="num"></th></tr></thead><tbody>${group.nearest
          .map((n) => `<tr><td>${esc(n.title)} <span class="muted">${esc(n.id)}</span></td><td>${scoreBar(n.score)}</td><td class="num">${n.score.toFixed(2)}</td></tr>`)
          .join('')}</tbody></table>`
      : '<div class="muted">No entry comes near.</div>',
    `<div class="action ${group.action.kind}">${esc(actionSentence(group.action))}${yaml ? `<pre class="copy">${esc(yaml)}</pre>` : ''}</div>`,
    '</article>',
  ].join('\n');
}

function feedbackSection(report: Report): string {
  const fb = report.feedback;
  const out = ['<section id="feedback"><h2>Feedback</h2>'];
  out.push(`<p>${fb.helpful} helpful, ${fb.unhelpful} not helpful.</p>`);
  if (fb.unhelpful > 0) {
    out.push('<h3>Why not helpful</h3>', legend(REASON_SERIES));
    out.push(stackedBar({ title: 'Not helpful, by reason', series: REASON_SERIES, values: REASON_KEYS.map((r) => fb.reasons[r]), max: fb.unhelpful, width: 600, height: 22 }));
    const max = Math.max(...fb.byEntry.map((e) => e.unhelpful));
    out.push('<h3>Not helpful, by entry</h3><table><thead><tr><th>Entry</th><th>why</th><th class="num">not helpful</th><th class="num">helpful</th></tr></thead><tbody>');
    for (const e of fb.byEntry) {
      const questions = e.questions.map((q) => `<div class="muted">on “${esc(q)}”</div>`).join('');
      out.push(
        `<tr><td>${esc(e.title)} <span class="muted">${esc(e.id)}${e.known ? '' : ' (no longer in the knowledge)'}</span>${questions}</td>` +
          `<td>${stackedBar({ title: `${e.id} not helpful, by reason`, series: REASON_SERIES, values: REASON_KEYS.map((r) => e.reasons[r]), max, width: 200 })}</td>` +
          `<td class="num">${e.unhelpful}</td><td class="num">${e.helpful}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
  }
  out.push('</section>');
  return out.join('\n');
}

function reviewSection(report: Report): string {
  const { overdue, dueSoon } = report.review;
  const out = [`<section id="review"><h2>Review dates</h2><p>As of ${esc(ukDate(report.period.until))}: ${overdue.length} past the review date (served with a “may be out of date” line), ${dueSoon.length} due within ${DUE_SOON_DAYS} days. <code>msht-guide kb review</code> lists them all.</p>`];
  if (overdue.length + dueSoon.length > 0) {
    out.push('<table><thead><tr><th></th><th>Entry</th><th>Check against</th></tr></thead><tbody>');
    for (const [state, lines] of [['overdue', overdue], ['due soon', dueSoon]] as const) {
      for (const r of lines) {
        out.push(`<tr><td class="${state === 'overdue' ? 'warn' : ''}">${state}</td><td>${esc(r.title)}<div class="muted">${esc(reviewSentence(r))}</div></td><td>${esc(r.source)}</td></tr>`);
      }
    }
    out.push('</tbody></table>');
  }
  out.push('</section>');
  return out.join('\n');
}

function deliveriesSection(report: Report): string {
  const d = report.deliveries;
  const out = ['<section id="deliveries"><h2>Reminders</h2>'];
  const total = DELIVERY_KEYS.reduce((n, k) => n + d.reminders[k], 0);
  if (total === 0) out.push('<p class="muted">No reminder was due in this period.</p>');
  else {
    out.push(legend(DELIVERY_SERIES));
    const max = Math.max(...d.byReminder.map((r) => DELIVERY_KEYS.reduce((n, k) => n + r[k], 0)));
    out.push('<table><thead><tr><th>Reminder</th><th></th>' + DELIVERY_KEYS.map((k) => `<th class="num">${k}</th>`).join('') + '</tr></thead><tbody>');
    for (const r of d.byReminder) {
      out.push(
        `<tr><td>${esc(r.title)} <span class="muted">${esc(r.id)}</span></td><td>${stackedBar({ title: `${r.id} deliveries`, series: DELIVERY_SERIES, values: deliveryValues(r), max })}</td>` +
          `${DELIVERY_KEYS.map((k) => `<td class="num">${r[k]}</td>`).join('')}</tr>`,
      );
    }
    out.push('</tbody></table>');
  }
  if (d.problems.length > 0) {
    out.push('<h3>Not delivered</h3><ul>');
    for (const p of d.problems) out.push(`<li>${esc(problemSentence(p))}</li>`);
    out.push('</ul>');
  }
  if (d.disabled.length > 0) {
    out.push('<h3>Paused channels</h3><p class="muted">The platform said these are gone or removed the bot; they get nothing until someone subscribes there again.</p><ul>');
    for (const c of d.disabled) out.push(`<li>${esc(`${c.platform} ${c.channelId} (${c.topics.join(', ')}) since ${ukDate(c.disabledAt)}${c.reason ? `: ${c.reason}` : ''}`)}</li>`);
    out.push('</ul>');
  }
  const digests = d.digests;
  out.push(`<p>Admins' weekly digests: ${digests.delivered} delivered, ${digests.failed} failed, ${digests.skipped} skipped, ${digests.pending} pending.</p>`);
  out.push('</section>');
  out.push('<section id="handoffs"><h2>Questions handed to experts</h2>');
  out.push(`<p>${esc(handoffLine(report).replace(/^Questions handed to expert teams: /, ''))}</p>`);
  if (report.handoffs.byTeam.length > 0) {
    out.push('<table><thead><tr><th>Team</th><th class="num">sent</th><th class="num">answered</th><th class="num">expired</th><th class="num">waiting</th><th class="num">not sent</th></tr></thead><tbody>');
    for (const t of report.handoffs.byTeam) {
      out.push(`<tr><td>${esc(t.name)}</td><td class="num">${t.sent}</td><td class="num">${t.answered}</td><td class="num">${t.expired}</td><td class="num">${t.open}</td><td class="num">${t.notSent}</td></tr>`);
    }
    out.push('</tbody></table>');
  }
  out.push('</section>');
  return out.join('\n');
}
