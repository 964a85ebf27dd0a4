/**
 * The one way question text becomes HTML. Question banks are untrusted, so: Markdown without raw
 * HTML (HTML tokens are shown as text), links only to http(s), math through KaTeX with
 * `trust: false` and bounded sizes, and DOMPurify last over every piece of the result.
 *
 * The pieces: each typeset formula is sanitised once, when KaTeX makes it, and cached so; the
 * Markdown around the formulas is sanitised with an empty placeholder element where each one
 * goes, and the sanitised formulas then take the placeholders' places. A formula's HTML is most
 * of a mathematical text's, so a text rendered again (a later task typesetting what waited, or
 * another screen showing it) costs sanitising its prose only. The placeholders carry a random
 * nonce drawn when the renderer loads: the sanitised Markdown cannot contain one otherwise
 * (text is escaped, and so are the quotes of attribute values).
 */
import DOMPurify from 'dompurify';
import katex from 'katex';
import { Marked, type TokenizerAndRendererExtension } from 'marked';
import { textLengthWithoutImages } from '../../../core/embedded-image';

const katexOptions = {
  trust: false,
  maxSize: 10,
  maxExpand: 1000,
  throwOnError: false,
  strict: 'ignore',
  output: 'htmlAndMathml',
} as const;

/** Escapes text for use in HTML content or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * The render budget: question text is untrusted, and a hostile bank must not freeze the window.
 * A text longer than {@link maxSourceChars} is not rendered (a notice says so). A formula is
 * shown as its source when its TeX is longer than {@link maxFormulaChars}, when its typeset HTML
 * would be more than {@link maxFormulaHtmlChars}, or when it would take its text past the typeset
 * HTML one text may have ({@link maxMathHtmlChars}): sanitising, laying out and painting that
 * HTML cost time as well as KaTeX does. One task (one render of a screen) typesets for at most
 * {@link mathBudgetMs} and {@link maxTaskMathHtmlChars} of HTML; the formulas past that wait,
 * shown as their source, and {@link renderMarkdownParts} says so: the Markdown component renders
 * the text again in a later task, when the budget has started again. Typeset formulas are
 * cached, so each later task typesets new ones and a screen of ordinary mathematics completes
 * in a few short tasks instead of one long one. Nothing incomplete is cached as a text.
 *
 * For scale: the built-in bank's largest formula is 18 kB of HTML and its most mathematical
 * text 44 kB; an 8×8 matrix of decimals is 20 kB, a 6×6 matrix of fractions 48 kB.
 */
export const maxSourceChars = 50_000;
export const maxFormulaChars = 3_000;
export const mathBudgetMs = 150;
/** Typeset HTML one formula may have: a 6×6 matrix of fractions, not a 7×7 one. */
export const maxFormulaHtmlChars = 60_000;
/** Typeset HTML one text may have: more than twice the built-in bank's most mathematical. */
export const maxMathHtmlChars = 100_000;
/**
 * Typeset HTML one task (one screen's render) may produce, besides the formula that crosses it.
 * Not less than one text may have: a text rendered first in a task then always completes, its
 * cached formulas counted, or a text whose formulas are all cached could wait for ever.
 */
export const maxTaskMathHtmlChars = maxMathHtmlChars;
let taskMathHtmlChars = 0;

let mathSpentMs = 0;
let budgetResetPending = false;
/** The text being rendered showed a formula as source: it is not cached. */
let overBudget = false;
/** The text being rendered left formulas for a later task (its budget, not the text, was spent). */
let deferred = false;
/** Typeset HTML produced so far by the text being rendered. */
let mathHtmlChars = 0;
/** The text being rendered has reached {@link maxMathHtmlChars}: its later formulas are source. */
let textFull = false;

/**
 * Typeset formulas (display flag and source → sanitised KaTeX HTML, or the length of the HTML
 * of one too large to show), oldest first, bounded by size.
 */
const formulaCache = new Map<string, string | number>();
const maxFormulaCacheChars = 4_000_000;
let formulaCacheChars = 0;

function cacheFormula(key: string, value: string | number): void {
  formulaCache.set(key, value);
  formulaCacheChars += key.length + (typeof value === 'string' ? value.length : 0);
  while (formulaCacheChars > maxFormulaCacheChars) {
    const [oldest, old] = formulaCache.entries().next().value as [string, string | number];
    formulaCache.delete(oldest);
    formulaCacheChars -= oldest.length + (typeof old === 'string' ? old.length : 0);
  }
}

function chargeMath(ms: number): void {
  mathSpentMs += ms;
  if (!budgetResetPending) {
    budgetResetPending = true;
    setTimeout(() => {
      mathSpentMs = 0;
      taskMathHtmlChars = 0;
      budgetResetPending = false;
    }, 0);
  }
}

function mathSource(tex: string, why: string, kind = 'math-error'): string {
  return `<code class="${kind}" title="${escapeHtml(why)}">${escapeHtml(tex)}</code>`;
}

/**
 * A formula's sanitised KaTeX HTML, or the length of the HTML of one too large to show (KaTeX
 * throws on TeX it cannot handle).
 */
