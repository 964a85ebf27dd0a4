import type { BankItemInput } from '../../bank/schema';
import { templateItems } from '../template-items';

/** Reading PyTorch code: shapes through an nn.Sequential, parameter counts of layers. */
export const pytorchCodeItems: BankItemInput[] = [
  ...templateItems('sequential-chain', 'pytorch-code', {
    base: 1,
    tags: ['code-reading', 'shapes', 'parameters'],
  }),
  ...templateItems('layer-params', 'pytorch-code', {
    base: 0,
    tags: ['code-reading', 'parameters'],
  }),
];
