/** The loss-function templates, in listing order. */
import type { TemplateDefinition } from '../types';
import { classificationLossesTemplate } from './classification-losses';
import { regressionLossesTemplate } from './regression-losses';

export const lossesTemplates: readonly TemplateDefinition[] = [
  classificationLossesTemplate,
  regressionLossesTemplate,
];
