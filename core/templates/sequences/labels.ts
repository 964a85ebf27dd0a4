/** Misconception labels of the sequences templates (merged into the registry in `../misconceptions`). */
export const SEQUENCES_LABELS = {
  // scaled dot-product attention
  'attention-no-scaling': 'Left out the scaling: took the softmax of QKᵀ instead of QKᵀ/√d_k',
  'attention-divided-by-dk': 'Divided the scores by d_k instead of √d_k',
  'attention-softmax-over-queries':
    'Took the softmax over the queries (down each column) instead of over the keys (along each row)',
  'attention-weights-not-values':
    'Stopped at the attention weights and forgot to weight the values V with them',
  'attention-skipped-softmax': 'Weighted V with the scaled scores directly, skipping the softmax',
  // nn.MultiheadAttention parameters
  'mha-params-per-head':
    'Counted every projection once per head (the heads share E, they split it)',
  'mha-forgot-biases': 'Left out the bias vectors (in_proj_bias and out_proj.bias)',
  'mha-forgot-out-proj': 'Left out the output projection out_proj',
  'mha-projections-head-width':
    'Gave the query, key and value projections only E / num_heads outputs each',
  'mha-kdim-ignored':
    'Counted the key and value projections as E × E although kdim and vdim differ',
  'mha-counted-biases-anyway': 'Counted bias vectors although the layer has bias=False',
  // LSTM / GRU parameters
  'rnn-one-bias-vector':
    'Counted one bias vector per layer (Keras style) instead of the two, b_ih and b_hh, PyTorch keeps',
  'rnn-gate-count-swapped': 'Used the other cell’s number of weight blocks (LSTM 4, GRU 3)',
  'rnn-forgot-biases': 'Left out the bias vectors',
  'rnn-forgot-recurrent-weights': 'Left out the hidden-to-hidden weights weight_hh',
  'rnn-upper-layers-read-input':
    'Gave the upper layers the input width instead of the hidden width of the layer below',
  'rnn-forgot-directions': 'Counted one direction only of a bidirectional layer',
  'rnn-upper-layers-read-one-direction':
    'Let an upper layer of a bidirectional stack read H values instead of both directions’ 2H',
  // sinusoidal positional encoding
  'pe-sin-cos-swapped': 'Put the cosine on the even dimensions and the sine on the odd ones',
  'pe-exponent-uses-dimension':
    'Used the dimension index j itself in 10000^{j/d} for the odd (cosine) dimensions instead of 2i = j − 1',
  'pe-degrees': 'Took the angle in degrees instead of radians',
  'pe-multiplied-by-frequency': 'Multiplied the position by 10000^{2i/d} instead of dividing by it',
  // beam search
  'beam-greedy-per-beam':
    'Extended each beam only with its own best token (greedy inside each beam) instead of ranking all continuations together',
  'beam-multiplied-log-probs': 'Multiplied the log-probabilities instead of adding them',
  'beam-ignored-prefix-score':
    'Ranked the continuations by the new token’s log-probability alone, ignoring the score so far',
  'beam-best-beam-only': 'Expanded only the best beam and dropped the others',
  'beam-per-beam-top-b':
    'Kept the top B continuations of every beam (B × B sequences) instead of B in all',
  // BPTT in a linear RNN
  'bptt-last-step-only': 'Kept only the last step’s term (truncated backpropagation to one step)',
  'bptt-forgot-powers': 'Left out the powers of w that carry each step’s effect forward to h_T',
  'bptt-exponent-reversed': 'Attached the powers w^{t−1} in reverse order (w^{T−t} is right)',
  'bptt-forgot-loss-gradient': 'Forgot the factor dL/dh_T = h_T − y',
} as const satisfies Record<string, string>;
