/** The generative templates, in listing order. */
import type { TemplateDefinition } from '../types';

export const generativeTemplates: readonly TemplateDefinition[] = [];
