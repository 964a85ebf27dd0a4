/** The diagnostics templates, in listing order. */
import type { TemplateDefinition } from '../types';

export const diagnosticsTemplates: readonly TemplateDefinition[] = [];
