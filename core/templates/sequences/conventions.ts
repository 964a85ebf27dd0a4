/** Conventions the sequences templates' wrong options rely on (merged in `../conventions`). */
import type { Convention } from '../conventions';

export const SEQUENCES_CONVENTIONS = {
  'attention-rows-are-queries': {
    phrase: 'one row per query',
    rule: 'Q holds one row per query and K, V one row per key (F.scaled_dot_product_attention); the softmax runs along each row, over the keys.',
  },
  'rnn-two-bias-vectors': {
    phrase: 'b_ih and b_hh',
    rule: 'PyTorch’s nn.RNN/LSTM/GRU keep two bias vectors per layer and direction, b_ih and b_hh (Keras keeps one).',
  },
  'pe-sin-even-cos-odd': {
    phrase: 'sine on the even dimensions',
    rule: 'The Transformer’s encoding puts sin(pos/10000^{2i/d}) on dimension 2i and the cosine of the same angle on 2i + 1 (some code concatenates the halves instead).',
  },
  'beam-summed-log-probs': {
    phrase: 'summed natural log-probabilities',
    rule: 'A beam’s score is the sum of its tokens’ natural log-probabilities, with no length normalisation.',
  },
} as const satisfies Record<string, Convention>;
