import type { BankItemInput } from '../../bank/schema';
import { AUTHORS, SOURCE_QUIZ, SOURCE_QUIZ_TAG } from '../sources';
import { templateItems } from '../template-items';

const TRANSPOSE1D_STEM = String.raw`A 1-D signal $x = [5, 4, 3, 2, 1]$ is upsampled by a transposed convolution with filter $f = [1, 2, 3, 4]$ and stride 2. Nothing is cropped from the ends of the result (no padding). Follow PyTorch's ConvTranspose1d: every input value adds a scaled copy of the filter into the output, and the filter is not flipped. What is the output $y$?`;

const TRANSPOSE1D_STRIDE3_STEM = String.raw`PyTorch's ConvTranspose1d with stride 3 and no padding upsamples the signal $x = [5, 4, 3, 2, 1]$ with the filter $f = [1, 2, 3, 4]$: each $x_i$ adds $x_i f$ (not flipped) into the output, starting at position $3i$. Give all values of the output $y$.`;

const TRANSPOSE1D_STRIDE3_EXPLANATION = String.raw`With stride 3 each copy of the filter starts 3 positions after the previous one, so neighbouring copies overlap in only $4 - 3 = 1$ position:
$$y[3i + k] \mathrel{+}= x[i]\, f[k].$$
The output has $(5 - 1) \cdot 3 + 4 = 16$ values. The copies are $5f = [5, 10, 15, 20]$ at positions 0–3, $4f = [4, 8, 12, 16]$ at 3–6, $3f = [3, 6, 9, 12]$ at 6–9, $2f = [2, 4, 6, 8]$ at 9–12 and $1f = [1, 2, 3, 4]$ at 12–15:

| output | contributions | value |
|---|---|---|
| $y_0$ | $5 \cdot 1$ | 5 |
| $y_1$ | $5 \cdot 2$ | 10 |
| $y_2$ | $5 \cdot 3$ | 15 |
| $y_3$ | $5 \cdot 4 + 4 \cdot 1$ | 24 |
| $y_4$ | $4 \cdot 2$ | 8 |
| $y_5$ | $4 \cdot 3$ | 12 |
| $y_6$ | $4 \cdot 4 + 3 \cdot 1$ | 19 |
| $y_7$ | $3 \cdot 2$ | 6 |
| $y_8$ | $3 \cdot 3$ | 9 |
| $y_9$ | $3 \cdot 4 + 2 \cdot 1$ | 14 |
| $y_{10}$ | $2 \cdot 2$ | 4 |
| $y_{11}$ | $2 \cdot 3$ | 6 |
| $y_{12}$ | $2 \cdot 4 + 1 \cdot 1$ | 9 |
| $y_{13}$ | $1 \cdot 2$ | 2 |
| $y_{14}$ | $1 \cdot 3$ | 3 |
| $y_{15}$ | $1 \cdot 4$ | 4 |

So $y = [5, 10, 15, 24, 8, 12, 19, 6, 9, 14, 4, 6, 9, 2, 3, 4]$. A larger stride spreads the copies out: with stride 4 they would not overlap at all, and with stride 5 gaps of zeros would appear between them.`;

