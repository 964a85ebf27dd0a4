/** The foundations templates, in listing order. */
import type { TemplateDefinition } from '../types';
import { multiclassHingeLossTemplate } from './multiclass-hinge-loss';
import { softmaxCrossEntropyTemplate } from './softmax-cross-entropy';

export const foundationsTemplates: readonly TemplateDefinition[] = [
  multiclassHingeLossTemplate,
  softmaxCrossEntropyTemplate,
];
