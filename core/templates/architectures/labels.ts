/** Misconception labels of the architectures templates (merged into the registry in `../misconceptions`). */
export const ARCHITECTURES_LABELS = {
  // reading nn.Sequential code
  'flatten-forgot-channels': 'Flattened only the height and width, forgetting the channels',
  'flatten-includes-batch': 'Counted the batch dimension in the features after Flatten',
  'forgot-pooling': 'Left the pooling layers out of the shape calculation',
  'conv-padding-ignored': 'Ignored the padding of the convolutions',
  'pool-stride-one': 'Took the pooling stride as 1 (nn.MaxPool2d(k) has stride k)',
  'params-forgot-biases':
    'Left out the biases (PyTorch layers have bias=True unless told otherwise)',
  'conv-forgot-bias': 'Left out the biases of the convolutions',
  'counted-bias-when-false': 'Counted biases for a layer created with bias=False',
  'linear-added-not-multiplied': 'Added the input and output sizes instead of multiplying them',
  'linear-bias-per-input': 'Gave a Linear layer one bias per input instead of per output',
  // grouped convolution, batch norm
  'groups-ignored': 'Ignored groups (gave every filter all input channels)',
  'groups-divided-twice': 'Divided by the number of groups twice',
  'bn-counted-running-stats':
    'Counted running_mean and running_var as parameters (they are buffers)',
  'forgot-bn-params': "Left out batch norm's learnable γ and β",
  // ResNet
  'forgot-projection': 'Left out the 1×1 projection shortcut',
  'identity-shortcut-counted': 'Gave the identity shortcut weights (it has none)',
  'projection-as-3x3': 'Counted the projection shortcut as a 3×3 convolution',
  'all-convs-3x3': 'Counted the 1×1 convolutions of the bottleneck as 3×3',
  // Inception
  'reduced-counted': 'Gave the cost with the 1×1 reduction instead of without it',
  'direct-counted': 'Gave the cost without the 1×1 reduction instead of with it',
  'reduction-forgot-1x1-cost': 'Left out the cost of the 1×1 reduction itself',
  'reduction-kxk-on-full-input':
    'Let the large convolution still read all input channels after the reduction',
  // DenseNet
  'densenet-forgot-input': "Left out the block's input channels k₀",
  'densenet-off-by-one':
    'Counted one layer too many or too few (the l-th layer sees k₀ + (l − 1)·k)',
  'densenet-added-not-concatenated':
    'Added the feature maps (as ResNet does) instead of concatenating them',
  'densenet-counted-bottleneck-width':
    "Took the bottleneck's 4k maps as what each layer adds instead of k",
  'densenet-forgot-bottleneck': 'Left out the 1×1 bottleneck (the 3×3 read all input channels)',
  'transition-no-compression': 'Forgot the compression of the transition layer',
  'compression-growth-only': 'Compressed only the channels the layers added, not the input k₀',
  // receptive field
  'rf-ignored-strides': 'Ignored the strides of the earlier layers',
  'rf-ignored-dilation': 'Ignored the dilation',
  'rf-sum-of-kernels': 'Added up the kernel sizes',
  'rf-own-stride-counted': "Multiplied each layer's growth by its own stride as well",
  'rf-dilated-extent-k-times-d': 'Took the dilated extent as k·d instead of d·(k − 1) + 1',
  'rf-forgot-plus-one': 'Forgot the one pixel the field starts from',
  'rf-product-of-kernels': 'Multiplied the kernel sizes',
} as const satisfies Record<string, string>;
