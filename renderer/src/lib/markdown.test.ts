// @vitest-environment jsdom
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import {
  clampStyle,
  isSafeHref,
  mathBudgetMs,
  maxFormulaChars,
  maxFormulaHtmlChars,
  maxMathHtmlChars,
  maxSourceChars,
  maxTaskMathHtmlChars,
  renderMarkdown,
  renderMarkdownParts,
} from './markdown';

/** Waits for the next task, where one task's render budget (see markdown.ts) has started again. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Parses rendered HTML into a detached container, as the Markdown component inserts it. */
function render(source: string, inline = false): HTMLElement {
  const container = document.createElement('div');
  container.innerHTML = renderMarkdown(source, inline);
  return container;
}

describe('renderMarkdown', () => {
  it('renders ordinary Markdown', () => {
    const el = render('**Batch norm** uses the *batch* mean.\n\n- one\n- two');
    expect(el.querySelector('strong')?.textContent).toBe('Batch norm');
    expect(el.querySelectorAll('li')).toHaveLength(2);
  });

  it('shows a script tag as text and never creates a script element', () => {
    const el = render('Before <script>alert(1)</script> after');
    expect(el.querySelector('script')).toBeNull();
    expect(el.textContent).toContain('<script>alert(1)</script>');
  });

  it('leaves no event handler attributes from raw HTML', () => {
    const el = render('<img src=x onerror="alert(1)">\n\n<div onclick="alert(2)">hi</div>');
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('[onerror], [onclick]')).toBeNull();
    expect(el.textContent).toContain('onerror=');
  });

  it('keeps raw <img> inert, also inline inside a paragraph', () => {
    const el = render('See <img src="http://evil.example/x.png"> here', true);
    expect(el.querySelector('img')).toBeNull();
  });

  it('drops javascript: and data: link targets but keeps the label', () => {
    const el = render('[click](javascript:alert(1)) and [data](data:text/html,<b>x</b>)');
    expect(el.querySelector('a[href^="javascript"]')).toBeNull();
    expect(el.querySelector('a[href^="data"]')).toBeNull();
    expect(el.textContent).toContain('click');
  });

  it('keeps http(s) links and opens them outside the app', () => {
    const a = render('[paper](https://arxiv.org/abs/1502.03167)').querySelector('a');
    expect(a?.getAttribute('href')).toBe('https://arxiv.org/abs/1502.03167');
    expect(a?.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('renders markdown images only from safe data URLs', () => {
    expect(render('![alt text](http://example.com/a.png)').querySelector('img')).toBeNull();
    expect(render('![alt text](javascript:alert(1))').textContent).toContain('alt text');
    const ok = render('![dot](data:image/png;base64,iVBORw0KGgo=)').querySelector('img');
    expect(ok?.getAttribute('alt')).toBe('dot');
  });

  it('renders $x^2$ with KaTeX', () => {
    const el = render('The square $x^2$ grows.');
    expect(el.querySelector('.katex')).not.toBeNull();
    expect(el.querySelector('.katex-display')).toBeNull();
    expect(el.textContent).toContain('grows');
  });

  it('renders $$…$$ as display math, also as its own block', () => {
    expect(render('$$\\frac{1}{m}\\sum_i x_i$$').querySelector('.katex-display')).not.toBeNull();
    const block = render('Mean:\n\n$$\n\\mu = \\frac{1}{m}\\sum_{i=1}^m x_i\n$$\n\nDone.');
    expect(block.querySelector('.katex-display')).not.toBeNull();
    expect(block.textContent).toContain('Done.');
  });

  it('does not treat underscores inside math as emphasis', () => {
    const el = render('$x_i + y_i$');
    expect(el.querySelector('em')).toBeNull();
    expect(el.querySelector('.katex')).not.toBeNull();
  });

  it('leaves prices and escaped dollars alone', () => {
    expect(render('It costs $5 and $10.').querySelector('.katex')).toBeNull();
    expect(render('A literal \\$ sign').textContent).toContain('$ sign');
  });

  it('does not trust \\href{javascript:…} or \\url in math', () => {
    const el = render('$\\href{javascript:alert(1)}{x}$ and $\\url{javascript:alert(2)}$');
    expect(el.querySelector('a')).toBeNull();
    expect(el.innerHTML).not.toMatch(/href="javascript/i);
  });

  it('shows a broken formula instead of throwing', () => {
    const el = render('$\\frac{1}{$');
    expect(el.textContent).toContain('\\frac');
  });

  it('bounds KaTeX sizes', () => {
    const el = render('$\\rule{100em}{100em}$');
    const rule = el.querySelector<HTMLElement>('.katex-html .katex-rule');
    expect(rule?.style.borderTopWidth).toBe('10em');
    expect(el.querySelector('annotation')?.textContent).toBe('\\rule{100em}{100em}');
  });

  it('keeps inline mode free of paragraph wrappers', () => {
    expect(renderMarkdown('just **text**', true)).toBe('just <strong>text</strong>');
  });
});

describe('isSafeHref', () => {
  it('accepts only absolute http(s)', () => {
    expect(isSafeHref('https://example.com')).toBe(true);
    expect(isSafeHref('http://example.com/a?b')).toBe(true);
    expect(isSafeHref('javascript:alert(1)')).toBe(false);
    expect(isSafeHref(' JaVaScRiPt:alert(1)')).toBe(false);
    expect(isSafeHref('/relative')).toBe(false);
    expect(isSafeHref('mailto:a@b.c')).toBe(false);
  });
});

/** Every offset (em) written into the inline styles of the rendered HTML. */
function offsetsEm(el: HTMLElement): number[] {
  return [...el.querySelectorAll<HTMLElement>('[style]')].flatMap((node) =>
    ['marginLeft', 'marginRight', 'top', 'verticalAlign']
      .map((p) => node.style[p as 'top'])
      .filter((v) => v.endsWith('em'))
      .map((v) => Number.parseFloat(v)),
  );
}

describe('render budget', () => {
  it('clamps negative and huge kerns, spaces and raises so nothing lands far outside its box', () => {
    for (const tex of [
      '\\kern-9000em x',
      '\\hspace{-5000em}y',
      '\\raisebox{-9000em}{z}',
      '\\mkern-90000mu a',
      '\\kern9000em b',
    ]) {
      const offsets = offsetsEm(render(`$${tex}$`));
      expect(offsets.length, tex).toBeGreaterThan(0);
      for (const em of offsets) expect(Math.abs(em), tex).toBeLessThanOrEqual(30);
    }
    // Ordinary typesetting is left exactly as KaTeX wrote it.
    expect(clampStyle('margin-right:-0.1667em;top:-3.2em;height:2.5em')).toBe(
      'margin-right:-0.1667em;top:-3.2em;height:2.5em',
    );
    expect(clampStyle('margin-left:-9000em;height:9000em')).toBe('margin-left:-30em;height:9000em');
    expect(clampStyle('top:-16000px')).toBe('top:-480px');
  });

  it('shows a notice instead of rendering a text over the size limit', () => {
    const el = render('a'.repeat(maxSourceChars + 1));
    expect(el.querySelector('.render-notice')?.textContent).toMatch(/too long to show/);
    expect(el.textContent!.length).toBeLessThan(300);
  });

  it('shows an over-long formula as its (shortened) source, not typeset', () => {
    const el = render(`$${'x+'.repeat(maxFormulaChars)}x$`);
    expect(el.querySelector('.katex')).toBeNull();
    const code = el.querySelector('code.math-error');
    expect(code?.getAttribute('title')).toMatch(/formula too long/);
    expect(code!.textContent!.length).toBeLessThan(300);
  });

  it('stops typesetting once one task has used its time or its HTML, and goes on in the next task', async () => {
    // Twelve texts of two distinct 5×5 matrices of fractions (KaTeX writes about 34 kB of HTML
    // for each): each text is within what one text may have, together far more than one task
    // may produce.
    const matrix = (i: number) => {
      const rows = Array.from({ length: 5 }, (_, r) =>
        Array.from({ length: 5 }, (_, c) => `\\frac{${i}}{${r * 5 + c + 1}}`).join('&'),
      );
      return `\\begin{pmatrix}${rows.join('\\\\')}\\end{pmatrix}`;
    };
    const texts = Array.from(
      { length: 12 },
      (_, t) => `$$${matrix(t * 2)}$$\n\n$$${matrix(t * 2 + 1)}$$`,
    );
    // What one such formula costs on this machine right now (the budget counts KaTeX's and
    // DOMPurify's time, so a loaded machine typesets fewer of them, not more).
    const costs = [300, 301, 302].map((i) => {
      const started = performance.now();
      const html = katex.renderToString(matrix(i), { displayMode: true });
      return { ms: performance.now() - started, chars: html.length };
    });
    const one = costs.sort((a, b) => a.ms - b.ms)[1];
    await nextTask();
    const els = texts.map((text) => render(text));
    const typeset = els.flatMap((el) => [...el.querySelectorAll('.katex-display')]);
    const waiting = els.flatMap((el) => [...el.querySelectorAll('code.math-pending')]);
    expect(typeset.length + waiting.length).toBe(24);
    expect(typeset.length).toBeGreaterThan(0);
    expect(waiting.length).toBeGreaterThan(0);
    // The task's HTML stops at its budget (plus the formula that crossed it)…
    expect(typeset.length * one.chars).toBeLessThanOrEqual(maxTaskMathHtmlChars + 2 * one.chars);
    // …and so does its time (a margin of 2× for a machine whose load changes meanwhile).
    expect(typeset.length).toBeLessThanOrEqual(Math.ceil((2 * mathBudgetMs) / one.ms) + 1);
    // The budget starts again in the next task.
    await nextTask();
    expect(render(texts[11]).querySelectorAll('.katex-display')).toHaveLength(2);
  });

  it('shows a formula whose HTML would be too large as its source, saying why', async () => {
    await nextTask();
    // A 7×7 matrix of fractions: about 63 kB of KaTeX HTML.
    const rows = Array.from({ length: 7 }, (_, r) =>
      Array.from({ length: 7 }, (_, c) => `\\frac{1}{${r * 7 + c + 2}}`).join('&'),
    );
    const tex = `\\begin{pmatrix}${rows.join('\\\\')}\\end{pmatrix}`;
    const size = katex.renderToString(tex, { displayMode: true }).length;
    expect(size).toBeGreaterThan(maxFormulaHtmlChars);
    const el = render(`Weights: $$${tex}$$ and a small one $w_1$.`);
    expect(el.querySelector('.katex-display')).toBeNull();
    const code = el.querySelector('code.math-error');
    expect(code?.textContent).toBe(tex);
    expect(code?.getAttribute('title')).toBe(
      `not typeset: this formula is too large to show (${size.toLocaleString('en')} characters of HTML; the limit is ${maxFormulaHtmlChars.toLocaleString('en')})`,
    );
    // The formulas around it are typeset as usual.
    expect(el.querySelector('.katex annotation')?.textContent).toBe('w_1');
  });

  it('typesets a text up to its HTML limit; the formulas past it, small ones too, are source', async () => {
    // Three 6×6 matrices of fractions (about 48 kB of HTML each): two fit in one text, and
    // after the one that does not, neither does a small formula.
    const matrix = (i: number) => {
      const rows = Array.from({ length: 6 }, (_, r) =>
        Array.from({ length: 6 }, (_, c) => `\\frac{${i}}{${r * 6 + c + 1}}`).join('&'),
      );
      return `\\begin{pmatrix}${rows.join('\\\\')}\\end{pmatrix}`;
    };
    const sizes = [700, 701, 702].map(
      (i) => katex.renderToString(matrix(i), { displayMode: true }).length,
    );
    expect(sizes[0] + sizes[1]).toBeLessThanOrEqual(maxMathHtmlChars);
    expect(sizes[0] + sizes[1] + sizes[2]).toBeGreaterThan(maxMathHtmlChars);
    const text = [700, 701, 702].map((i) => `$$${matrix(i)}$$`).join('\n\n') + '\n\nThen $y$.';
    await nextTask();
    let parts = renderMarkdownParts(text);
    for (let round = 0; parts.pending && round < 5; round++) {
      await nextTask();
      parts = renderMarkdownParts(text);
    }
    const el = document.createElement('div');
    el.innerHTML = parts.html;
    expect(el.querySelectorAll('.katex-display')).toHaveLength(2);
    const refused = [...el.querySelectorAll('code.math-error')];
    expect(refused.map((code) => code.textContent)).toEqual([matrix(702), 'y']);
    for (const code of refused) {
      expect(code.getAttribute('title')).toBe(
        'not typeset: this text has more mathematics than one screen can show',
      );
    }
  });

  it('completes a text within its HTML limit in one task, its cached formulas counted', async () => {
    // 34 + 34 + 23 kB: more than a task may have before its last formula, if the task's limit
    // were smaller than a text's — then the text, its formulas cached, would wait for ever.
    const matrix = (i: number, n: number) => {
      const rows = Array.from({ length: n }, (_, r) =>
        Array.from({ length: n }, (_, c) => `\\frac{${i}}{${r * n + c + 1}}`).join('&'),
      );
      return `\\begin{pmatrix}${rows.join('\\\\')}\\end{pmatrix}`;
    };
    const text = `$$${matrix(800, 5)}$$\n\n$$${matrix(801, 5)}$$\n\n$$${matrix(802, 4)}$$`;
    await nextTask();
    renderMarkdownParts(text);
    // Rendered again in a fresh task, as the Markdown component does, with all three cached.
    await nextTask();
    const parts = renderMarkdownParts(text);
    expect(parts.pending).toBe(false);
    const el = document.createElement('div');
    el.innerHTML = parts.html;
    expect(el.querySelectorAll('.katex-display')).toHaveLength(3);
  });

  it('puts each formula back where it was: in lists, tables and links, in order', async () => {
    await nextTask();
    const el = render(
      '- first $a_1$\n- then $b_2$\n\n| x | y |\n|---|---|\n| $c_3$ | $d_4$ |\n\n' +
        '[see $e_5$](https://example.com) and $$f_6$$',
    );
    const sources = [...el.querySelectorAll('annotation')].map((a) => a.textContent);
    expect(sources).toEqual(['a_1', 'b_2', 'c_3', 'd_4', 'e_5', 'f_6']);
    expect(el.querySelector('li:first-child annotation')?.textContent).toBe('a_1');
    expect(el.querySelector('td:last-child annotation')?.textContent).toBe('d_4');
    expect(el.querySelector('a annotation')?.textContent).toBe('e_5');
  });

  it('shows text that looks like the place of a formula as text', async () => {
    await nextTask();
    const fake = '<span data-dd-math="x-0"></span>';
    const el = render(`${fake} \`${fake}\` [link](https://example.com "${fake}") $z$`);
    expect(el.querySelector('[data-dd-math]')).toBeNull();
    expect(el.textContent).toContain(fake);
    expect(el.querySelectorAll('.katex')).toHaveLength(1);
  });

  it('typesets a screen too heavy for one task over the next tasks, each within the budget', async () => {
    // Eight texts of three distinct 4×4 matrices of fractions: ordinary mathematics, if a lot of
    // it. Each text is well within what one text may have; together their HTML is more than
    // one task may produce, so the last texts wait for a later task.
    const matrix = (i: number) => {
      const rows = Array.from({ length: 4 }, (_, r) =>
        Array.from({ length: 4 }, (_, c) => `\\frac{${i}}{${r * 4 + c + 7}}`).join('&'),
      );
      return `\\begin{bmatrix}${rows.join('\\\\')}\\end{bmatrix}`;
    };
    const texts = Array.from({ length: 8 }, (_, t) =>
      [0, 1, 2].map((k) => `$$${matrix(600 + t * 3 + k)}$$`).join('\n\n'),
    );
    await nextTask();
    let parts = texts.map((text) => renderMarkdownParts(text));
    const waitingAtFirst = parts.filter((p) => p.pending).length;
    let rounds = 0;
    let longestMs = 0;
    while (parts.some((p) => p.pending) && rounds < 50) {
      rounds += 1;
      await nextTask();
      const started = performance.now();
      parts = texts.map((text, i) => (parts[i].pending ? renderMarkdownParts(text) : parts[i]));
      longestMs = Math.max(longestMs, performance.now() - started);
    }
    expect(waitingAtFirst).toBeGreaterThan(0);
    // In the end every formula is typeset and nothing waits or is refused.
    expect(parts.every((p) => !p.pending)).toBe(true);
    const el = document.createElement('div');
    el.innerHTML = parts.map((p) => p.html).join('');
    expect(el.querySelectorAll('.katex-display')).toHaveLength(24);
    expect(el.querySelectorAll('code.math-pending, code.math-error')).toHaveLength(0);
    // A later round does not typeset again what an earlier one did (formulas are cached): each
    // stays near the budget (2× for a machine whose load changes meanwhile, plus one formula).
    expect(longestMs).toBeLessThan(2 * mathBudgetMs + 200);
  });
});
