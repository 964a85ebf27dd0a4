/**
 * A small, safe XML reader for Moodle quiz files: elements, attributes, text, CDATA, comments and
 * processing instructions. No DTDs (a `<!DOCTYPE` is refused, so no external or expanding
 * entities), only the five predefined entities and numeric character references. Iterative (an
 * explicit stack, no recursion), linear in the input, with bounds on size, depth, element count
 * and attributes. Not namespace-aware: a prefixed name is just a name.
 */
import { codePointText, memoIndexOf } from './text';

/** An element: its name, attributes, children (elements and text, in order) and source line. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly XmlNode[];
  /** 1-based line of its start tag. */
  readonly line: number;
}

/** A child: an element or a run of text (character data and CDATA, entities decoded). */
export type XmlNode = XmlElement | string;

/** The document is not well-formed, uses a refused feature, or exceeds a limit. */
export class XmlError extends Error {
  override name = 'XmlError';
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`line ${line}, column ${column}: ${message}`);
  }
}

/** Bounds of {@link parseXml}. */
export interface XmlLimits {
  readonly maxChars: number;
  readonly maxDepth: number;
  readonly maxElements: number;
  readonly maxAttributes: number;
}

/** Generous for a quiz file, small enough that a hostile one cannot exhaust memory. */
export const DEFAULT_XML_LIMITS: XmlLimits = {
  maxChars: 50 * 1024 * 1024,
  maxDepth: 64,
  // About 30 elements per Moodle question: a million is a 50 MB file of ordinary questions.
  maxElements: 1_000_000,
  maxAttributes: 64,
};

const predefined: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

const nameStart = /[A-Za-z_:\u00c0-\uffff]/;
const nameChars = /[A-Za-z0-9_:.\-\u00b7\u00c0-\uffff]*/y;

/** Shared by every element without attributes / children: most have none, and a file may hold
 * a million elements. */
const NO_ATTRIBUTES: ReadonlyMap<string, string> = new Map();
const NO_CHILDREN: readonly XmlNode[] = Object.freeze([]);

interface OpenElement {
  name: string;
  attributes: ReadonlyMap<string, string>;
  children: XmlNode[];
  line: number;
  offset: number;
}

/**
 * Parses `text` into its root element. Throws {@link XmlError} naming the line and column of
 * the first problem. Whitespace-only text between elements is kept as text children; use
 * {@link childElements} and {@link textContent} to read.
 */
