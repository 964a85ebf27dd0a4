/**
 * The numeric kernels: pure functions over plain arrays, each checking its arguments and throwing
 * {@link KernelArgError} (naming the argument) instead of returning a wrong number.
 */
export { KernelArgError } from './validate';
export { batchNormStats, layerNormStats, type NormStats } from './normalization';
export {
  conv1d,
  conv2d,
  convTranspose1d,
  convTranspose1dContributions,
  convTranspose2d,
  type ConvTransposeTerm,
} from './convolution';
export { maxPool2d, maxUnpool2d } from './pooling';
export { dice, iou } from './segmentation';
export { leakyRelu, softmax } from './activations';
export { tripletLoss, type TripletDistance } from './losses';
export { regularizedStep, type RegularizerKind } from './regularization';
export { convOutputSize, convTransposeOutputSize } from './shapes';
export * from './layers';
export * from './receptive-field';
export {
  mlpParamCount,
  multiclassHingeLoss,
  perceptronStep,
  softmaxCrossEntropy,
  softmaxCrossEntropyGrad,
  type PerceptronStep,
} from './classifiers';
export {
  centralDifference,
  relativeError,
  sigmoid,
  twoLayerBackprop,
  type HiddenActivation,
  type OutputLoss,
  type TwoLayerNet,
  type TwoLayerPass,
} from './backprop';
export * from './attention';
export * from './recurrent';
export * from './generative';
export * from './detection';
export * from './interpretability';
export * from './optimizers';
export * from './early-stopping';
