/** The optimizers templates, in listing order. */
import type { TemplateDefinition } from '../types';

export const optimizersTemplates: readonly TemplateDefinition[] = [];
