/** The architectures templates, in listing order. */
import type { TemplateDefinition } from '../types';

export const architecturesTemplates: readonly TemplateDefinition[] = [];
