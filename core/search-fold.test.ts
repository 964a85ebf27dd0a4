import { describe, expect, it } from 'vitest';
import { foldSearchText, searchMatcher } from './search-fold';

/** Does a search for `query` find `text`? */
const finds = (query: string, text: string): boolean =>
  searchMatcher(query)?.(foldSearchText(text)) ?? true;

describe('foldSearchText', () => {
  it('makes British and American spellings one', () => {
    const pairs: [string, string][] = [
      ['Batch normalisation', 'batch normalization'],
      ['regularisation', 'regularization'],
      ['optimiser', 'optimizer'],
      ['optimisers', 'optimizers'],
      ['Initialisation', 'initialization'],
      ['initialised', 'initialized'],
      ['minimise', 'minimize'],
      ['analyse', 'analyze'],
      ['centre', 'center'],
      ['centred', 'centered'],
      ['colour', 'color'],
      ['colours', 'colors'],
      ['behavioural', 'behavioral'],
      ['neighbours', 'neighbors'],
      ['modelling', 'modeling'],
      ['labelled', 'labeled'],
      ['greyscale', 'grayscale'],
      ['fibre', 'fiber'],
    ];
    for (const [british, american] of pairs) {
      expect(foldSearchText(british), british).toBe(foldSearchText(american));
    }
  });

  it('leaves words that only look British alone', () => {
    // "four"/"for" and "your"/"yor" must stay apart; "our" is not a suffix there.
    expect(foldSearchText('four')).toBe('four');
    expect(foldSearchText('your hour')).toBe('your hour');
    expect(foldSearchText('four')).not.toBe(foldSearchText('for'));
  });

  it('ignores case and accents', () => {
    expect(foldSearchText('Fréchet Inception Distance')).toBe('frechet inception distance');
    expect(foldSearchText('NAÏVE  Bayes\n')).toBe('naive bayes');
  });

  it('reads Greek letters and LaTeX commands as the letters’ names', () => {
    expect(foldSearchText('$\\gamma$ and $\\beta$')).toBe('$gamma$ and $beta$');
    expect(foldSearchText('γ and β')).toBe('gamma and beta');
    expect(foldSearchText('Σ')).toBe('sigma');
    expect(foldSearchText('\\Sigma')).toBe('sigma');
    expect(foldSearchText('$\\varepsilon$ ϵ ε')).toBe('$epsilon$ epsilon epsilon');
    expect(foldSearchText('μ_B')).toBe('mu_b');
    expect(foldSearchText('σ²')).toBe('sigma2');
  });

  it('is idempotent', () => {
    for (const text of ['Batch normalisation with γ', 'colour centre', 'modelled \\sigma']) {
      expect(foldSearchText(foldSearchText(text))).toBe(foldSearchText(text));
    }
  });
});

describe('searchMatcher', () => {
  it('finds either spelling with the other', () => {
    expect(finds('normalization', 'Where does batch normalisation compute its mean?')).toBe(true);
    expect(finds('normalisation', 'Layer normalization normalizes per sample')).toBe(true);
    // Half-typed words still match while the learner types.
    expect(finds('normaliz', 'batch normalisation')).toBe(true);
    expect(finds('regularis', 'L2 regularization')).toBe(true);
    expect(finds('Colour', 'RGB color jitter')).toBe(true);
    expect(finds('centre crop', 'a center crop of 224')).toBe(true);
  });

  it('finds a Greek letter by its symbol, its LaTeX command or its name', () => {
    const latex = 'Batch norm scales by $\\gamma$ and shifts by $\\beta$.';
    const named = 'The scale parameter gamma is learned.';
    const symbol = 'With γ = 1 the output is unscaled.';
    for (const query of ['γ', 'Γ', '\\gamma', 'gamma', 'GAMMA']) {
      expect(finds(query, latex), query).toBe(true);
      expect(finds(query, named), query).toBe(true);
      expect(finds(query, symbol), query).toBe(true);
    }
    expect(finds('σ', 'the variance $\\sigma^2$')).toBe(true);
    expect(finds('σ^2', 'the variance $\\sigma^2$')).toBe(true);
    expect(finds('ε', 'Adam adds $\\epsilon$ under the root')).toBe(true);
  });

  it('matches a Greek letter’s name only as a whole word', () => {
    expect(finds('π', 'Which pixel is picked?')).toBe(false);
    expect(finds('η', 'the momentum $\\beta$')).toBe(false);
    expect(finds('η', 'learning rate $\\eta$')).toBe(true);
    expect(finds('beta', '$\\beta_1 = 0.9$')).toBe(true);
    // A partial name is ordinary text: typing "gam" already finds gamma.
    expect(finds('gam', 'the scale $\\gamma$')).toBe(true);
  });

  it('does not match what is not there', () => {
    expect(finds('dropout', 'batch normalisation')).toBe(false);
    expect(finds('normalization', 'batch norm')).toBe(false);
  });

  it('matches everything for an empty query', () => {
    expect(searchMatcher('   ')).toBeNull();
  });
});
