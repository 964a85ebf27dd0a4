/** Conventions the architectures templates' wrong options rely on (merged in `../conventions`). */
import type { Convention } from '../conventions';

export const ARCHITECTURES_CONVENTIONS = {
  'pool-stride-defaults-to-kernel': {
    phrase: 'stride defaults to the kernel size',
    rule: 'nn.MaxPool2d(k) and nn.AvgPool2d(k) use stride k unless a stride is given.',
  },
  'bias-default-true': {
    phrase: 'bias=True unless',
    rule: 'nn.Conv2d and nn.Linear have a bias per output unless created with bias=False.',
  },
  'bn-running-stats-buffers': {
    phrase: 'running statistics are buffers',
    rule: "BatchNorm2d's running_mean and running_var are buffers, not parameters: only γ and β are learned.",
  },
} as const satisfies Record<string, Convention>;
