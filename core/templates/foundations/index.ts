/** The foundations templates, in listing order. */
import type { TemplateDefinition } from '../types';
import { activationChainRuleTemplate } from './activation-chain-rule';
import { multiclassHingeLossTemplate } from './multiclass-hinge-loss';
import { softmaxCeGradientTemplate } from './softmax-ce-gradient';
import { softmaxCrossEntropyTemplate } from './softmax-cross-entropy';
import { twoLayerBackpropTemplate } from './two-layer-backprop';

export const foundationsTemplates: readonly TemplateDefinition[] = [
  multiclassHingeLossTemplate,
  softmaxCrossEntropyTemplate,
  softmaxCeGradientTemplate,
  twoLayerBackpropTemplate,
  activationChainRuleTemplate,
];
