/**
 * The class report ({@link ClassReport}) as one self-contained HTML page: inline CSS, inline SVG
 * bar charts (each followed by a table holding the same figures, its text alternative), no
 * script, no font, image or link to load. A Content-Security-Policy meta element allows only the
 * page's own stylesheet (by its SHA-256), so even a tag that escaped would load and run nothing.
 *
 * Everything a statement carried (learner, topic, item, option and misconception names) came
 * from learners' machines: it is HTML-escaped wherever it goes, text or attribute.
 */
import type { ClassReport, ItemAnalysis, OptionUse } from './class-report';

/** What the page needs besides the report. */
export interface ClassReportHtmlOptions {
  /** Base64 SHA-256 of a text (the page's stylesheet goes into its CSP by this hash). */
  readonly sha256Base64: (text: string) => string;
  /** Shown under the heading, e.g. the files read and when; plain text. */
  readonly subtitle?: string;
}

/** The page's stylesheet (exported so a caller or test can hash it). */
export const CLASS_REPORT_CSS = `
:root{color-scheme:light;--ink:#1b1f24;--muted:#57606a;--line:#d0d7de;--bar:#2f6fb3;--warn:#b35900}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);margin:2rem auto;max-width:72rem;padding:0 1rem}
h1{font-size:1.7rem;margin:0 0 .25rem}h2{font-size:1.25rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line)}
.sub{color:var(--muted);margin:0 0 1rem}
dl.summary{display:grid;grid-template-columns:repeat(auto-fill,minmax(10rem,1fr));gap:.5rem;margin:0}
dl.summary div{border:1px solid var(--line);border-radius:6px;padding:.5rem .75rem}
dt{color:var(--muted);font-size:.85rem}dd{margin:0;font-size:1.35rem;font-variant-numeric:tabular-nums}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-variant-numeric:tabular-nums}
th,td{border-bottom:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
th{font-size:.85rem;color:var(--muted)}td.n,th.n{text-align:right}
caption{text-align:left;color:var(--muted);font-size:.85rem;padding:.25rem 0}
figure{margin:0}svg{max-width:100%;height:auto}svg text{font:12px system-ui,sans-serif;fill:var(--ink)}
ul.opts{list-style:none;margin:0;padding:0;min-width:12rem}ul.opts li{display:grid;grid-template-columns:62px 1fr;gap:.4rem;align-items:center}
table.items{font-size:.85rem}td.flag{min-width:5rem}
.key{font-weight:600}.flag{color:var(--warn)}.none{color:var(--muted)}
@media print{body{margin:0;max-width:none;font-size:11pt}h2{break-after:avoid}tr,figure,dl.summary div{break-inside:avoid}
thead{display:table-header-group}*{print-color-adjust:exact;-webkit-print-color-adjust:exact}}
`;

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** `text` safe as HTML text or as a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const esc = escapeHtml;
const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
const prop = (x: number | null) => (x === null ? '–' : x.toFixed(2));
const count = (n: number) => n.toLocaleString('en-US');

interface Bar {
  readonly label: string;
  readonly value: number;
  readonly text: string;
}

/**
 * A horizontal bar chart (bars scaled to `max`), an image to assistive technology named by its
 * title; the table after it carries the figures as text.
 */
function barChart(id: string, title: string, bars: readonly Bar[], max: number): string {
  const rowH = 22;
  const labelW = 260;
  const barW = 400;
  const height = bars.length * rowH + 8;
  const rows = bars.map((b, i) => {
    const y = 4 + i * rowH;
    const w = max > 0 ? Math.max(0, Math.min(1, b.value / max)) * barW : 0;
    const label = b.label.length > 40 ? `${b.label.slice(0, 39)}…` : b.label;
    return (
      `<text x="${labelW - 6}" y="${y + 15}" text-anchor="end">${esc(label)}</text>` +
      `<rect x="${labelW}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowH - 6}" fill="#2f6fb3"/>` +
      `<text x="${(labelW + w + 4).toFixed(1)}" y="${y + 15}">${esc(b.text)}</text>`
    );
  });
  return (
    `<svg role="img" aria-labelledby="${id}-t" viewBox="0 0 ${labelW + barW + 60} ${height}" width="${labelW + barW + 60}" height="${height}">` +
    `<title id="${id}-t">${esc(title)}</title>` +
    `<line x1="${labelW}" y1="0" x2="${labelW}" y2="${height}" stroke="#57606a"/>` +
    `${rows.join('')}</svg>`
  );
}

