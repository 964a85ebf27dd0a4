import { describe, expect, it } from 'vitest';
import {
  convertLatexDelimiters,
  decodeHtmlEntities,
  escapeMarkdownOutsideMath,
  htmlToMarkdown,
  splitMath,
  toMarkdown,
} from './text';

describe('htmlToMarkdown', () => {
  it('maps paragraphs, breaks, emphasis, lists and scripts to Markdown', () => {
    expect(toMarkdown('<p>One <b>bold</b> and <em>it</em>.</p><p>Two<br/>lines</p>', 'html')).toBe(
      'One **bold** and *it*.\n\nTwo\\\nlines',
    );
    expect(toMarkdown('<ul><li>a</li><li>b</li></ul>', 'html')).toBe('- a\n- b');
    expect(toMarkdown('x<sup>2</sup> + y<sub>i,j</sub> and e<sup>-x/2 * y</sup>', 'html')).toBe(
      'x$^{2}$ + y$_{i,j}$ and e^(-x/2 \\* y)',
    );
  });

  it('never lets HTML through: scripts, styles and unknown tags go, their text stays', () => {
    const md = toMarkdown(
      '<div onclick="x()"><script>alert("x")</script><style>p{}</style><iframe src="e"></iframe><span style="c">kept</span> <a href="javascript:alert(1)">link</a> <a href="https://example.org/a">web</a></div>',
      'html',
    );
    expect(md).toBe('kept link web (https://example.org/a)');
    expect(md).not.toMatch(/<|script|alert/);
  });

  it('shows images as their alt text and never as images', () => {
    expect(toMarkdown('<img src="@@PLUGINFILE@@/a.png" alt="a &amp; b"> <img src=x>', 'html')).toBe(
      '[image: a & b] [image]',
    );
  });

  it('keeps text that only looks like markup, and escapes what Markdown would read', () => {
    expect(toMarkdown('if a < b and c > d', 'html')).toBe('if a < b and c > d');
    expect(toMarkdown('x_1 * y_2 = `z` and &lt;script&gt;', 'html')).toBe(
      'x\\_1 \\* y\\_2 = \\`z\\` and \\<script>',
    );
    expect(toMarkdown('$x_1 * y_2$ stays', 'html')).toBe('$x_1 * y_2$ stays');
  });

  it('is linear on broken markup', () => {
    const start = performance.now();
    htmlToMarkdown('<a "'.repeat(100_000));
    htmlToMarkdown('<script>'.repeat(100_000));
    htmlToMarkdown('<b'.repeat(100_000));
    htmlToMarkdown(`<p>${'<sup>'.repeat(50_000)}`);
    expect(performance.now() - start).toBeLessThan(3000);
  });
});

describe('math', () => {
  it('splits math from text', () => {
    expect(splitMath('a $x$ b $$y$$ c \\(z\\) d \\[w\\] $ 5')).toEqual([
      { math: false, text: 'a ' },
      { math: true, text: '$x$' },
      { math: false, text: ' b ' },
      { math: true, text: '$$y$$' },
      { math: false, text: ' c ' },
      { math: true, text: '\\(z\\)' },
      { math: false, text: ' d ' },
      { math: true, text: '\\[w\\]' },
      { math: false, text: ' $ 5' },
    ]);
  });

  it('converts \\( \\) and \\[ \\] to dollars', () => {
    expect(convertLatexDelimiters('a \\( x^2 \\) b \\[\\sum_i x_i\\]')).toBe(
      'a $x^2$ b $$\\sum_i x_i$$',
    );
    expect(convertLatexDelimiters('unclosed \\( x')).toBe('unclosed \\( x');
  });

  it('escapes Markdown only outside math', () => {
    expect(escapeMarkdownOutsideMath('a_b $a_b$')).toBe('a\\_b $a_b$');
  });
});

describe('decodeHtmlEntities', () => {
  it('decodes named and numeric references and leaves unknown ones', () => {
    expect(decodeHtmlEntities('&lt;&amp;&nbsp;&mu;&#955;&#x3bb;&bogus;&#0;')).toBe(
      '<&\u00a0μλλ&bogus;&#0;',
    );
  });
});
