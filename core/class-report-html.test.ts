import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ClassReport } from './class-report';
import { classReportHtml } from './class-report-html';

const sha256Base64 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

const HOSTILE_ITEM = '<script>alert("item")</script>';
const HOSTILE_OPTION = '<img src=x onerror=alert(1)>';
const HOSTILE_LEARNER = '"><svg onload=alert(2)>';
const HOSTILE_TOPIC = "</title><script src='https://evil.example/x.js'></script>";

// The figures of core/class-report.test.ts's hand-worked class (A, B, C, D), written out by hand:
// norm: mastery (2/3 + 1 + 0 + 1/2)/4 = 13/24 ≈ 54.2 %, accuracy 4/7 ≈ 57.1 %;
// q1: 5 answers, 3 right (facility 0.60), upper A 1/1, lower D 0/1, D = 1.00; picks a 3, b 1, c 1.
function handReport(itemName = 'b/q1', optionText = 'batch statistics'): ClassReport {
  return {
    statements: 14,
    duplicates: 1,
    ignored: 1,
    learners: [
      { name: 'A', answers: 4, correct: 3, quizzes: 1, meanScore: 0.75 },
      { name: HOSTILE_LEARNER, answers: 2, correct: 1, quizzes: 0, meanScore: 0.5 },
    ],
    totals: { learners: 4, answers: 11, quizzes: 1 },
    topics: [
      { topic: 'norm', learners: 4, answers: 7, accuracy: 4 / 7, mastery: 13 / 24 },
      { topic: 'reg', learners: 4, answers: 4, accuracy: 0.5, mastery: 0.5 },
    ],
    misconceptions: [
      {
        id: 'bn-test-batch-stats',
        label: 'Uses batch statistics at test time',
        answers: 2,
        learners: 2,
      },
    ],
    discrimination: { method: 'upper-lower-27', groupSize: 1 },
    items: [
      {
        id: 'https://lms.example.edu/deepdrill/banks/b/items/q1',
        name: itemName,
        topic: 'norm',
        interactionType: 'choice',
        answers: 5,
        facility: 0.6,
        upperFacility: 1,
        lowerFacility: 0,
        discrimination: 1,
        options: [
          { id: 'a', text: 'running averages', correct: true, picks: 3, share: 0.6 },
          { id: 'b', text: optionText, correct: false, picks: 1, share: 0.2 },
          { id: 'c', text: 'none', correct: false, picks: 1, share: 0.2 },
        ],
      },
      {
        id: 'https://lms.example.edu/deepdrill/banks/b/items/q3',
        name: 'b/q3',
        topic: 'norm',
        interactionType: 'numeric',
        answers: 2,
        facility: 0.5,
        upperFacility: 0,
        lowerFacility: 1,
        discrimination: -1,
        options: [],
      },
    ],
  };
}

// The page's own markup is regular (every '<' in it starts one of its tags; text is escaped),
// so a few patterns read it back: rows and cells of a section, as the text a reader sees.
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' };
const textOf = (html: string) =>
  html.replace(/<[^>]*>/g, '').replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ENTITIES[e]);
const all = (html: string, re: RegExp) => [...html.matchAll(re)].map((m) => m[1]);
const section = (html: string, id: string) => {
  const start = html.indexOf(`<h2 id="${id}">`);
  return html.slice(start, html.indexOf('</section>', start));
};
const rows = (html: string, id: string) =>
  all(section(html, id), /<tbody>(.*?)<\/tbody>/gs)
    .flatMap((body) => all(body, /<tr>(.*?)<\/tr>/gs))
    .map((row) => all(row, /<td[^>]*>(.*?)<\/td>/gs));
const cellText = (row: readonly string[]) => row.map(textOf);

const ALLOWED_TAGS = new Set(
  'html head meta title style body header h1 h2 p main section dl div dt dd figure svg line text rect table caption thead tbody tr th td ul li span'.split(
    ' ',
  ),
);