function table(
  caption: string,
  head: readonly string[],
  rows: readonly string[],
  className?: string,
): string {
  const th = head
    .map((h) =>
      h.startsWith('#') ? `<th class="n">${esc(h.slice(1))}</th>` : `<th>${esc(h)}</th>`,
    )
    .join('');
  const cls = className === undefined ? '' : ` class="${className}"`;
  return `<table${cls}><caption>${esc(caption)}</caption><thead><tr>${th}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const td = (text: string) => `<td>${esc(text)}</td>`;
const tdn = (text: string) => `<td class="n">${esc(text)}</td>`;

function summary(report: ClassReport): string {
  const cells: [string, number][] = [
    ['Learners', report.totals.learners],
    ['Attempts (answers)', report.totals.answers],
    ['Quizzes completed', report.totals.quizzes],
    ['Statements read', report.statements],
    ['Duplicates (counted once)', report.duplicates],
    ['Statements ignored', report.ignored],
  ];
  return `<dl class="summary">${cells.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${count(v)}</dd></div>`).join('')}</dl>`;
}

function topics(report: ClassReport): string {
  if (report.topics.length === 0) return '<p class="none">No answers, so no topics.</p>';
  const chart = barChart(
    'mastery',
    'Mastery per topic (mean over learners of their mean score in the topic)',
    report.topics.map((t) => ({ label: t.topic, value: t.mastery, text: pct(t.mastery) })),
    1,
  );
  const rows = report.topics.map(
    (t) =>
      `<tr>${td(t.topic)}${tdn(pct(t.mastery))}${tdn(pct(t.accuracy))}${tdn(count(t.learners))}${tdn(count(t.answers))}</tr>`,
  );
  return `<figure>${chart}${table('Mastery per topic, as text', ['Topic', '#Mastery', '#Accuracy', '#Learners', '#Answers'], rows)}</figure>`;
}

const CHARTED_MISCONCEPTIONS = 15;

function misconceptions(report: ClassReport): string {
  const list = report.misconceptions;
  if (list.length === 0) return '<p class="none">No wrong answer named a misconception.</p>';
  const shown = list.slice(0, CHARTED_MISCONCEPTIONS);
  const chart = barChart(
    'misconceptions',
    `Answers showing each misconception${list.length > shown.length ? ` (the ${shown.length} most frequent of ${list.length})` : ''}`,
    shown.map((m) => ({ label: m.label, value: m.answers, text: count(m.answers) })),
    Math.max(...shown.map((m) => m.answers)),
  );
  const rows = list.map(
    (m) => `<tr>${td(m.label)}${td(m.id)}${tdn(count(m.answers))}${tdn(count(m.learners))}</tr>`,
  );
  return `<figure>${chart}${table('Misconception frequencies, as text', ['Misconception', 'Id', '#Answers', '#Learners'], rows)}</figure>`;
}

function optionList(options: readonly OptionUse[]): string {
  if (options.length === 0) return '<span class="none">–</span>';
  const items = options.map((o) => {
    const w = (Math.max(0, Math.min(1, o.share)) * 60).toFixed(1);
    const bar = `<svg aria-hidden="true" width="62" height="10" viewBox="0 0 62 10"><rect x="0" y="1" width="${w}" height="8" fill="${o.correct ? '#2a7a3a' : '#2f6fb3'}"/></svg>`;
    const name = `${o.id}${o.correct ? ' (key)' : ''}: ${o.text}`;
    return `<li${o.correct ? ' class="key"' : ''}>${bar}<span>${esc(name)} — ${count(o.picks)} (${pct(o.share)})</span></li>`;
  });
  return `<ul class="opts">${items.join('')}</ul>`;
}

/** What an instructor should look at in an item, by the usual rules of thumb. */
function itemFlags(item: ItemAnalysis): string[] {
  const flags: string[] = [];
  if (item.discrimination !== null && item.discrimination < 0)
    flags.push('favours weaker learners');
  else if (item.discrimination !== null && item.discrimination < 0.2)
    flags.push('discriminates little');
  if (item.facility < 0.2) flags.push('very hard');
  else if (item.facility > 0.9) flags.push('very easy');
  const unused = item.options.filter((o) => !o.correct && o.picks === 0).length;
  if (item.answers >= 20 && unused > 0)
    flags.push(`${unused} distractor${unused > 1 ? 's' : ''} never picked`);
  return flags;
}

function items(report: ClassReport): string {
  if (report.items.length === 0) return '<p class="none">No items answered.</p>';
  const g = report.discrimination.groupSize;
  const method =
    g > 0
      ? `Discrimination: facility in the top ${g} learners (by proportion correct) minus facility in the bottom ${g}.`
      : 'Discrimination needs at least two learners with answers.';
  const rows = report.items.map((i) => {
    const flags = itemFlags(i);
    return (
      `<tr>${td(i.name)}${td(i.topic ?? '–')}${td(i.interactionType ?? '–')}${tdn(count(i.answers))}` +
      `${tdn(prop(i.facility))}${tdn(prop(i.upperFacility))}${tdn(prop(i.lowerFacility))}${tdn(prop(i.discrimination))}` +
      `<td>${optionList(i.options)}</td><td class="flag">${esc(flags.join('; '))}</td></tr>`
    );
  });
  return (
    `<p>Facility: proportion of answers correct. ${esc(method)} Option use: answers picking the option (share of the item's answers).</p>` +
    table(
      'Item analysis',
      [
        'Item',
        'Topic',
        'Type',
        '#Answers',
        '#Facility',
        '#Upper',
        '#Lower',
        '#Discrimination',
        'Option use',
        'Look at',
      ],
      rows,
      'items',
    )
  );
}

function learners(report: ClassReport): string {
  if (report.learners.length === 0) return '<p class="none">No learners.</p>';
  const rows = report.learners.map(
    (l) =>
      `<tr>${td(l.name)}${tdn(count(l.answers))}${tdn(count(l.correct))}${tdn(pct(l.meanScore))}${tdn(count(l.quizzes))}</tr>`,
  );
  return table('Learners', ['Learner', '#Answers', '#Correct', '#Mean score', '#Quizzes'], rows);
}

/** The report as a complete HTML document (see the module comment). */
export function classReportHtml(report: ClassReport, options: ClassReportHtmlOptions): string {
  const csp = [
    "default-src 'none'",
    `style-src 'sha256-${options.sha256Base64(CLASS_REPORT_CSS)}'`,
    "img-src 'none'",
    "font-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const sub = options.subtitle === undefined ? '' : `<p class="sub">${esc(options.subtitle)}</p>`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>DeepDrill class report</title>',
    `<style>${CLASS_REPORT_CSS}</style>`,
    '</head><body>',
    `<header><h1>Class report</h1>${sub}</header><main>`,
    `<section aria-labelledby="h-summary"><h2 id="h-summary">Summary</h2>${summary(report)}</section>`,
    `<section aria-labelledby="h-topics"><h2 id="h-topics">Mastery per topic</h2>${topics(report)}</section>`,
    `<section aria-labelledby="h-misc"><h2 id="h-misc">Misconception frequencies</h2>${misconceptions(report)}</section>`,
    `<section aria-labelledby="h-items"><h2 id="h-items">Item analysis</h2>${items(report)}</section>`,
    `<section aria-labelledby="h-learners"><h2 id="h-learners">Learners</h2>${learners(report)}</section>`,
    '</main></body></html>',
    '',
  ].join('\n');
}
