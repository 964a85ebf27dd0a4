import { describe, expect, it } from 'vitest';
import { fmt, fmtRow, formatAnswer, latexColumn, latexMatrix, roundTo, term } from './format';

describe('fmt', () => {
  it('keeps integers, rounds decimals half away from zero and drops trailing zeros', () => {
    expect(fmt(4, 2)).toBe('4');
    expect(fmt(32 / 3, 2)).toBe('10.67');
    expect(fmt(0.5, 3)).toBe('0.5');
    expect(fmt(2.675, 2)).toBe('2.68'); // stored as 2.67499…, a person rounds up
    expect(fmt(-2.675, 2)).toBe('-2.68');
    expect(fmt(0.1 + 0.2, 4)).toBe('0.3');
    expect(fmt(-0.0001, 2)).toBe('0');
    expect(fmt(-0, 0)).toBe('0');
    expect(fmt(3612672)).toBe('3612672');
    expect(fmt(0.015625, 4)).toBe('0.0156');
  });

  it('rounds values consistently with roundTo', () => {
    expect(roundTo(0.125, 2)).toBe(0.13);
    expect(roundTo(-0.125, 2)).toBe(-0.13);
    expect(Object.is(roundTo(-0.001, 2), 0)).toBe(true);
  });

  it('wraps negative terms in parentheses', () => {
    expect(term(-3)).toBe('(-3)');
    expect(term(3)).toBe('3');
  });
});

describe('vectors and matrices', () => {
  it('writes rows, LaTeX columns and matrices', () => {
    expect(fmtRow([5, 10, 19])).toBe('[5, 10, 19]');
    expect(latexColumn([4, 5, 3])).toBe('\\begin{bmatrix} 4 \\\\ 5 \\\\ 3 \\end{bmatrix}');
    expect(
      latexMatrix([
        [1, 2],
        [3, 4],
      ]),
    ).toBe('\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}');
  });

  it('formats answer values as Markdown with LaTeX', () => {
    expect(formatAnswer({ kind: 'number', value: 1 / 3, decimals: 3 })).toBe('$0.333$');
    expect(formatAnswer({ kind: 'vector', value: [1, 2], decimals: 0, display: 'row' })).toBe(
      '$[1, 2]$',
    );
    expect(formatAnswer({ kind: 'choice', text: 'the batch axis' })).toBe('the batch axis');
  });
});
