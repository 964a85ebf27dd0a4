import type { BankItemInput } from '../../bank/schema';
import { AUTHORS } from '../sources';

/** Weight initialisation: symmetry breaking, Xavier/Glorot, He. */
export const initializationItems: BankItemInput[] = [
  {
    id: 'init-zero-symmetry',
    topic: 'initialization',
    type: 'mcq',
    stem: 'What goes wrong if every weight of a multilayer perceptron is initialised to the same constant (for example 0)?',
    options: [
      {
        id: 'nothing',
        text: 'Nothing; the optimiser quickly moves the weights apart.',
        feedback:
          'Identical units get identical updates, so gradient descent never separates them.',
      },
      {
        id: 'symmetry',
        text: 'All units of a layer compute the same output and receive the same gradient, so they stay identical and the layer behaves like a single unit.',
        feedback: 'Correct: random initialisation is needed to break this symmetry.',
      },
      {
        id: 'exploding',
        text: 'The gradients explode immediately.',
        feedback: 'With all-zero weights the gradients of hidden layers are zero, not large.',
      },
      {
        id: 'overfit',
        text: 'The network overfits because it starts with too much capacity.',
        feedback: 'It effectively has far less capacity: each layer acts like one unit.',
      },
    ],
    answer: ['symmetry'],
    explanation: String.raw`If two hidden units have the same incoming and outgoing weights, they compute the same activation for every input and backpropagation gives them the same gradient, so they remain equal forever. With all weights equal, every layer collapses to one effective unit. (With exactly zero weights, hidden-layer gradients are even zero.) Small random values break the symmetry; biases can still start at zero.`,
    difficulty: 2,
    tags: ['initialisation', 'symmetry-breaking'],
    source: AUTHORS,
  },
  {
    id: 'init-he-std',
    topic: 'initialization',
    type: 'numeric',
    stem: String.raw`A dense ReLU layer has 512 inputs. With He (Kaiming) normal initialisation, $w \sim \mathcal{N}(0, 2/n_{\text{in}})$, what is the standard deviation of its weights?`,
    answer: { value: 0.0625, tolerance: { abs: 0.0005 } },
    answerFormat: 'a number rounded to 4 decimals',
    explanation: String.raw`$\sigma = \sqrt{2/n_{\text{in}}} = \sqrt{2/512} = \sqrt{1/256} = 1/16 = 0.0625$.`,
    difficulty: 2,
    tags: ['initialisation', 'he-init', 'relu'],
    source: AUTHORS,
  },
  {
    id: 'init-xavier-variance',
    topic: 'initialization',
    type: 'numeric',
    stem: String.raw`A tanh layer maps 300 inputs to 100 outputs. Xavier (Glorot) initialisation sets $\mathrm{Var}(w) = \frac{2}{n_{\text{in}} + n_{\text{out}}}$. What is that variance?`,
    answer: { value: 0.005, tolerance: { abs: 0.00005 } },
    answerFormat: 'a number',
    explanation: String.raw`$\frac{2}{300 + 100} = \frac{2}{400} = 0.005$ (standard deviation $\sqrt{0.005} \approx 0.0707$). The average of fan-in and fan-out compromises between keeping activations' variance stable in the forward pass ($1/n_{\text{in}}$) and gradients' variance stable in the backward pass ($1/n_{\text{out}}$).`,
    difficulty: 2,
    tags: ['initialisation', 'xavier-init'],
    source: AUTHORS,
  },
  {
    id: 'init-he-vs-xavier',
    topic: 'initialization',
    type: 'mcq',
    stem: String.raw`Why does He initialisation use variance $2/n_{\text{in}}$ for ReLU layers instead of the $1/n_{\text{in}}$ that suits tanh?`,
    options: [
      {
        id: 'relu-larger',
        text: 'ReLU outputs are always larger than tanh outputs, so the weights must be larger.',
        feedback: 'The factor comes from the zeroed half of the inputs, not from output size.',
      },
      {
        id: 'two-layers',
        text: 'Each ReLU layer counts as two layers.',
        feedback: 'There is no such convention; the 2 comes from the variance calculation.',
      },
      {
        id: 'arbitrary',
        text: 'It is an arbitrary choice that works in practice.',
        feedback:
          'It follows from requiring the activation variance to stay constant through ReLU layers.',
      },
      {
        id: 'half-zeroed',
        text: 'ReLU sets about half of its inputs to zero, halving the signal’s second moment; the factor 2 compensates.',
        feedback: 'Correct.',
      },
    ],
    answer: ['half-zeroed'],
    explanation: String.raw`For $y = \sum_{i=1}^{n} w_i x_i$ with independent zero-mean weights, $\mathrm{Var}(y) = n\,\mathrm{Var}(w)\,\mathbb{E}[x^2]$. If $x = \mathrm{ReLU}(z)$ with $z$ symmetric around zero, $\mathbb{E}[x^2] = \frac{1}{2}\mathrm{Var}(z)$. Keeping $\mathrm{Var}(y) = \mathrm{Var}(z)$ from layer to layer therefore needs $n\,\mathrm{Var}(w) \cdot \frac{1}{2} = 1$, i.e. $\mathrm{Var}(w) = 2/n$. With $1/n$ the signal would halve at every layer and vanish in deep ReLU networks.`,
    difficulty: 4,
    tags: ['initialisation', 'he-init', 'xavier-init', 'relu'],
    source: AUTHORS,
  },
  {
    id: 'init-too-large-tanh',
    topic: 'initialization',
    type: 'mcq',
    stem: String.raw`A deep tanh network is initialised with weights drawn from $\mathcal{N}(0, 1)$ although each layer has 1000 inputs. What happens at the start of training?`,
    options: [
      {
        id: 'fast-learning',
        text: 'Training is especially fast because large weights give large gradients.',
        feedback: 'Saturated tanh units have derivatives close to zero, so gradients are tiny.',
      },
      {
        id: 'linear',
        text: 'All units operate in the linear region of tanh.',
        feedback:
          'That is what happens with very small weights; large ones push units into saturation.',
      },
      {
        id: 'saturation',
        text: 'Pre-activations are huge, most tanh units saturate at ±1, their derivatives are near 0, and gradients vanish.',
        feedback: 'Correct.',
      },
      {
        id: 'dead-relu',
        text: 'Units die as in ReLU networks and output exactly zero.',
        feedback: 'tanh units saturate at ±1; they do not output zero.',
      },
    ],
    answer: ['saturation'],
    explanation: String.raw`With unit-variance inputs, a pre-activation sums 1000 terms of variance 1: its standard deviation is about $\sqrt{1000} \approx 32$. tanh of such values is almost always $\pm 1$, where $\tanh'(z) = 1 - \tanh^2(z) \approx 0$, so backpropagated gradients shrink at every layer. Xavier initialisation ($\mathrm{Var}(w) \approx 1/n$) keeps pre-activations of order 1 instead.`,
    difficulty: 3,
    tags: ['initialisation', 'vanishing-gradients', 'tanh'],
    source: AUTHORS,
  },
  {
    id: 'init-conv-he-std',
    topic: 'initialization',
    type: 'numeric',
    stem: String.raw`A $3 \times 3$ convolution with 64 input channels is followed by ReLU. With He normal initialisation ($\sigma = \sqrt{2/\text{fan-in}}$), what is the standard deviation of its weights?`,
    answer: { value: 0.0589256, tolerance: { abs: 0.0005 } },
    answerFormat: 'a number rounded to 4 decimals',
    explanation: String.raw`For a convolution, fan-in is the number of inputs to one output unit: $3 \cdot 3 \cdot 64 = 576$. Then $\sigma = \sqrt{2/576} = \sqrt{1/288} \approx 1/16.97 \approx 0.0589$.`,
    difficulty: 3,
    tags: ['initialisation', 'he-init', 'convolution'],
    source: AUTHORS,
  },
  {
    id: 'init-facts',
    topic: 'initialization',
    type: 'msq',
    stem: 'Which statements about weight initialisation are true? Select all that apply.',
    options: [
      {
        id: 'bn-irrelevant',
        text: 'With batch normalisation, the scale of the initial weights has no effect at all on training.',
        feedback:
          'False: BN removes much of the sensitivity, but initialisation still matters, e.g. for layers without BN, residual branches and the effective learning rate.',
      },
      {
        id: 'bias-zero',
        text: 'Initialising biases to zero is common and harmless when the weights are random.',
        feedback: 'True: the random weights already break the symmetry.',
      },
      {
        id: 'random-breaks-symmetry',
        text: 'Random weights are needed so that units of the same layer can learn different features.',
        feedback: 'True.',
      },
      {
        id: 'variance-preserving',
        text: 'Good schemes keep the variance of activations (and gradients) roughly constant from layer to layer.',
        feedback: 'True: that is the principle behind Xavier and He initialisation.',
      },
    ],
    answer: ['bias-zero', 'random-breaks-symmetry', 'variance-preserving'],
    explanation: String.raw`Initialisation must break symmetry (random weights) and keep signals at a sensible scale through depth (variance-preserving scaling such as Xavier for tanh and He for ReLU). Biases usually start at zero. Normalisation layers make training much more robust to the weight scale, but do not make initialisation irrelevant; residual networks, for example, often initialise the last layer of each branch to zero on purpose.`,
    difficulty: 3,
    tags: ['initialisation', 'xavier-init', 'he-init'],
    source: AUTHORS,
  },
  {
    id: 'init-glorot-uniform-limit',
    topic: 'initialization',
    type: 'numeric',
    stem: String.raw`Glorot uniform initialisation draws weights from $U(-a, a)$ with $a = \sqrt{6/(n_{\text{in}} + n_{\text{out}})}$. What is $a$ for a layer with 150 inputs and 150 outputs?`,
    answer: { value: 0.141421, tolerance: { abs: 0.0005 } },
    answerFormat: 'a number rounded to 4 decimals',
    explanation: String.raw`$a = \sqrt{6/300} = \sqrt{0.02} \approx 0.1414$. A uniform distribution on $(-a, a)$ has variance $a^2/3 = 0.02/3 \approx 0.00667$, which equals the Glorot target $2/(150 + 150)$: the $6$ is there to make the uniform and normal versions match.`,
    difficulty: 3,
    tags: ['initialisation', 'xavier-init'],
    source: AUTHORS,
  },
  {
    id: 'init-kaiming-linear-code',
    topic: 'initialization',
    type: 'mcq',
    stem:
      String.raw`In PyTorch, ${'`'}kaiming_normal_${'`'} draws from $\mathcal{N}(0, \text{std}^2)$ with $\text{std} = \text{gain}/\sqrt{\text{fan}}$, where the gain is $\sqrt{2}$ for ${'`'}nonlinearity='relu'${'`'}; ${'`'}nn.Linear(in_features, out_features)${'`'} stores its weight as an ${'`'}out_features${'`'} × ${'`'}in_features${'`'} matrix. What standard deviation do these weights get?

` +
      "```python\nlayer = nn.Linear(256, 128)\nnn.init.kaiming_normal_(layer.weight, mode='fan_in', nonlinearity='relu')\n```",
    options: [
      {
        id: 'fan-out',
        text: String.raw`$\sqrt{2/128} = 0.125$`,
        feedback:
          "128 is the fan-out (the first dimension of the weight, `out_features`). `mode='fan_in'` uses the number of inputs, 256.",
      },
      {
        id: 'variance',
        text: String.raw`$2/256 \approx 0.0078$`,
        feedback: 'That is the variance of the weights; the standard deviation is its square root.',
      },
      {
        id: 'no-gain',
        text: String.raw`$1/\sqrt{256} = 0.0625$`,
        feedback:
          'This leaves out the ReLU gain $\\sqrt{2}$, which makes up for ReLU zeroing about half of its inputs; $1/\\sqrt{\\text{fan\\_in}}$ is the scale for linear or tanh-like layers.',
      },
      {
        id: 'he',
        text: String.raw`$\sqrt{2/256} \approx 0.0884$`,
        feedback: 'Correct: fan-in 256 and gain $\\sqrt{2}$.',
      },
      {
        id: 'xavier',
        text: String.raw`$\sqrt{2/(256 + 128)} \approx 0.0722$`,
        feedback:
          'That is Xavier (Glorot) normal, which averages fan-in and fan-out; Kaiming initialisation uses one fan only.',
      },
    ],
    answer: ['he'],
    explanation: String.raw`PyTorch computes the fans from the weight's shape: for a 2-D weight of shape ${'`'}(out, in)${'`'}, fan_in is the second dimension and fan_out the first. Here the weight is $128 \times 256$, so fan_in $= 256$ and
$$\text{std} = \frac{\sqrt{2}}{\sqrt{256}} = \frac{1.4142}{16} \approx 0.0884,$$
i.e. variance $2/256$. The ${'`'}fan_in${'`'} mode keeps the variance of the activations constant in the forward pass; ${'`'}fan_out${'`'} would keep that of the gradients constant in the backward pass and give $\sqrt{2/128} = 0.125$ here.`,
    difficulty: 3,
    tags: ['code-reading', 'initialisation', 'he-init', 'pytorch'],
    source: AUTHORS,
  },
  {
    id: 'init-kaiming-conv-fan-out-code',
    topic: 'initialization',
    type: 'numeric',
    stem:
      String.raw`torchvision's ResNets initialise their convolutions as below. In PyTorch a ${'`'}Conv2d${'`'} weight has shape (out_channels, in_channels, kH, kW); fan_in $=$ in_channels $\cdot\, k_H k_W$ and fan_out $=$ out_channels $\cdot\, k_H k_W$; ${'`'}kaiming_normal_${'`'} uses $\text{std} = \text{gain}/\sqrt{\text{fan}}$ with gain $\sqrt{2}$ for ReLU. What is the standard deviation of these weights?

` +
      "```python\nconv = nn.Conv2d(64, 128, kernel_size=3, bias=False)\nnn.init.kaiming_normal_(conv.weight, mode='fan_out', nonlinearity='relu')\n```",
    answer: { value: 0.0416667, tolerance: { abs: 0.0005 } },
    answerFormat: 'a number rounded to 4 decimals',
    hints: [
      String.raw`The weight has shape $(128, 64, 3, 3)$; ${'`'}mode='fan_out'${'`'} uses the first dimension times the kernel area.`,
      String.raw`fan_out $= 128 \cdot 3 \cdot 3 = 1152$.`,
    ],
    explanation: String.raw`The weight has shape $(128, 64, 3, 3)$, so fan_out $= 128 \cdot 9 = 1152$ and
$$\text{std} = \sqrt{\frac{2}{1152}} = \sqrt{\frac{1}{576}} = \frac{1}{24} \approx 0.0417.$$
With the default ${'`'}mode='fan_in'${'`'} it would be $\sqrt{2/(64 \cdot 9)} = \sqrt{2/576} \approx 0.0589$. Fan-out mode keeps the variance of the backpropagated gradients constant from layer to layer (each input position feeds $128 \cdot 9$ weights on the way back), fan-in mode that of the forward activations; for a stack whose layers keep the channel count, both give the same value.`,
    difficulty: 3,
    tags: ['code-reading', 'initialisation', 'he-init', 'convolution', 'pytorch'],
    source: AUTHORS,
  },
  {
    id: 'init-xavier-tanh-gain',
    topic: 'initialization',
    type: 'numeric',
    stem:
      String.raw`PyTorch's ${'`'}xavier_uniform_${'`'} draws from $U(-a, a)$ with $a = \text{gain} \cdot \sqrt{6/(\text{fan\_in} + \text{fan\_out})}$, and ${'`'}calculate_gain('tanh')${'`'} returns $5/3$. What is $a$ here?

` +
      "```python\nlayer = nn.Linear(400, 200)\nnn.init.xavier_uniform_(layer.weight, gain=nn.init.calculate_gain('tanh'))\n```",
    answer: { value: 0.166667, tolerance: { abs: 0.0005 } },
    answerFormat: 'a number rounded to 4 decimals',
    explanation: String.raw`fan_in $= 400$ and fan_out $= 200$ (the weight is $200 \times 400$; their sum is the same whichever way round they are read). So
$$a = \frac{5}{3}\sqrt{\frac{6}{600}} = \frac{5}{3} \times 0.1 \approx 0.1667.$$
The $\sqrt{6/(\text{fan\_in} + \text{fan\_out})}$ part gives the uniform distribution the Glorot variance $a^2/3 = 2/(\text{fan\_in} + \text{fan\_out})$. The gain $5/3$ makes up for tanh shrinking the signal: its slope is 1 only at 0 and smaller elsewhere, so without the gain the activations' variance would decay through a deep tanh stack. The default gain is 1, the right value for a layer with no non-linearity after it; for tanh layers it lets the signal fade slowly with depth.`,
    difficulty: 3,
    tags: ['code-reading', 'initialisation', 'xavier-init', 'tanh', 'pytorch'],
    source: AUTHORS,
  },
  {
    id: 'init-pytorch-default-linear',
    topic: 'initialization',
    type: 'mcq',
    stem: String.raw`An ${'`'}nn.Linear(100, 10)${'`'} is created and keeps PyTorch's default initialisation, which calls ${'`'}kaiming_uniform_(weight, a=math.sqrt(5))${'`'}: the leaky-ReLU gain $\sqrt{2/(1 + a^2)}$ and the bound $\text{gain} \cdot \sqrt{3/\text{fan\_in}}$. From which distribution are the weights drawn?`,
    options: [
      {
        id: 'he-normal',
        text: String.raw`$\mathcal{N}(0,\ 2/100)$, He normal for ReLU`,
        feedback:
          'The default is uniform, and the $a = \\sqrt{5}$ gain makes it much narrower than He initialisation, whose standard deviation here would be about 0.141.',
      },
      {
        id: 'xavier',
        text: String.raw`$U\bigl(-\sqrt{6/110},\ \sqrt{6/110}\bigr) \approx U(-0.234,\ 0.234)$, Glorot uniform`,
        feedback:
          'PyTorch uses Glorot initialisation only when you call `xavier_uniform_` yourself; the default depends on the fan-in alone.',
      },
      {
        id: 'default-bound',
        text: String.raw`$U(-0.1,\ 0.1)$, that is $U\bigl(-1/\sqrt{\text{fan\_in}},\ 1/\sqrt{\text{fan\_in}}\bigr)$`,
        feedback:
          'Correct: the gain is $\\sqrt{2/6} = \\sqrt{1/3}$, and $\\sqrt{1/3} \\cdot \\sqrt{3/100} = 0.1$.',
      },
      {
        id: 'zeros',
        text: 'All zeros, with only the biases random',
        feedback:
          'Zero weights would make every output unit compute the same thing; PyTorch never initialises weights to zero by default.',
      },
    ],
    answer: ['default-bound'],
    explanation: String.raw`With $a = \sqrt{5}$ the gain is $\sqrt{2/(1 + 5)} = \sqrt{1/3}$, so the bound is $\sqrt{1/3} \cdot \sqrt{3/100} = \sqrt{1/100} = 0.1$: the weights are $U(-0.1, 0.1)$, and the biases use the same bound $1/\sqrt{\text{fan\_in}}$. The variance is $a^2/3 = 0.01/3 \approx 0.0033$, one sixth of He's $2/\text{fan\_in} = 0.02$. In a deep stack of plain ReLU layers without normalisation, $\text{fan\_in} \cdot \mathrm{Var}(w) \cdot \tfrac{1}{2} = 1/6$ per layer makes the signal shrink quickly, so such networks should call ${'`'}nn.init.kaiming_normal_(w, nonlinearity='relu')${'`'} (or ${'`'}kaiming_uniform_${'`'}) explicitly; with batch norm or residual connections the default usually does no harm.`,
    difficulty: 4,
    tags: ['initialisation', 'pytorch', 'he-init', 'defaults'],
    source: AUTHORS,
  },
  {
    id: 'init-lecun-relu-depth',
    topic: 'initialization',
    type: 'numeric',
    stem: String.raw`In a deep ReLU network each layer computes $z_{l+1} = W_l\,\mathrm{ReLU}(z_l)$ with $n = 1000$ inputs per unit and independent zero-mean weights, so that (for $z_l$ symmetric about zero) $\mathrm{Var}(z_{l+1}) = n\,\mathrm{Var}(w) \cdot \tfrac{1}{2}\mathrm{Var}(z_l)$. The weights are initialised with $\mathrm{Var}(w) = 1/n$ instead of He's $2/n$. By what factor has the variance of the pre-activations changed after 20 layers, $\mathrm{Var}(z_{21})/\mathrm{Var}(z_1)$?`,
    answer: { value: 9.5367431640625e-7, tolerance: { rel: 0.01 } },
    answerFormat: 'a number (scientific notation such as 1.5e-6 is fine)',
    hints: [
      'Find the factor by which one layer multiplies the variance; 20 layers apply it 20 times.',
      String.raw`One layer: $n \cdot \frac{1}{n} \cdot \frac{1}{2} = \frac{1}{2}$.`,
    ],
    explanation: String.raw`Each layer multiplies the variance by $n \cdot \frac{1}{n} \cdot \frac{1}{2} = \frac{1}{2}$: ReLU zeroes half of its symmetric input, and weights of variance $1/n$ do not make up for it. From $z_1$ to $z_{21}$ are 20 layers:
$$\left(\tfrac{1}{2}\right)^{20} = \frac{1}{1048576} \approx 9.54 \times 10^{-7},$$
so the standard deviation has shrunk $2^{10} = 1024$-fold and the last layers see almost no signal; the backpropagated gradients shrink the same way. With He's $\mathrm{Var}(w) = 2/n$ the factor is $n \cdot \frac{2}{n} \cdot \frac{1}{2} = 1$ and the scale is kept at every depth; with $3/n$ it would grow as $1.5^{20} \approx 3325$.`,
    difficulty: 4,
    tags: ['initialisation', 'he-init', 'relu', 'vanishing-gradients'],
    source: AUTHORS,
  },
  {
    id: 'init-zero-init-residual',
    topic: 'initialization',
    type: 'mcq',
    stem: "torchvision's `resnet50(zero_init_residual=True)` sets the scale γ of the last batch-norm layer in every residual branch to 0 at initialisation. What does that do at the start of training?",
    options: [
      {
        id: 'symmetry',
        text: 'The network cannot learn: the zeros leave the units of each branch identical forever.',
        feedback:
          'Only one γ per branch is zero; the convolutions stay random, so their units differ. γ itself gets a non-zero gradient, so the branches switch on after the first steps.',
      },
      {
        id: 'identity',
        text: 'Each residual block starts as the identity, $x + 0$, so the deep network first behaves like a much shallower one and signals and gradients pass unchanged along the skip paths; the branches grow in from there.',
        feedback: 'Correct: it is a way to make a very deep network start easy to train.',
      },
      {
        id: 'zero-output',
        text: 'The whole network outputs zero, because every block multiplies its input by 0.',
        feedback:
          'Each block computes $x + \\text{branch}(x)$. With the branch zeroed it passes $x$ through unchanged instead of zeroing it.',
      },
      {
        id: 'no-bn',
        text: 'Batch normalisation is removed from those branches for good.',
        feedback: 'γ is a learnable parameter: it starts at 0 and is trained like any other.',
      },
    ],
    answer: ['identity'],
    explanation: String.raw`A residual block outputs $x + \mathrm{BN}_\gamma(F(x))$ (followed by a ReLU in ResNets). With the last $\gamma = 0$ the branch contributes only its shift $\beta$, which also starts at 0, so every block initially passes its input straight on, and a 50-layer network starts out as a shallow stem-plus-head network whose signals and gradients do not grow or shrink with depth. The gradient of the loss with respect to $\gamma$ is $\sum \frac{\partial L}{\partial y}\,\hat{x}$, with $\hat{x}$ the normalised branch activations, which is not zero; once $\gamma$ moves away from zero, gradients reach the branch's convolutions too. Zeroing one scale is not a symmetry problem, because the weights feeding it remain random. The trick was reported to help large-batch training of ResNets, and initialisations such as Fixup use the same idea without batch norm.`,
    difficulty: 4,
    tags: ['initialisation', 'residual-connections', 'batch-norm'],
    source: AUTHORS,
  },
];
