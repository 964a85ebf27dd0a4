/** Misconception labels of the foundations templates (merged into the registry in `../misconceptions`). */
export const FOUNDATIONS_LABELS = {
  // multiclass hinge (SVM) loss
  'hinge-included-true-class':
    'Included the true class in the sum (its term always adds the margin)',
  'hinge-max-not-sum': 'Took only the largest margin violation instead of summing over the classes',
  'hinge-scores-swapped': 'Swapped the two scores: used s_y − s_j + Δ instead of s_j − s_y + Δ',
  // softmax cross-entropy
  'ce-log10': 'Used the base-10 logarithm instead of the natural log',
  'ce-softmax-twice': 'Applied softmax before a loss that applies softmax itself (softmax twice)',
  'ce-predicted-class':
    'Took the probability of the highest-scoring class instead of the true class',
  'ce-forgot-minus': 'Dropped the minus sign of −ln p',
  'ce-one-minus-p': 'Took −ln(1 − p_y), the log-probability of "not the true class"',
  // gradient of softmax cross-entropy
  'grad-forgot-onehot': 'Left out the one-hot target: gave p instead of p − y',
  'grad-sign-flipped': 'Flipped the sign: gave y − p instead of p − y',
  'grad-logits-not-probs':
    'Subtracted the one-hot target from the logits instead of the probabilities',
  'grad-subtract-all': 'Subtracted 1 from every class instead of only the true class',
  'grad-forgot-batch-mean': 'Forgot the 1/N of the mean over the batch',
  // perceptron
  'perceptron-updated-correct': 'Updated the weights although the point was classified correctly',
  'perceptron-no-update-on-mistake':
    'Left the weights unchanged although the point was misclassified',
  'perceptron-sign-flipped': 'Subtracted η·y·x instead of adding it',
  'perceptron-forgot-bias': 'Did not update the bias (the weight of the constant input 1)',
  'perceptron-boundary-correct': 'Counted a point exactly on the boundary (y·w·x = 0) as correct',
  // MLP parameter counts and forward pass
  'mlp-forgot-biases': 'Counted the weights but not the biases',
  'mlp-input-biases': 'Gave the input layer biases too',
  'mlp-one-bias-per-layer': 'Counted one bias per layer instead of one per output unit',
  'mlp-skipped-output-layer': 'Left out the output layer',
  'mlp-bias-false-ignored': 'Counted a bias for a layer created with bias=False',
  'mlp-forgot-relu': 'Skipped the hidden ReLU (computed the network as if it were linear)',
  'mlp-relu-on-output': 'Applied the ReLU to the output layer as well',
  'mlp-forgot-hidden-bias': 'Left out the hidden-layer biases',
  'mlp-weights-transposed': 'Multiplied by the transposed weight matrix (rows and columns swapped)',
  // backpropagation through a two-layer network
  'backprop-forgot-factor-2': 'Dropped the 2 of the derivative of (ŷ − t)²',
  'backprop-sign-flipped': 'Used t − ŷ instead of ŷ − t (the gradient has the wrong sign)',
  'backprop-forgot-activation-derivative':
    "Left out the hidden activation's derivative on the way back",
  'backprop-wrong-input': 'Multiplied by the other input instead of the one the weight reads',
  'backprop-wrong-output-weight': "Went back through the other hidden unit's output weight",
  'backprop-used-preactivation': 'Used the pre-activation z instead of the activation h',
  'backprop-bce-extra-sigmoid-derivative':
    'Multiplied σ(o) − t by σ′(o) again (the gradient on the logit already includes it)',
  // chain rule through sigmoid / tanh
  'sigmoid-derivative-as-sigmoid': 'Took σ′(z) as σ(z), forgetting the factor 1 − σ(z)',
  'chain-forgot-inner-derivative':
    'Forgot the inner derivative (the factor the argument contributes)',
  'tanh-derivative-not-squared': 'Took tanh′(z) as 1 − tanh(z) instead of 1 − tanh²(z)',
  'derivative-at-preactivation': 'Put z itself into s(1 − s) instead of s = σ(z)',
  // gradient checking
  'gradcheck-divided-by-h': 'Divided the central difference by h instead of 2h',
  'gradcheck-forward-difference': 'Used the one-sided difference (f(x + h) − f(x)) / h',
  'gradcheck-order-swapped': 'Subtracted in the wrong order: f(x − h) − f(x + h)',
  'gradcheck-absolute-error': 'Reported the absolute difference instead of the relative error',
  'gradcheck-sum-denominator': 'Divided by |a| + |n| instead of max(|a|, |n|)',
} as const satisfies Record<string, string>;
