/**
 * Conventions a wrong option can depend on. A misconception such as "used the biased variance for
 * the running estimate" is only a mistake under a stated convention (PyTorch updates `running_var`
 * with the unbiased batch variance); a learner who follows another framework's convention is not
 * wrong. A distractor names the convention it relies on, and `templates check` requires the stem
 * to state it: each convention has a phrase the stem must contain.
 */

import { FOUNDATIONS_CONVENTIONS } from './foundations/conventions';
import { OPTIMIZERS_CONVENTIONS } from './optimizers/conventions';
import { ARCHITECTURES_CONVENTIONS } from './architectures/conventions';
import { DETECTION_CONVENTIONS } from './detection/conventions';
import { SEQUENCES_CONVENTIONS } from './sequences/conventions';
import { GENERATIVE_CONVENTIONS } from './generative/conventions';
import { DIAGNOSTICS_CONVENTIONS } from './diagnostics/conventions';
import { LOSSES_CONVENTIONS } from './losses/conventions';

/** A convention and the phrase a stem that states it contains. */
export interface Convention {
  /**
   * Matched case-insensitively; it must not follow a letter (so "biased variance" is not found
   * inside "unbiased variance"). LaTeX is matched as written in the stem's source.
   */
  readonly phrase: string;
  /** The convention in one sentence (PyTorch's, unless the template says otherwise). */
  readonly rule: string;
}

const CONVENTIONS = {
  'biased-batch-variance': {
    phrase: 'biased variance',
    rule: 'In training, batch and layer norm normalise with the biased variance (divide by N).',
  },
  'unbiased-running-var': {
    phrase: 'unbiased batch variance',
    rule: "PyTorch updates BatchNorm's running_var with the unbiased batch variance (divide by N − 1).",
  },
  'momentum-weights-new-value': {
    phrase: 'weight of the new batch statistic',
    rule: "PyTorch's momentum m weighs the new batch statistic: running ← (1 − m)·running + m·batch (Keras's momentum weighs the old value).",
  },
  'transpose-no-flip': {
    phrase: 'not flipped',
    rule: 'ConvTranspose1d/2d scatter x·w with the kernel as stored; the kernel is not flipped.',
  },
  'transpose-padding-crops': {
    phrase: 'crop',
    rule: "A transposed convolution's padding p crops p values from each end of the full output.",
  },
  'sign-of-zero': {
    phrase: '\\text{sign}(0) = 0',
    rule: 'The L1 subgradient at w = 0 is taken as sign(0) = 0, as torch.sign gives.',
  },
  'l2-penalty-without-half': {
    phrase: '\\lambda \\sum_i w_i^2',
    rule: 'The L2 penalty is λΣw² (gradient 2λw), not λ/2·Σw² (gradient λw, the weight_decay form).',
  },
  'row-major-indices': {
    phrase: 'row-major',
    rule: 'MaxPool2d(return_indices=True) gives flat row-major indices r·W + c into each plane.',
  },
  'inverted-dropout': {
    phrase: 'inverted dropout',
    rule: 'nn.Dropout rescales kept units by 1/(1 − p) in training and is the identity in eval mode.',
  },
  'p-is-drop-probability': {
    phrase: 'drop probability',
    rule: 'nn.Dropout(p): p is the probability that a unit is zeroed, not that it is kept.',
  },
  'output-size-rounds-down': {
    phrase: 'rounds down',
    rule: 'Conv and pooling output sizes use the floor (PyTorch default, ceil_mode=False).',
  },
  'plain-euclidean-distance': {
    phrase: 'plain Euclidean distance',
    rule: 'The triplet loss is taken with the Euclidean distance itself (TripletMarginLoss, p = 2).',
  },
  'squared-euclidean-distance': {
    phrase: 'squared Euclidean distance',
    rule: 'The triplet loss is taken with the squared Euclidean distance (FaceNet).',
  },
  'dice-plain-sums': {
    phrase: 'plain sums',
    rule: 'Soft Dice divides by Σa + Σb, not by Σa² + Σb².',
  },
  ...FOUNDATIONS_CONVENTIONS,
  ...OPTIMIZERS_CONVENTIONS,
  ...ARCHITECTURES_CONVENTIONS,
  ...DETECTION_CONVENTIONS,
  ...SEQUENCES_CONVENTIONS,
  ...GENERATIVE_CONVENTIONS,
  ...DIAGNOSTICS_CONVENTIONS,
  ...LOSSES_CONVENTIONS,
} as const satisfies Record<string, Convention>;

/** Id of a known convention. */
export type ConventionId = keyof typeof CONVENTIONS;

/** The convention with this id. */
export function convention(id: ConventionId): Convention {
  return CONVENTIONS[id];
}

/** Every known convention id. */
export function conventionIds(): ConventionId[] {
  return Object.keys(CONVENTIONS) as ConventionId[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const PATTERNS = new Map<ConventionId, RegExp>(
  conventionIds().map((id) => [
    id,
    new RegExp(`(?<![a-z])${escapeRegExp(CONVENTIONS[id].phrase).replace(/ +/g, '\\s+')}`, 'i'),
  ]),
);

/** True when `stem` states convention `id` (contains its phrase, not inside a longer word). */
export function statesConvention(stem: string, id: ConventionId): boolean {
  const pattern = PATTERNS.get(id);
  return pattern !== undefined && pattern.test(stem);
}