const TRANSPOSE1D_EXPLANATION = String.raw`A transposed convolution with stride $s$ lets every input value "stamp" a scaled copy of the filter into the output, each copy shifted $s$ positions further than the previous one, and adds where the copies overlap:
$$y[s\,i + k] \mathrel{+}= x[i]\, f[k].$$
The output length is $(5 - 1) \cdot 2 + 4 = 12$.

The stamps are $5f = [5, 10, 15, 20]$ at positions 0–3, $4f = [4, 8, 12, 16]$ at 2–5, $3f = [3, 6, 9, 12]$ at 4–7, $2f = [2, 4, 6, 8]$ at 6–9 and $1f = [1, 2, 3, 4]$ at 8–11. Adding them position by position:

| output | contributions | value |
|---|---|---|
| $y_0$ | $5 \cdot 1$ | 5 |
| $y_1$ | $5 \cdot 2$ | 10 |
| $y_2$ | $5 \cdot 3 + 4 \cdot 1$ | 19 |
| $y_3$ | $5 \cdot 4 + 4 \cdot 2$ | 28 |
| $y_4$ | $4 \cdot 3 + 3 \cdot 1$ | 15 |
| $y_5$ | $4 \cdot 4 + 3 \cdot 2$ | 22 |
| $y_6$ | $3 \cdot 3 + 2 \cdot 1$ | 11 |
| $y_7$ | $3 \cdot 4 + 2 \cdot 2$ | 16 |
| $y_8$ | $2 \cdot 3 + 1 \cdot 1$ | 7 |
| $y_9$ | $2 \cdot 4 + 1 \cdot 2$ | 10 |
| $y_{10}$ | $1 \cdot 3$ | 3 |
| $y_{11}$ | $1 \cdot 4$ | 4 |

So $y = [5, 10, 19, 28, 15, 22, 11, 16, 7, 10, 3, 4]$. The filter is not flipped (this is the convention of the common frameworks), and with a filter longer than the stride, neighbouring stamps overlap by $4 - 2 = 2$ positions.`;

