import type { BankItemInput } from '../../bank/schema';
import { AUTHORS } from '../sources';
import { templateItems } from '../template-items';

const CONVENTIONS =
  'PyTorch conventions: tensors are (N, C, H, W); `nn.Linear` acts on the last dimension; ' +
  '`nn.MaxPool2d(k)` has stride k unless a stride is given (the stride defaults to the kernel size), ' +
  'and output sizes round down.';

const code = (lines: readonly string[]) => '```python\n' + lines.join('\n') + '\n```';

/**
 * Reading PyTorch code: shapes through an nn.Sequential, parameter counts of layers, and what goes
 * wrong when a layer does not fit its input (keys recomputed in `pytorch-code.test.ts` with core's
 * `walkSequential` and with TensorFlow.js layers).
 */
export const pytorchCodeItems: BankItemInput[] = [
  ...templateItems('sequential-chain', 'pytorch-code', {
    base: 1,
    tags: ['code-reading', 'shapes', 'parameters'],
  }),
  ...templateItems('layer-params', 'pytorch-code', {
    base: 0,
    tags: ['code-reading', 'parameters'],
  }),
  {
    id: 'pt-linear-after-pool-mismatch',
    topic: 'pytorch-code',
    type: 'mcq',
    stem: `${CONVENTIONS}\n\n${code([
      'model = nn.Sequential(',
      '    nn.Conv2d(3, 16, kernel_size=3, padding=1),',
      '    nn.ReLU(),',
      '    nn.MaxPool2d(2),',
      '    nn.Flatten(),',
      '    nn.Linear(16 * 32 * 32, 10),',
      ')',
      'x = torch.randn(8, 3, 32, 32)',
      'y = model(x)',
    ])}\n\nWhat happens on the last line?`,
    options: [
      {
        id: 'runs',
        text: 'It runs and `y` has shape (8, 10).',
        feedback:
          'The pooling halves 32×32 to 16×16, so Flatten gives 16·16·16 = 4096 features, not 16·32·32 = 16384.',
      },
      {
        id: 'conv-error',
        text: 'The convolution fails: padding=1 does not fit a 3-channel input.',
        feedback:
          'The convolution fits: it takes 3 channels to 16 and keeps 32×32 (padding 1 with a 3×3 kernel).',
      },
      {
        id: 'linear-error',
        text: 'The Linear layer fails with a shape error: it gets 4096 features per sample but expects 16384.',
        feedback:
          'Right: (8, 16, 32, 32) after the convolution, (8, 16, 16, 16) after the pool, (8, 4096) after Flatten.',
      },
      {
        id: 'flatten-error',
        text: 'Flatten fails because it would also flatten the batch dimension.',
        feedback:
          '`nn.Flatten()` starts at dimension 1 and keeps the batch: it gives (8, 4096) without complaint.',
      },
    ],
    answer: ['linear-error'],
    explanation:
      'Follow the shape: `Conv2d(3, 16, 3, padding=1)` keeps 32×32 and makes 16 channels, (8, 16, 32, 32); ' +
      '`MaxPool2d(2)` halves height and width, (8, 16, 16, 16); `Flatten()` gives (8, 4096). The Linear layer ' +
      'was written for the size before pooling, $16 \\cdot 32 \\cdot 32 = 16384$, so the matrix product fails ' +
      '("mat1 and mat2 shapes cannot be multiplied (8x4096 and 16384x10)"). The fix is ' +
      '`nn.Linear(16 * 16 * 16, 10)`, or `nn.LazyLinear(10)`, which reads in_features from the first batch.',
    difficulty: 2,
    tags: ['code-reading', 'shapes', 'debugging'],
    source: AUTHORS,
  },
  {
    id: 'pt-missing-flatten',
    topic: 'pytorch-code',
    type: 'mcq',
    stem: `${CONVENTIONS}\n\n${code([
      'model = nn.Sequential(',
      '    nn.Conv2d(1, 8, kernel_size=3),',
      '    nn.ReLU(),',
      '    nn.MaxPool2d(2),',
      '    nn.Linear(8 * 13 * 13, 10),',
      ')',
      'x = torch.randn(4, 1, 28, 28)',
      'y = model(x)',
    ])}\n\nWhat happens on the last line?`,
    options: [
      {
        id: 'auto-flatten',
        text: 'It runs: nn.Linear flattens its input itself, and `y` has shape (4, 10).',
        feedback:
          'nn.Linear never flattens: it multiplies along the last dimension and keeps all the others.',
      },
      {
        id: 'last-dim',
        text: 'The Linear layer fails: it acts on the last dimension, of size 13, not on 1352 features.',
        feedback:
          'Right: the input is (4, 8, 13, 13); a Linear with in_features = 1352 needs `nn.Flatten()` before it.',
      },
      {
        id: 'wrong-size',
        text: 'The Linear layer fails because the features are 8·14·14, not 8·13·13.',
        feedback:
          'The count is right: 28 − 3 + 1 = 26, pooled to 13. What is missing is the Flatten that makes it one axis.',
      },
      {
        id: 'shape-4-8-13-10',
        text: 'It runs and `y` has shape (4, 8, 13, 10).',
        feedback:
          'That would need in_features = 13. With 1352 the last dimension (13) does not match and it fails.',
      },
    ],
    answer: ['last-dim'],
    explanation:
      'The convolution gives (4, 8, 26, 26) and the pool (4, 8, 13, 13). `nn.Linear` works on the last ' +
      'dimension of any tensor, treating the others as batch dimensions, so it sees vectors of length 13 and ' +
      'fails against its in_features of $8 \\cdot 13 \\cdot 13 = 1352$. Adding `nn.Flatten()` before the Linear ' +
      'turns (4, 8, 13, 13) into (4, 1352), and then `y` is (4, 10).',
    difficulty: 2,
    tags: ['code-reading', 'shapes', 'debugging'],
    source: AUTHORS,
  },
  {
    id: 'pt-conv-channel-mismatch',
    topic: 'pytorch-code',
    type: 'mcq',
    stem: `${code([
      'model = nn.Sequential(',
      '    nn.Conv2d(3, 32, kernel_size=3, padding=1),',
      '    nn.ReLU(),',
      '    nn.Conv2d(16, 64, kernel_size=3, padding=1),',
      ')',
      'x = torch.randn(2, 3, 64, 64)',
      'y = model(x)',
    ])}\n\nWhat happens on the last line?`,
    options: [
      {
        id: 'runs',
        text: 'It runs and `y` has shape (2, 64, 64, 64).',
        feedback:
          'The second convolution was created for 16 input channels, but the first one outputs 32.',
      },
      {
        id: 'uses-first-16',
        text: 'It runs: the second convolution reads the first 16 of the 32 channels.',
        feedback: 'PyTorch never drops channels silently; a channel mismatch is an error.',
      },
      {
        id: 'second-conv-error',
        text: 'The second convolution fails: it expects 16 input channels and gets 32.',
        feedback:
          'Right: a Conv2d weight has shape (out, in, k, k) = (64, 16, 3, 3) and cannot be applied to 32 channels.',
      },
      {
        id: 'first-conv-error',
        text: 'The first convolution fails because padding=1 changes the size.',
        feedback: 'With a 3×3 kernel, padding 1 keeps 64×64; the first layer fits.',
      },
    ],
    answer: ['second-conv-error'],
    explanation:
      "A convolution's `in_channels` must equal the channels of the tensor it gets. The first layer makes 32 " +
      'channels, (2, 32, 64, 64); the second was built with `in_channels=16`, so its weight (64, 16, 3, 3) does ' +
      'not fit and PyTorch raises "expected input to have 16 channels, but got 32 channels". Writing ' +
      "`nn.Conv2d(32, 64, kernel_size=3, padding=1)` fixes it; each layer's in_channels is the previous " +
      "layer's out_channels.",
    difficulty: 1,
    tags: ['code-reading', 'shapes', 'debugging'],
    source: AUTHORS,
  },
  {
    id: 'pt-pool-default-stride-shape',
    topic: 'pytorch-code',
    type: 'mcq',
    stem: `${CONVENTIONS}\n\n${code([
      'model = nn.Sequential(',
      '    nn.Conv2d(3, 16, kernel_size=5, stride=2),',
      '    nn.ReLU(),',
      '    nn.MaxPool2d(3),',
      ')',
      'x = torch.randn(2, 3, 60, 60)',
      'print(model(x).shape)',
    ])}\n\nWhat does it print?`,
    options: [
      {
        id: 'stride-2',
        text: '`torch.Size([2, 16, 13, 13])`',
        feedback: '`nn.MaxPool2d(3)` has stride 3, not 2: the stride defaults to the kernel size.',
      },
      {
        id: 'key',
        text: '`torch.Size([2, 16, 9, 9])`',
        feedback: 'Right: ⌊(60 − 5)/2⌋ + 1 = 28, then ⌊(28 − 3)/3⌋ + 1 = 9.',
      },
      {
        id: 'rounded-up',
        text: '`torch.Size([2, 16, 10, 10])`',
        feedback: 'PyTorch rounds down (ceil_mode=False): ⌊25/3⌋ + 1 = 9, not ⌈25/3⌉ + 1 = 10.',
      },
      {
        id: 'stride-1',
        text: '`torch.Size([2, 16, 26, 26])`',
        feedback: 'A stride-1 pool would give 26; `nn.MaxPool2d(3)` moves 3 pixels at a time.',
      },
      {
        id: 'no-pool',
        text: '`torch.Size([2, 16, 28, 28])`',
        feedback: 'That is the size after the convolution; the pool shrinks it further.',
      },
    ],
    answer: ['key'],
    explanation:
      'Each layer gives $\\lfloor (H + 2p - k)/s \\rfloor + 1$. The convolution (k = 5, s = 2, p = 0): ' +
      '$\\lfloor 55/2 \\rfloor + 1 = 28$. `nn.MaxPool2d(3)` has k = 3 and, since no stride is given, s = 3: ' +
      "$\\lfloor 25/3 \\rfloor + 1 = 9$. The channels are the convolution's 16 and the batch stays 2, so " +
      '(2, 16, 9, 9). The last pixel row and column of the 28×28 map fall outside every pooling window and are ' +
      'dropped.',
    difficulty: 2,
    tags: ['code-reading', 'shapes', 'pooling'],
    source: AUTHORS,
  },
];
