/** The sequences templates, in listing order. */
import type { TemplateDefinition } from '../types';

export const sequencesTemplates: readonly TemplateDefinition[] = [];
