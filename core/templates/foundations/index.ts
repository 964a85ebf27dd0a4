/** The foundations templates, in listing order. */
import type { TemplateDefinition } from '../types';

export const foundationsTemplates: readonly TemplateDefinition[] = [];
