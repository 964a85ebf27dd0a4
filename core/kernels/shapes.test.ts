import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conv1d } from './convolution';
import { convOutputSize, convTransposeOutputSize } from './shapes';
import { KernelArgError } from './validate';

describe('convOutputSize', () => {
  it('applies ⌊(in + 2p − d(k−1) − 1)/s⌋ + 1', () => {
    expect(convOutputSize(7, 3, 2)).toBe(3); // ⌊(7 − 2 − 1)/2⌋ + 1 = 2 + 1
    expect(convOutputSize(32, 5, 1, 2)).toBe(32); // "same" padding: ⌊(32 + 4 − 4 − 1)/1⌋ + 1
    expect(convOutputSize(224, 7, 2, 3)).toBe(112); // ResNet stem: ⌊(224 + 6 − 6 − 1)/2⌋ + 1
    expect(convOutputSize(10, 3, 1, 0, 2)).toBe(6); // dilated extent 5: ⌊(10 − 4 − 1)/1⌋ + 1
    expect(convOutputSize(5, 5)).toBe(1);
  });

  it('agrees with the length conv1d actually produces (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 3 }),
        (n, k, s, p) => {
          fc.pre(k <= n + 2 * p);
          const y = conv1d(new Array<number>(n).fill(1), new Array<number>(k).fill(1), s, p);
          expect(convOutputSize(n, k, s, p)).toBe(y.length);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses a kernel that does not fit and non-integer sizes, naming the argument', () => {
    expect(() => convOutputSize(2, 3)).toThrow(
      'kernel: the kernel 3, more than the padded input 2',
    );
    expect(() => convOutputSize(4, 3, 1, 0, 2)).toThrow('kernel: the dilated kernel spans 5');
    expect(() => convOutputSize(7, 3, 0)).toThrow('stride: must be a positive integer, got 0');
    expect(() => convOutputSize(7.5, 3)).toThrow('in: must be a positive integer, got 7.5');
    expect(() => convOutputSize(7, 3, 1, -1)).toThrow('padding: must be a non-negative integer');
    expect(() => convOutputSize(7, 3, 1, 0, 0)).toThrow(KernelArgError);
  });
});

describe('convTransposeOutputSize', () => {
  it('applies (in − 1)s − 2p + d(k − 1) + 1', () => {
    expect(convTransposeOutputSize(5, 4, 2)).toBe(12); // the source quiz: (5 − 1)·2 + 4
    expect(convTransposeOutputSize(5, 4, 2, 1)).toBe(10);
    expect(() => convTransposeOutputSize(1, 2, 1, 1)).toThrow(
      'padding: cropping 1 from each end leaves nothing',
    );
  });
});
