/**
 * Question text from other systems into DeepDrill Markdown. HTML is never passed through: a few
 * tags become their Markdown equivalent (paragraphs, line breaks, bold, italics, lists, super- and
 * subscripts), images become data-URL Markdown images when their data is at hand (a `data:`
 * source, or a Moodle file; see `embedded-files.ts`) and `[image: alt]` otherwise, scripts and
 * styles are dropped with their content, and every other tag is dropped with its text kept.
 * LaTeX is kept: `\(…\)` becomes `$…$` and
 * `\[…\]` becomes `$$…$$`, the delimiters DeepDrill's renderer reads (in Markdown text, where
 * Moodle needs them written `\\(…\\)`, see `moodle-markdown.ts`).
 */
import { fromMoodleMarkdown } from './moodle-markdown';
import { imageSource, resolveMarkdownImages, type ImageSource } from './embedded-files';

/** Resolves only images that carry their data (`data:` URLs): a text without files. */
const withoutFiles: ImageSource = imageSource(new Map());

/** How a foreign text is written. `moodle` is Moodle's auto-format: text where HTML may appear. */
export type TextFormat = 'markdown' | 'html' | 'moodle' | 'plain';

/**
 * Converts a foreign text in `format` to DeepDrill Markdown (trimmed). Images that `images`
 * resolves are kept as data-URL Markdown images (see `embedded-files.ts`); others become
 * `[image: alt]`.
 */
export function toMarkdown(
  text: string,
  format: TextFormat,
  images: ImageSource = withoutFiles,
): string {
  let out: string;
  switch (format) {
    case 'markdown':
      out = fromMoodleMarkdown(resolveMarkdownImages(text, images));
      break;
    case 'html':
      out = htmlToMarkdown(text, images);
      break;
    case 'moodle':
      out = htmlToMarkdown(moodleAutoFormatToHtml(text), images);
      break;
    case 'plain':
      out = plainToMarkdown(text);
      break;
    default:
      throw new Error(`unknown text format ${String(format satisfies never)}`);
  }
  return convertLatexDelimiters(out).trim();
}

const namedEntities: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  times: '×',
  divide: '÷',
  minus: '−',
  plusmn: '±',
  le: '≤',
  ge: '≥',
  ne: '≠',
  deg: '°',
  middot: '·',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  copy: '©',
  reg: '®',
  euro: '€',
  pound: '£',
  micro: 'µ',
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  eta: 'η',
  theta: 'θ',
  lambda: 'λ',
  mu: 'μ',
  pi: 'π',
  sigma: 'σ',
  tau: 'τ',
  phi: 'φ',
  omega: 'ω',
  Delta: 'Δ',
  Sigma: 'Σ',
  sup2: '²',
  sup3: '³',
  frac12: '½',
  larr: '←',
  rarr: '→',
  infin: '∞',
  sum: '∑',
  radic: '√',
};

/** The character a numeric reference stands for, or null when it is not a valid character. */
export function codePointText(code: number): string | null {
  if (!Number.isInteger(code) || code <= 0 || code > 0x10ffff) return null;
  if (code >= 0xd800 && code <= 0xdfff) return null;
  if (code < 0x20 && code !== 0x9 && code !== 0xa && code !== 0xd) return null;
  return String.fromCodePoint(code);
}

/**
 * Decodes HTML character references: the common named ones and `&#NN;` / `&#xHH;`. Anything
 * else (an unknown name, a bare `&`) is left as it is.
 */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    /&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,15});/g,
    (m, ref: string) => {
      if (ref.startsWith('#')) {
        const code =
          ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
        return codePointText(code) ?? m;
      }
      return Object.hasOwn(namedEntities, ref) ? namedEntities[ref] : m;
    },
  );
}

/**
 * `indexOf` that remembers its last answer per needle, so that scanning a text from left to right
 * for delimiters that may never come stays linear instead of searching to the end every time.
 */
