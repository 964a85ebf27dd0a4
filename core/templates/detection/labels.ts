/** Misconception labels of the detection templates (merged into the registry in `../misconceptions`). */
export const DETECTION_LABELS = {
  // box IoU
  'box-union-not-reduced':
    'Divided by the sum of the two box areas without subtracting the overlap',
  'box-iou-over-smaller': 'Divided the overlap by the smaller box instead of the union',
  'box-iou-as-dice': 'Computed the Dice coefficient 2·overlap / (area A + area B) instead of IoU',
  'box-plus-one-pixel': 'Added 1 to every width and height (the old inclusive-pixel convention)',
  'box-xywh-as-xyxy': 'Read (x, y, w, h) boxes as if they were corner coordinates (x1, y1, x2, y2)',
  // non-maximum suppression
  'nms-suppressed-still-suppress': 'Let boxes that were already suppressed suppress others too',
  'nms-suppress-at-threshold':
    'Suppressed boxes whose IoU equals the threshold (torchvision suppresses only above it)',
  'nms-input-order': 'Visited the boxes in the order listed instead of by decreasing score',
  // anchors
  'anchors-scales-plus-ratios': 'Added the scales and aspect ratios instead of multiplying them',
  'anchors-locations-only': 'Counted the feature-map locations but not the anchors at each',
  'anchors-per-location-only': 'Counted the anchors at one location only',
  'anchors-image-pixels': 'Placed anchors at every image pixel instead of every feature-map cell',
  'anchors-one-level': 'Counted only the finest pyramid level',
  // average precision
  'ap-no-envelope': 'Used the raw precision instead of its monotone envelope',
  'ap-eleven-point': 'Used the 11-point interpolation of VOC 2007 instead of all points',
  'ap-divided-by-detected': 'Averaged over the objects found instead of all ground-truth objects',
  'ap-mean-over-ranks': 'Averaged the precision over every rank, false positives included',
  // confusion-matrix metrics
  'precision-recall-swapped': 'Swapped precision and recall (divided by the wrong margin)',
  'f1-arithmetic-mean': 'Took the arithmetic mean of precision and recall instead of the harmonic',
  'f1-as-iou': 'Computed TP / (TP + FP + FN), the IoU, instead of F1',
  'miou-pixel-accuracy': 'Computed the pixel accuracy instead of the mean IoU',
  'miou-frequency-weighted': 'Weighted the class IoUs by class frequency instead of equally',
  'miou-union-not-reduced': 'Divided by row sum + column sum without subtracting the diagonal',
  'miou-mean-dice': 'Averaged the Dice (F1) of each class instead of its IoU',
  'miou-mean-recall': 'Averaged the per-class recall (mean class accuracy) instead of the IoU',
  // atrous convolution
  'atrous-k-times-d': 'Multiplied the kernel size by the dilation',
  'atrous-one-gap': 'Added the d − 1 gap only once instead of between every pair of taps',
  'atrous-extents-summed': 'Added the layer extents without the − 1 overlap of each layer',
  // Grad-CAM and occlusion
  'gradcam-no-relu': 'Left out the ReLU of the weighted sum',
  'gradcam-summed-gradients': 'Summed the gradients over the positions instead of averaging them',
  'gradcam-pixelwise-gradients': 'Multiplied gradient and activation at each position (no pooling)',
  'gradcam-unweighted': 'Added the feature maps without the gradient weights',
  'occlusion-reported-score': 'Reported the occluded score instead of the drop in score',
  'occlusion-weights-only': 'Summed the weights under the patch (the gradient), ignoring the input',
  'occlusion-inputs-only': 'Summed the input values under the patch, ignoring the weights',
} as const satisfies Record<string, string>;
