import {
  requireFiniteResult,
  requireNonNegativeNumber,
  requireOneOf,
  requirePositiveNumber,
  requireSameShape,
  requireTensor,
} from './validate';

/** Which weight penalty a regularised step uses: λΣ|w| (`l1`) or λΣw² (`l2`). */
export type RegularizerKind = 'l1' | 'l2';

/**
 * One gradient-descent step on data loss + penalty, with `grad` the gradient of the data loss only:
 * L1 (penalty λΣ|w|): w − lr·(grad + λ·sign(w)), with sign(0) = 0 (the subgradient frameworks use);
 * L2 (penalty λΣw², no ½): w − lr·(grad + 2λ·w).
 * `lr` > 0, `lambda` ≥ 0. L1 pushes every weight towards 0 by the same lr·λ (so small weights
 * reach 0: sparsity); L2 shrinks each weight in proportion to its size.
 */
export function regularizedStep(
  w: number[],
  grad: number[],
  lr: number,
  lambda: number,
  kind: RegularizerKind,
): number[] {
  const shape = requireTensor('w', w, 1);
  requireSameShape('grad', requireTensor('grad', grad, 1), 'w', shape);
  requirePositiveNumber('lr', lr);
  requireNonNegativeNumber('lambda', lambda);
  requireOneOf('kind', kind, ['l1', 'l2'] as const);
  const next = w.map((wi, i) => {
    const penalty = kind === 'l1' ? lambda * Math.sign(wi) : 2 * lambda * wi;
    return wi - lr * (grad[i] + penalty);
  });
  requireFiniteResult('w', next);
  return next;
}
