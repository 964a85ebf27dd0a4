import type { BankItemInput } from '../../bank/schema';
import { AUTHORS } from '../sources';
import { templateItems } from '../template-items';

const TOPIC = 'seq2seq';

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
    topic: TOPIC,
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

/** Sequence to sequence: encoder–decoder, teacher forcing, attention, beam search, decoding. */
export const seq2seqItems: BankItemInput[] = [
  mcq(
    's2s-encoder-decoder',
    String.raw`In an RNN encoder–decoder (seq2seq) model without attention, how does the decoder learn about the source sentence?`,
    [
      [
        'final-state',
        String.raw`The encoder’s final hidden state (a fixed-size context vector) initialises the decoder.`,
        String.raw`Correct.`,
      ],
      [
        'tokens',
        String.raw`The decoder reads the source tokens directly at every step.`,
        String.raw`Without attention, the decoder only sees the source through the context vector.`,
      ],
      [
        'loss',
        String.raw`Through the loss function, which compares source and target.`,
        String.raw`The loss compares predicted and target tokens only.`,
      ],
      [
        'shared',
        String.raw`The encoder and decoder share all weights, so the decoder already knows the source.`,
        String.raw`They usually have separate weights; sharing would not transmit the sentence anyway.`,
      ],
    ],
    'final-state',
    String.raw`The encoder reads the whole source and compresses it into its last hidden (and cell) state; the decoder starts from that state and generates the target token by token. Everything about the source must squeeze through one fixed-size vector — the bottleneck that attention was invented to remove.`,
    1,
    ['seq2seq', 'encoder-decoder'],
  ),
  mcq(
    's2s-bottleneck',
    String.raw`Why does translation quality of a seq2seq model without attention drop on long sentences?`,
    [
      [
        'vocab',
        String.raw`Long sentences contain more rare words.`,
        String.raw`Rare words hurt too, but the drop appears even with common words.`,
      ],
      [
        'bottleneck',
        String.raw`A single fixed-size context vector must hold the whole source, and information about early words fades through the encoder’s recurrence.`,
        String.raw`Correct.`,
      ],
      [
        'softmax',
        String.raw`The softmax cannot produce long outputs.`,
        String.raw`The softmax produces one token per step, for any number of steps.`,
      ],
      [
        'teacher',
        String.raw`Teacher forcing only works on short sentences.`,
        String.raw`Teacher forcing is used for all lengths.`,
      ],
    ],
    'bottleneck',
    String.raw`Bahdanau et al. showed BLEU falling sharply with sentence length for the plain encoder–decoder. Attention lets each decoder step look back at all encoder states and pick the relevant ones, so the capacity grows with the source length.`,
    2,
    ['seq2seq', 'attention'],
  ),
  mcq(
    's2s-teacher-forcing',
    String.raw`What is teacher forcing?`,
    [
      [
        'own',
        String.raw`Feeding the decoder its own previous prediction during training.`,
        String.raw`That is free-running (what happens at inference); teacher forcing feeds the ground truth.`,
      ],
      [
        'truth',
        String.raw`Feeding the decoder the ground-truth previous token at each training step, whatever it predicted.`,
        String.raw`Correct.`,
      ],
      [
        'distill',
        String.raw`Training a small model to imitate a large teacher model.`,
        String.raw`That is knowledge distillation.`,
      ],
      [
        'clip',
        String.raw`Clipping the gradient to force stable training.`,
        String.raw`That is gradient clipping.`,
      ],
    ],
    'truth',
    String.raw`With teacher forcing, the input at step $t$ is the true token $y_{t-1}$, so all steps can be trained in parallel and errors do not compound during training. The catch is exposure bias: at inference the model consumes its own predictions, a distribution it never saw in training.`,
    1,
    ['seq2seq', 'teacher-forcing'],
  ),
  mcq(
    's2s-exposure-bias',
    String.raw`A model trained purely with teacher forcing produces a wrong token early at inference and then degrades badly. What is this problem called, and what is one remedy?`,
    [
      [
        'overfit',
        String.raw`Overfitting; add dropout.`,
        String.raw`Dropout helps generalisation but does not address the train/test input mismatch.`,
      ],
      [
        'exposure',
        String.raw`Exposure bias; scheduled sampling, which gradually replaces some ground-truth inputs by the model’s own predictions during training.`,
        String.raw`Correct.`,
      ],
      [
        'vanish',
        String.raw`Vanishing gradients; use an LSTM.`,
        String.raw`The model is already trained; the issue is what it is fed at inference.`,
      ],
      [
        'collapse',
        String.raw`Mode collapse; use a larger beam.`,
        String.raw`A beam can help recover from some mistakes, but the cause is the training/inference mismatch.`,
      ],
    ],
    'exposure',
    String.raw`Training only ever conditions on correct prefixes, so the model has not learned to continue from its own mistakes. Scheduled sampling (Bengio et al., 2015) mixes in model predictions with a growing probability; sequence-level training objectives are another remedy.`,
    3,
    ['seq2seq', 'teacher-forcing', 'exposure-bias'],
  ),
  mcq(
    's2s-greedy-vs-beam',
    String.raw`Why can greedy decoding miss the most probable output sequence?`,
    [
      [
        'random',
        String.raw`Greedy decoding samples randomly.`,
        String.raw`Greedy decoding is deterministic: it takes the arg-max at every step.`,
      ],
      [
        'local',
        String.raw`Choosing the most likely token at each step does not maximise the product of probabilities over the whole sequence: a slightly less likely first token can lead to a much more likely continuation.`,
        String.raw`Correct.`,
      ],
      [
        'length',
        String.raw`It always produces sequences that are too long.`,
        String.raw`Greedy decoding has no particular length bias.`,
      ],
      ['slow', String.raw`It is too slow to finish.`, String.raw`Greedy is the fastest decoder.`],
    ],
    'local',
    String.raw`If $p(\text{"a"}) = 0.4$ and $p(\text{"the"}) = 0.6$, but after "a" the next token has probability 0.9 while after "the" the best has 0.5, the sequence "a …" scores $0.36 > 0.30$. Beam search keeps several prefixes alive to catch such cases, at $B$ times the cost.`,
    2,
    ['seq2seq', 'beam-search', 'greedy'],
  ),
  mcq(
    's2s-beam-length-norm',
    String.raw`Why is length normalisation often added to beam-search scores?`,
    [
      [
        'short',
        String.raw`Summed log-probabilities only decrease as tokens are added, so raw scores favour short outputs; dividing by (a power of) the length corrects that bias.`,
        String.raw`Correct.`,
      ],
      [
        'overflow',
        String.raw`To prevent numerical overflow.`,
        String.raw`Log-probabilities are negative and do not overflow.`,
      ],
      [
        'diversity',
        String.raw`To make the beams more diverse.`,
        String.raw`Diversity needs other tricks (diverse beam search); normalising length does not separate beams.`,
      ],
      [
        'speed',
        String.raw`To end the search sooner.`,
        String.raw`It changes which finished hypothesis wins, not the speed.`,
      ],
    ],
    'short',
    String.raw`Every token adds a negative log-probability, so a hypothesis that stops early tends to score higher. Normalising by $|y|^\alpha$ (GNMT used a length penalty with $\alpha \approx 0.6$–$0.7$) compares hypotheses per token instead.`,
    3,
    ['seq2seq', 'beam-search'],
  ),
  mcq(
    's2s-beam-width-one',
    String.raw`Beam search with beam width 1 is the same as which decoder?`,
    [
      [
        'sampling',
        String.raw`Random sampling from the softmax.`,
        String.raw`Beam search never samples.`,
      ],
      ['greedy', String.raw`Greedy decoding.`, String.raw`Correct.`],
      [
        'exhaustive',
        String.raw`Exhaustive search over all sequences.`,
        String.raw`That would be an unlimited beam.`,
      ],
      [
        'topk',
        String.raw`Top-k sampling.`,
        String.raw`Top-k sampling draws randomly among the k most likely tokens.`,
      ],
    ],
    'greedy',
    String.raw`With one beam, each step extends the single kept prefix by every token and keeps the best one — the arg-max token. Larger beams approximate the exact search over all $V^T$ sequences better, at linear extra cost.`,
    1,
    ['seq2seq', 'beam-search'],
  ),
  mcq(
    's2s-bahdanau',
    String.raw`In Bahdanau (additive) attention for an RNN decoder, what is the context vector at decoder step $t$?`,
    [
      [
        'last',
        String.raw`The last encoder hidden state.`,
        String.raw`That is the plain encoder–decoder without attention.`,
      ],
      [
        'weighted',
        String.raw`A weighted sum of all encoder hidden states, with weights from a softmax over alignment scores between the decoder state and each encoder state.`,
        String.raw`Correct.`,
      ],
      [
        'mean',
        String.raw`The unweighted mean of the encoder states.`,
        String.raw`The weights depend on the decoder state, so each step attends differently.`,
      ],
      [
        'target',
        String.raw`The embedding of the previous target token.`,
        String.raw`That is the decoder input, not the context.`,
      ],
    ],
    'weighted',
    String.raw`$e_{tj} = v^\top \tanh(W s_{t-1} + U h_j)$, $\alpha_{tj} = \mathrm{softmax}_j(e_{tj})$, $c_t = \sum_j \alpha_{tj} h_j$. The weights form a soft alignment between target and source words, which can be visualised as a matrix. Luong attention replaces the small network by a (bilinear) dot product; the Transformer scales that dot product by $\sqrt{d_k}$.`,
    2,
    ['seq2seq', 'attention'],
  ),
  mcq(
    's2s-eos',
    String.raw`How does a seq2seq decoder decide when to stop generating?`,
    [
      [
        'fixed',
        String.raw`It always generates exactly as many tokens as the source has.`,
        String.raw`Translations can be longer or shorter than the source.`,
      ],
      [
        'eos',
        String.raw`It generates a special end-of-sequence token, which is appended to every target in training; decoding also stops at a maximum length.`,
        String.raw`Correct.`,
      ],
      [
        'prob',
        String.raw`It stops when a token’s probability drops below 0.5.`,
        String.raw`No such threshold is used.`,
      ],
      [
        'encoder',
        String.raw`The encoder tells it the target length.`,
        String.raw`The encoder produces states, not lengths.`,
      ],
    ],
    'eos',
    String.raw`Every training target ends with an end-of-sequence token (EOS), so the model learns to predict the end. Beam search moves a hypothesis that emits EOS to the finished list and continues with the others until enough have finished or a length limit is reached.`,
    1,
    ['seq2seq', 'decoding'],
  ),
  mcq(
    's2s-reverse-source',
    String.raw`Sutskever et al. (2014) reversed the source sentence for their LSTM translator. Why did that help?`,
    [
      [
        'symmetry',
        String.raw`Translation is symmetric, so order does not matter.`,
        String.raw`Order matters; reversing changed the results a lot.`,
      ],
      [
        'short-deps',
        String.raw`It put the first source words close to the first target words, creating short dependencies that make the optimisation easier.`,
        String.raw`Correct.`,
      ],
      ['vocab', String.raw`It shrank the vocabulary.`, String.raw`The vocabulary is unchanged.`],
      [
        'beam',
        String.raw`It made beam search unnecessary.`,
        String.raw`They still used beam search.`,
      ],
    ],
    'short-deps',
    String.raw`With the source reversed, source word 1 is read last, right before the decoder emits target word 1, so early target words get short gradient paths. The average distance is unchanged but the many short dependencies make learning start faster. Attention later made such tricks unnecessary.`,
    3,
    ['seq2seq', 'lstm'],
  ),
  mcq(
    's2s-cross-entropy',
    String.raw`How is a seq2seq model trained on one (source, target) pair with teacher forcing?`,
    [
      [
        'ce',
        String.raw`Minimise the sum over target positions of the cross-entropy $-\log p(y_t \mid y_{\lt t}, x)$.`,
        String.raw`Correct.`,
      ],
      [
        'mse',
        String.raw`Minimise the squared error between target embeddings and decoder states.`,
        String.raw`The decoder predicts a distribution over the vocabulary; cross-entropy is the matching loss.`,
      ],
      [
        'bleu',
        String.raw`Maximise BLEU by gradient descent directly.`,
        String.raw`BLEU is not differentiable; it is an evaluation metric.`,
      ],
      [
        'last',
        String.raw`Only the last token’s cross-entropy.`,
        String.raw`Every position is a prediction and contributes.`,
      ],
    ],
    'ce',
    String.raw`By the chain rule $\log p(y \mid x) = \sum_t \log p(y_t \mid y_{\lt t}, x)$, so maximum likelihood is the per-token cross-entropy summed (or averaged) over positions, with padding positions masked out (${'`'}ignore_index${'`'} in ${'`'}nn.CrossEntropyLoss${'`'}).`,
    2,
    ['seq2seq', 'loss'],
  ),
  mcq(
    's2s-sampling-temperature',
    String.raw`For open-ended generation (stories, dialogue), why is sampling with a temperature or top-p often preferred to beam search?`,
    [
      [
        'faster',
        String.raw`Sampling is always faster than greedy decoding.`,
        String.raw`It costs about the same as greedy.`,
      ],
      [
        'bland',
        String.raw`Beam search finds high-probability text that tends to be bland and repetitive; sampling gives more varied, human-like text.`,
        String.raw`Correct.`,
      ],
      [
        'exact',
        String.raw`Sampling finds the exact most probable sequence.`,
        String.raw`It does not try to.`,
      ],
      [
        'no-model',
        String.raw`Sampling does not need the model’s probabilities.`,
        String.raw`It samples from them.`,
      ],
    ],
    'bland',
    String.raw`For translation a single best output exists and beam search suits it. In open-ended generation the most probable continuations are generic and loop; sampling with $T < 1$ or from the top-p nucleus keeps quality while allowing variety.`,
    3,
    ['seq2seq', 'decoding'],
  ),
  mcq(
    's2s-transformer-parallel',
    String.raw`Why does a Transformer train much faster per epoch than an RNN seq2seq model of similar size?`,
    [
      [
        'fewer',
        String.raw`It has far fewer parameters.`,
        String.raw`Sizes are often similar; the gain is parallelism.`,
      ],
      [
        'parallel',
        String.raw`With teacher forcing and a causal mask, all target positions are computed in parallel in one pass; an RNN must step through time sequentially.`,
        String.raw`Correct.`,
      ],
      [
        'no-loss',
        String.raw`It needs no loss over the target tokens.`,
        String.raw`It uses the same per-token cross-entropy.`,
      ],
      [
        'no-decoder',
        String.raw`It has no decoder.`,
        String.raw`The original Transformer has an encoder and a decoder.`,
      ],
    ],
    'parallel',
    String.raw`An RNN’s state at step $t$ depends on step $t - 1$, so the $T$ steps are sequential. Self-attention computes every position from the previous layer at once, so a whole sequence is one batch of matrix multiplications on a GPU. Generation at inference is still token by token.`,
    2,
    ['seq2seq', 'transformer'],
  ),
  mcq(
    's2s-bleu',
    String.raw`What does the BLEU score measure?`,
    [
      [
        'ngram',
        String.raw`The overlap of n-grams (usually up to 4) between the output and reference translations, with a penalty for outputs that are too short.`,
        String.raw`Correct.`,
      ],
      [
        'loss',
        String.raw`The model’s cross-entropy on the test set.`,
        String.raw`That is perplexity, an intrinsic measure.`,
      ],
      [
        'human',
        String.raw`Human ratings of fluency.`,
        String.raw`BLEU is automatic, though it was designed to correlate with human judgement.`,
      ],
      [
        'edit',
        String.raw`The number of edits needed to turn the output into the reference.`,
        String.raw`That is the idea of TER (translation edit rate).`,
      ],
    ],
    'ngram',
    String.raw`BLEU is the geometric mean of modified n-gram precisions times a brevity penalty. It rewards matching word choice and order, but it cannot credit valid paraphrases that differ from the reference.`,
    2,
    ['seq2seq', 'evaluation'],
  ),
  {
    id: 's2s-sequence-logprob',
    topic: TOPIC,
    type: 'numeric',
    stem: String.raw`A decoder gives its three output tokens the probabilities 0.5, 0.8 and 0.25 (each conditioned on the tokens before it). What is the sequence's natural log-probability?`,
    answer: { value: -2.302585, tolerance: { abs: 0.001 } },
    answerFormat: 'a number (negative)',
    explanation: String.raw`$\log(0.5 \cdot 0.8 \cdot 0.25) = \log 0.1 = \ln 0.5 + \ln 0.8 + \ln 0.25 = -0.6931 - 0.2231 - 1.3863 = -2.3026$. Beam search adds these per-token log-probabilities; multiplying them, or adding the probabilities, would not give the probability of the sequence.`,
    difficulty: 2,
    tags: ['seq2seq', 'beam-search'],
    source: AUTHORS,
  },
  {
    id: 's2s-beam-candidates',
    topic: TOPIC,
    type: 'numeric',
    stem: 'A beam search with beam width 5 over a vocabulary of 32,000 tokens is in the middle of decoding. How many candidate sequences does it score at the next step, before pruning back to 5?',
    answer: { value: 160000, tolerance: { abs: 0.5 } },
    answerFormat: 'a whole number',
    explanation: String.raw`Each of the 5 kept prefixes is extended by each of the 32,000 tokens: $5 \times 32000 = 160000$ candidates, of which the best 5 overall survive. Keeping the top 5 of each beam would leave 25, which is not beam search.`,
    difficulty: 2,
    tags: ['seq2seq', 'beam-search'],
    source: AUTHORS,
  },
  mcq(
    's2s-decoder-loop-code',
    String.raw`This decoder loop is used at inference. What is wrong with it?

${'`'}${'`'}${'`'}python
tok = torch.tensor([BOS])
h = encoder_state
for t in range(max_len):
    logits, h = decoder(tok, h)
    tok = target[t].unsqueeze(0)   # next input
    out.append(logits.argmax(-1))
${'`'}${'`'}${'`'}`,
    [
      [
        'argmax',
        String.raw`${'`'}argmax${'`'} must be replaced by sampling.`,
        String.raw`Greedy arg-max decoding is a valid choice.`,
      ],
      [
        'target',
        String.raw`It feeds the ground-truth target as the next input (teacher forcing), which is not available at inference; it should feed its own prediction.`,
        String.raw`Correct.`,
      ],
      [
        'state',
        String.raw`The hidden state must be reset to zeros at every step.`,
        String.raw`The state carries the context; resetting it would forget everything.`,
      ],
      [
        'bos',
        String.raw`The loop must not start with a BOS token.`,
        String.raw`Starting from BOS is standard.`,
      ],
    ],
    'target',
    String.raw`At inference no target exists, so the next input must be the token just predicted (${'`'}tok = logits.argmax(-1)${'`'}), and the loop should stop at an end-of-sequence token (EOS). Using ${'`'}target[t]${'`'} is teacher forcing — the training-time shortcut — and would make an evaluation look far better than real generation.`,
    3,
    ['seq2seq', 'teacher-forcing', 'code-reading'],
  ),
  mcq(
    's2s-padding-mask',
    String.raw`A batch holds source sentences of lengths 7, 4 and 5, padded to 7. What goes wrong in an attention-based seq2seq model if the padding positions are not masked?`,
    [
      [
        'nothing',
        String.raw`Nothing: padding vectors are zeros, so they contribute nothing.`,
        String.raw`A zero key still gets score 0, hence a positive softmax weight, and after embedding and encoding the padding states are not zero anyway.`,
      ],
      [
        'attend-pad',
        String.raw`The decoder's attention gives part of its weight to meaningless padding states, so the context depends on how much padding the batch happened to need.`,
        'Correct.',
      ],
      [
        'crash',
        String.raw`The softmax fails with a shape error.`,
        String.raw`The shapes are fine; the damage is silent.`,
      ],
      [
        'loss',
        String.raw`The loss cannot be computed.`,
        String.raw`The loss is computed on the target side; the source padding corrupts the context instead.`,
      ],
    ],
    'attend-pad',
    String.raw`Every key gets a positive weight after the softmax unless its score is set to $-\infty$. The key-padding mask does that for the filler positions, so each sentence's translation is the same whatever it was batched with. (On the target side, padded positions are likewise left out of the loss.)`,
    2,
    ['seq2seq', 'attention', 'masking'],
  ),
  mcq(
    's2s-teacher-forcing-ratio',
    String.raw`During training, a seq2seq model is given the ground-truth previous token with probability 0.75 and its own prediction otherwise, at each step. Over a 20-token target, how many steps are fed the model's own prediction on average?`,
    [
      ['fifteen', '15', String.raw`That is the number of teacher-forced steps, $0.75 \times 20$.`],
      ['five', '5', 'Correct.'],
      ['zero', '0', String.raw`That would be full teacher forcing (probability 1).`],
      ['twenty', '20', String.raw`That would be free-running training (probability 0).`],
    ],
    'five',
    String.raw`Each step uses the model's prediction with probability $1 - 0.75 = 0.25$, so on average $0.25 \times 20 = 5$ steps. Scheduled sampling lowers the teacher-forcing probability over training, so the model learns gradually to continue from its own outputs — the situation it faces at inference.`,
    2,
    ['seq2seq', 'teacher-forcing'],
  ),
  ...templateItems('beam-search', TOPIC, { base: 1, tags: ['seq2seq', 'beam-search'] }),
];
