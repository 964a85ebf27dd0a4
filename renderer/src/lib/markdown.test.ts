// @vitest-environment jsdom
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import {
  clampStyle,
  isSafeHref,
  mathBudgetMs,
  maxFormulaChars,
  maxSourceChars,
  renderMarkdown,
  renderMarkdownParts,
} from './markdown';

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

  it('stops typesetting once one render has used its time, and typesets again in the next task', async () => {
    // 40 distinct 9×9 matrices of fractions (~40 ms each on a quiet machine): far more than one
    // task may take.
    const matrix = (i: number) => {
      const rows = Array.from({ length: 9 }, (_, r) =>
        Array.from({ length: 9 }, (_, c) => `\\frac{${i}}{${r * 9 + c}}`).join('&'),
      );
      return `\\begin{pmatrix}${rows.join('\\\\')}\\end{pmatrix}`;
    };
    const heavy = Array.from({ length: 40 }, (_, i) => `$$${matrix(i)}$$`).join('\n\n');
    expect(heavy.length).toBeLessThan(maxSourceChars);
    // What one such formula costs KaTeX on this machine right now (the budget counts KaTeX's
    // time, so a loaded machine typesets fewer of them, not more).
    const costs = [100, 101, 102].map((i) => {
      const started = performance.now();
      katex.renderToString(matrix(i), { displayMode: true });
      return performance.now() - started;
    });
    const one = costs.sort((a, b) => a - b)[1];
    const el = render(heavy);
    const typeset = el.querySelectorAll('.katex-display').length;
    // Waiting for a later task (the task's time), or refused (more than one text may have).
    const skipped = el.querySelectorAll(
      'code.math-pending, code.math-error[title^="not typeset"]',
    ).length;
    expect(typeset + skipped).toBe(40);
    expect(typeset).toBeGreaterThan(0);
    // The window is never frozen for long: typesetting stops once the budget is spent (plus the
    // formula that crossed it; a margin of 2× for a machine whose load changes meanwhile).
    expect(typeset).toBeLessThanOrEqual(Math.ceil((2 * mathBudgetMs) / one) + 1);
    // Over the budget the rest is shown as source (a machine fast enough to typeset all of it
    // within the budget skips nothing).
    expect(skipped > 0 || 40 * one <= mathBudgetMs * 2).toBe(true);
    // The budget starts again in the next task.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(render('$\\frac{1}{3}$').querySelector('.katex')).not.toBeNull();
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
    await new Promise((resolve) => setTimeout(resolve, 0));
    let parts = texts.map((text) => renderMarkdownParts(text));
    const waitingAtFirst = parts.filter((p) => p.pending).length;
    let rounds = 0;
    let longestMs = 0;
    while (parts.some((p) => p.pending) && rounds < 50) {
      rounds += 1;
      await new Promise((resolve) => setTimeout(resolve, 0));
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
