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

  it('keeps image syntax in plain and HTML text as the characters Moodle shows', () => {
    // Moodle shows plain `![a](b)` as those characters; unescaped it would be a linked image,
    // which a pack refuses and the app could not show.
    expect(toMarkdown('Look ![a](b)', 'plain')).toBe('Look \\![a](b)');
    expect(toMarkdown('<p>Look ![a](b)</p>', 'html')).toBe('Look \\![a](b)');
    expect(escapeMarkdownOutsideMath('Wow! [not] an image')).toBe('Wow! [not] an image');
  });
});

describe('decodeHtmlEntities', () => {
  it('decodes named and numeric references and leaves unknown ones', () => {
    expect(decodeHtmlEntities('&lt;&amp;&nbsp;&mu;&#955;&#x3bb;&bogus;&#0;')).toBe(
      '<&\u00a0μλλ&bogus;&#0;',
    );
  });
});

// Each case is a text from Moodle's own parser tests (question/format/gift/tests and
// question/format/xml/tests in moodle/moodle), with what Moodle shows for it written by hand.
describe('Moodle texts, shown as Moodle shows them', () => {
  it('drops a <br> that ends the text or a paragraph instead of showing a backslash', () => {
    // error_invalid_grades.xml: the question text and an answer both end in <br>.
    expect(toMarkdown('Select all prime numbers :<br>', 'html')).toBe('Select all prime numbers :');
    expect(toMarkdown('<p dir="ltr" style="text-align: left;">2<br></p>', 'html')).toBe('2');
    expect(toMarkdown('<p>one<br></p><p>two</p>', 'html')).toBe('one\n\ntwo');
    // A <br> inside a paragraph stays a line break.
    expect(toMarkdown('one<br>two', 'html')).toBe('one\\\ntwo');
  });

  it('keeps the line breaks of Moodle auto-format, and reads breaks next to tags as spaces', () => {
    // text_to_html: each line break is a <br>, except beside a tag, where it is a space.
    expect(toMarkdown('First line\nSecond line\n<b>bold</b>\nafter', 'moodle')).toBe(
      'First line\\\nSecond line **bold** after',
    );
  });

  it('keeps <pre> as a code block with its indentation (test_import_pre_content)', () => {
    const html =
      '<p>What would running the test method print?</p>\n<pre>\n    public void test() {\n        method1();\n        method2();\n    }\n</pre>';
    expect(toMarkdown(html, 'html')).toBe(
      'What would running the test method print?\n\n```\n    public void test() {\n        method1();\n        method2();\n    }\n```',
    );
  });

  it('turns an HTML table into a Markdown table with a header row', () => {
    const html =
      '<table><thead><tr><th>Layer</th><th>Output</th></tr></thead><tbody><tr><td>conv 3×3</td><td>32 <b>maps</b></td></tr><tr><td>a|b</td><td>line<br>two</td></tr></tbody></table>';
    expect(toMarkdown(`<p>Read the table.</p>${html}`, 'html')).toBe(
      [
        'Read the table.',
        '',
        '| Layer | Output |',
        '| --- | --- |',
        '| conv 3×3 | 32 **maps** |',
        '| a\\|b | line two |',
      ].join('\n'),
    );
  });

  it('keeps backslashes as backslashes (test_import_backslash: A \\ B \\\\ C)', () => {
    // Moodle shows `A \ B \\ C`; in Markdown a backslash before punctuation must be doubled.
    const md = toMarkdown('A \\ B \\\\ C', 'moodle');
    expect(md).toBe('A \\ B \\\\\\ C');
    // A backslash just before a tag would otherwise escape the Markdown that tag becomes.
    expect(toMarkdown('a\\<b>x</b>', 'html')).toBe('a\\\\**x**');
  });

  it('never turns a leading # or 1. of HTML text into a heading or a list', () => {
    expect(toMarkdown('<p># of parameters?</p><p>1. Which layer?</p>', 'html')).toBe(
      '\\# of parameters?\n\n1\\. Which layer?',
    );
    expect(toMarkdown('# of epochs', 'moodle')).toBe('\\# of epochs');
    expect(toMarkdown('<ul><li># one</li></ul>', 'html')).toBe('- \\# one');
    // Mid-line they are plain text and stay as they are.
    expect(toMarkdown('x<sup>2</sup> + 1. Then #3 - 2', 'html')).toBe('x$^{2}$ + 1. Then #3 - 2');
  });
});
