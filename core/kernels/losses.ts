import {
  requireFiniteResult,
  requireNonNegativeNumber,
  requireOneOf,
  requireSameShape,
  requireTensor,
} from './validate';

/** How a triplet loss measures distance between embeddings. */
export type TripletDistance = 'euclidean' | 'squared';

/**
 * Triplet loss of one (anchor, positive, negative) triple of embeddings:
 * L = max(0, d(a, p) − d(a, n) + margin), with d the Euclidean distance ‖u − v‖₂ (`euclidean`,
 * default) or its square ‖u − v‖₂² (`squared`, as in FaceNet). Zero once the negative is
 * farther from the anchor than the positive by at least the margin. `margin` ≥ 0.
 */
export function tripletLoss(
  anchor: number[],
  positive: number[],
  negative: number[],
  margin: number,
  distance: TripletDistance = 'euclidean',
): number {
  const shape = requireTensor('anchor', anchor, 1);
  requireSameShape('positive', requireTensor('positive', positive, 1), 'anchor', shape);
  requireSameShape('negative', requireTensor('negative', negative, 1), 'anchor', shape);
  requireNonNegativeNumber('margin', margin);
  requireOneOf('distance', distance, ['euclidean', 'squared'] as const);
  const squared = (u: number[]): number => {
    let sum = 0;
    for (let i = 0; i < anchor.length; i++) sum += (anchor[i] - u[i]) ** 2;
    return sum;
  };
  const dp = squared(positive);
  const dn = squared(negative);
  requireFiniteResult('anchor', [dp, dn]);
  const loss = distance === 'squared' ? dp - dn + margin : Math.sqrt(dp) - Math.sqrt(dn) + margin;
  return Math.max(0, loss);
}
