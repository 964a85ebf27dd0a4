/** Conventions the optimizers templates' wrong options rely on (merged in `../conventions`). */
import type { Convention } from '../conventions';

export const OPTIMIZERS_CONVENTIONS = {
  'sgd-dampening-zero': {
    phrase: 'dampening 0',
    rule: 'torch.optim.SGD with momentum μ and dampening 0 (its default) accumulates v ← μv + g, not an average μv + (1 − μ)g.',
  },
  'rmsprop-torch-alpha': {
    phrase: '\\alpha = 0.99',
    rule: "torch.optim.RMSprop's smoothing constant alpha defaults to 0.99 (TensorFlow and Keras use rho = 0.9).",
  },
  'eps-outside-sqrt': {
    phrase: 'outside the square root',
    rule: 'torch.optim.Adam, RMSprop and Adagrad divide by √v̂ + ε: ε is added outside the square root.',
  },
  'adamw-decoupled': {
    phrase: 'decoupled',
    rule: 'torch.optim.AdamW shrinks the weight directly, w ← w − lr·λ·w, before the Adam step; the decay never enters the moments.',
  },
  'adam-weight-decay-to-gradient': {
    phrase: 'to the gradient',
    rule: "torch.optim.Adam's weight_decay=λ adds λ·w to the gradient before the moments are updated (an L2 penalty λ/2·Σw²).",
  },
  'scheduler-step-per-epoch': {
    phrase: 'epoch 0',
    rule: 'scheduler.step() is called once at the end of each epoch, so epoch 0 trains with the initial lr and epoch t with the lr after t steps.',
  },
  'drop-last-stated': {
    phrase: 'drop_last',
    rule: 'DataLoader keeps a smaller last batch unless drop_last=True: ⌈N/B⌉ batches, or ⌊N/B⌋ with drop_last=True.',
  },
  'linear-scaling-rule': {
    phrase: 'linear scaling rule',
    rule: 'The linear scaling rule (Goyal et al., 2017) multiplies the learning rate by the same factor as the batch size.',
  },
} as const satisfies Record<string, Convention>;
