import type { BankItemInput } from '../../bank/schema';
import { templateItems } from '../template-items';

/** CNN architectures: ResNet bottlenecks and shortcuts, Inception's 1×1 reductions, receptive fields, DenseNet growth. */
export const cnnArchitecturesItems: BankItemInput[] = [
  ...templateItems('resnet-bottleneck', 'cnn-architectures', {
    base: 1,
    tags: ['resnet', 'parameters', 'code-reading'],
  }),
  ...templateItems('inception-reduction', 'cnn-architectures', {
    base: 1,
    tags: ['inception', '1x1-convolution', 'multiply-adds'],
  }),
  ...templateItems('receptive-field', 'cnn-architectures', {
    base: 0,
    tags: ['receptive-field', 'vgg', 'dilation', 'code-reading'],
  }),
  ...templateItems('densenet-growth', 'cnn-architectures', {
    base: 0,
    tags: ['densenet', 'concatenation', 'parameters'],
  }),
];
