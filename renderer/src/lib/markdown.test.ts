// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { isSafeHref, renderMarkdown } from './markdown';

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
