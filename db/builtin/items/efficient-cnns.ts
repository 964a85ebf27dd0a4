import type { BankItemInput } from '../../bank/schema';
import { AUTHORS, SOURCE_REMARK } from '../sources';
import { templateItems } from '../template-items';

/** Depthwise-separable convolution and MobileNet-style efficiency. */
export const efficientCnnsItems: BankItemInput[] = [
  {
    id: 'eff-mobilenet-purpose',
    topic: 'efficient-cnns',
    type: 'mcq',
    stem: 'MobileNet replaces most standard convolutions with depthwise-separable ones. What is the main reason?',
    options: [
      {
        id: 'more-accuracy',
        text: 'Depthwise-separable convolutions are strictly more expressive, so accuracy goes up.',
        feedback:
          'They are a restricted factorisation of a standard convolution; at equal width they usually lose a little accuracy in exchange for far less computation.',
      },
      {
        id: 'larger-rf',
        text: 'They give each unit a larger receptive field than a standard convolution of the same kernel size.',
        feedback:
          'The depthwise step uses the same k × k kernel, so the receptive field is unchanged.',
      },
      {
        id: 'no-nonlinearity',
        text: 'They remove the need for activation functions.',
        feedback:
          'MobileNet still applies batch norm and ReLU after both the depthwise and the pointwise step.',
      },
      {
        id: 'less-compute',
        text: 'To cut the number of multiply–adds and parameters, so the network runs on phones and embedded hardware.',
        feedback: 'Correct: that is the design goal of MobileNet.',
      },
    ],
    answer: ['less-compute'],
    explanation: String.raw`A standard $k \times k$ convolution filters space and mixes channels in one step. A depthwise-separable convolution splits this into a depthwise $k \times k$ convolution (one filter per input channel) and a pointwise $1 \times 1$ convolution (mixing channels). For $3 \times 3$ kernels that needs roughly 8–9 times fewer multiply–adds and parameters, with only a small loss of accuracy: exactly the trade-off low-power, low-memory devices need.`,
    difficulty: 1,
    tags: ['mobilenet', 'depthwise-separable', 'live-session-remark'],
    source: SOURCE_REMARK,
  },
  {
    id: 'eff-separable-params',
    topic: 'efficient-cnns',
    type: 'numeric',
    stem: String.raw`A layer maps 32 channels to 64 channels with $3 \times 3$ kernels (ignore biases). A standard convolution needs $3 \cdot 3 \cdot 32 \cdot 64 = 18432$ weights. How many weights does the depthwise-separable version (depthwise $3 \times 3$, then pointwise $1 \times 1$) need?`,
    answer: { value: 2336, tolerance: { abs: 0 } },
    answerFormat: 'an integer',
    explanation: String.raw`- Depthwise: one $3 \times 3$ filter per input channel: $3 \cdot 3 \cdot 32 = 288$.
- Pointwise: a $1 \times 1$ convolution from 32 to 64 channels: $32 \cdot 64 = 2048$.

Total $288 + 2048 = 2336$, about $7.9$ times fewer than $18432$.`,
    difficulty: 2,
    tags: ['depthwise-separable', 'parameters', 'live-session-remark'],
    source: SOURCE_REMARK,
  },
  {
    id: 'eff-cost-ratio',
    topic: 'efficient-cnns',
    type: 'numeric',
    stem: String.raw`For a layer with $k \times k$ kernels and $C_{\text{out}}$ output channels, the cost of a depthwise-separable convolution relative to a standard one is $\frac{1}{C_{\text{out}}} + \frac{1}{k^2}$. What is this ratio for $k = 3$ and $C_{\text{out}} = 256$?`,
    answer: { value: 0.115017, tolerance: { rel: 0.005 } },
    answerFormat: 'a number rounded to 4 decimals',
    explanation: String.raw`Standard cost per output position: $k^2 C_{\text{in}} C_{\text{out}}$. Separable: $k^2 C_{\text{in}}$ (depthwise) $+ C_{\text{in}} C_{\text{out}}$ (pointwise). Dividing gives $\frac{1}{C_{\text{out}}} + \frac{1}{k^2}$. Here $\frac{1}{256} + \frac{1}{9} \approx 0.003906 + 0.111111 = 0.115017$: about $8.7$ times cheaper. With many output channels the ratio approaches $1/k^2$.`,
    difficulty: 3,
    tags: ['depthwise-separable', 'compute-cost'],
    source: AUTHORS,
  },
  {
    id: 'eff-separable-mult-adds',
    topic: 'efficient-cnns',
    type: 'numeric',
    stem: String.raw`A layer produces a $14 \times 14$ output from 512 input channels to 512 output channels with $3 \times 3$ kernels (stride 1, "same" padding). A standard convolution needs $14 \cdot 14 \cdot 3 \cdot 3 \cdot 512 \cdot 512 = 462{,}422{,}016$ multiplications. How many multiplications does the depthwise-separable version need?`,
    answer: { value: 52283392, tolerance: { rel: 0.001 } },
    answerFormat: 'an integer',
    explanation: String.raw`Per output position: depthwise $3 \cdot 3 \cdot 512 = 4608$, pointwise $512 \cdot 512 = 262144$, together $266752$. Over $14 \cdot 14 = 196$ positions: $196 \times 266752 = 52{,}283{,}392$ multiplications, about $8.8$ times fewer than the standard layer. Note that the pointwise part now dominates the cost.`,
    difficulty: 4,
    tags: ['depthwise-separable', 'compute-cost', 'mobilenet'],
    source: AUTHORS,
  },
  {
    id: 'eff-pointwise-role',
    topic: 'efficient-cnns',
    type: 'mcq',
    stem: 'In a depthwise-separable convolution, what does the pointwise (1 × 1) step do that the depthwise step cannot?',
    options: [
      {
        id: 'spatial',
        text: 'It filters the image spatially, detecting edges and textures.',
        feedback:
          'A 1 × 1 kernel sees a single position; spatial filtering is the depthwise step’s job.',
      },
      {
        id: 'downsample',
        text: 'It halves the height and width.',
        feedback: 'With stride 1 a 1 × 1 convolution keeps the spatial size.',
      },
      {
        id: 'mix-channels',
        text: 'It combines information across channels.',
        feedback: 'Correct: the depthwise step filters each channel on its own.',
      },
      {
        id: 'normalise',
        text: 'It normalises each channel to zero mean.',
        feedback: 'That is batch normalisation, which is a separate layer.',
      },
    ],
    answer: ['mix-channels'],
    explanation: String.raw`The depthwise convolution applies one $k \times k$ filter to each input channel separately: channel $c$ of the output depends only on channel $c$ of the input. The pointwise $1 \times 1$ convolution then computes, at every position, linear combinations of all channels, and sets the number of output channels. Together they approximate a standard convolution, which does both at once.`,
    difficulty: 2,
    tags: ['depthwise-separable', 'pointwise-convolution'],
    source: AUTHORS,
  },
  {
    id: 'eff-width-multiplier',
    topic: 'efficient-cnns',
    type: 'mcq',
    stem: String.raw`MobileNet's width multiplier $\alpha$ scales the number of channels in every layer. Roughly how does the computation change for $\alpha = 0.5$?`,
    options: [
      {
        id: 'half',
        text: 'It halves.',
        feedback:
          'Both the input and the output channel counts are halved, and the pointwise cost depends on their product.',
      },
      {
        id: 'quarter',
        text: 'It drops to about a quarter.',
        feedback: String.raw`Correct: the dominant pointwise cost scales with $\alpha^2$.`,
      },
      {
        id: 'eighth',
        text: 'It drops to about an eighth.',
        feedback: String.raw`Channel scaling gives at most $\alpha^2$; $\alpha^3$ has no source in the cost formula.`,
      },
      {
        id: 'same',
        text: 'It stays the same; only the parameter count changes.',
        feedback: 'Fewer channels mean fewer multiplications at every position.',
      },
    ],
    answer: ['quarter'],
    explanation: String.raw`Per position, a separable layer costs $k^2\,\alpha C_{\text{in}} + \alpha C_{\text{in}} \cdot \alpha C_{\text{out}}$. The pointwise term, which dominates, scales with $\alpha^2$; the small depthwise term with $\alpha$. So $\alpha = 0.5$ gives roughly $0.25$ of the cost (and parameters). MobileNet's resolution multiplier $\rho$ scales the number of positions and so multiplies the cost by $\rho^2$.`,
    difficulty: 3,
    tags: ['mobilenet', 'compute-cost'],
    source: AUTHORS,
  },
  {
    id: 'eff-depthwise-facts',
    topic: 'efficient-cnns',
    type: 'msq',
    stem: 'Which statements about depthwise-separable convolutions are true? Select all that apply.',
    options: [
      {
        id: 'depthwise-no-mixing',
        text: 'The depthwise step alone cannot combine information from different channels.',
        feedback: 'True: that is why the pointwise step follows.',
      },
      {
        id: 'mobile',
        text: 'They are a core building block of MobileNet and Xception.',
        feedback: 'True.',
      },
      {
        id: 'one-filter-per-channel',
        text: String.raw`The depthwise step on $C$ input channels uses $C$ filters of size $k \times k$, one per channel.`,
        feedback: 'True (with a depth multiplier of 1).',
      },
      {
        id: 'equivalent',
        text: 'Any standard convolution can be rewritten exactly as a depthwise-separable one with the same output.',
        feedback:
          'False: the factorisation restricts each output kernel to a product structure, so most standard kernels cannot be represented exactly.',
      },
    ],
    answer: ['depthwise-no-mixing', 'mobile', 'one-filter-per-channel'],
    explanation: String.raw`A depthwise-separable convolution restricts every $k \times k \times C_{\text{in}}$ kernel of a standard convolution to the form "spatial filter per input channel, then channel weights": the kernel for output $o$ is $K_o[u, v, c] = D_c[u, v]\,P_{o,c}$. That is far cheaper but strictly less general, a trade-off that works well in practice for MobileNet and Xception.`,
    difficulty: 3,
    tags: ['depthwise-separable', 'mobilenet'],
    source: AUTHORS,
  },
  ...templateItems('depthwise-separable-cost', 'efficient-cnns', {
    base: 1,
    tags: ['depthwise-separable', 'compute-cost'],
  }),
];
