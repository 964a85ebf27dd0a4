/** The optimizers templates, in listing order. */
import type { TemplateDefinition } from '../types';
import { adagradRmspropTemplate } from './adagrad-rmsprop';
import { adamBiasCorrectionTemplate } from './adam-bias-correction';
import { adamwVsL2Template } from './adamw-vs-l2';
import { lrScheduleTemplate } from './lr-schedule';
import { sgdMomentumTemplate } from './sgd-momentum';

export const optimizersTemplates: readonly TemplateDefinition[] = [
  sgdMomentumTemplate,
  adagradRmspropTemplate,
  adamBiasCorrectionTemplate,
  adamwVsL2Template,
  lrScheduleTemplate,
];
