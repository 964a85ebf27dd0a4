import type { BankItemInput } from '../../bank/schema';
import { AUTHORS } from '../sources';
import { templateItems } from '../template-items';

/** Recurrent networks: vanilla RNN, LSTM, GRU, gradients through time. */
export const sequenceModelsItems: BankItemInput[] = [
  {
    id: 'seq-rnn-long-range',
    topic: 'sequence-models',
    type: 'mcq',
    stem: 'Why does a vanilla RNN struggle to learn dependencies spanning hundreds of time steps?',
    options: [
      {
        id: 'too-few-params',
        text: 'It has too few parameters to store a long sequence.',
        feedback:
          'The issue is optimisation: the signal linking distant steps vanishes during training.',
      },
      {
        id: 'repeated-jacobian',
        text: 'Backpropagation through time multiplies by the recurrent Jacobian at every step, so gradients from distant steps shrink (or grow) exponentially.',
        feedback: 'Correct.',
      },
      {
        id: 'fixed-length',
        text: 'It can only process sequences of a fixed length.',
        feedback: 'RNNs handle sequences of any length by reusing the same weights.',
      },
      {
        id: 'no-backprop',
        text: 'Recurrent connections cannot be trained with backpropagation.',
        feedback: 'They are trained with backpropagation through time (the unrolled network).',
      },
    ],
    answer: ['repeated-jacobian'],
    explanation: String.raw`With $h_t = \tanh(W h_{t-1} + U x_t)$, the gradient of a loss at step $T$ with respect to $h_t$ contains the product $\prod_{k=t+1}^{T} \frac{\partial h_k}{\partial h_{k-1}}$, one Jacobian $\mathrm{diag}(\tanh')\,W$ per step. If its norm is typically below 1 the product vanishes exponentially in $T - t$; above 1 it explodes. LSTMs and GRUs add gated, additive paths through time to keep the gradient alive; gradient clipping handles the exploding case.`,
    difficulty: 3,
    tags: ['rnn', 'vanishing-gradients', 'bptt'],
    source: AUTHORS,
  },
  {
    id: 'seq-gradient-power',
    topic: 'sequence-models',
    type: 'numeric',
    stem: String.raw`In a scalar linear RNN $h_t = w\,h_{t-1}$ with $w = 0.9$, the gradient $\partial h_{50}/\partial h_0$ equals $w^{50}$. What is its value?`,
    answer: { value: 0.0051537752, tolerance: { rel: 0.01 } },
    answerFormat: 'a number (scientific notation such as 5.15e-3 is fine)',
    explanation: String.raw`$0.9^{50} = e^{50 \ln 0.9} = e^{50 \times (-0.10536)} = e^{-5.268} \approx 0.00515$. A per-step factor only 10% below 1 wipes out 99.5% of the gradient over 50 steps. With $w = 1.1$ instead, $1.1^{50} \approx 117$: the exploding case.`,
    difficulty: 3,
    tags: ['rnn', 'vanishing-gradients', 'exploding-gradients'],
    source: AUTHORS,
  },
  {
    id: 'seq-lstm-forget-gate',
    topic: 'sequence-models',
    type: 'mcq',
    stem: 'In an LSTM cell, which gate decides how much of the previous cell state is kept?',
    options: [
      {
        id: 'input',
        text: 'The input gate',
        feedback: 'The input gate scales the new candidate content that is written into the cell.',
      },
      {
        id: 'output',
        text: 'The output gate',
        feedback:
          'The output gate decides how much of the (squashed) cell state is exposed as the hidden state.',
      },
      {
        id: 'reset',
        text: 'The reset gate',
        feedback: 'The reset gate belongs to the GRU, not the LSTM.',
      },
      {
        id: 'forget',
        text: 'The forget gate',
        feedback: String.raw`Correct: $c_t = f_t \odot c_{t-1} + i_t \odot g_t$.`,
      },
    ],
    answer: ['forget'],
    explanation: String.raw`LSTM update: $c_t = f_t \odot c_{t-1} + i_t \odot g_t$ and $h_t = o_t \odot \tanh(c_t)$. The forget gate $f_t \in (0, 1)$ multiplies the old cell state. When $f_t \approx 1$ information (and gradient) flows through the additive cell path almost unchanged over many steps, which is how LSTMs avoid vanishing gradients. Initialising the forget-gate bias to about 1 is a common trick.`,
    difficulty: 2,
    tags: ['lstm', 'gates'],
    source: AUTHORS,
  },
  {
    id: 'seq-gru-vs-lstm',
    topic: 'sequence-models',
    type: 'mcq',
    stem: 'How does a GRU differ from an LSTM?',
    options: [
      {
        id: 'two-gates',
        text: 'It has two gates (update and reset) and no separate cell state, so it has fewer parameters per unit.',
        feedback: 'Correct.',
      },
      {
        id: 'no-gates',
        text: 'It has no gates; it is a vanilla RNN with a different activation.',
        feedback: 'Gating is the core of the GRU.',
      },
      {
        id: 'four-gates',
        text: 'It has four gates and two state vectors.',
        feedback:
          'That is closer to an LSTM (three gates plus a candidate, with cell and hidden state).',
      },
      {
        id: 'no-recurrence',
        text: 'It processes all time steps in parallel without recurrence.',
        feedback: 'That describes attention-only models such as transformers, not GRUs.',
      },
    ],
    answer: ['two-gates'],
    explanation: String.raw`A GRU merges the LSTM's forget and input gates into one update gate $z_t$ and uses a reset gate $r_t$ to control how much of the previous state enters the candidate: $h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde h_t$ (conventions differ on which side gets $z_t$). With three weight blocks instead of four it has about 3/4 of the LSTM's parameters and often performs similarly.`,
    difficulty: 2,
    tags: ['gru', 'lstm', 'gates'],
    source: AUTHORS,
  },
  {
    id: 'seq-lstm-param-count',
    topic: 'sequence-models',
    type: 'numeric',
    stem: 'An LSTM layer has input size 10 and hidden size 20, with one bias vector per gate (the Keras convention). How many parameters does it have?',
    answer: { value: 2480, tolerance: { abs: 0 } },
    answerFormat: 'an integer',
    explanation: String.raw`Each of the 4 blocks (input, forget, output gates and the candidate) has an input matrix $20 \times 10$, a recurrent matrix $20 \times 20$ and a bias of 20: $200 + 400 + 20 = 620$. Total $4 \times 620 = 2480$. (PyTorch keeps two bias vectors per block, which gives $4 \times 640 = 2560$.)`,
    difficulty: 3,
    tags: ['lstm', 'parameters'],
    source: AUTHORS,
  },
  {
    id: 'seq-rnn-param-count',
    topic: 'sequence-models',
    type: 'numeric',
    stem: String.raw`A vanilla RNN layer $h_t = \tanh(W_{hh} h_{t-1} + W_{xh} x_t + b)$ has input size 8 and hidden size 16. How many parameters does it have?`,
    answer: { value: 400, tolerance: { abs: 0 } },
    answerFormat: 'an integer',
    explanation: String.raw`$W_{xh}$: $16 \times 8 = 128$; $W_{hh}$: $16 \times 16 = 256$; $b$: 16. Total $128 + 256 + 16 = 400$, whatever the sequence length, because the same weights are reused at every step.`,
    difficulty: 2,
    tags: ['rnn', 'parameters'],
    source: AUTHORS,
  },
  {
    id: 'seq-lstm-cell-step',
    topic: 'sequence-models',
    type: 'numeric',
    stem: String.raw`One LSTM unit at step $t$: previous cell state $c_{t-1} = 2$, forget gate $f_t = 0.9$, input gate $i_t = 0.5$, candidate $g_t = -0.4$, output gate $o_t = 0.5$. With $c_t = f_t c_{t-1} + i_t g_t$ and $h_t = o_t \tanh(c_t)$, give $c_t$ and $h_t$.`,
    answer: { value: [1.6, 0.460834], tolerance: { abs: 0.001 } },
    answerFormat: 'two comma-separated numbers (c, h), rounded to 3 decimals',
    explanation: String.raw`$c_t = 0.9 \times 2 + 0.5 \times (-0.4) = 1.8 - 0.2 = 1.6$. Then $\tanh(1.6) = \frac{e^{3.2} - 1}{e^{3.2} + 1} \approx \frac{23.53}{25.53} \approx 0.9217$, so $h_t = 0.5 \times 0.9217 \approx 0.461$.`,
    difficulty: 3,
    tags: ['lstm', 'gates'],
    source: AUTHORS,
  },
  {
    id: 'seq-rnn-facts',
    topic: 'sequence-models',
    type: 'msq',
    stem: 'Which statements about recurrent neural networks are true? Select all that apply.',
    options: [
      {
        id: 'shared-weights',
        text: 'The same weights are applied at every time step.',
        feedback: 'True: that is what lets an RNN handle any sequence length.',
      },
      {
        id: 'clipping',
        text: 'Gradient clipping is a standard remedy for exploding gradients in RNN training.',
        feedback: 'True.',
      },
      {
        id: 'variable-length',
        text: 'One RNN can process sequences of different lengths.',
        feedback: 'True.',
      },
      {
        id: 'params-grow',
        text: 'The number of parameters grows with the length of the input sequence.',
        feedback: 'False: the weights are shared over time, so the count is fixed.',
      },
    ],
    answer: ['shared-weights', 'clipping', 'variable-length'],
    explanation: String.raw`An RNN applies one cell with shared weights step after step, so its parameter count is independent of sequence length and it can be unrolled for any length. Training it with backpropagation through time multiplies many Jacobians, so exploding gradients are common; clipping the gradient norm is the standard fix (vanishing gradients call for gated cells instead).`,
    difficulty: 2,
    tags: ['rnn', 'weight-sharing', 'gradient-clipping'],
    source: AUTHORS,
  },
  {
    id: 'seq-lstm-shapes-code',
    topic: 'sequence-models',
    type: 'mcq',
    stem: `What are the shapes of ${'`'}out${'`'} and ${'`'}h_n${'`'}?

${'```'}python
lstm = nn.LSTM(input_size=16, hidden_size=32, num_layers=2, batch_first=True)
x = torch.randn(4, 10, 16)   # 4 sequences of 10 steps
out, (h_n, c_n) = lstm(x)
${'```'}`,
    options: [
      {
        id: 'time-first',
        text: '`out`: (10, 4, 32); `h_n`: (2, 4, 32)',
        feedback: 'batch_first=True puts the batch first in out; h_n is never batch-first.',
      },
      { id: 'right', text: '`out`: (4, 10, 32); `h_n`: (2, 4, 32)', feedback: 'Correct.' },
      {
        id: 'hn-batch-first',
        text: '`out`: (4, 10, 32); `h_n`: (4, 2, 32)',
        feedback:
          'batch_first does not apply to h_n and c_n: they are (num_layers·directions, batch, hidden).',
      },
      {
        id: 'all-layers',
        text: '`out`: (4, 10, 64); `h_n`: (2, 4, 32)',
        feedback: 'out holds the last layer’s hidden states only; layers are not concatenated.',
      },
    ],
    answer: ['right'],
    explanation: String.raw`With ${'`'}batch_first=True${'`'}, ${'`'}out${'`'} is (batch, seq, hidden) = (4, 10, 32): the top layer's hidden state at every step. ${'`'}h_n${'`'} and ${'`'}c_n${'`'} keep the (num_layers · num_directions, batch, hidden) layout whatever batch_first says, so they are (2, 4, 32): the final state of each layer. ${'`'}out[:, -1]${'`'} equals ${'`'}h_n[-1]${'`'} for a unidirectional LSTM.`,
    difficulty: 3,
    tags: ['lstm', 'code-reading', 'deep-rnn'],
    source: AUTHORS,
  },
  {
    id: 'seq-bidirectional-use',
    topic: 'sequence-models',
    type: 'mcq',
    stem: 'For which task is a bidirectional RNN not usable as it stands?',
    options: [
      {
        id: 'tagging',
        text: 'Part-of-speech tagging of complete sentences',
        feedback: 'The whole sentence is available, so reading it both ways helps.',
      },
      {
        id: 'classification',
        text: 'Sentiment classification of a review',
        feedback: 'The whole review is available before classifying.',
      },
      {
        id: 'lm',
        text: 'Next-word prediction as text is typed',
        feedback: 'Correct: the backward direction would need words not yet typed.',
      },
      {
        id: 'encoder',
        text: 'The encoder of a translation model',
        feedback:
          'The source sentence is known in full; bidirectional encoders are standard there.',
      },
    ],
    answer: ['lm'],
    explanation: String.raw`A bidirectional RNN runs one RNN left to right and another right to left and concatenates their states ($2H$ features per step), so each position sees its whole context. That requires the whole sequence up front. Streaming prediction of the next token — a language model, or a decoder — may only use the past, so only the forward direction is allowed there.`,
    difficulty: 2,
    tags: ['rnn', 'bidirectional'],
    source: AUTHORS,
  },
  ...templateItems('bptt-linear', 'sequence-models', {
    base: 1,
    tags: ['rnn', 'bptt', 'vanishing-gradients'],
  }),
  ...templateItems('rnn-params', 'sequence-models', {
    base: 1,
    tags: ['lstm', 'gru', 'code-reading'],
  }),
];
