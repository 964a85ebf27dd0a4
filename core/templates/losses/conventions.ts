/** Conventions the loss-function templates' wrong options rely on (merged in `../conventions`). */
import type { Convention } from '../conventions';

export const LOSSES_CONVENTIONS = {
  'bce-takes-logits': {
    phrase: 'applies the sigmoid itself',
    rule: 'nn.BCEWithLogitsLoss takes raw logits and applies the sigmoid itself (nn.BCELoss takes probabilities).',
  },
  'pos-weight-positive-term': {
    phrase: 'pos_weight multiplies the positive term',
    rule: "nn.BCEWithLogitsLoss's pos_weight p gives −[p·t·ln σ(z) + (1 − t)·ln(1 − σ(z))]: only the positive term is weighted.",
  },
  'label-smoothing-uniform': {
    phrase: 'every class, the target included',
    rule: 'nn.CrossEntropyLoss(label_smoothing=ε) mixes the one-hot target with the uniform distribution over all K classes: the target gets 1 − ε + ε/K and every other class ε/K.',
  },
  'weighted-mean-by-weights': {
    phrase: 'sum of the weights',
    rule: "With a class weight and reduction='mean', nn.CrossEntropyLoss divides Σ w_{y_i}·ℓ_i by Σ w_{y_i}, not by N.",
  },
  'smooth-l1-huber-definitions': {
    phrase: 'HuberLoss(delta)',
    rule: 'SmoothL1Loss(beta) is 0.5·d²/β when |d| < β else |d| − 0.5·β; HuberLoss(delta) is 0.5·d² when |d| < δ else δ(|d| − 0.5·δ), i.e. δ times SmoothL1Loss at β = δ.',
  },
} as const satisfies Record<string, Convention>;
