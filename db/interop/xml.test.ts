import { describe, expect, it } from 'vitest';
import {
  XmlError,
  cdata,
  childElements,
  escapeXml,
  firstChild,
  parseXml,
  textContent,
  type XmlElement,
} from './xml';

const text = (el: XmlElement | undefined) => (el === undefined ? undefined : textContent(el));

describe('parseXml', () => {
  it('reads elements, attributes, text, CDATA and the predefined and numeric entities', () => {
    const root = parseXml(
      `<?xml version="1.0"?>\n<!-- c -->\n<quiz a="1" b='two &amp; &#x33;'>\n  <q>x &lt; y &gt; z &quot;&apos; &#955;<![CDATA[<p>raw & <b>html</b></p>]]></q>\n  <empty/>\n</quiz>\n<!-- after -->`,
    );
    expect(root.name).toBe('quiz');
    expect([...root.attributes]).toEqual([
      ['a', '1'],
      ['b', 'two & 3'],
    ]);
    expect(text(firstChild(root, 'q'))).toBe(`x < y > z "' λ<p>raw & <b>html</b></p>`);
    expect(childElements(root).map((e) => e.name)).toEqual(['q', 'empty']);
    expect(firstChild(root, 'q')!.line).toBe(4);
    expect(firstChild(root, 'empty')!.children).toEqual([]);
  });

  it('reads CR LF and lone CR in text as LF', () => {
    expect(text(parseXml('<a>one\r\ntwo\rthree</a>'))).toBe('one\ntwo\nthree');
  });

  const refused: [string, string, RegExp][] = [
    [
      'a DOCTYPE (no DTDs, no entity expansion)',
      '<!DOCTYPE lolz [<!ENTITY lol "lol">]><a>&lol;</a>',
      /line 1, column 1: DOCTYPE/,
    ],
    ['an unknown entity', '<a>\n&nbsp;</a>', /line 2, column 1: unknown entity "&nbsp;"/],
    ['an external-looking entity', '<a>&xxe;</a>', /unknown entity/],
    ['a bare ampersand', '<a>fish & chips</a>', /"&" must be written "&amp;"/],
    ['a bad character reference', '<a>&#0;</a>', /not a valid character reference/],
    ['a surrogate character reference', '<a>&#xD800;</a>', /not a valid character reference/],
    [
      'mismatched tags',
      '<a>\n<b></c></a>',
      /line 2, column 4: <\/c> does not close <b> \(opened on line 2\)/,
    ],
    ['an unclosed element', '<a><b>', /<b> \(line 1\) is never closed/],
    ['a second root', '<a/><b/>', /a second root element/],
    ['text outside the root', '<a/>junk', /text outside the root element/],
    ['no root', '<!-- only -->', /no root element/],
    ['an unclosed CDATA section', '<a><![CDATA[x</a>', /CDATA section not closed/],
    ['an unclosed comment', '<a><!-- x</a>', /comment not closed/],
    ['a duplicate attribute', '<a x="1" x="2"/>', /attribute x given twice/],
    ['an unquoted attribute', '<a x=1/>', /expected a quoted value/],
    ['"<" in an attribute', '<a x="<"/>', /"<" in the value of attribute x/],
    ['a stray closing tag', '</a>', /without an opening tag/],
  ];
  for (const [name, source, pattern] of refused) {
    it(`refuses ${name}`, () => {
      expect(() => parseXml(source)).toThrow(XmlError);
      expect(() => parseXml(source)).toThrow(pattern);
    });
  }

  it('enforces the size, depth, element and attribute limits', () => {
    const limits = { maxChars: 1000, maxDepth: 4, maxElements: 10, maxAttributes: 2 };
    expect(() => parseXml(`<a>${'x'.repeat(1000)}</a>`, limits)).toThrow(/larger than 1000/);
    expect(() => parseXml('<a><a><a><a><a/></a></a></a></a>', limits)).toThrow(/deeper than 4/);
    expect(() => parseXml(`<a>${'<b/>'.repeat(10)}</a>`, limits)).toThrow(/more than 10 elements/);
    expect(() => parseXml('<a x="1" y="2" z="3"/>', limits)).toThrow(/more than 2 attributes/);
  });

  it('handles hostile nesting and sizes without recursion or quadratic time', () => {
    const start = performance.now();
    expect(() => parseXml('<a>'.repeat(200_000))).toThrow(/deeper than 64/);
    expect(() => parseXml(`<a>${'&'.repeat(1_000_000)}</a>`)).toThrow(XmlError);
    expect(() => parseXml(`<a>${'<!--'.repeat(200_000)}</a>`)).toThrow(XmlError);
    expect(() => parseXml(`<a>${'<![CDATA['.repeat(100_000)}`)).toThrow(XmlError);
    const wide = parseXml(`<a>${'<b x="1">t</b>'.repeat(100_000)}</a>`);
    expect(wide.children).toHaveLength(100_000);
    expect(performance.now() - start).toBeLessThan(5000);
  });
});

describe('escapeXml and cdata', () => {
  it('round-trip through the parser', () => {
    const nasty = 'a < b && c > "d" ]]> e';
    const root = parseXml(
      `<r a="${escapeXml(nasty)}"><x>${escapeXml(nasty)}</x><y>${cdata(nasty)}</y></r>`,
    );
    expect(root.attributes.get('a')).toBe(nasty);
    expect(text(firstChild(root, 'x'))).toBe(nasty);
    expect(text(firstChild(root, 'y'))).toBe(nasty);
  });
});
