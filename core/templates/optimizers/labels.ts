/** Misconception labels of the optimizers templates (merged into the registry in `../misconceptions`). */
export const OPTIMIZERS_LABELS = {
  // SGD with momentum and Nesterov
  'momentum-ignored': 'Ignored the momentum buffer (took plain SGD steps w − η·g)',
  'momentum-old-velocity': 'Stepped with the old buffer before adding the new gradient to it',
  'momentum-dampened':
    'Averaged the buffer as v ← μv + (1 − μ)g (dampening μ) instead of v ← μv + g',
  'momentum-lr-twice': 'Put η into the buffer (v ← μv + ηg) and then multiplied by η again',
  'nesterov-plain-momentum': 'Took a plain momentum step (along v) instead of along g + μv',
  'nesterov-old-velocity': 'Looked ahead with the old buffer: stepped along g + μ·v_old',
  // AdaGrad and RMSProp
  'adaptive-ignored': 'Took plain SGD steps, ignoring the squared-gradient accumulator',
  'adagrad-no-sqrt': 'Divided by the accumulated sum G itself instead of √G',
  'adagrad-current-gradient-only': 'Divided by the current |g| only, forgetting earlier gradients',
  'adagrad-mean-not-sum': 'Averaged the squared gradients instead of summing them',
  'rmsprop-alpha-swapped': 'Swapped the weights: s ← (1 − α)s + αg² instead of αs + (1 − α)g²',
  'rmsprop-no-sqrt': 'Divided by the running average s itself instead of √s',
  'rmsprop-alpha-0.9': 'Used α = 0.9 (the TensorFlow/Keras default) instead of PyTorch’s 0.99',
  'rmsprop-bias-corrected': 'Bias-corrected the running average as Adam does (RMSprop does not)',
  // Adam
  'adam-no-bias-correction': 'Left out the bias correction (used m and v as they are)',
  'adam-correction-off-by-one':
    'Bias-corrected with t + 1 (one step too many) instead of the step count t',
  'adam-eps-inside-sqrt': 'Put ε inside the square root, √(v̂ + ε), instead of √v̂ + ε',
  'adam-no-sqrt': 'Divided by v̂ instead of √v̂',
  'adam-squared-momentum': 'Fed the squared first moment m² into v instead of the squared gradient',
  'adam-correct-only-m': 'Bias-corrected the first moment only',
  // AdamW against Adam with L2
  'adamw-as-l2': 'Added λw to the gradient (Adam’s L2 weight decay) instead of decoupled decay',
  'l2-as-adamw': 'Decayed the weight directly (AdamW) instead of adding λw to the gradient',
  'decay-without-lr': 'Decayed the weight by λ·w instead of lr·λ·w',
  'weight-decay-ignored': 'Left the weight decay out',
  'decay-after-step': 'Decayed the already updated weight instead of the weight before the step',
  'l2-gradient-2lambda': 'Added 2λw (the gradient of λw²) instead of weight_decay’s λw',
  // learning-rate schedules
  'schedule-off-by-one': 'Counted one scheduler step too many (the lr of the following epoch)',
  'step-decay-ceil': 'Rounded the number of decays up, ⌈t/step⌉, instead of down',
  'step-decay-every-epoch': 'Decayed every epoch (exponential) instead of every step_size epochs',
  'decay-applied-once': 'Applied the decay factor once instead of once per decay',
  'gamma-as-decay-rate': 'Multiplied by 1 − γ instead of by γ',
  'cosine-no-half': 'Left out the 1 + … and the ½: used η_min + (η0 − η_min)·cos(πt/T)',
  'cosine-no-pi': 'Took the cosine of t/T in radians without the factor π',
  'cosine-linear': 'Decayed linearly from η0 to η_min instead of along the cosine',
  'warmup-from-zero': 'Warmed up from 0, ignoring the start factor',
  'warmup-forgot-one-minus-start': 'Added the progress t/T to the start factor without (1 − s)',
  // batch size, updates, scaling
  'batches-rounding-swapped': 'Rounded the batch count the wrong way for the drop_last setting',
  'batches-one-per-sample': 'Counted one update per sample instead of one per batch',
  'batches-forgot-epochs': 'Counted the updates of one epoch only',
  'batches-rounded-once': 'Divided all samples of all epochs by B and rounded once',
  'scaling-inverted': 'Scaled the learning rate by B0/B instead of B/B0',
  'scaling-sqrt': 'Scaled the learning rate by √(B/B0) (the square-root rule)',
  'scaling-ignored': 'Kept the learning rate unchanged',
} as const satisfies Record<string, string>;
