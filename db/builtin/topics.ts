/**
 * The topics of the built-in bank. The ids are fixed: templates, mastery and the UI refer to them.
 */
export const builtinTopics = [
  { id: 'normalization', title: 'Batch and layer normalisation' },
  { id: 'regularization', title: 'Regularisation: L1, L2, weight decay, early stopping' },
  { id: 'dropout', title: 'Dropout' },
  { id: 'augmentation', title: 'Data augmentation' },
  { id: 'capacity', title: 'Model capacity, underfitting and overfitting' },
  {
    id: 'linear-classifiers',
    title: 'Linear classifiers: scores, hinge loss, softmax cross-entropy',
  },
  { id: 'backpropagation', title: 'Backpropagation and the chain rule' },
  { id: 'training-diagnostics', title: 'Reading training curves: overfitting and early stopping' },
  { id: 'optimization', title: 'Optimisation, vanishing and exploding gradients' },
  { id: 'optimizers', title: 'Optimisers: momentum, AdaGrad, RMSProp, Adam, AdamW' },
  { id: 'activations', title: 'Activations and softmax' },
  { id: 'cnn-arithmetic', title: 'CNN arithmetic: output sizes, parameters, pooling' },
  { id: 'efficient-cnns', title: 'Efficient CNNs: depthwise-separable convolution, MobileNet' },
  {
    id: 'cnn-architectures',
    title: 'CNN architectures: ResNet, Inception, DenseNet and receptive fields',
  },
  { id: 'transfer-learning', title: 'Transfer learning and fine-tuning' },
  { id: 'pytorch-code', title: 'Reading PyTorch code: shapes, parameter counts, shape errors' },
  { id: 'upsampling', title: 'Upsampling: unpooling and transposed convolution' },
  { id: 'segmentation', title: 'Segmentation and its metrics' },
  {
    id: 'object-detection',
    title: 'Object detection: boxes, IoU, anchors, NMS, two-stage and one-stage detectors',
  },
  { id: 'detection-metrics', title: 'Precision, recall, AP and mAP' },
  { id: 'interpretability', title: 'Interpretability: saliency, occlusion, Grad-CAM' },
  {
    id: 'metric-learning',
    title: 'Metric learning: triplet loss, Siamese networks, one-shot learning',
  },
  { id: 'autoencoders', title: 'Autoencoders' },
  { id: 'sequence-models', title: 'Sequence models: RNN, LSTM, GRU' },
  { id: 'seq2seq', title: 'Sequence to sequence: encoder–decoder, teacher forcing, beam search' },
  { id: 'attention', title: 'Attention and Transformers' },
  { id: 'vae', title: 'Variational autoencoders' },
  { id: 'gans', title: 'Generative adversarial networks' },
  { id: 'initialization', title: 'Weight initialisation' },
  {
    id: 'loss-functions',
    title: 'Loss functions: regression, classification, label smoothing, class imbalance',
  },
] as const satisfies readonly { readonly id: string; readonly title: string }[];

/** A topic id of the built-in bank. */
export type BuiltinTopicId = (typeof builtinTopics)[number]['id'];
