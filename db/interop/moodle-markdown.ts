/**
 * Mathematics between DeepDrill Markdown and Moodle's Markdown text format.
 *
 * DeepDrill writes LaTeX as `$…$` / `$$…$$`; a default Moodle typesets only `\(…\)` and `\[…\]`
 * (its MathJax filter, on by default; `$…$` stays as dollars). Moodle turns Markdown text into
 * HTML (PHP Markdown Extra) before the filter sees it, and Markdown reads `\(` as an escaped
 * parenthesis, so a Markdown-format question must write `\\(…\\)`, with every character of the
 * LaTeX that Markdown would read as an escape or as markup escaped (`\frac` → `\\frac`, `x_1` →
 * `x\_1`, `<` → `&lt;`). {@link toMoodleMarkdown} writes that; {@link fromMoodleMarkdown} reads it
 * back to `$…$` / `$$…$$`, so an exported question comes back as it was. Code (fenced blocks and
 * code spans) is left alone both ways: neither renderer reads math there.
 */

/** The characters PHP Markdown Extra (Moodle's Markdown) reads after a backslash as themselves. */
const MARKDOWN_ESCAPABLE = '\\`*_{}[]()>#+-.!:|';

/** Fenced code blocks and code spans (`code`), and the text between them. */
function splitOutsideCode(text: string): { readonly code: boolean; readonly text: string }[] {
  const parts: { code: boolean; text: string }[] = [];
  let start = 0;
  let i = 0;
  const push = (end: number, code: boolean, from = start) => {
    if (end > from) parts.push({ code, text: text.slice(from, end) });
  };
  const fence = /^ {0,3}(`{3,}|~{3,})/y;
  while (i < text.length) {
    const c = text[i];
    if (i === 0 || text[i - 1] === '\n') {
      fence.lastIndex = i;
      const open = fence.exec(text);
      if (open !== null) {
        const close = new RegExp(
          `\\n {0,3}${open[1][0] === '`' ? '`' : '~'}{${open[1].length},}[ \\t]*(?=\\n|$)`,
          'g',
        );
        close.lastIndex = i + open[0].length;
        const end = close.exec(text);
        const stop = end === null ? text.length : end.index + end[0].length;
        push(i, false);
        push(stop, true, i);
        start = i = stop;
        continue;
      }
    }
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '`') {
      let n = 1;
      while (text[i + n] === '`') n++;
      const run = '`'.repeat(n);
      let end = text.indexOf(run, i + n);
      while (end >= 0 && text[end + n] === '`') {
        let m = end;
        while (text[m] === '`') m++;
        end = text.indexOf(run, m);
      }
      if (end < 0) {
        i += n;
        continue;
      }
      push(i, false);
      push(end + n, true, i);
      start = i = end + n;
      continue;
    }
    i++;
  }
  push(text.length, false);
  return parts;
}

/** `tex` as Markdown that PHP Markdown Extra shows as exactly `tex`. */
function markdownLiteral(tex: string): string {
  let out = '';
  for (const c of tex) {
    if (c === '&') out += '&amp;';
    else if (c === '<') out += '&lt;';
    else out += MARKDOWN_ESCAPABLE.includes(c) ? `\\${c}` : c;
  }
  return out;
}

// The math DeepDrill's renderer typesets (renderer/src/lib/markdown.ts): `$$…$$`, and `$…$` with
// no blank just inside the dollars and no digit right after the closing one (a price is text).
const displayMath = /\$\$((?:\\.|[^\\$])+?)\$\$/y;
const inlineMath = /\$(?!\s)((?:\\.|[^\\$\n])+?)(?<!\s)\$(?!\d)/y;

/**
 * DeepDrill Markdown as Moodle Markdown that a default Moodle typesets: `$x$` → `\\(x\\)` and
 * `$$x$$` → `\\[x\\]`, the LaTeX escaped for Markdown (see the module comment). Everything
 * else is left as it is.
 */
export function toMoodleMarkdown(text: string): string {
  if (!text.includes('$')) return text;
  return splitOutsideCode(text)
    .map((part) => {
      if (part.code) return part.text;
      const s = part.text;
      let out = '';
      let i = 0;
      while (i < s.length) {
        const c = s[i];
        if (c === '\\') {
          out += s.slice(i, i + 2);
          i += 2;
          continue;
        }
        if (c === '$') {
          const display = s[i + 1] === '$';
          const re = display ? displayMath : inlineMath;
          re.lastIndex = i;
          const m = re.exec(s);
          if (m !== null) {
            const [open, close] = display ? ['\\\\[', '\\\\]'] : ['\\\\(', '\\\\)'];
            out += `${open}${markdownLiteral(m[1])}${close}`;
            i += m[0].length;
            continue;
          }
          if (display) {
            out += '$$';
            i += 2;
            continue;
          }
        }
        out += c;
        i++;
      }
      return out;
    })
    .join('');
}

const entities: Readonly<Record<string, string>> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/**
 * Moodle Markdown's `\\(…\\)` and `\\[…\\]` (what shows as `\(…\)` / `\[…\]` and MathJax
 * typesets) as DeepDrill's `$…$` / `$$…$$`, the Markdown escapes and entities inside resolved.
 * An opening without its closing is left as it is; so is code.
 */
export function fromMoodleMarkdown(text: string): string {
  if (!text.includes('\\\\')) return text;
  return splitOutsideCode(text)
    .map((part) => (part.code ? part.text : readMath(part.text)))
    .join('');
}

function readMath(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    if (s[i] !== '\\') {
      out += s[i++];
      continue;
    }
    const kind = s[i + 1] === '\\' ? s[i + 2] : undefined;
    if (kind !== '(' && kind !== '[') {
      out += s.slice(i, i + 2);
      i += 2;
      continue;
    }
    const closing = kind === '(' ? ')' : ']';
    let tex = '';
    let j = i + 3;
    let closed = -1;
    while (j < s.length) {
      if (s[j] === '\\' && j + 1 < s.length && MARKDOWN_ESCAPABLE.includes(s[j + 1])) {
        // An escaped backslash followed by a bare closing bracket ends the formula.
        if (s[j + 1] === '\\' && s[j + 2] === closing) {
          closed = j + 3;
          break;
        }
        tex += s[j + 1];
        j += 2;
      } else tex += s[j++];
    }
    if (closed < 0) {
      out += s.slice(i, i + 3);
      i += 3;
      continue;
    }
    const decoded = tex.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => entities[e]);
    out += kind === '(' ? `$${decoded}$` : `$$${decoded}$$`;
    i = closed;
  }
  return out;
}
