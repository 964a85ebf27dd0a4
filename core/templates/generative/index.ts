/** The generative templates, in listing order. */
import type { TemplateDefinition } from '../types';
import { ganLossesTemplate } from './gan-losses';
import { ganOptimalD } from './gan-optimal-d';
import { vaeKl } from './vae-kl';
import { vaeReparam } from './vae-reparam';

export const generativeTemplates: readonly TemplateDefinition[] = [
  vaeKl,
  vaeReparam,
  ganOptimalD,
  ganLossesTemplate,
];
