/**
 * The one way question text becomes HTML. Question banks are untrusted, so: Markdown without raw
 * HTML (HTML tokens are shown as text), links only to http(s), math through KaTeX with
 * `trust: false` and bounded sizes, and DOMPurify over the whole result, last.
 */
import DOMPurify from 'dompurify';
import katex from 'katex';
import { Marked, type TokenizerAndRendererExtension } from 'marked';

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

/** Renders TeX with KaTeX; a formula KaTeX cannot handle is shown as its source. */
export function renderMath(tex: string, displayMode: boolean): string {
  try {
    return katex.renderToString(tex, { ...katexOptions, displayMode });
  } catch {
    return `<code class="math-error">${escapeHtml(tex)}</code>`;
  }
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

const purifier = DOMPurify();
purifier.addHook('afterSanitizeAttributes', (node) => {
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

/**
 * Markdown (with `$…$` / `$$…$$` math) to sanitised HTML. `inline` renders a single line without
 * a paragraph wrapper (option labels).
 */
export function renderMarkdown(source: string, inline = false): string {
  const key = (inline ? 'i:' : 'b:') + source;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const raw = inline ? marked.parseInline(source) : marked.parse(source);
  const html = purifier.sanitize(raw as string, purifyConfig);
  if (cache.size >= cacheLimit) cache.delete(cache.keys().next().value as string);
  cache.set(key, html);
  return html;
}