function typeset(tex: string, displayMode: boolean): string | number {
  const key = (displayMode ? 'D' : 'I') + tex;
  const cached = formulaCache.get(key);
  // A cached formula costs no time, but its HTML counts towards the task's (which then starts
  // again in the next task).
  if (cached !== undefined) {
    chargeMath(0);
    return cached;
  }
  const started = performance.now();
  try {
    const katexHtml = katex.renderToString(tex, { ...katexOptions, displayMode });
    const value =
      katexHtml.length > maxFormulaHtmlChars
        ? katexHtml.length
        : purifier.sanitize(katexHtml, purifyConfig);
    cacheFormula(key, value);
    return value;
  } finally {
    chargeMath(performance.now() - started);
  }
}

/** Where the typeset formulas of the text being rendered go: see {@link placeFormulas}. */
const placeholderNonce = Array.from(crypto.getRandomValues(new Uint32Array(2)), (n) =>
  n.toString(36),
).join('');
const placeholder = new RegExp(`<span data-dd-math="${placeholderNonce}-(\\d+)"></span>`, 'g');
/** The sanitised HTML of the typeset formulas of the text being rendered, in order. */
let formulas: string[] = [];

function formulaPlaceholder(html: string): string {
  formulas.push(html);
  return `<span data-dd-math="${placeholderNonce}-${formulas.length - 1}"></span>`;
}

/** The sanitised Markdown of a text with its sanitised formulas in their placeholders' places. */
function placeFormulas(html: string): string {
  return html.replace(placeholder, (_, index: string) => formulas[Number(index)] ?? '');
}

/**
 * Renders TeX with KaTeX, as a placeholder for its sanitised HTML; a formula KaTeX cannot
 * handle, or over budget, is shown as its source.
 */
function renderMath(tex: string, displayMode: boolean): string {
  if (tex.length > maxFormulaChars) {
    overBudget = true;
    return mathSource(tex.slice(0, 200) + '…', `formula too long (${tex.length} characters)`);
  }
  const full = 'not typeset: this text has more mathematics than one screen can show';
  if (textFull) {
    overBudget = true;
    return mathSource(tex, full);
  }
  if (mathSpentMs > mathBudgetMs || taskMathHtmlChars > maxTaskMathHtmlChars) {
    overBudget = true;
    deferred = true;
    return mathSource(tex, 'typeset in a moment', 'math-pending');
  }
  let html: string | number;
  try {
    html = typeset(tex, displayMode);
  } catch {
    return mathSource(tex, 'KaTeX could not typeset this formula');
  }
  if (typeof html === 'number') {
    overBudget = true;
    return mathSource(
      tex,
      `not typeset: this formula is too large to show (${html.toLocaleString('en')} characters of HTML; the limit is ${maxFormulaHtmlChars.toLocaleString('en')})`,
    );
  }
  if (mathHtmlChars + html.length > maxMathHtmlChars) {
    overBudget = true;
    textFull = true;
    return mathSource(tex, full);
  }
  mathHtmlChars += html.length;
  taskMathHtmlChars += html.length;
  return formulaPlaceholder(html);
}

/** Is this a link target the learner may follow? Only absolute http(s) URLs. */
export function isSafeHref(href: string): boolean {
  try {
    const url = new URL(href.trim());
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const safeImage = /^data:image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]+$/;

const blockMath: TokenizerAndRendererExtension = {
  name: 'blockMath',
  level: 'block',
  start: (src) => src.match(/^ {0,3}\$\$/m)?.index,
  tokenizer(src) {
    const match = /^ {0,3}\$\$([\s\S]+?)\$\$[ \t]*(?:\n+|$)/.exec(src);
    if (!match) return undefined;
    return { type: 'blockMath', raw: match[0], text: match[1].trim(), display: true };
  },
  renderer: (token) => `<div class="math-display">${renderMath(token.text as string, true)}</div>`,
};

const inlineMath: TokenizerAndRendererExtension = {
  name: 'inlineMath',
  level: 'inline',
  start: (src) => {
    const index = src.indexOf('$');
    return index < 0 ? undefined : index;
  },
  tokenizer(src) {
    const display = /^\$\$((?:\\.|[^\\$])+?)\$\$/.exec(src);
    if (display) {
      return { type: 'inlineMath', raw: display[0], text: display[1].trim(), display: true };
    }
    // `$x$` but not prices: no space just inside the dollars, no digit right after the closing one.
    const inline = /^\$(?!\s)((?:\\.|[^\\$\n])+?)(?<!\s)\$(?!\d)/.exec(src);
    if (inline) return { type: 'inlineMath', raw: inline[0], text: inline[1], display: false };
    return undefined;
  },
  renderer: (token) => renderMath(token.text as string, token.display === true),
};

const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  extensions: [blockMath, inlineMath],
  renderer: {
    // Raw HTML in a bank is shown as text, never interpreted.
    html: ({ text }) => escapeHtml(text),
    link({ href, title, tokens }) {
      const label = this.parser.parseInline(tokens);
      if (!isSafeHref(href)) return label;
      const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
      return `<a href="${escapeHtml(href.trim())}"${titleAttr} target="_blank" rel="noopener noreferrer">${label}</a>`;
    },
    image({ href, text }) {
      if (!safeImage.test(href)) return escapeHtml(text);
      return `<img src="${escapeHtml(href)}" alt="${escapeHtml(text)}">`;
    },
  },
});

