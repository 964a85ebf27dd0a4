/**
 * Text folding for search: the question bank is searched by folding the indexed text and the
 * query with the same function, then looking for the folded query in the folded text. Folding
 * makes these equal:
 *
 * - case and accents: `Fréchet` = `frechet`, `BATCH` = `batch` (Unicode NFKD, marks dropped);
 * - Greek letters, their LaTeX commands and their names: `γ` = `\gamma` = `gamma`, `Σ` = `σ` =
 *   `ς` = `\sigma` = `sigma`, `ϵ` = `\varepsilon` = `epsilon` (a query word that names a Greek
 *   letter matches only as a whole word, so `π` does not find "pixel");
 * - British and American spelling: `-ise`/`-ize`, `-isation`/`-ization`, `-yse`/`-yze` (every
 *   `iz` reads `is`, every `yz` reads `ys`, so a half-typed `normaliz` still matches),
 *   `-our`/`-or` (three or more letters before it: `colour`, `behavioural`, not `four` or
 *   `your`), `-elled`/`-eled` and `-elling`/`-eling` (`modelling`, `labelled`), and the words of
 *   {@link spellingEquivalents} (`centre` = `center`, `grey` = `gray`, …).
 *
 * The folded form is an internal key, not text to show: it mixes British and American forms.
 */

/** Greek letters by their name (the name is also the LaTeX command without its backslash). */
const greekLetters: Readonly<Record<string, string>> = {
  α: 'alpha',
  β: 'beta',
  γ: 'gamma',
  δ: 'delta',
  ε: 'epsilon',
  ζ: 'zeta',
  η: 'eta',
  θ: 'theta',
  ι: 'iota',
  κ: 'kappa',
  λ: 'lambda',
  μ: 'mu',
  ν: 'nu',
  ξ: 'xi',
  ο: 'omicron',
  π: 'pi',
  ρ: 'rho',
  σ: 'sigma',
  ς: 'sigma',
  τ: 'tau',
  υ: 'upsilon',
  φ: 'phi',
  χ: 'chi',
  ψ: 'psi',
  ω: 'omega',
};

/** Names of the Greek letters, as folded text spells them. */
export const greekNames: readonly string[] = [...new Set(Object.values(greekLetters))];

/**
 * British spellings that no suffix rule covers, with the form both fold to. Whole words only
 * (after lower-casing and accent removal).
 */
export const spellingEquivalents: Readonly<Record<string, string>> = {
  centre: 'center',
  centres: 'centers',
  centred: 'centered',
  centring: 'centering',
  metre: 'meter',
  metres: 'meters',
  litre: 'liter',
  litres: 'liters',
  fibre: 'fiber',
  fibres: 'fibers',
  grey: 'gray',
  greyscale: 'grayscale',
  programme: 'program',
  programmes: 'programs',
  analogue: 'analog',
  catalogue: 'catalog',
  dialogue: 'dialog',
  defence: 'defense',
  licence: 'license',
  judgement: 'judgment',
  acknowledgement: 'acknowledgment',
  artefact: 'artifact',
  artefacts: 'artifacts',
  ageing: 'aging',
  learnt: 'learned',
};

const greekCharacter = new RegExp(`[${Object.keys(greekLetters).join('')}]`, 'g');
/** `\varepsilon`, `\vartheta`, … read as the plain letter. */
const latexVariant = /\\var(epsilon|theta|phi|pi|rho|sigma|kappa)(?![a-z])/g;
/** The backslash of a LaTeX command (`\gamma` → `gamma`). */
const latexBackslash = /\\(?=[a-z])/g;
const marks = /\p{M}+/gu;
const listedWord = new RegExp(
  `(?<![a-z])(?:${Object.keys(spellingEquivalents).join('|')})(?![a-z])`,
  'g',
);
const ourWord =
  /(?<![a-z])([a-z]{3,})our(s|ed|ing|ite|ites|al|ally|ful|able|ably|er|ers|less|ism|ist|ists)?(?![a-z])/g;
const elledWord = /(?<![a-z])([a-z]+e)ll(ed|ing|er|ers)(?![a-z])/g;
/** White space other than a single space. */
const spaceRun = /\s{2,}|[^\S ]/g;

/**
 * The search key of `text`: lower case without accents, Greek letters and LaTeX letter
 * commands as the letters' names, British and American spellings made one, runs of white space
 * as one space, trimmed. Idempotent: folding folded text changes nothing.
 */
export function foldSearchText(text: string): string {
  let t = text.normalize('NFKD').toLowerCase();
  // ASCII text (most of a bank) skips the Unicode passes.
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(t)) {
    t = t.replace(marks, '').replace(greekCharacter, (c) => greekLetters[c] ?? c);
  }
  if (t.includes('\\')) t = t.replace(latexVariant, '\\$1').replace(latexBackslash, '');
  t = t.replace(listedWord, (w) => spellingEquivalents[w] ?? w);
  if (t.includes('our')) t = t.replace(ourWord, '$1or$2');
  if (t.includes('ell')) t = t.replace(elledWord, '$1l$2');
  if (t.includes('iz')) t = t.replaceAll('iz', 'is');
  if (t.includes('yz')) t = t.replaceAll('yz', 'ys');
  return t.replace(spaceRun, ' ').trim();
}

const greekWord = new RegExp(`(?<![a-z])(${greekNames.join('|')})(?![a-z])`, 'g');
const regexSpecial = /[.*+?^${}()|[\]\\]/g;

/**
 * A test of folded text (see {@link foldSearchText}) for the search `query`: does the folded
 * text contain the folded query? A query word that names a Greek letter must be a whole word
 * there (`eta` does not find "beta", `pi` not "pick"). Null when the query folds to nothing
 * (it matches everything).
 */
export function searchMatcher(query: string): ((folded: string) => boolean) | null {
  const q = foldSearchText(query);
  if (q === '') return null;
  greekWord.lastIndex = 0;
  if (!greekWord.test(q)) return (folded) => folded.includes(q);
  const source = q
    .replace(regexSpecial, '\\$&')
    .replace(greekWord, (name: string) => `(?<![a-z])${name}(?![a-z])`);
  const pattern = new RegExp(source);
  return (folded) => pattern.test(folded);
}
