/**
 * The named mistakes the templates turn into wrong options. Ids are stable (mastery analytics and
 * bank items refer to them); labels are what a learner sees after picking such an option.
 */
import type { Misconception } from '../types';
import { FOUNDATIONS_LABELS } from './foundations/labels';
import { OPTIMIZERS_LABELS } from './optimizers/labels';
import { ARCHITECTURES_LABELS } from './architectures/labels';
import { DETECTION_LABELS } from './detection/labels';
import { SEQUENCES_LABELS } from './sequences/labels';
import { GENERATIVE_LABELS } from './generative/labels';
import { DIAGNOSTICS_LABELS } from './diagnostics/labels';
import { LOSSES_LABELS } from './losses/labels';

const LABELS = {
  // normalisation
  'unbiased-variance': 'Divided by N − 1 instead of N (unbiased variance)',
  'normalised-wrong-axis': 'Computed the statistics along the wrong axis',
  'summed-not-averaged': 'Added the values up but did not divide by their count',
  'pooled-all-values': 'Used one statistic over all values instead of one per channel or sample',
  'mean-divided-by-n-minus-1': 'Divided the sum by N − 1 when taking the mean',
  'std-instead-of-variance': 'Reported the standard deviation instead of the variance',
  'forgot-to-subtract-mean': 'Averaged the squares without subtracting the mean first',
  'momentum-swapped': 'Swapped the weights of the old running value and the new batch value',
  'used-batch-stats-at-test': 'Normalised a test input with the last mini-batch statistics',
  'divided-by-variance': 'Divided by the variance instead of the standard deviation',
  'running-var-biased':
    'Updated the running variance with the biased batch variance (PyTorch uses the unbiased one)',
  'running-stats-plain-average':
    'Averaged the batch statistics equally instead of the running (momentum) update',
  'bn-ln-axes-swapped': 'Swapped the axes of batch norm and layer norm',
  'forgot-batch-axis': 'Left the batch axis out of batch norm (that is instance norm)',
  'included-channel-axis': 'Also averaged over the channel axis',
  'forgot-spatial-axes': 'Left the spatial axes H and W out',
  'included-batch-axis': 'Also averaged over the batch axis',
  'instance-layer-confused': 'Confused instance norm with layer norm',
  'group-norm-all-channels': 'Let one group span all channels (that is layer norm)',
  'group-norm-one-channel': 'Let each group hold one channel (that is instance norm)',
  // transposed convolution, pooling, sizes
  'forgot-overlap-sum':
    'Forgot to add overlapping contributions (later copies overwrote earlier ones)',
  'stride-ignored': 'Ignored the stride (worked as if the stride were 1)',
  'cropped-without-cropping': 'Cropped the output although no cropping was asked for',
  'forgot-cropping': 'Did not crop `padding` values from each end of the output',
  'flipped-kernel': 'Flipped the kernel (frameworks do not flip it)',
  'reversed-input': 'Placed the input values in reverse order (last value first)',
  'cropped-one-end': 'Cropped all 2p values from one end instead of p from each end',
  'kernel-transposed': 'Used the transposed kernel (rows and columns swapped)',
  'output-size-forgot-padding': 'Left the padding out of the output-size formula',
  'output-size-no-plus-one': 'Forgot the + 1 in the output-size formula',
  'used-transpose-formula':
    'Used the transposed-convolution size formula for a forward convolution',
  'output-size-forgot-kernel': 'Did not subtract the kernel extent from the padded input',
  'padding-counted-once': 'Counted the padding on one side only',
  'dilation-ignored': 'Ignored the dilation of the kernel',
  'rounded-up': 'Rounded the division up instead of down',
  'used-conv-formula': 'Used the forward-convolution size formula for a transposed convolution',
  'transpose-size-n-times-s': 'Multiplied n·s instead of (n − 1)·s',
  'padding-sign-flipped': 'Added 2p instead of subtracting it',
  'forgot-output-padding': 'Left out the output padding',
  'pooled-indices-column-major':
    'Read the flat switch indices as column-major instead of row-major',
  'unpool-to-top-left': 'Put every value at the top-left corner of its window',
  'unpool-original-values': 'Put back the original maxima instead of the values being unpooled',
  'unpool-copies-to-window':
    'Copied each value into its whole window (nearest-neighbour upsampling)',
  // segmentation
  'dropped-dice-factor-2': 'Dropped the factor 2 in the Dice numerator',
  'iou-dice-confused': 'Confused IoU with the Dice coefficient',
  'squared-sums-in-denominator': 'Summed squared values in the denominator',
  'thresholded-soft-masks': 'Thresholded the soft masks at 0.5 before comparing',
  'union-without-overlap-removed': 'Did not subtract the intersection from Σa + Σb',
  'divided-by-prediction': 'Divided by the predicted mask only (that is precision)',
  'divided-by-target': 'Divided by the ground-truth mask only (that is recall)',
  // regularisation
  'l2-gradient-without-2': 'Forgot the factor 2 in the gradient of λw²',
  'l1-as-l2': 'Used the L2 gradient 2λw for an L1 penalty',
  'l2-as-l1': 'Used the L1 gradient λ·sign(w) for an L2 penalty',
  'forgot-learning-rate': 'Forgot to multiply the gradient by the learning rate',
  'penalty-sign-flipped':
    'Subtracted the penalty gradient from the data gradient instead of adding it',
  'ignored-regularizer': 'Left the penalty gradient out of the step',
  'sign-of-zero-as-one': 'Took sign(0) as 1 instead of 0',
  // activations
  'softmax-ignores-temperature': 'Ignored the temperature (used T = 1)',
  'temperature-multiplied': 'Multiplied the logits by T instead of dividing',
  'normalised-without-exp': 'Divided each logit by the sum of logits, skipping the exponential',
  'sigmoid-instead-of-softmax': 'Applied a sigmoid to each logit instead of a softmax',
  'leaky-relu-negated': 'Flipped the sign of the negative side (gave −αx)',
  'relu-instead-of-leaky': 'Set negative inputs to zero (plain ReLU)',
  'alpha-applied-everywhere': 'Scaled the positive inputs by α as well',
  'alpha-divides': 'Divided negative inputs by α instead of multiplying',
  // metric learning
  'squared-vs-euclidean': 'Mixed up the squared and the plain Euclidean distance',
  'forgot-hinge-clamp': 'Forgot to clamp the loss at zero (the hinge)',
  'swapped-positive-negative': 'Swapped the positive and negative distances',
  'margin-subtracted': 'Subtracted the margin instead of adding it',
  'forgot-margin': 'Left out the margin',
  // efficient CNNs
  'depthwise-forgot-pointwise': 'Counted only the depthwise step, not the 1×1 pointwise step',
  'depthwise-times-n': 'Gave the depthwise step one filter per output channel',
  'forgot-spatial-size': 'Forgot to multiply by the number of output positions',
  'ratio-inverted': 'Inverted the ratio (standard over separable)',
  'ratio-forgot-kernel-term': 'Kept only the 1/N term of the ratio',
  'ratio-forgot-channel-term': 'Kept only the 1/D_K² term of the ratio',
  'forgot-input-channels': 'Forgot that each filter spans all input channels',
  'kernel-not-squared': 'Used D_K instead of D_K² for a square kernel',
  'separable-counted': 'Counted the depthwise-separable convolution instead of the standard one',
  'standard-counted': 'Counted a standard convolution instead of the depthwise-separable one',
  // dropout
  'dropout-no-rescale': 'Forgot to rescale the kept units by 1/(1 − p)',
  'dropout-scaled-by-p': 'Divided by p instead of by the keep probability 1 − p',
  'dropout-multiplied-by-keep': 'Multiplied by 1 − p instead of dividing by it',
  'dropout-at-test': 'Applied the dropout mask at test time',
  'test-time-rescale': 'Scaled the activations at test time (not needed with inverted dropout)',
  'test-time-upscale': 'Divided by the keep probability at test time as well',
  'mask-inverted': 'Kept the dropped units and dropped the kept ones',
  'expected-ignores-drops': 'Rescaled but forgot that dropped units contribute zero',
  ...FOUNDATIONS_LABELS,
  ...OPTIMIZERS_LABELS,
  ...ARCHITECTURES_LABELS,
  ...DETECTION_LABELS,
  ...SEQUENCES_LABELS,
  ...GENERATIVE_LABELS,
  ...DIAGNOSTICS_LABELS,
  ...LOSSES_LABELS,
} as const;

/** Id of a known misconception. */
export type MisconceptionId = keyof typeof LABELS;

/** The misconception with this id and its learner-facing label. */
export function misconception(id: MisconceptionId): Misconception {
  return { id, label: LABELS[id] };
}

/** Every known misconception (for listings and tests). */
export function allMisconceptions(): Misconception[] {
  return (Object.keys(LABELS) as MisconceptionId[]).map(misconception);
}