export function memoIndexOf(text: string): (needle: string, from: number) => number {
  const found = new Map<string, { from: number; at: number }>();
  return (needle, from) => {
    const last = found.get(needle);
    if (last !== undefined && from >= last.from && (last.at < 0 || last.at >= from)) return last.at;
    const at = text.indexOf(needle, from);
    found.set(needle, { from, at });
    return at;
  };
}

/** Splits text into math (`$$…$$`, `$…$`, `\(…\)`, `\[…\]`) and non-math runs. */
export function splitMath(text: string): { readonly math: boolean; readonly text: string }[] {
  const parts: { math: boolean; text: string }[] = [];
  const find = memoIndexOf(text);
  let start = 0;
  let i = 0;
  const push = (end: number, math: boolean, from = start) => {
    if (end > from) parts.push({ math, text: text.slice(from, end) });
  };
  while (i < text.length) {
    const c = text[i];
    let close: string | null = null;
    let open = 0;
    if (c === '\\' && (text[i + 1] === '(' || text[i + 1] === '[')) {
      close = text[i + 1] === '(' ? '\\)' : '\\]';
      open = 2;
    } else if (c === '\\') {
      i += 2;
      continue;
    } else if (c === '$') {
      close = text[i + 1] === '$' ? '$$' : '$';
      open = close.length;
    }
    if (close === null) {
      i++;
      continue;
    }
    const end = find(close, i + open);
    if (end < 0 || (close === '$' && text.slice(i + 1, end).includes('\n'))) {
      i += open;
      continue;
    }
    push(i, false);
    push(end + close.length, true, i);
    i = end + close.length;
    start = i;
  }
  push(text.length, false);
  return parts;
}

/**
 * Escapes, outside math, what Markdown would read as markup in plain text: emphasis and code
 * characters (`*`, `_`, `` ` ``), a `!` that would open an image, a `<` that could open an HTML
 * tag, a backslash before punctuation (Markdown would read it as an escape, so `\\` would show
 * as one backslash), and at the start of a line what would begin a heading, list, quote or
 * table (`#`, `1.`, `- `, `+ `, `>`, `|`) or underline the line before into a heading (`===`,
 * `---`).
 */
