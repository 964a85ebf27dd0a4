/** The foundations templates, in listing order. */
import type { TemplateDefinition } from '../types';
import { multiclassHingeLossTemplate } from './multiclass-hinge-loss';

export const foundationsTemplates: readonly TemplateDefinition[] = [multiclassHingeLossTemplate];
