/** The detection templates, in listing order. */
import type { TemplateDefinition } from '../types';

export const detectionTemplates: readonly TemplateDefinition[] = [];
