/** Misconception labels of the loss-function templates (merged into the registry in `../misconceptions`). */
export const LOSSES_LABELS = {
  // classification losses
  'loss-log2': 'Used the base-2 logarithm instead of the natural log',
  'bce-sigmoid-twice':
    'Applied a sigmoid before BCEWithLogitsLoss, which applies the sigmoid itself (sigmoid twice)',
  'bce-dropped-negative-term':
    'Kept only t·ln σ(z): dropped the (1 − t)·ln(1 − σ(z)) term of the negative targets',
  'pos-weight-ignored': 'Left pos_weight out (weighted every target alike)',
  'pos-weight-on-negatives':
    'Multiplied the negative term by pos_weight instead of the positive one',
  'smoothing-target-only':
    'Smoothed the target to 1 − ε and left every other class at 0 (the ε/K shares forgotten)',
  'smoothing-other-classes-only':
    'Gave the target 1 − ε and spread ε over the other K − 1 classes only',
  'smoothing-ignored': 'Ignored the label smoothing (used the one-hot target)',
  'ce-mean-over-classes': 'Averaged over the classes (divided by K) instead of over the batch',
  'weighted-mean-over-n':
    'Divided the weighted sum by the batch size N instead of by the sum of the targets’ weights',
  'class-weight-ignored': 'Left the class weights out (took the plain mean over the batch)',
  // regression losses
  'mse-with-half': 'Put a factor ½ in front of the squared error (nn.MSELoss has none)',
  'mse-root-taken': 'Took the square root of the mean squared error (RMSE)',
  'mse-as-l1': 'Averaged the absolute errors (L1) instead of the squared errors',
  'l1-as-mse': 'Averaged the squared errors (MSE) instead of the absolute errors',
  'loss-of-mean-error':
    'Applied the loss to the mean error instead of averaging the per-element losses (e.g. squared the mean error)',
  'huber-forgot-half': 'Forgot the 0.5 of the quadratic branch',
  'huber-linear-no-offset': 'Forgot to subtract 0.5·β (or 0.5·δ) in the linear branch',
  'smooth-l1-as-huber': 'Used HuberLoss’s definition for SmoothL1Loss (did not divide by β)',
  'huber-as-smooth-l1': 'Used SmoothL1Loss’s definition for HuberLoss (divided by δ)',
} as const satisfies Record<string, string>;
