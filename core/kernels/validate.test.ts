import { describe, expect, it } from 'vitest';
import {
  KernelArgError,
  requireFiniteNumber,
  requireMatrix,
  requireMatrixOrTensor4,
  requireOneOf,
  requirePositiveInt,
  requireTensor,
  requireVector,
  requireVectorOrMatrix,
} from './validate';

/** The message of the KernelArgError `run` throws (fails the test if it throws anything else). */
function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(KernelArgError);
    return (error as Error).message;
  }
  throw new Error('expected a KernelArgError');
}

describe('argument checks', () => {
  it('name the argument and say what is wrong', () => {
    expect(
      messageOf(() =>
        requireMatrix('x', [
          [1, 2, 3, 4],
          [1, 2, 3, 4],
          [1, 2, 3],
        ]),
      ),
    ).toBe('x: ragged array (row 2 has 3 values, row 0 has 4)');
    expect(messageOf(() => requirePositiveInt('stride', 0))).toBe(
      'stride: must be a positive integer, got 0',
    );
    expect(messageOf(() => requireVector('w', [1, NaN]))).toBe('w: contains NaN (at w[1])');
    expect(messageOf(() => requireVector('w', [1, -Infinity]))).toBe(
      'w: contains -Infinity (at w[1])',
    );
    expect(messageOf(() => requirePositiveInt('stride', '2'))).toBe(
      'stride: must be a positive integer, got a string ("2")',
    );
    expect(messageOf(() => requireFiniteNumber('alpha', null))).toBe(
      'alpha: must be a finite number, got null',
    );
    expect(messageOf(() => requireOneOf('kind', 'l3', ['l1', 'l2']))).toBe(
      'kind: must be "l1" or "l2", got a string ("l3")',
    );
  });

  it('find raggedness, wrong types and wrong depth anywhere in a tensor', () => {
    expect(messageOf(() => requireTensor('x', [[[[1, 2]], [[3]]]], 4))).toBe(
      'x: ragged array (x[0][1][0] has 1 value, x[0][0][0] has 2)',
    );
    expect(messageOf(() => requireMatrix('x', [1, 2]))).toBe(
      'x: expected a 2-D array of numbers, but x[0] is 1',
    );
    expect(messageOf(() => requireVector('x', [[1]]))).toBe(
      'x: expected a 1-D array of numbers, but x[0] is an array (too many dimensions)',
    );
    expect(messageOf(() => requireVector('x', { length: 1 }))).toBe(
      'x: expected a 1-D array of numbers, got an object',
    );
    expect(messageOf(() => requireMatrix('x', [[1], [true]]))).toBe(
      'x: expected a 2-D array of numbers, but x[1][0] is a boolean',
    );
    expect(messageOf(() => requireMatrix('x', [[], [1]]))).toBe(
      'x: empty array (row 0 has no values)',
    );
    expect(messageOf(() => requireMatrix('x', [[1], []]))).toBe(
      'x: ragged array (row 1 has 0 values, row 0 has 1)',
    );
    expect(messageOf(() => requireMatrixOrTensor4('x', [1, 2]))).toBe(
      'x: expected an N×C or N×C×H×W array, got 1 dimension',
    );
  });

  it('accept well-formed values unchanged', () => {
    const m = [
      [1, 2],
      [3, 4],
    ];
    expect(requireMatrix('x', m)).toBe(m);
    expect(requireVectorOrMatrix('x', m)).toBe(m);
    expect(requireVectorOrMatrix('x', [1])).toEqual([1]);
    expect(requireTensor('x', [[[[0]]]], 4)).toEqual([1, 1, 1, 1]);
  });
});
