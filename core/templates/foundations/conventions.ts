/** Conventions the foundations templates' wrong options rely on (merged in `../conventions`). */
import type { Convention } from '../conventions';

export const FOUNDATIONS_CONVENTIONS = {
  'natural-log': {
    phrase: 'natural log',
    rule: 'Cross-entropy uses the natural logarithm, as nn.CrossEntropyLoss does.',
  },
  'loss-mean-reduction': {
    phrase: 'mean over the batch',
    rule: "PyTorch's losses default to reduction='mean': the per-example losses are averaged over the batch.",
  },
  'ce-takes-logits': {
    phrase: 'raw logits',
    rule: 'nn.CrossEntropyLoss takes raw logits and class indices; it applies log-softmax itself.',
  },
  'hinge-sum-wrong-classes': {
    phrase: 'j \\neq y',
    rule: 'The multiclass hinge (Weston–Watkins) loss sums max(0, s_j − s_y + Δ) over the classes j ≠ y.',
  },
  'squared-error-no-half': {
    phrase: 'no factor 1/2',
    rule: 'The squared error is (ŷ − t)², as nn.MSELoss gives on one value, not ½(ŷ − t)².',
  },
  'perceptron-boundary-mistake': {
    phrase: 'counts as a mistake',
    rule: 'A point with y·(w·x) ≤ 0, on the boundary included, triggers a perceptron update.',
  },
  'relative-error-max': {
    phrase: '\\max(|',
    rule: 'The relative error of a gradient check is |a − n| / max(|a|, |n|).',
  },
} as const satisfies Record<string, Convention>;
