/** The sequences templates, in listing order. */
import type { TemplateDefinition } from '../types';
import { attentionSdp } from './attention-sdp';
import { beamSearch } from './beam-search';
import { bpttLinear } from './bptt-linear';
import { mhaParams } from './mha-params';
import { positionalEncoding } from './positional-encoding';
import { rnnParams } from './rnn-params';

export const sequencesTemplates: readonly TemplateDefinition[] = [
  attentionSdp,
  mhaParams,
  positionalEncoding,
  rnnParams,
  bpttLinear,
  beamSearch,
];
