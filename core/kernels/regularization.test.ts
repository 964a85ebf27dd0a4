import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { regularizedStep } from './regularization';
import { KernelArgError } from './validate';

describe('regularizedStep', () => {
  const w = [1, -0.2, 0];
  const grad = [0.1, 0.1, -0.3];

  it('L1 adds λ·sign(w) to the gradient, with sign(0) = 0', () => {
    // lr = 0.1, λ = 0.5:
    //   1    − 0.1·(0.1 + 0.5·1)    = 1 − 0.06       = 0.94
    //   −0.2 − 0.1·(0.1 + 0.5·(−1)) = −0.2 + 0.04    = −0.16
    //   0    − 0.1·(−0.3 + 0)       = 0.03
    const next = regularizedStep(w, grad, 0.1, 0.5, 'l1');
    expect(next[0]).toBeCloseTo(0.94, 14);
    expect(next[1]).toBeCloseTo(-0.16, 14);
    expect(next[2]).toBeCloseTo(0.03, 14);
  });

  it('L2 (penalty λΣw²) adds 2λ·w to the gradient', () => {
    // lr = 0.1, λ = 0.5, 2λ = 1:
    //   1    − 0.1·(0.1 + 1)    = 0.89
    //   −0.2 − 0.1·(0.1 − 0.2)  = −0.19
    //   0    − 0.1·(−0.3 + 0)   = 0.03
    const next = regularizedStep(w, grad, 0.1, 0.5, 'l2');
    expect(next[0]).toBeCloseTo(0.89, 14);
    expect(next[1]).toBeCloseTo(-0.19, 14);
    expect(next[2]).toBeCloseTo(0.03, 14);
  });

  it('L1 drives a small weight to zero where L2 only shrinks it (sparsity)', () => {
    // w = 0.03, no data gradient, lr = 0.1, λ = 0.3: L1 subtracts lr·λ = 0.03 → 0;
    // L2 subtracts lr·2λ·w = 0.0018 → 0.0282.
    expect(regularizedStep([0.03], [0], 0.1, 0.3, 'l1')[0]).toBeCloseTo(0, 15);
    expect(regularizedStep([0.03], [0], 0.1, 0.3, 'l2')[0]).toBeCloseTo(0.0282, 15);
  });

  it('with λ = 0 is plain gradient descent (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: -5, max: 5, noNaN: true }),
            fc.double({ min: -5, max: 5, noNaN: true }),
          ),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        fc.double({ min: 1e-4, max: 1, noNaN: true }),
        fc.constantFrom('l1' as const, 'l2' as const),
        (pairs, lr, kind) => {
          const weights = pairs.map(([a]) => a);
          const grads = pairs.map(([, g]) => g);
          expect(regularizedStep(weights, grads, lr, 0, kind)).toEqual(
            weights.map((v, i) => v - lr * (grads[i] + 0)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses mismatched lengths, bad rates and unknown kinds', () => {
    expect(() => regularizedStep([1, 2], [1], 0.1, 0.1, 'l1')).toThrow(
      "grad: shape 1 does not match w's 2",
    );
    expect(() => regularizedStep([1], [1], 0, 0.1, 'l1')).toThrow(
      'lr: must be a positive finite number, got 0',
    );
    expect(() => regularizedStep([1], [1], 0.1, -1, 'l2')).toThrow(
      'lambda: must be a non-negative finite number',
    );
    expect(() => regularizedStep([1], [1], 0.1, 0.1, 'l3' as 'l1')).toThrow(
      'kind: must be "l1" or "l2"',
    );
    expect(() => regularizedStep([1], [NaN], 0.1, 0.1, 'l1')).toThrow(KernelArgError);
  });
});