export function parseXml(text: string, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlElement {
  const lineStarts: number[] = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const where = (offset: number): [number, number] => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return [lo + 1, offset - lineStarts[lo] + 1];
  };
  const fail: (message: string, offset: number) => never = (message, offset) => {
    const [line, column] = where(Math.min(offset, text.length));
    throw new XmlError(message, line, column);
  };
  if (text.length > limits.maxChars) {
    fail(`the file is larger than ${limits.maxChars} characters`, 0);
  }
  const find = memoIndexOf(text);
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const stack: OpenElement[] = [];
  let root: XmlElement | null = null;
  let elements = 0;

  const decode = (raw: string, offset: number): string => {
    if (!raw.includes('&')) return raw;
    let out = '';
    let from = 0;
    for (let amp = raw.indexOf('&'); amp >= 0; amp = raw.indexOf('&', from)) {
      out += raw.slice(from, amp);
      const window = raw.slice(amp + 1, amp + 12).indexOf(';');
      const semi = window < 0 ? -1 : amp + 1 + window;
      const ref = semi < 0 ? null : raw.slice(amp + 1, semi);
      if (ref === null) fail('"&" must be written "&amp;"', offset + amp);
      let value: string | null = null;
      if (ref!.startsWith('#x') || ref!.startsWith('#X')) {
        value = /^[0-9a-fA-F]{1,6}$/.test(ref!.slice(2))
          ? codePointText(parseInt(ref!.slice(2), 16))
          : null;
      } else if (ref!.startsWith('#')) {
        value = /^[0-9]{1,7}$/.test(ref!.slice(1)) ? codePointText(Number(ref!.slice(1))) : null;
      } else if (Object.hasOwn(predefined, ref!)) value = predefined[ref!];
      else {
        fail(
          `unknown entity "&${ref};": only &lt; &gt; &amp; &quot; &apos; and numeric references are allowed`,
          offset + amp,
        );
      }
      if (value === null) fail(`"&${ref};" is not a valid character reference`, offset + amp);
      out += value;
      from = semi + 1;
    }
    return out + raw.slice(from);
  };

  const addText = (raw: string) => {
    // XML end-of-line handling: CR LF and lone CR are read as LF.
    const value = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
    const top = stack[stack.length - 1];
    const last = top.children[top.children.length - 1];
    if (typeof last === 'string') top.children[top.children.length - 1] = last + value;
    else top.children.push(value);
  };

  const readName = (at: number): string => {
    if (!nameStart.test(text[at] ?? '')) fail('expected a name', at);
    nameChars.lastIndex = at + 1;
    nameChars.exec(text);
    const end = nameChars.lastIndex;
    if (end - at > 256) fail('name longer than 256 characters', at);
    return text.slice(at, end);
  };

  const skipSpace = (at: number): number => {
    while (at < text.length) {
      const c = text.charCodeAt(at);
      if (c === 32 || c === 9 || c === 10 || c === 13) at++;
      else break;
    }
    return at;
  };

  while (i < text.length) {
    const lt = find('<', i);
    const textEnd = lt < 0 ? text.length : lt;
    if (textEnd > i) {
      const raw = text.slice(i, textEnd);
      if (stack.length === 0) {
        if (raw.trim() !== '') fail('text outside the root element', i + raw.search(/\S/));
      } else addText(decode(raw, i));
      i = textEnd;
      if (lt < 0) break;
    }
    // i is at '<'
    if (text.startsWith('<!--', i)) {
      const end = find('-->', i + 4);
      if (end < 0) fail('comment not closed with "-->"', i);
      i = end + 3;
      continue;
    }
    if (text.startsWith('<![CDATA[', i)) {
      if (stack.length === 0) fail('CDATA outside the root element', i);
      const end = find(']]>', i + 9);
      if (end < 0) fail('CDATA section not closed with "]]>"', i);
      addText(text.slice(i + 9, end));
      i = end + 3;
      continue;
    }
    if (text.startsWith('<!', i)) {
      if (/^<!doctype/i.test(text.slice(i, i + 9))) {
        fail('DOCTYPE declarations are not supported (no DTDs or external entities)', i);
      }
      fail('unsupported markup declaration', i);
    }
    if (text.startsWith('<?', i)) {
      const end = find('?>', i + 2);
      if (end < 0) fail('processing instruction not closed with "?>"', i);
      i = end + 2;
      continue;
    }
    if (text.startsWith('</', i)) {
      const name = readName(i + 2);
      let at = skipSpace(i + 2 + name.length);
      if (text[at] !== '>') fail(`expected ">" to end </${name}`, at);
      at++;
      const open = stack.pop();
      if (open === undefined) fail(`closing tag </${name}> without an opening tag`, i);
      if (open!.name !== name) {
        const [line] = where(open!.offset);
        fail(`</${name}> does not close <${open!.name}> (opened on line ${line})`, i);
      }
      const element: XmlElement = {
        name: open!.name,
        attributes: open!.attributes,
        children: open!.children,
        line: open!.line,
      };
      if (stack.length === 0) root = element;
      else stack[stack.length - 1].children.push(element);
      i = at;
      continue;
    }
    // start tag
    if (root !== null) fail('a second root element', i);
    const name = readName(i + 1);
    let at = i + 1 + name.length;
    let attributes: Map<string, string> | null = null;
    let selfClosing = false;
    for (;;) {
      const afterSpace = skipSpace(at);
      if (text.startsWith('/>', afterSpace)) {
        selfClosing = true;
        at = afterSpace + 2;
        break;
      }
      if (text[afterSpace] === '>') {
        at = afterSpace + 1;
        break;
      }
      if (afterSpace >= text.length) fail(`<${name}> is not closed with ">"`, i);
      if (afterSpace === at) fail(`expected a space, ">" or "/>" in <${name}>`, at);
      const attr = readName(afterSpace);
      at = skipSpace(afterSpace + attr.length);
      if (text[at] !== '=') fail(`expected "=" after attribute ${attr}`, at);
      at = skipSpace(at + 1);
      const quote = text[at];
      if (quote !== '"' && quote !== "'") fail(`expected a quoted value for attribute ${attr}`, at);
      const close = find(quote, at + 1);
      if (close < 0) fail(`the value of attribute ${attr} is not closed`, at);
      const raw = text.slice(at + 1, close);
      if (raw.includes('<'))
        fail(`"<" in the value of attribute ${attr}`, at + 1 + raw.indexOf('<'));
      attributes ??= new Map<string, string>();
      if (attributes.has(attr)) fail(`attribute ${attr} given twice`, afterSpace);
      if (attributes.size >= limits.maxAttributes) {
        fail(`more than ${limits.maxAttributes} attributes`, afterSpace);
      }
      attributes.set(attr, decode(raw, at + 1).replace(/[\t\n\r]/g, ' '));
      at = close + 1;
    }
    if (++elements > limits.maxElements) fail(`more than ${limits.maxElements} elements`, i);
    if (stack.length + 1 > limits.maxDepth) {
      fail(`elements nested deeper than ${limits.maxDepth} levels`, i);
    }
    const [line] = where(i);
    const attrs = attributes ?? NO_ATTRIBUTES;
    if (selfClosing) {
      const element: XmlElement = { name, attributes: attrs, children: NO_CHILDREN, line };
      if (stack.length === 0) root = element;
      else stack[stack.length - 1].children.push(element);
    } else stack.push({ name, attributes: attrs, children: [], line, offset: i });
    i = at;
  }
  if (stack.length > 0) {
    const open = stack[stack.length - 1];
    fail(`<${open.name}> (line ${open.line}) is never closed`, text.length);
  }
  if (root === null) fail('no root element', text.length);
  return root!;
}

/** The child elements of `element`, optionally only those named `name`. */
export function childElements(element: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of element.children) {
    if (typeof child !== 'string' && (name === undefined || child.name === name)) out.push(child);
  }
  return out;
}

/** The first child element named `name`, if any. */
export function firstChild(element: XmlElement, name: string): XmlElement | undefined {
  for (const child of element.children) {
    if (typeof child !== 'string' && child.name === name) return child;
  }
  return undefined;
}

/** The text directly inside `element` (its text children joined; child elements skipped). */
export function textContent(element: XmlElement): string {
  let out = '';
  for (const child of element.children) if (typeof child === 'string') out += child;
  return out;
}

/** Escapes text for XML character data or a double-quoted attribute value. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Text as a CDATA section (a `]]>` inside is split across two sections). */
export function cdata(text: string): string {
  return `<![CDATA[${text.replace(/\]\]>/g, ']]]]><![CDATA[>')}]]>`;
}
