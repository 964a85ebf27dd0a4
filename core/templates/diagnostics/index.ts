/** The diagnostics templates, in listing order. */
import type { TemplateDefinition } from '../types';
import { trainingCurvesTemplate } from './training-curves';

export const diagnosticsTemplates: readonly TemplateDefinition[] = [trainingCurvesTemplate];
