/** The architectures templates, in listing order. */
import type { TemplateDefinition } from '../types';
import { densenetGrowth } from './densenet-growth';
import { inceptionReduction } from './inception-reduction';
import { layerParams } from './layer-params';
import { receptiveFieldTemplate } from './receptive-field';
import { resnetBottleneck } from './resnet-bottleneck';
import { sequentialChain } from './sequential-chain';

export const architecturesTemplates: readonly TemplateDefinition[] = [
  sequentialChain,
  layerParams,
  resnetBottleneck,
  inceptionReduction,
  receptiveFieldTemplate,
  densenetGrowth,
];
