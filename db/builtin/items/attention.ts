import type { BankItemInput } from '../../bank/schema';
import { AUTHORS } from '../sources';
import { templateItems } from '../template-items';

type Option = readonly [id: string, text: string, feedback: string];

/** A single-answer item of this topic; `key` names the correct option. */
function mcq(
  id: string,
  stem: string,
  options: readonly Option[],
  key: string,
  explanation: string,
  difficulty: 1 | 2 | 3 | 4 | 5,
  tags: readonly string[],
): BankItemInput {
  return {
    id,
    topic: 'attention',
    type: 'mcq',
    stem,
    options: options.map(([optionId, text, feedback]) => ({ id: optionId, text, feedback })),
    answer: [key],
    explanation,
    difficulty,
    tags: [...tags],
    source: AUTHORS,
  };
}

/** Attention and Transformers: scaled dot-product and multi-head attention, masking, positions, layer norm. */
export const attentionItems: BankItemInput[] = [
  mcq(
    'att-why-scale',
    String.raw`Why does scaled dot-product attention divide the scores $QK^\top$ by $\sqrt{d_k}$?`,
    [
      [
        'normalise-keys',
        'To make every key vector unit length.',
        'The keys are not normalised; only the scores are scaled, all by the same factor.',
      ],
      [
        'sum-to-one',
        'So that the weights of each query sum to 1.',
        'The softmax already makes them sum to 1 whatever the scale.',
      ],
      [
        'variance',
        String.raw`A dot product of $d_k$ roughly unit-variance terms has variance about $d_k$; dividing by $\sqrt{d_k}$ keeps the scores near unit scale so the softmax does not saturate.`,
        'Correct.',
      ],
      [
        'speed',
        'It makes the matrix product cheaper to compute.',
        'The division costs the same for any factor and does not change the product.',
      ],
    ],
    'variance',
    String.raw`If the entries of $q$ and $k$ are independent with mean 0 and variance 1, $q \cdot k$ has variance $d_k$. With $d_k = 64$ scores would typically be around ±8, and a softmax of such values is nearly one-hot: its gradient almost vanishes. Dividing by $\sqrt{d_k}$ (not by $d_k$, which would over-flatten) restores unit variance. The normalisation of the weights is the softmax's job, not the scale's.`,
    2,
    ['transformer', 'scaled-dot-product'],
  ),
  mcq(
    'att-causal-mask',
    'In a Transformer decoder trained with teacher forcing, what does the causal (look-ahead) mask do?',
    [
      [
        'pad',
        'It hides padding tokens of shorter sequences in the batch.',
        'That is the padding (key-padding) mask, a different mask; both are often applied together.',
      ],
      [
        'future',
        'It sets the scores of positions after the current one to −∞ before the softmax, so a position cannot attend to tokens it has to predict.',
        'Correct.',
      ],
      [
        'dropout',
        'It randomly drops attention weights as a regulariser.',
        'That is attention dropout, applied after the softmax and only in training.',
      ],
      [
        'encoder',
        'It stops the decoder from attending to the encoder.',
        'Cross-attention to the encoder output is unmasked (apart from padding).',
      ],
    ],
    'future',
    String.raw`With teacher forcing the whole target sequence is fed at once, so without a mask position $t$ could read token $t + 1$ and learn to copy it. Adding $-\infty$ above the diagonal of the score matrix gives those positions weight $e^{-\infty} = 0$ after the softmax, so every position sees only itself and earlier tokens — exactly what is available at generation time. Padding masks are a separate concern: they hide filler tokens, not the future.`,
    2,
    ['transformer', 'masking', 'decoder'],
  ),
  mcq(
    'att-why-layernorm',
    'Why do Transformers use layer normalisation rather than batch normalisation?',
    [
      [
        'per-token',
        'Layer norm normalises each token over its features, so it does not depend on the batch, the sequence length or padding, and behaves the same in training and inference.',
        'Correct.',
      ],
      [
        'fewer-params',
        'Layer norm has no learnable parameters, so it saves memory.',
        'Layer norm has a gain and a bias per feature, just as batch norm has γ and β.',
      ],
      [
        'faster-softmax',
        'Layer norm makes the attention softmax cheaper.',
        'The normalisation does not change the cost of attention.',
      ],
      [
        'only-training',
        'Layer norm is switched off at inference, which speeds up generation.',
        'It is applied identically at inference; that is one of its advantages.',
      ],
    ],
    'per-token',
    String.raw`Batch norm averages each feature over the batch (and positions), which for sequences mixes statistics of padding and of sequences of different lengths, needs running averages at test time, and breaks with batch size 1 during generation. Layer norm computes the mean and variance of each token's feature vector on its own: identical in training and inference, independent of the batch. Together with the residual connections it keeps activations at a steady scale through deep stacks (pre-LN placement makes very deep models easier to train).`,
    3,
    ['transformer', 'layer-norm'],
  ),
  mcq(
    'att-multi-head-purpose',
    'What does multi-head attention give that a single head of the same width does not?',
    [
      [
        'more-params',
        'Many more parameters for the same embedding size.',
        String.raw`The heads split the $E$ projected features; the parameter count does not change with the number of heads.`,
      ],
      [
        'subspaces',
        'Several attention patterns at once: each head attends in its own learned subspace, so one head can track, say, syntax while another tracks coreference.',
        'Correct.',
      ],
      [
        'linear-cost',
        'Attention cost linear in the sequence length.',
        'Each head still compares every pair of positions: quadratic cost.',
      ],
      ['no-softmax', 'It removes the need for a softmax.', 'Every head uses its own softmax.'],
    ],
    'subspaces',
    String.raw`A single head produces one weighted average per position, so it must compromise between everything worth attending to. With $h$ heads the $E$ features are projected and split into $h$ slices of $E/h$; each slice computes its own attention weights, and the outputs are concatenated and mixed by the output projection. The cost and the parameter count stay about the same; what changes is that several different relations can be attended to in parallel.`,
    2,
    ['transformer', 'multi-head'],
  ),
  mcq(
    'att-encoder-vs-decoder',
    'How does a Transformer decoder block differ from an encoder block in the original encoder–decoder model?',
    [
      [
        'no-ffn',
        'The decoder has no feed-forward sublayer.',
        'Both blocks end with a position-wise feed-forward network.',
      ],
      [
        'no-residual',
        'The decoder has no residual connections.',
        'Every sublayer in both stacks has a residual connection and layer norm.',
      ],
      [
        'masked-cross',
        'Its self-attention is causally masked, and it has an extra cross-attention sublayer whose keys and values come from the encoder output.',
        'Correct.',
      ],
      [
        'rnn',
        'The decoder replaces attention with an LSTM.',
        'The Transformer has no recurrence in either stack.',
      ],
    ],
    'masked-cross',
    String.raw`An encoder block is self-attention (every position sees every other) followed by a feed-forward network. A decoder block has three sublayers: masked self-attention over the target tokens produced so far, cross-attention in which the decoder's queries attend over the encoder's keys and values, and the feed-forward network. Encoder-only models (BERT) and decoder-only models (GPT) keep one of the two stacks; a decoder-only model drops cross-attention.`,
    2,
    ['transformer', 'encoder-decoder'],
  ),
  mcq(
    'att-why-positions',
    'Why does a Transformer need positional encodings at all?',
    [
      [
        'permutation',
        'Self-attention is permutation-equivariant: without positions, shuffling the input tokens would just shuffle the outputs, so word order would be invisible.',
        'Correct.',
      ],
      [
        'normalise',
        'To normalise the embeddings before attention.',
        'Normalisation is layer norm’s job; positional encodings add information.',
      ],
      [
        'vocab',
        'To tell the model which words are in the vocabulary.',
        'The token embedding does that.',
      ],
      [
        'length',
        'Because attention can only handle sequences of a fixed length.',
        'Attention itself works for any length; the encodings only add order information.',
      ],
    ],
    'permutation',
    String.raw`Attention weights depend only on the contents of the queries and keys, so the model sees a set, not a sequence. Adding a position-dependent vector to each token embedding (sinusoidal, learned, or relative schemes such as rotary embeddings) breaks that symmetry. The sinusoidal choice has the property that the encoding of $pos + k$ is a fixed linear function (a rotation per frequency) of the encoding of $pos$, which makes relative offsets easy to read.`,
    2,
    ['transformer', 'positional-encoding'],
  ),
  mcq(
    'att-mha-shapes-code',
    String.raw`What is the shape of ${'`'}out${'`'}?

${'`'}${'`'}${'`'}python
import torch
import torch.nn as nn

attn = nn.MultiheadAttention(embed_dim=64, num_heads=8, batch_first=True)
q = torch.randn(2, 5, 64)    # 2 sequences of 5 target tokens
kv = torch.randn(2, 7, 64)   # 2 sequences of 7 source tokens
out, weights = attn(q, kv, kv)
${'`'}${'`'}${'`'}`,
    [
      ['b-7-64', '`(2, 7, 64)`', 'The output has one row per query, not per key.'],
      [
        'b-5-8',
        '`(2, 5, 8)`',
        'The heads (8 of width 8) are concatenated back to 64 and mixed by out_proj.',
      ],
      [
        '5-2-64',
        '`(5, 2, 64)`',
        'That would be the layout with the default batch_first=False; here the batch comes first.',
      ],
      ['b-5-64', '`(2, 5, 64)`', 'Correct.'],
    ],
    'b-5-64',
    String.raw`With ${'`'}batch_first=True${'`'} inputs and outputs are (batch, sequence, embedding). Each of the 5 queries gets a weighted average of the 7 value vectors, computed per head and concatenated back to 64 features, so ${'`'}out${'`'} is (2, 5, 64). The returned ${'`'}weights${'`'} are averaged over the heads by default: shape (2, 5, 7), one distribution over the 7 keys for each query.`,
    3,
    ['transformer', 'multi-head', 'code-reading'],
  ),
  ...templateItems('attention-sdp', 'attention', {
    base: 1,
    tags: ['transformer', 'scaled-dot-product'],
  }),
  ...templateItems('mha-params', 'attention', {
    base: 1,
    tags: ['transformer', 'multi-head', 'code-reading'],
  }),
  ...templateItems('positional-encoding', 'attention', {
    base: 1,
    tags: ['transformer', 'positional-encoding'],
  }),
];