describe('class report page', () => {
  it('shows the summary, mastery, misconceptions and item figures worked out by hand', () => {
    const html = classReportHtml(handReport(), { sha256Base64 });
    const summary = all(section(html, 'h-summary'), /<div>(.*?)<\/div>/g).map((d) =>
      all(d, /<d[td]>(.*?)<\/d[td]>/g),
    );
    expect(summary).toEqual([
      ['Learners', '4'],
      ['Attempts (answers)', '11'],
      ['Quizzes completed', '1'],
      ['Statements read', '14'],
      ['Duplicates (counted once)', '1'],
      ['Statements ignored', '1'],
    ]);

    expect(rows(html, 'h-topics').map(cellText)).toEqual([
      ['norm', '54%', '57%', '4', '7'],
      ['reg', '50%', '50%', '4', '4'],
    ]);
    // The chart, an image named by its title: bars on a 400-unit axis for 100 %,
    // 13/24 · 400 = 216.7 and 1/2 · 400 = 200.
    const chart = all(section(html, 'h-topics'), /(<svg.*?<\/svg>)/gs)[0];
    expect(chart).toMatch(/^<svg role="img" aria-labelledby="mastery-t"/);
    expect(chart).toContain('<title id="mastery-t">Mastery per topic');
    expect(all(chart, /<rect [^>]*width="([\d.]+)"/g)).toEqual(['216.7', '200.0']);

    expect(rows(html, 'h-misc').map(cellText)).toEqual([
      ['Uses batch statistics at test time', 'bn-test-batch-stats', '2', '2'],
    ]);

    const items = rows(html, 'h-items');
    expect(cellText(items[0]).slice(0, 8)).toEqual([
      'b/q1',
      'norm',
      'choice',
      '5',
      '0.60',
      '1.00',
      '0.00',
      '1.00',
    ]);
    expect(all(items[0][8], /<li[^>]*>(.*?)<\/li>/g).map(textOf)).toEqual([
      'a (key): running averages — 3 (60%)',
      'b: batch statistics — 1 (20%)',
      'c: none — 1 (20%)',
    ]);
    // q3: the stronger learner missed it, the weaker got it: flagged.
    expect(cellText(items[1]).slice(4, 8)).toEqual(['0.50', '0.00', '1.00', '-1.00']);
    expect(textOf(items[1][9])).toBe('favours weaker learners');
  });

  it('escapes what statements carried: its own tags only, the hostile names back as text', () => {
    const report = handReport(HOSTILE_ITEM, HOSTILE_OPTION);
    const hostile: ClassReport = {
      ...report,
      topics: [{ ...report.topics[0], topic: HOSTILE_TOPIC }],
      misconceptions: [{ ...report.misconceptions[0], label: HOSTILE_ITEM }],
    };
    const html = classReportHtml(hostile, { sha256Base64, subtitle: HOSTILE_TOPIC });
    // Every tag is one the page writes, with no handler or address attribute.
    for (const [tag, name] of html.matchAll(/<\/?([a-zA-Z0-9]+)[^>]*>/g)) {
      expect(ALLOWED_TAGS, tag).toContain(name);
      expect(tag).not.toMatch(/\s(on\w+|src|href|xlink:href|action)=/i);
    }
    expect(html).not.toMatch(/<(script|img|svg onload|iframe|link|base)/i);
    expect(all(html, /<title>(.*?)<\/title>/g)).toEqual(['DeepDrill class report']);
    const items = rows(html, 'h-items');
    expect(textOf(items[0][0])).toBe(HOSTILE_ITEM);
    expect(textOf(all(items[0][8], /<li[^>]*>(.*?)<\/li>/g)[1])).toContain(HOSTILE_OPTION);
    expect(textOf(rows(html, 'h-topics')[0][0])).toBe(HOSTILE_TOPIC);
    expect(textOf(rows(html, 'h-misc')[0][0])).toBe(HOSTILE_ITEM);
    expect(rows(html, 'h-learners').map((r) => textOf(r[0]))).toEqual(['A', HOSTILE_LEARNER]);
    expect(html).toContain(
      '<p class="sub">&lt;/title&gt;&lt;script src=&#39;https://evil.example/x.js&#39;&gt;&lt;/script&gt;</p>',
    );
  });

  it('names no address and lets only its own stylesheet apply (CSP by hash, no scripts)', () => {
    const html = classReportHtml(handReport(), { sha256Base64, subtitle: 'a.jsonl, b.jsonl' });
    // No address, protocol-relative or otherwise, and no CSS that fetches (item ids stay out).
    expect(html).not.toMatch(/https?:|\/\/|url\(|@import|lms\.example/i);
    const csp = all(html, /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g);
    expect(csp).toHaveLength(1);
    const policy = textOf(csp[0]);
    const styles = all(html, /<style>(.*?)<\/style>/gs);
    expect(styles).toHaveLength(1);
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain(`style-src 'sha256-${sha256Base64(styles[0])}'`);
    expect(policy).not.toMatch(/script-src|unsafe/);
    expect(html).not.toMatch(/\sstyle=/);
  });
});
