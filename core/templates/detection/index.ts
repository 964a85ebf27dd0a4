/** The detection templates, in listing order. */
import type { TemplateDefinition } from '../types';
import { anchorCount } from './anchor-count';
import { atrousConv } from './atrous-conv';
import { averagePrecisionTemplate } from './average-precision';
import { boxIouTemplate } from './box-iou';
import { confusionPrf1 } from './confusion-prf1';
import { gradCamTemplate } from './grad-cam';
import { meanIouTemplate } from './mean-iou';
import { nmsTemplate } from './nms';
import { occlusionTemplate } from './occlusion';

export const detectionTemplates: readonly TemplateDefinition[] = [
  boxIouTemplate,
  nmsTemplate,
  anchorCount,
  averagePrecisionTemplate,
  confusionPrf1,
  meanIouTemplate,
  atrousConv,
  gradCamTemplate,
  occlusionTemplate,
];