/** Transposed convolution, max unpooling and other upsampling layers. */
export const upsamplingItems: BankItemInput[] = [
  {
    id: 'up-transpose1d-source',
    topic: 'upsampling',
    type: 'mcq',
    stem: TRANSPOSE1D_STEM,
    options: [
      {
        id: 'reversed-input',
        text: '$y = [1, 2, 5, 8, 9, 14, 13, 20, 17, 26, 15, 20]$',
        feedback:
          'This is the result for the input read backwards, $[1, 2, 3, 4, 5]$: the first stamp must come from $x_0 = 5$.',
        misconception: { id: 'reversed-input', label: 'Reading the input in reverse order' },
      },
      {
        id: 'flipped-filter',
        text: '$y = [20, 15, 26, 17, 20, 13, 14, 9, 8, 5, 2, 1]$',
        feedback:
          'This stamps the flipped filter $[4, 3, 2, 1]$; PyTorch places $f$ as it is stored, as the stem says.',
        misconception: { id: 'flipped-kernel', label: 'Flipping the kernel' },
      },
      {
        id: 'overwrite',
        text: '$y = [5, 10, 4, 8, 3, 6, 2, 4, 1, 2, 3, 4]$',
        feedback:
          'Here each stamp overwrote the one before it where they overlap; overlapping products are added, e.g. $y_2 = 5 \\cdot 3 + 4 \\cdot 1 = 19$.',
        misconception: {
          id: 'forgot-overlap-sum',
          label: 'Overwriting overlapping contributions instead of adding them',
        },
      },
      {
        id: 'correct',
        text: '$y = [5, 10, 19, 28, 15, 22, 11, 16, 7, 10, 3, 4]$',
        feedback:
          'Correct: each input value stamps a scaled copy of the filter, shifted by 2 each time.',
      },
    ],
    answer: ['correct'],
    explanation: TRANSPOSE1D_EXPLANATION,
    difficulty: 3,
    tags: [SOURCE_QUIZ_TAG, 'transposed-convolution', 'stride'],
    source: SOURCE_QUIZ,
  },
  {
    id: 'up-transpose1d-stride3-numeric',
    topic: 'upsampling',
    type: 'numeric',
    stem: TRANSPOSE1D_STRIDE3_STEM,
    answer: {
      value: [5, 10, 15, 24, 8, 12, 19, 6, 9, 14, 4, 6, 9, 2, 3, 4],
      tolerance: { abs: 0 },
    },
    answerFormat: 'comma-separated vector of 16 integers',
    explanation: TRANSPOSE1D_STRIDE3_EXPLANATION,
    hints: [
      'Each input value stamps a scaled copy of the filter into the output; consecutive copies start 3 positions apart and add up where they overlap.',
      String.raw`$y[3i + k] \mathrel{+}= x[i]\,f[k]$; the output has $(5 - 1) \cdot 3 + 4 = 16$ values.`,
      String.raw`The first stamp is $5f = [5, 10, 15, 20]$ at positions 0–3 and the second $4f = [4, 8, 12, 16]$ at 3–6, so $y_3 = 20 + 4 = 24$.`,
    ],
    difficulty: 4,
    tags: [SOURCE_QUIZ_TAG, 'transposed-convolution', 'stride'],
    source: SOURCE_QUIZ,
  },
  {
    id: 'up-max-unpool-source',
    topic: 'upsampling',
    type: 'mcq',
    stem: String.raw`In an encoder–decoder CNN, this $4 \times 4$ feature map enters a $2 \times 2$ max-pooling layer with stride 2, which records where each maximum came from:
$$\begin{bmatrix} 9 & 2 & 3 & 1 \\ 4 & 6 & 5 & 8 \\ 7 & 1 & 0 & 2 \\ 3 & 5 & 4 & 6 \end{bmatrix}$$
Later in the decoder, the $2 \times 2$ map
$$\begin{bmatrix} 50 & 10 \\ 44 & 20 \end{bmatrix}$$
is upsampled by the max-unpooling layer paired with that pooling layer. What is its output?`,
    options: [
      {
        id: 'top-left',
        text: String.raw`$\begin{bmatrix} 50 & 0 & 10 & 0 \\ 0 & 0 & 0 & 0 \\ 44 & 0 & 20 & 0 \\ 0 & 0 & 0 & 0 \end{bmatrix}$`,
        feedback:
          'This puts every value in the top-left corner of its window. Max unpooling uses the recorded positions; the top-right maximum (8) was at row 1, column 3.',
        misconception: {
          id: 'unpool-top-left',
          label: 'Placing values at the top-left of each window',
        },
      },
      {
        id: 'fixed-corner',
        text: String.raw`$\begin{bmatrix} 0 & 0 & 0 & 0 \\ 0 & 50 & 0 & 10 \\ 0 & 0 & 0 & 0 \\ 0 & 44 & 0 & 20 \end{bmatrix}$`,
        feedback:
          'This puts every value in the same corner (bottom-right) of its window instead of at the recorded maximum position.',
        misconception: {
          id: 'unpool-fixed-corner',
          label: 'Placing values at a fixed corner of each window',
        },
      },
      {
        id: 'nearest',
        text: String.raw`$\begin{bmatrix} 50 & 50 & 10 & 10 \\ 50 & 50 & 10 & 10 \\ 44 & 44 & 20 & 20 \\ 44 & 44 & 20 & 20 \end{bmatrix}$`,
        feedback:
          'This is nearest-neighbour upsampling, which copies each value into its whole window; max unpooling fills only one position per window.',
        misconception: {
          id: 'unpool-as-nearest',
          label: 'Confusing max unpooling with nearest-neighbour upsampling',
        },
      },
      {
        id: 'original-values',
        text: String.raw`$\begin{bmatrix} 9 & 0 & 0 & 0 \\ 0 & 0 & 0 & 8 \\ 7 & 0 & 0 & 0 \\ 0 & 0 & 0 & 6 \end{bmatrix}$`,
        feedback:
          'The positions are right, but unpooling places the values it receives (50, 10, 44, 20), not the original maxima.',
        misconception: {
          id: 'unpool-restores-values',
          label: 'Restoring the original activations instead of the input values',
        },
      },
      {
        id: 'switches',
        text: String.raw`$\begin{bmatrix} 50 & 0 & 0 & 0 \\ 0 & 0 & 0 & 10 \\ 44 & 0 & 0 & 0 \\ 0 & 0 & 0 & 20 \end{bmatrix}$`,
        feedback:
          'Correct: each value goes back to where its window’s maximum was, and every other position is 0.',
      },
    ],
    answer: ['switches'],
    explanation: String.raw`**Pooling.** The four $2 \times 2$ windows and their maxima (row, column counted from 0):

- top-left $\{9, 2, 4, 6\}$: max 9 at $(0, 0)$,
- top-right $\{3, 1, 5, 8\}$: max 8 at $(1, 3)$,
- bottom-left $\{7, 1, 3, 5\}$: max 7 at $(2, 0)$,
- bottom-right $\{0, 2, 4, 6\}$: max 6 at $(3, 3)$.

The pooling layer outputs $\begin{bmatrix} 9 & 8 \\ 7 & 6 \end{bmatrix}$ and remembers these positions ("switches").

**Unpooling.** The paired unpooling layer takes its own input, $\begin{bmatrix} 50 & 10 \\ 44 & 20 \end{bmatrix}$, writes each value at the switch position of the corresponding window, and fills the rest with zeros: 50 at $(0, 0)$, 10 at $(1, 3)$, 44 at $(2, 0)$, 20 at $(3, 3)$. The values come from the decoder; only the *positions* come from the encoder. This is how SegNet-style decoders recover where strong activations were, which helps keep object boundaries sharp.`,
    hints: [
      'Unpooling has to know where each maximum was: that is what the pooling layer recorded.',
      String.raw`Each input value goes to the recorded position of the maximum of its $2 \times 2$ window; every other position is 0.`,
      String.raw`The top-left window $\{9, 2, 4, 6\}$ has its maximum at $(0, 0)$, so $50$ goes to $(0, 0)$.`,
    ],
    difficulty: 3,
    tags: [SOURCE_QUIZ_TAG, 'max-unpooling', 'pooling'],
    source: SOURCE_QUIZ,
  },
  {
    id: 'up-transpose2d-output-size',
    topic: 'upsampling',
    type: 'numeric',
    stem: String.raw`A $7 \times 7$ feature map goes through a 2-D transposed convolution with $4 \times 4$ kernels, stride 2 and padding 1 (one row/column cropped from each side). What is the output height?`,
    answer: { value: 14, tolerance: { abs: 0 } },
    answerFormat: 'an integer',
    explanation: String.raw`For a transposed convolution without output padding and dilation,
$$\text{out} = (\text{in} - 1)\,s - 2p + k = (7 - 1) \cdot 2 - 2 \cdot 1 + 4 = 12 - 2 + 4 = 14.$$
Kernel 4, stride 2, padding 1 is the standard choice for exact $2\times$ upsampling; it is the reverse of the convolution $\lfloor (14 + 2 - 4)/2 \rfloor + 1 = 7$.`,
    difficulty: 2,
    tags: ['transposed-convolution', 'output-size'],
    source: AUTHORS,
  },
  {
    id: 'up-transpose2d-small',
    topic: 'upsampling',
    type: 'numeric',
    stem: String.raw`Compute the 2-D transposed convolution of
$$x = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix} \quad\text{with kernel}\quad w = \begin{bmatrix} 1 & 1 \\ 1 & 1 \end{bmatrix},$$
stride 1 and no padding. Give the $3 \times 3$ output row by row.`,
    answer: { value: [1, 3, 2, 4, 10, 6, 3, 7, 4], tolerance: { abs: 0 } },
    answerFormat: '9 comma-separated integers, row by row',
    explanation: String.raw`Each input value stamps $x_{ij}\,w$ into the output block whose top-left corner is $(i, j)$, and overlaps add: $y[i+a][j+b] \mathrel{+}= x_{ij}\,w_{ab}$. With an all-ones kernel, each output is the sum of the inputs whose stamp covers it:

- corners: $y_{00} = 1$, $y_{02} = 2$, $y_{20} = 3$, $y_{22} = 4$,
- edges: $y_{01} = 1 + 2 = 3$, $y_{10} = 1 + 3 = 4$, $y_{12} = 2 + 4 = 6$, $y_{21} = 3 + 4 = 7$,
- centre: $y_{11} = 1 + 2 + 3 + 4 = 10$.

$$y = \begin{bmatrix} 1 & 3 & 2 \\ 4 & 10 & 6 \\ 3 & 7 & 4 \end{bmatrix}, \qquad \text{size } (2 - 1) \cdot 1 + 2 = 3.$$
The uneven totals (the centre receives four stamps, the corners one) are the same overlap effect that causes checkerboard artefacts.`,
    difficulty: 3,
    tags: ['transposed-convolution'],
    source: AUTHORS,
  },
  {
    id: 'up-checkerboard',
    topic: 'upsampling',
    type: 'mcq',
    stem: 'Images generated by a decoder made of stride-2 transposed convolutions with 3 × 3 kernels show a faint checkerboard pattern. What causes it, and what is a common fix?',
    options: [
      {
        id: 'too-little-data',
        text: 'The model has overfitted; more training data removes the pattern.',
        feedback:
          'The pattern is structural: it comes from how the layer distributes its outputs, not from overfitting.',
      },
      {
        id: 'batchnorm',
        text: 'Batch normalisation in the decoder; removing it fixes the pattern.',
        feedback: 'Normalisation does not create a periodic spatial pattern.',
      },
      {
        id: 'uneven-overlap',
        text: 'The kernel size is not divisible by the stride, so some output pixels receive more stamps than others; resizing (nearest or bilinear) followed by a normal convolution avoids it.',
        feedback: 'Correct.',
      },
      {
        id: 'more-channels',
        text: 'The decoder has too few channels; doubling them removes the pattern.',
        feedback:
          'The pattern comes from how the stamps overlap, which does not depend on the number of channels.',
      },
    ],
    answer: ['uneven-overlap'],
    explanation: String.raw`In a transposed convolution each input stamps a $k \times k$ patch every $s$ pixels. With $k = 3$, $s = 2$, alternate output rows and columns are covered by two stamps or by one, so even a constant input produces a periodic pattern the network must learn to cancel, and usually does not do so perfectly. Remedies: choose $k$ divisible by $s$ (for example $k = 4$, $s = 2$), or upsample by nearest-neighbour/bilinear resizing and then apply a standard convolution.`,
    difficulty: 4,
    tags: ['transposed-convolution', 'checkerboard-artefacts'],
    source: AUTHORS,
  },
  {
    id: 'up-unpool-needs-switches',
    topic: 'upsampling',
    type: 'mcq',
    stem: 'What information does a max-unpooling layer need besides the feature map it upsamples?',
    options: [
      {
        id: 'indices',
        text: 'The positions of the maxima recorded by the corresponding max-pooling layer.',
        feedback: 'Correct: these "switches" say where each value goes.',
      },
      {
        id: 'weights',
        text: 'A learned kernel, like a transposed convolution.',
        feedback: 'Max unpooling has no parameters.',
      },
      {
        id: 'original-values',
        text: 'The original values of the pre-pooling feature map.',
        feedback:
          'Only the positions of the maxima are needed; the values placed are the unpooling layer’s own inputs.',
      },
      {
        id: 'nothing',
        text: 'Nothing: it always places values in the top-left corner of each window.',
        feedback:
          'Placing values at a fixed corner is a simpler (and different) upsampling; max unpooling uses the recorded positions.',
      },
    ],
    answer: ['indices'],
    explanation: String.raw`During pooling, the encoder stores, for each window, the index of the element that was the maximum. The decoder's unpooling layer writes each incoming value to that index and zeros elsewhere, producing a sparse map that a following convolution densifies. Storing indices is cheap compared with storing full encoder feature maps, which is SegNet's argument against U-Net-style skip connections.`,
    difficulty: 2,
    tags: ['max-unpooling', 'pooling'],
    source: AUTHORS,
  },
  {
    id: 'up-learnable-methods',
    topic: 'upsampling',
    type: 'msq',
    stem: 'Which of these upsampling methods contain learnable parameters? Select all that apply.',
    options: [
      {
        id: 'nearest',
        text: 'Nearest-neighbour upsampling',
        feedback: 'Fixed: it copies each value into a block.',
      },
      {
        id: 'bilinear',
        text: 'Bilinear interpolation on its own',
        feedback: 'Fixed: its interpolation weights are determined by geometry.',
      },
      {
        id: 'max-unpool',
        text: 'Max unpooling',
        feedback: 'Fixed: it places values at stored positions.',
      },
      {
        id: 'resize-conv',
        text: 'Bilinear resizing followed by a 3 × 3 convolution',
        feedback: 'Learnable: the resizing is fixed, but the convolution after it is trained.',
      },
      {
        id: 'transposed-conv',
        text: 'Transposed convolution',
        feedback: 'Learnable: its kernel is trained like any convolution kernel.',
      },
    ],
    answer: ['resize-conv', 'transposed-conv'],
    explanation: String.raw`Nearest-neighbour, bilinear and max unpooling are fixed operations that only rearrange or interpolate values. Transposed convolutions learn how to spread each input over the larger output, and resize-then-convolve combines a fixed upsampling with a learned convolution. (A transposed convolution initialised with bilinear weights starts out as bilinear interpolation and can then be trained.)`,
    difficulty: 2,
    tags: ['transposed-convolution', 'max-unpooling', 'interpolation'],
    source: AUTHORS,
  },
  {
    id: 'up-transpose-not-inverse',
    topic: 'upsampling',
    type: 'mcq',
    stem: 'Why is a transposed convolution not a "deconvolution" in the sense of inverting a convolution?',
    options: [
      {
        id: 'same-as-inverse',
        text: 'It is exactly the inverse: applying it after a convolution with the same kernel gives back the input.',
        feedback:
          'In general the result differs from the input; a strided convolution even discards information that nothing can restore.',
      },
      {
        id: 'no-kernel',
        text: 'It has no kernel, so it cannot invert anything.',
        feedback: 'It does have a (learnable) kernel.',
      },
      {
        id: 'only-1d',
        text: 'It is only defined for 1-D signals.',
        feedback:
          'Transposed convolutions exist in any dimension; 2-D ones are common in decoders.',
      },
      {
        id: 'transpose-not-inverse',
        text: 'It multiplies by the transpose of the convolution’s matrix, which restores the input’s shape but not its values.',
        feedback: String.raw`Correct: $C^\top$ is not $C^{-1}$.`,
      },
    ],
    answer: ['transpose-not-inverse'],
    explanation: String.raw`Writing a convolution as a matrix product $y = Cx$, its transposed version computes $C^\top y$. That is also how the gradient of a convolution with respect to its input is computed, which is where the name comes from. $C^\top$ maps back to the input's *shape*, but $C^\top C \neq I$ in general, so it does not recover $x$. In a network its kernel is simply learned to produce a useful upsampled map.`,
    difficulty: 3,
    tags: ['transposed-convolution'],
    source: AUTHORS,
  },
  ...templateItems('conv-transpose1d', 'upsampling', {
    base: 1,
    tags: ['transposed-convolution', 'stride'],
  }),
  ...templateItems('conv-transpose2d', 'upsampling', {
    base: 1,
    tags: ['transposed-convolution'],
  }),
  ...templateItems('conv-transpose-output-size', 'upsampling', {
    base: 0,
    tags: ['transposed-convolution', 'output-size'],
  }),
  ...templateItems('maxpool-unpool', 'upsampling', {
    base: 1,
    tags: ['max-unpooling', 'pooling'],
  }),
];
