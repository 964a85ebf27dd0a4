/** Conventions the detection templates' wrong options rely on (merged in `../conventions`). */
import type { Convention } from '../conventions';

export const DETECTION_CONVENTIONS = {
  'continuous-box-coords': {
    phrase: 'continuous coordinates',
    rule: 'torchvision boxes are (x1, y1, x2, y2) in continuous coordinates: area (x2 − x1)(y2 − y1), no + 1.',
  },
  'nms-strictly-greater': {
    phrase: 'strictly greater than',
    rule: 'torchvision.ops.nms discards a box whose IoU with a kept box is strictly greater than the threshold (tf.image.nonMaxSuppression discards at ≥).',
  },
  'ap-all-point': {
    phrase: 'all-point interpolation',
    rule: 'AP is the area under the monotone precision envelope over every recall step (VOC 2010+ and COCO style), not the 11-point VOC 2007 mean or the raw-precision sum.',
  },
} as const satisfies Record<string, Convention>;
