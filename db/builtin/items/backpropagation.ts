import type { BankItemInput } from '../../bank/schema';
import { templateItems } from '../template-items';

const topic = 'backpropagation';

/**
 * Backpropagation: the softmax–cross-entropy gradient, a two-layer network worked by hand and the
 * chain rule through sigmoid and tanh units.
 */
export const backpropagationItems: BankItemInput[] = [
  ...templateItems('softmax-ce-gradient', topic, {
    base: 1,
    tags: ['softmax', 'cross-entropy', 'gradient'],
  }),
  ...templateItems('two-layer-backprop', topic, { base: 2, tags: ['chain-rule', 'mlp'] }),
  ...templateItems('activation-chain-rule', topic, {
    base: 1,
    tags: ['chain-rule', 'sigmoid', 'tanh'],
  }),
];