export function escapeMarkdownOutsideMath(text: string, atLineStart = true): string {
  if (!/[*_`<\\#>|=+-]|!\[|\d[.)]/.test(text)) return text;
  return splitMath(text)
    .map((p, k) => {
      if (p.math) return p.text;
      const inline = p.text.replace(inlineMarkup, (c) => `\\${c}`);
      // Only the first run can start a line at its start; math ends mid-line.
      return inline.replace(
        k === 0 && atLineStart ? lineStartMarkup : lineStartMarkupAfterBreak,
        (_, before: string, blank: string, mark: string) =>
          /^\d/.test(mark) ? `${before}${blank}${mark}\\` : `${before}${blank}\\${mark}`,
      );
    })
    .join('');
}

/**
 * Emphasis and code characters, a `!` before `[` (an image), a `<` that could open a tag, and a
 * backslash that Markdown would read as an escape or a hard break (before punctuation, a line
 * break, or whatever comes after this text).
 */
const inlineMarkup = /[*_`]|!(?=\[)|<(?=[A-Za-z/!?])|\\(?=[!-/:-@[-`{-~\n]|$)/g;
const lineStartMark = String.raw`([ \t]*)(#|\d{1,9}(?=[.)](?:[ \t\n]|$))|[-+](?=[ \t\n]|$)|>|\||={2,}|-{3,})`;
const lineStartMarkup = new RegExp(`(^|\n)${lineStartMark}`, 'g');
const lineStartMarkupAfterBreak = new RegExp(`(\n)${lineStartMark}`, 'g');

/**
 * Moodle's auto-format (`FORMAT_MOODLE`) as the HTML Moodle shows (`text_to_html`): blanks
 * between tags dropped, a line break next to a tag read as a space, every other line break a
 * `<br>`.
 */
export function moodleAutoFormatToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/>\s+</g, '><')
    .replace(/\n</g, ' <')
    .replace(/>\n/g, '> ')
    .replace(/\n/g, '<br>');
}

/** Plain text (`FORMAT_PLAIN`): shown literally, each line break kept. */
function plainToMarkdown(text: string): string {
  return escapeMarkdownOutsideMath(text.replace(/\r\n?/g, '\n'))
    .split('\n')
    .map((line) => line.trim())
    .join('\\\n')
    .replace(/(?:\\\n)+$/, '');
}

/** `\(x\)` → `$x$` and `\[x\]` → `$$x$$`; other math and text unchanged. */
export function convertLatexDelimiters(text: string): string {
  if (!text.includes('\\(') && !text.includes('\\[')) return text;
  return splitMath(text)
    .map((p) => {
      if (!p.math) return p.text;
      if (p.text.startsWith('\\(')) return `$${p.text.slice(2, -2).trim()}$`;
      if (p.text.startsWith('\\[')) return `$$${p.text.slice(2, -2).trim()}$$`;
      return p.text;
    })
    .join('');
}

const droppedWithContent = new Set([
  'script',
  'style',
  'head',
  'title',
  'template',
  'iframe',
  'object',
  'svg',
  'math',
  'noscript',
  'textarea',
]);
const blockTags = new Set([
  'p',
  'div',
  'section',
  'article',
  'blockquote',
  'table',
  'pre',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
]);

/** The value of attribute `name` in the source of a start tag (`<img src="…" alt="…">`). */
function attribute(tag: string, name: 'alt' | 'href' | 'src'): string | null {
  const re =
    name === 'alt'
      ? /\salt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i
      : name === 'src'
        ? /\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i
        : /\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;
  const m = re.exec(tag);
  if (m === null) return null;
  return decodeHtmlEntities(m[1] ?? m[2] ?? m[3] ?? '');
}

const simpleScript = /^[A-Za-z0-9+\-.,=() ]{1,30}$/;
const tagName = /^<(\/?)([A-Za-z][A-Za-z0-9]{0,30})/;

/**
 * Trims each line's blanks and collapses blank runs; leading blanks are kept only where they
 * indent a nested list item, and every line of a fenced code block is kept as it is. A hard
 * break (`\` at a line's end) that ends a paragraph or the text is dropped: Markdown would show
 * the backslash.
 */
function tidyLines(text: string): string {
  const lines: { readonly text: string; readonly code: boolean }[] = [];
  let fence: string | null = null;
  for (const raw of text.split('\n')) {
    if (fence !== null) {
      lines.push({ text: raw, code: true });
      if (raw === fence) fence = null;
    } else if (raw.startsWith(CODE_FENCE_MARK) && /^`{3,}$/.test(raw.slice(1))) {
      fence = raw;
      lines.push({ text: raw, code: true });
    } else {
      const start = raw.trim();
      lines.push({ text: start.startsWith('- ') ? raw.trimEnd() : start, code: false });
    }
  }
  const out: string[] = [];
  let blank = 0;
  for (const [k, line] of lines.entries()) {
    blank = line.code || line.text !== '' ? 0 : blank + 1;
    if (blank > 1) continue;
    const next = lines.at(k + 1);
    const endsParagraph = next === undefined || next.code || next.text === '';
    out.push(
      !line.code && endsParagraph && /(?<!\\)(?:\\\\)*\\$/.test(line.text)
        ? line.text.slice(0, -1).trimEnd()
        : line.text,
    );
  }
  return out.join('\n').replace(/^\n+|\n+$/g, '');
}

/** Marks the line of a code fence this module wrote (it never comes from escaped text). */
const CODE_FENCE_MARK = '\u0000';

/** The text inside `<pre>…</pre>` as it shows: tags dropped (`<br>` a line break), entities decoded. */
function preText(inner: string): string {
  const text = decodeHtmlEntities(
    inner.replace(/<br\s*\/?>/gi, '\n').replace(/<[A-Za-z/!?][^<>]*>/g, ''),
  ).replace(/\u00a0/g, ' ');
  return text.replace(/^\r?\n/, '').replace(/\s+$/, '');
}

/** A fenced code block holding `code` verbatim (the fence longer than any backtick run in it). */
function codeBlock(code: string): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `\n\n${CODE_FENCE_MARK}${fence}\n${code}\n${CODE_FENCE_MARK}${fence}\n\n`;
}

/** A GFM table from rows of cell texts (the first row is the header, as Markdown needs one). */
function markdownTable(rows: readonly (readonly string[])[]): string {
  const width = Math.max(...rows.map((r) => r.length));
  if (width === 0) return '\n\n';
  const line = (cells: readonly string[]) =>
    `| ${Array.from({ length: width }, (_, k) => cells[k] ?? '').join(' | ')} |`;
  return `\n\n${[line(rows[0]), line(Array<string>(width).fill('---')), ...rows.slice(1).map(line)].join('\n')}\n\n`;
}

/** A table cell's Markdown on one line, its pipes escaped. */
function cellText(markdown: string): string {
  return markdown
    .replace(/\\\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(\\*)\|/g, (m, slashes: string) => (slashes.length % 2 === 0 ? `${slashes}\\|` : m));
}

/**
 * HTML to Markdown, without ever producing HTML: see the module comment. Iterative, linear in
 * the input, tolerant of broken markup (a `<` that starts no tag is text). `<pre>` keeps its
 * blanks and lines as a code block; a table becomes a Markdown table (nested tables are read as
 * text inside their cell).
 */
export function htmlToMarkdown(source: string, images: ImageSource = withoutFiles): string {
  // NUL marks the code fences this function writes; it never means anything in a text.
  const html = source.replaceAll(CODE_FENCE_MARK, '');
  const find = memoIndexOf(html);
  // ASCII-only lower case keeps every offset the same as in `html`.
  const lower = html.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const findLower = memoIndexOf(lower);
  const out: string[] = [];
  let scriptStart = -1;
  let scriptKind: 'sup' | 'sub' | null = null;
  let listDepth = 0;
  const links: string[] = [];
  // The outermost table being read: its rows, and where the open cell's text starts in `out`.
  let tableDepth = 0;
  let rows: string[][] = [];
  let cellStart = -1;
  const closeCell = () => {
    if (cellStart < 0) return;
    const cell = cellText(out.splice(cellStart).join(''));
    if (rows.length === 0) rows.push([]);
    rows[rows.length - 1].push(cell);
    cellStart = -1;
  };
  let i = 0;
  // Does the next text start a Markdown line (after blanks), where `#` or `1.` would be markup?
  const atLineStart = () => {
    for (let k = out.length - 1; k >= 0; k--) {
      const piece = out[k].replace(/[ \t]+$/, '');
      if (piece !== '') return piece.endsWith('\n') || /(?:^|\n)[ \t]*- $/.test(out[k]);
    }
    return true;
  };
  const text = (s: string) => {
    if (s === '') return;
    // Outside <pre>, HTML shows any run of blanks and line breaks as one space.
    const decoded = decodeHtmlEntities(s.replace(/[ \t\r\n\f]+/g, ' '));
    // Blank runs need no escape (and skipping the look-back keeps long blank runs linear).
    out.push(decoded.trim() === '' ? decoded : escapeMarkdownOutsideMath(decoded, atLineStart()));
  };
  while (i < html.length) {
    const lt = find('<', i);
    if (lt < 0) {
      text(html.slice(i));
      break;
    }
    text(html.slice(i, lt));
    i = lt;
    if (html.startsWith('<!--', i)) {
      const end = find('-->', i + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    const gt = find('>', i + 1);
    const nextLt = find('<', i + 1);
    const nameMatch = tagName.exec(html.slice(i, i + 34));
    const isMarkup = nameMatch !== null || html[i + 1] === '!' || html[i + 1] === '?';
    if (!isMarkup || gt < 0 || (nextLt >= 0 && nextLt < gt)) {
      out.push('<');
      i++;
      continue;
    }
    const tag = html.slice(i, gt + 1);
    i = gt + 1;
    if (nameMatch === null) continue; // <!DOCTYPE …>, <?…?>
    const closing = nameMatch[1] === '/';
    const name = nameMatch[2].toLowerCase();
    if (!closing && droppedWithContent.has(name) && !tag.endsWith('/>')) {
      const close = findLower(`</${name}`, i);
      const closeEnd = close < 0 ? -1 : find('>', close);
      i = closeEnd < 0 ? html.length : closeEnd + 1;
      continue;
    }
    if (!closing && name === 'pre') {
      const close = findLower('</pre', i);
      const closeEnd = close < 0 ? -1 : find('>', close);
      const code = preText(html.slice(i, close < 0 ? html.length : close));
      i = closeEnd < 0 ? html.length : closeEnd + 1;
      if (code.trim() === '') continue;
      out.push(tableDepth > 0 ? escapeMarkdownOutsideMath(code) : codeBlock(code));
      continue;
    }
    switch (name) {
      case 'br':
        out.push('\\\n');
        break;
      case 'b':
      case 'strong':
        out.push('**');
        break;
      case 'i':
      case 'em':
        out.push('*');
        break;
      case 'code':
        out.push('`');
        break;
      case 'sup':
      case 'sub':
        if (!closing) {
          scriptStart = out.length;
          scriptKind = name;
        } else if (scriptKind === name && scriptStart >= 0 && scriptStart <= out.length) {
          const inner = out
            .splice(scriptStart)
            .join('')
            .replace(/\\([!-/:-@[-`{-~])/g, '$1');
          const mark = name === 'sup' ? '^' : '_';
          out.push(
            simpleScript.test(inner)
              ? `$${mark}{${inner.trim()}}$`
              : `${name === 'sup' ? '^' : '\\_'}(${escapeMarkdownOutsideMath(inner, false)})`,
          );
          scriptStart = -1;
          scriptKind = null;
        }
        break;
      case 'li':
        if (!closing) out.push(`\n${'  '.repeat(Math.max(0, listDepth - 1))}- `);
        break;
      case 'ul':
      case 'ol':
        listDepth = Math.min(10, Math.max(0, listDepth + (closing ? -1 : 1)));
        out.push('\n\n');
        break;
      case 'table':
        if (!closing) {
          if (tableDepth === 0) {
            out.push('\n\n');
            rows = [];
          }
          tableDepth++;
        } else if (tableDepth > 0) {
          tableDepth--;
          if (tableDepth === 0) {
            closeCell();
            out.push(markdownTable(rows.filter((r) => r.length > 0)));
            rows = [];
          }
        }
        break;
      case 'tr':
        if (tableDepth === 1) {
          closeCell();
          if (!closing) rows.push([]);
        } else out.push(' ');
        break;
      case 'td':
      case 'th':
        if (tableDepth === 1) {
          closeCell();
          if (!closing) {
            if (rows.length === 0) rows.push([]);
            cellStart = out.length;
          }
        } else if (tableDepth > 1 || !closing) out.push(' ');
        break;
      case 'img': {
        const alt = attribute(tag, 'alt')?.trim() ?? '';
        const url = images(attribute(tag, 'src') ?? '');
        const label = escapeMarkdownOutsideMath(alt, false).replace(/[[\]]/g, '\\$&');
        if (url !== null) out.push(`![${label}](${url})`);
        else out.push(alt === '' ? '[image]' : `[image: ${escapeMarkdownOutsideMath(alt)}]`);
        break;
      }
      case 'a':
        if (!closing) {
          const href = attribute(tag, 'href')?.trim() ?? '';
          // Only web addresses are kept, as text after the link text; never a live link.
          links.push(/^https?:\/\/[^\s()<>]{1,2000}$/i.test(href) ? href : '');
        } else if (links.length > 0) {
          const href = links.pop();
          if (href) out.push(` (${href})`);
        }
        break;
      default:
        if (blockTags.has(name)) out.push(tableDepth > 0 ? ' ' : '\n\n');
    }
  }
  if (tableDepth > 0) {
    closeCell();
    out.push(markdownTable(rows.filter((r) => r.length > 0)));
  }
  return tidyLines(out.join('').replace(/\u00a0/g, ' ')).replaceAll(CODE_FENCE_MARK, '');
}
