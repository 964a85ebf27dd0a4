/**
 * Linear classifiers and their losses: the multiclass hinge (SVM) loss, softmax cross-entropy and
 * its gradient with respect to the logits, the perceptron update and the parameter count of a
 * fully connected network. PyTorch's conventions: natural logarithm, class indices from 0.
 */
import { softmax } from './activations';
import {
  KernelArgError,
  describeValue,
  requireFiniteNumber,
  requireFiniteResult,
  requireNonNegativeNumber,
  requirePositiveInt,
  requirePositiveNumber,
  requireSameShape,
  requireTensor,
  requireVector,
} from './validate';

/** A class index 0 ≤ target < classes. */
function requireClass(arg: string, value: unknown, classes: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value >= classes) {
    throw new KernelArgError(
      arg,
      `must be a class index from 0 to ${classes - 1}, got ${describeValue(value)}`,
    );
  }
  return value;
}

/**
 * Multiclass hinge (Weston–Watkins SVM) loss of one score vector:
 * L = Σ_{j ≠ y} max(0, s_j − s_y + Δ), with margin Δ ≥ 0 (1 by default, as nn.MultiMarginLoss
 * uses, though that one also divides by the number of classes). Zero once the true class beats
 * every other class by at least the margin.
 */
export function multiclassHingeLoss(scores: number[], target: number, margin = 1): number {
  requireVector('scores', scores);
  if (scores.length < 2) throw new KernelArgError('scores', 'needs at least 2 classes');
  const y = requireClass('target', target, scores.length);
  requireNonNegativeNumber('margin', margin);
  let loss = 0;
  for (let j = 0; j < scores.length; j++) {
    if (j !== y) loss += Math.max(0, scores[j] - scores[y] + margin);
  }
  requireFiniteResult('scores', [loss]);
  return loss;
}

/**
 * Softmax cross-entropy of one logit vector and a class index, as nn.CrossEntropyLoss takes them
 * (raw logits, not probabilities): L = −ln softmax(z)_y = ln Σ_j e^{z_j} − z_y, natural log,
 * computed stably with the largest logit subtracted.
 */
export function softmaxCrossEntropy(logits: number[], target: number): number {
  requireVector('logits', logits);
  const y = requireClass('target', target, logits.length);
  let max = -Infinity;
  for (const v of logits) if (v > max) max = v;
  let sum = 0;
  for (const v of logits) sum += Math.exp(v - max);
  const loss = Math.log(sum) + max - logits[y];
  requireFiniteResult('logits', [loss]);
  return loss;
}

/**
 * Gradient of the softmax cross-entropy −ln softmax(z)_y with respect to the logits: p − e_y,
 * where p = softmax(z) and e_y is the one-hot vector of the target. Its entries sum to 0.
 */
export function softmaxCrossEntropyGrad(logits: number[], target: number): number[] {
  requireVector('logits', logits);
  const y = requireClass('target', target, logits.length);
  const p = softmax(logits);
  return p.map((pi, i) => (i === y ? pi - 1 : pi));
}

/** The result of one perceptron step. */
export interface PerceptronStep {
  /** The activation w·x (bias folded into w with x₀ = 1, if the caller does so). */
  readonly activation: number;
  /** True when y·(w·x) ≤ 0: the point is misclassified (a point on the boundary counts). */
  readonly mistake: boolean;
  /** w + η·y·x on a mistake, w unchanged otherwise. */
  readonly w: number[];
}

/**
 * One step of the perceptron learning rule for a label y ∈ {−1, +1}: if y·(w·x) ≤ 0, then
 * w ← w + η·y·x; otherwise w is unchanged. `lr` η > 0.
 */
export function perceptronStep(w: number[], x: number[], y: number, lr: number): PerceptronStep {
  const shape = requireTensor('w', w, 1);
  requireSameShape('x', requireTensor('x', x, 1), 'w', shape);
  if (y !== 1 && y !== -1)
    throw new KernelArgError('y', `must be -1 or 1, got ${describeValue(y)}`);
  requirePositiveNumber('lr', lr);
  let activation = 0;
  for (let i = 0; i < w.length; i++) activation += w[i] * x[i];
  requireFiniteResult('x', [activation]);
  const mistake = y * activation <= 0;
  const next = mistake ? w.map((wi, i) => wi + lr * y * x[i]) : w.slice();
  requireFiniteResult('lr', next);
  return { activation, mistake, w: next };
}

/**
 * Trainable parameters of a stack of fully connected layers with widths n₀ (inputs), n₁, …, n_L:
 * Σ_l (n_{l−1}·n_l + n_l), a weight matrix and a bias vector per layer (nn.Linear with bias).
 * `bias` says per layer (L entries) whether it has a bias; default: every layer does.
 */
export function mlpParamCount(widths: number[], bias?: boolean[]): number {
  requireVector('widths', widths);
  if (widths.length < 2)
    throw new KernelArgError('widths', 'needs at least 2 widths (inputs and one layer)');
  widths.forEach((n, i) => requirePositiveInt(`widths[${i}]`, n));
  if (bias !== undefined) {
    if (!Array.isArray(bias) || bias.length !== widths.length - 1) {
      throw new KernelArgError('bias', `must list one boolean per layer (${widths.length - 1})`);
    }
    bias.forEach((b, i) => {
      if (typeof b !== 'boolean')
        throw new KernelArgError(`bias[${i}]`, `must be a boolean, got ${describeValue(b)}`);
    });
  }
  let total = 0;
  for (let l = 1; l < widths.length; l++) {
    total += widths[l - 1] * widths[l] + (bias?.[l - 1] === false ? 0 : widths[l]);
  }
  requireFiniteNumber('widths', total);
  return total;
}
