import type { BankItemInput } from '../../bank/schema';
import { templateItems } from '../template-items';

/** CNN architectures: ResNet bottlenecks and shortcuts, Inception's 1×1 reductions. */
export const cnnArchitecturesItems: BankItemInput[] = [
  ...templateItems('resnet-bottleneck', 'cnn-architectures', {
    base: 1,
    tags: ['resnet', 'parameters', 'code-reading'],
  }),
  ...templateItems('inception-reduction', 'cnn-architectures', {
    base: 1,
    tags: ['inception', '1x1-convolution', 'multiply-adds'],
  }),
];
