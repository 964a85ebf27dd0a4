/**
 * Question text as plain text, for xAPI descriptions: a learning record store (and the reports
 * built on it) shows a description as it is, so Markdown markers and LaTeX source would reach
 * the instructor verbatim. Markdown gives its words (headings, lists, quotes, emphasis, code
 * ticks, links and images reduced to their text; data-URL images never copied); LaTeX becomes
 * readable text: `\frac{a+b}{2}` → `(a+b)/2`, `\sqrt{x}` → `√x`, `x^{2}` → `x^2`, Greek and
 * operator commands their Unicode characters, matrices `[1, 2; 3, 4]`. No `$`, `\`, `**` stays.
 */
import { splitMath } from './text';

// prettier-ignore
const symbols: Readonly<Record<string, string>> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ',
  eta: 'η', theta: 'θ', vartheta: 'ϑ', iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν',
  xi: 'ξ', pi: 'π', varpi: 'ϖ', rho: 'ρ', varrho: 'ϱ', sigma: 'σ', varsigma: 'ς', tau: 'τ',
  upsilon: 'υ', phi: 'φ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω',
  Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ',
  Upsilon: 'Υ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
  times: ' × ', cdot: ' · ', div: ' ÷ ', pm: ' ± ', mp: ' ∓ ', ast: '*', star: '⋆',
  circ: '∘', odot: ' ⊙ ', otimes: ' ⊗ ', oplus: ' ⊕ ', leq: ' ≤ ', le: ' ≤ ', geq: ' ≥ ',
  ge: ' ≥ ', neq: ' ≠ ', ne: ' ≠ ', approx: ' ≈ ', sim: ' ∼ ', equiv: ' ≡ ', propto: ' ∝ ',
  ll: ' ≪ ', gg: ' ≫ ', to: ' → ', rightarrow: ' → ', leftarrow: ' ← ', Rightarrow: ' ⇒ ',
  mapsto: ' ↦ ', in: ' ∈ ', notin: ' ∉ ', subset: ' ⊂ ', subseteq: ' ⊆ ', cup: ' ∪ ',
  cap: ' ∩ ', forall: '∀', exists: '∃', infty: '∞', partial: '∂', nabla: '∇', sum: 'Σ',
  prod: 'Π', int: '∫', ldots: '…', cdots: '⋯', dots: '…', vdots: '⋮', ddots: '⋱',
  prime: '′', top: 'ᵀ', intercal: 'ᵀ', lvert: '|', rvert: '|', vert: '|', mid: ' | ',
  lVert: '‖', rVert: '‖', Vert: '‖', langle: '⟨', rangle: '⟩', lfloor: '⌊', rfloor: '⌋',
  lceil: '⌈', rceil: '⌉', emptyset: '∅', neg: '¬', land: ' ∧ ', lor: ' ∨ ', quad: ' ',
  qquad: ' ', '|': '‖', ',': ' ', ';': ' ', ':': ' ', '!': '', ' ': ' ', '{': '{', '}': '}',
  '%': '%', '$': '$', '&': '&', '#': '#', _: '_',
};

/** Commands whose argument is shown as it is (fonts, text, operator names). */
// prettier-ignore
const wrappers = new Set([
  'text', 'textrm', 'textbf', 'textit', 'texttt', 'mathrm', 'mathbf', 'mathit', 'mathsf',
  'mathtt', 'mathcal', 'mathscr', 'mathfrak', 'boldsymbol', 'bm', 'operatorname', 'mbox',
  'displaystyle', 'textstyle', 'emph', 'underline', 'overline', 'overbrace', 'underbrace',
]);

// prettier-ignore
const blackboard: Readonly<Record<string, string>> = {
  R: 'ℝ', N: 'ℕ', Z: 'ℤ', Q: 'ℚ', C: 'ℂ', E: '𝔼', P: 'ℙ',
};

/** Accents as combining characters after their base: `\hat{y}` → `ŷ`. */
// prettier-ignore
const accents: Readonly<Record<string, string>> = {
  hat: '\u0302', widehat: '\u0302', bar: '\u0304', tilde: '\u0303', widetilde: '\u0303',
  vec: '\u20d7', dot: '\u0307', ddot: '\u0308',
};

// prettier-ignore
const environments: Readonly<Record<string, readonly [string, string]>> = {
  matrix: ['[', ']'], bmatrix: ['[', ']'], pmatrix: ['(', ')'], vmatrix: ['|', '|'],
  Vmatrix: ['‖', '‖'], Bmatrix: ['{', '}'], smallmatrix: ['[', ']'], cases: ['{ ', ''],
};

/** True when `t` is one bracketed group: its opening bracket closes at its end. */
function oneGroup(t: string): boolean {
  const open = t[0];
  const close = open === '(' ? ')' : open === '[' ? ']' : null;
  if (close === null || t[t.length - 1] !== close) return false;
  let depth = 0;
  for (let k = 0; k < t.length; k++) {
    if (t[k] === open) depth++;
    else if (t[k] === close && --depth === 0) return k === t.length - 1;
  }
  return false;
}

/** Parenthesised when more than one term, so `a+b` over `2` reads `(a+b)/2`. */
function operand(text: string): string {
  const t = text.trim();
  const bare = t.replace(/^[√∛]/, '');
  return /^[\p{L}\p{N}.′]+$/u.test(bare) || oneGroup(bare) ? t : `(${t})`;
}