/** Largest offset (em) a formula may move anything by: a tall matrix fits, `\\kern-9000em` does not. */
const maxOffsetEm = 30;
/** Ems per unit, for the units KaTeX writes (16 px and 10 pt to the em, 2 ex). */
const emPer: Readonly<Record<string, number>> = { em: 1, ex: 0.5, px: 1 / 16, pt: 1 / 10 };
const offsetProperty =
  /^(?:margin(?:-left|-right|-top|-bottom)?|top|bottom|left|right|vertical-align)$/;

/**
 * Clamps the offsets KaTeX writes into inline styles (`\\kern`, `\\hspace`, `\\raisebox` with
 * huge or negative sizes — KaTeX's `maxSize` caps only positive ones) so that nothing is placed
 * far outside its box.
 */
export function clampStyle(style: string): string {
  return style
    .split(';')
    .map((declaration) => {
      const colon = declaration.indexOf(':');
      if (colon < 0) return declaration;
      const property = declaration.slice(0, colon).trim().toLowerCase();
      if (!offsetProperty.test(property)) return declaration;
      const value = declaration
        .slice(colon + 1)
        .replace(/(-?\d*\.?\d+)(em|ex|px|pt)\b/g, (whole, num: string, unit: string) => {
          const limit = maxOffsetEm / (emPer[unit] ?? 1);
          const n = Number(num);
          return Math.abs(n) > limit ? `${Math.sign(n) * limit}${unit}` : whole;
        });
      return `${declaration.slice(0, colon)}:${value}`;
    })
    .join(';');
}

const purifier = DOMPurify();
purifier.addHook('afterSanitizeAttributes', (node) => {
  const style = node.getAttribute('style');
  if (style !== null) node.setAttribute('style', clampStyle(style));
  // A wide table scrolls in its own box: the keyboard must reach it to scroll it.
  if (node.nodeName === 'TABLE') node.setAttribute('tabindex', '0');
  if (node.nodeName === 'A') {
    const href = node.getAttribute('href');
    if (href === null || !isSafeHref(href)) {
      node.removeAttribute('href');
      node.removeAttribute('target');
    } else {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  }
});

const purifyConfig = {
  USE_PROFILES: { html: true, mathMl: true, svg: true },
  // KaTeX's MathML keeps the TeX source as an annotation (plain text, read by screen readers).
  ADD_TAGS: ['annotation'],
  ADD_ATTR: ['target', 'encoding'],
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object'],
  FORBID_ATTR: ['srcset', 'action', 'formaction'],
};

const cache = new Map<string, string>();
const cacheLimit = 500;
/** Longest text whose HTML is cached. */
const maxCachedChars = 200_000;

/** A text rendered: its HTML, and whether formulas wait for a later task's budget. */
export interface RenderedMarkdown {
  readonly html: string;
  /** Some formulas are shown as source for now: render the text again in a later task. */
  readonly pending: boolean;
}

/**
 * Markdown (with `$…$` / `$$…$$` math) to sanitised HTML. `inline` renders a single line without
 * a paragraph wrapper (option labels).
 */
export function renderMarkdown(source: string, inline = false): string {
  return renderMarkdownParts(source, inline).html;
}

/** {@link renderMarkdown}, saying whether the text should be rendered again later. */
export function renderMarkdownParts(source: string, inline = false): RenderedMarkdown {
  const key = (inline ? 'i:' : 'b:') + source;
  const cached = cache.get(key);
  if (cached !== undefined) return { html: cached, pending: false };
  // Embedded images' data does not count: a question may carry 2 MiB of pictures.
  const length = source.length > maxSourceChars ? textLengthWithoutImages(source) : source.length;
  if (length > maxSourceChars) {
    const tag = inline ? 'span' : 'p';
    const html = `<${tag} class="render-notice">This text is too long to show (${length.toLocaleString('en')} characters; the limit is ${maxSourceChars.toLocaleString('en')}). Ask the bank's author to shorten it.</${tag}>`;
    return { html, pending: false };
  }
  overBudget = false;
  deferred = false;
  mathHtmlChars = 0;
  textFull = false;
  formulas = [];
  const raw = inline ? marked.parseInline(source) : marked.parse(source);
  const html = placeFormulas(purifier.sanitize(raw as string, purifyConfig));
  formulas = [];
  // Nor are texts with large images kept: 500 of them would hold gigabytes.
  if (overBudget || source.length > maxCachedChars) return { html, pending: deferred };
  if (cache.size >= cacheLimit) cache.delete(cache.keys().next().value as string);
  cache.set(key, html);
  return { html, pending: false };
}