/** One LaTeX formula (without its `$` delimiters) as readable text. */
export function latexToText(source: string): string {
  let i = 0;
  const n = source.length;

  const command = (): string => {
    // At a backslash: a run of letters, or one other character.
    i++;
    if (i >= n) return '';
    if (!/[A-Za-z]/.test(source[i])) return source[i++];
    const start = i;
    while (i < n && /[A-Za-z]/.test(source[i])) i++;
    return source.slice(start, i);
  };
  const skipSpace = () => {
    while (i < n && /\s/.test(source[i])) i++;
  };
  /** A braced group or one token, converted. */
  const argument = (): string => {
    skipSpace();
    if (i >= n) return '';
    if (source[i] === '{') {
      i++;
      return sequence('}');
    }
    if (source[i] === '\\') return token();
    return source[i++];
  };
  /** The raw text of a braced group (environment names, array column specs). */
  const rawGroup = (): string => {
    skipSpace();
    if (source[i] !== '{') return '';
    const end = source.indexOf('}', i);
    const raw = source.slice(i + 1, end < 0 ? n : end);
    i = end < 0 ? n : end + 1;
    return raw;
  };
  const token = (): string => {
    const c = source[i];
    if (c === '\\') {
      const name = command();
      if (name === '\\') return '; ';
      if (name === 'frac' || name === 'dfrac' || name === 'tfrac') {
        const top = argument();
        const bottom = argument();
        return `${operand(top)}/${operand(bottom)}`;
      }
      if (name === 'sqrt') {
        skipSpace();
        let index = '';
        if (source[i] === '[') {
          const end = source.indexOf(']', i);
          index = latexToText(source.slice(i + 1, end < 0 ? n : end));
          i = end < 0 ? n : end + 1;
        }
        const body = operand(argument());
        return index === '' ? `√${body}` : index === '3' ? `∛${body}` : `${body}^(1/${index})`;
      }
      if (name === 'mathbb') {
        const letter = argument();
        return blackboard[letter] ?? letter;
      }
      if (name in accents) {
        const base = argument();
        return base.length === 1 ? `${base}${accents[name]}` : `${name}(${base})`;
      }
      if (wrappers.has(name)) return argument();
      if (name === 'left' || name === 'right' || name === 'big' || name === 'Big') {
        skipSpace();
        if (source[i] === '.') {
          i++;
          return '';
        }
        return source[i] === '\\' ? token() : (source[i++] ?? '');
      }
      if (name === 'begin' || name === 'end') {
        const env = rawGroup().replace(/\*$/, '');
        if (name === 'begin' && env === 'array') rawGroup();
        const marks = environments[env];
        return marks === undefined ? '' : name === 'begin' ? marks[0] : marks[1];
      }
      if (name in symbols) return symbols[name];
      // \log, \exp, \max, \sin, … and anything unknown: its name.
      return name;
    }
    if (c === '{') {
      i++;
      return sequence('}');
    }
    if (c === '^' || c === '_') {
      i++;
      const arg = argument().trim();
      if (c === '^' && (arg === '′' || arg === 'ᵀ')) return arg;
      return `${c}${operand(arg)}`;
    }
    if (c === '&') {
      i++;
      return ', ';
    }
    if (c === '~') {
      i++;
      return ' ';
    }
    i++;
    return c;
  };
  const sequence = (stop: '}' | null): string => {
    let out = '';
    while (i < n) {
      if (stop !== null && source[i] === stop) {
        i++;
        return out;
      }
      out += token();
    }
    return out;
  };
  return sequence(null)
    .replace(/\s+/g, ' ')
    .replace(/ ([,;)\]])/g, '$1')
    .replace(/([([]) /g, '$1')
    .trim();
}

const fence = /^\s*(```|~~~)/;
const tableRule = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/** Markdown's inline markers removed from a run of text with no math in it. */
function inlinePlain(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, (_, alt: string) => (alt === '' ? '[image]' : alt))
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/`+([^`]*)`+/g, '$1')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(?<![\p{L}\p{N}*])\*(?=\S)(.+?)(?<=\S)\*(?![\p{L}\p{N}*])/gu, '$1')
    .replace(/(?<![\p{L}\p{N}_])_(?=\S)(.+?)(?<=\S)_(?![\p{L}\p{N}_])/gu, '$1')
    .replace(/~~(?=\S)(.+?)(?<=\S)~~/g, '$1')
    .replace(/\*\*|__/g, '')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/**
 * A Markdown text with `$…$` / `$$…$$` LaTeX as one line of plain text: the words of the
 * Markdown (see the module comment), each formula through {@link latexToText}, white space
 * runs as one space.
 */
export function plainText(markdown: string): string {
  let inFence = false;
  const lines: string[] = [];
  for (const raw of markdown.split(/\r?\n/)) {
    if (fence.test(raw)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      lines.push(raw);
      continue;
    }
    if (tableRule.test(raw)) continue;
    let line = raw
      .replace(/^\s{0,3}#{1,6}\s+/, '')
      .replace(/^\s*(>\s?)+/, '')
      .replace(/^\s*([-*+]|\d+[.)])\s+/, '');
    if (/^\s*\|.*\|\s*$/.test(line)) {
      line = line
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((cell) => cell.trim())
        .join(' | ');
    }
    lines.push(line);
  }
  return splitMath(lines.join('\n'))
    .map((part) =>
      part.math
        ? latexToText(part.text.replace(/^\$\$|\$\$$|^\$|\$$|^\\[([]|\\[)\]]$/g, ''))
        : inlinePlain(part.text),
    )
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
    .normalize('NFC');
}
