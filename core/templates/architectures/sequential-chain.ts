/**
 * `sequential-chain`: read a short `nn.Sequential` (Conv2d → ReLU → MaxPool2d blocks, then
 * Flatten → Linear) and give the `in_features` the Linear needs or the model's parameter count,
 * with the shape-and-parameter table as parts. Shapes and counts come from `walkSequential`.
 */
import { walkSequential, type LayerSpec } from '../../kernels';
import { numberAnswer, wrong } from '../answers';
import { finishDraw } from '../draw-rules';
import type { Rng } from '../rng';
import { Redraw } from '../types';
import type { Distractor, ParamBag, Problem, ProblemPart, TemplateDefinition } from '../types';
import { unreachable } from '../../types';
import { python, sequential, shape } from './code';

type Ask = 'in-features' | 'total-params';
const ASKS: readonly Ask[] = ['in-features', 'total-params'];

interface Block {
  readonly conv: { inC: number; outC: number; k: number; s: number; p: number };
}

/** Spatial size after the blocks under a (possibly mistaken) rule for conv and pool sizes. */
function sizeAfter(
  size: number,
  blocks: readonly Block[],
  rule: { padding?: boolean; pool?: 'kernel' | 'one' | 'none'; plusOne?: boolean; ceil?: boolean },
): number | undefined {
  let h = size;
  for (const { conv } of blocks) {
    const p = rule.padding === false ? 0 : conv.p;
    const span = h + 2 * p - conv.k;
    if (span < 0) return undefined;
    h =
      (rule.ceil === true ? Math.ceil(span / conv.s) : Math.floor(span / conv.s)) +
      (rule.plusOne === false ? 0 : 1);
    const pool = rule.pool ?? 'kernel';
    if (pool === 'none') continue;
    const stride = pool === 'one' ? 1 : 2;
    if (h < 2) return undefined;
    h = (rule.ceil === true ? Math.ceil((h - 2) / stride) : Math.floor((h - 2) / stride)) + 1;
  }
  return h > 0 ? h : undefined;
}

function drawBlocks(rng: Rng, level: 1 | 2 | 3, inC: number): Block[] {
  const count = level === 1 ? 1 : level === 2 ? rng.int(1, 2) : 2;
  const blocks: Block[] = [];
  let c = inC;
  for (let i = 0; i < count; i++) {
    const k = rng.pick(level === 1 ? [3, 5] : [3, 5, 7]);
    const same = rng.chance(0.5);
    const p = same ? (k - 1) / 2 : level === 1 ? 0 : rng.int(0, 1);
    const s = level === 3 && i === 0 && rng.chance(0.4) ? 2 : 1;
    const outC = rng.pick(i === 0 ? [6, 8, 16, 32] : [16, 32, 64]);
    blocks.push({ conv: { inC: c, outC, k, s, p } });
    c = outC;
  }
  return blocks;
}

function draw(rng: Rng, params: ParamBag): Problem {
  const level = params.level;
  const ask = (params.str('ask') ?? (level === 1 ? 'in-features' : rng.pick(ASKS))) as Ask;
  const inC = rng.pick([1, 3]);
  const size = rng.pick(level === 1 ? [28, 32] : [28, 32, 48, 64]);
  const batch = rng.pick([4, 8, 16, 32, 64]);
  const classes = rng.pick([2, 5, 10, 100]);
  const blocks = drawBlocks(rng, level, inC);
  const h = sizeAfter(size, blocks, {});
  if (h === undefined || h < 2) throw new Redraw('too small');
  const lastC = blocks[blocks.length - 1].conv.outC;
  const features = lastC * h * h;
  const layers: LayerSpec[] = [];
  for (const { conv } of blocks) {
    layers.push(
      {
        kind: 'conv2d',
        inChannels: conv.inC,
        outChannels: conv.outC,
        kernel: conv.k,
        stride: conv.s,
        padding: conv.p,
      },
      { kind: 'relu' },
      { kind: 'maxpool2d', kernel: 2 },
    );
  }
  layers.push({ kind: 'flatten' }, { kind: 'linear', inFeatures: features, outFeatures: classes });
  const walk = walkSequential(layers, [batch, inC, size, size]);
  const codeLines = walk.rows.map((r) =>
    r.layer.kind === 'linear' && ask === 'in-features'
      ? `nn.Linear(n_features, ${classes})`
      : r.code,
  );
  const snippet = python([
    ...(ask === 'in-features' ? ['n_features = ...  # what must this be?'] : []),
    ...sequential('model', codeLines),
    `x = torch.randn(${batch}, ${inC}, ${size}, ${size})`,
    'y = model(x)',
  ]);
  const conventions =
    'PyTorch conventions: tensors are (N, C, H, W); `nn.Conv2d` and `nn.Linear` have bias=True unless ' +
    'told otherwise; in `nn.MaxPool2d(2)` the stride defaults to the kernel size, and each output size rounds down.';
  const question =
    ask === 'in-features'
      ? 'What value of `n_features` makes `model(x)` run?'
      : 'How many parameters does `model` have, i.e. what does `sum(p.numel() for p in model.parameters())` return?';
  const int = (v: number) => numberAnswer(v);
  const convRows = walk.rows.filter((r) => r.layer.kind === 'conv2d');
  const poolRows = walk.rows.filter((r) => r.layer.kind === 'maxpool2d');
  const linearRow = walk.rows[walk.rows.length - 1];
  const distractors: Distractor[] = [];
  const push = (d: Distractor | undefined, key: number, value: number | undefined) => {
    if (d !== undefined && value !== undefined && value !== key && value > 0) distractors.push(d);
  };
  let answer: number;
  let parts: ProblemPart[];
  const rowStep = (r: (typeof walk.rows)[number]) => {
    const l = r.layer;
    const count =
      l.kind === 'conv2d'
        ? `: $${l.outChannels} \\cdot ${l.inChannels} \\cdot ${l.kernel}^2 + ${l.outChannels} = ${r.params}$ parameters`
        : l.kind === 'linear'
          ? `: $${l.inFeatures} \\cdot ${l.outFeatures} + ${l.outFeatures} = ${r.params}$ parameters`
          : ', no parameters';
    return `\`${r.code}\` → ${shape(r.outputShape)}${count}.`;
  };
  switch (ask) {
    case 'in-features': {
      answer = features;
      const alt = (rule: Parameters<typeof sizeAfter>[2]) => {
        const a = sizeAfter(size, blocks, rule);
        return a === undefined ? undefined : lastC * a * a;
      };
      const hasPadding = blocks.some((b) => b.conv.p > 0);
      const v1 = h * h;
      push(
        wrong(
          'flatten-forgot-channels',
          int(v1),
          `Flatten keeps all ${lastC} channels: the features are $C \\cdot H \\cdot W$, not $H \\cdot W$.`,
        ),
        answer,
        v1,
      );
      const v2 = alt({ pool: 'none' });
      push(
        wrong(
          'forgot-pooling',
          int(v2 ?? 0),
          'Each `nn.MaxPool2d(2)` halves the height and width before Flatten.',
        ),
        answer,
        v2,
      );
      const v3 = hasPadding ? alt({ padding: false }) : undefined;
      push(
        wrong(
          'conv-padding-ignored',
          int(v3 ?? 0),
          'The padding adds $2p$ to the height and width before the kernel slides.',
        ),
        answer,
        v3,
      );
      const v4 = alt({ pool: 'one' });
      push(
        wrong(
          'pool-stride-one',
          int(v4 ?? 0),
          '`nn.MaxPool2d(2)` has stride 2 (the stride defaults to the kernel size), so it halves the size.',
          'pool-stride-defaults-to-kernel',
        ),
        answer,
        v4,
      );
      const v5 = batch * features;
      push(
        wrong(
          'flatten-includes-batch',
          int(v5),
          `\`nn.Flatten()\` keeps the batch dimension: the input to Linear is (${batch}, n_features), and \`in_features\` counts one sample.`,
        ),
        answer,
        v5,
      );
      const v6 = alt({ plusOne: false });
      push(
        wrong(
          'output-size-no-plus-one',
          int(v6 ?? 0),
          'The output size is $\\lfloor (H + 2p - k)/s \\rfloor + 1$: the first position of the kernel counts too.',
        ),
        answer,
        v6,
      );
      const v7 = alt({ ceil: true });
      push(
        wrong(
          'rounded-up',
          int(v7 ?? 0),
          'PyTorch rounds the output size down (ceil_mode=False).',
          'output-size-rounds-down',
        ),
        answer,
        v7,
      );
      parts = convRows.flatMap((r, i) => [
        {
          id: `conv${i + 1}-size`,
          prompt: `The height (= width) of the output of \`${r.code}\`.`,
          answer: int(r.outputShape[2]),
          hint: 'Use $\\lfloor (H + 2p - k)/s \\rfloor + 1$ on the height that enters it.',
        },
        {
          id: `pool${i + 1}-size`,
          prompt: `The height (= width) after the ${i === 0 ? 'first' : 'second'} \`nn.MaxPool2d(2)\`.`,
          answer: int(poolRows[i].outputShape[2]),
          hint: 'A 2×2 window with stride 2 halves the size, rounding down.',
        },
      ]);
      break;
    }
    case 'total-params': {
      answer = walk.totalParams;
      const biases = convRows.reduce(
        (n, r) => n + (r.layer.kind === 'conv2d' ? r.layer.outChannels : 0),
        0,
      );
      push(
        wrong(
          'params-forgot-biases',
          int(answer - biases - classes),
          'Each `nn.Conv2d` and `nn.Linear` has one bias per output (bias=True unless told otherwise).',
          'bias-default-true',
        ),
        answer,
        answer - biases - classes,
      );
      push(
        wrong(
          'conv-forgot-bias',
          int(answer - biases),
          `The convolutions have biases too: ${biases} of them, one per output channel.`,
          'bias-default-true',
        ),
        answer,
        answer - biases,
      );
      const noIn =
        convRows.reduce(
          (n, r) =>
            r.layer.kind === 'conv2d'
              ? n + r.layer.outChannels * r.layer.kernel ** 2 + r.layer.outChannels
              : n,
          0,
        ) + linearRow.params;
      push(
        wrong(
          'forgot-input-channels',
          int(noIn),
          'Each filter spans all input channels of its layer: multiply $k^2$ by $C_{in}$.',
        ),
        answer,
        noIn,
      );
      const notSquared =
        convRows.reduce(
          (n, r) =>
            r.layer.kind === 'conv2d'
              ? n + r.layer.outChannels * r.layer.inChannels * r.layer.kernel + r.layer.outChannels
              : n,
          0,
        ) + linearRow.params;
      push(
        wrong(
          'kernel-not-squared',
          int(notSquared),
          'A $k \\times k$ kernel has $k^2$ weights per input channel.',
        ),
        answer,
        notSquared,
      );
      const linearBiasPerInput = answer - classes + features;
      push(
        wrong(
          'linear-bias-per-input',
          int(linearBiasPerInput),
          'A Linear layer has one bias per output feature, not per input feature.',
        ),
        answer,
        linearBiasPerInput,
      );
      parts = [
        ...convRows.map((r, i) => ({
          id: `conv${i + 1}-params`,
          prompt: `The parameters of \`${r.code}\`.`,
          answer: int(r.params),
          hint: 'Weights $C_{out} \\cdot C_{in} \\cdot k^2$, plus one bias per output channel.',
        })),
        {
          id: 'linear-params',
          prompt: `The parameters of \`${linearRow.code}\`.`,
          answer: int(linearRow.params),
          hint: 'Weights in·out plus one bias per output.',
        },
      ];
      break;
    }
    default:
      throw unreachable(ask);
  }
  const steps = [
    `Input ${shape([batch, inC, size, size])}. Layer by layer:`,
    ...walk.rows.map(rowStep),
    ask === 'in-features'
      ? `Flatten gives $${lastC} \\cdot ${h} \\cdot ${h} = ${features}$ features per sample, so \`n_features = ${features}\`.`
      : `Total: $${walk.rows
          .filter((r) => r.params > 0)
          .map((r) => r.params)
          .join(' + ')} = ${walk.totalParams}$ parameters.`,
  ];
  return finishDraw(
    {
      stem: `${conventions}\n\n${snippet}\n\n${question}`,
      answer: int(answer),
      distractors,
      correctFeedback: `Right: ${steps[steps.length - 1]}`,
      explanation:
        'Follow the tensor through the model one layer at a time, writing its shape down: a convolution ' +
        'changes the channels to its `out_channels` and the size by $\\lfloor (H + 2p - k)/s \\rfloor + 1$, ' +
        'ReLU changes nothing, `nn.MaxPool2d(2)` halves height and width, and `nn.Flatten()` multiplies ' +
        'C·H·W into one feature axis while keeping the batch axis. A Linear layer must be told that feature ' +
        'count as `in_features`; a wrong one fails with a shape-mismatch error at the first forward pass. ' +
        'Parameters live only in the convolutions ($C_{out} C_{in} k^2$ weights plus $C_{out}$ biases) and ' +
        'in the Linear layer (in·out weights plus out biases); activations, pooling and Flatten have none.',
      steps,
      parts,
      hints: {
        nudge: 'Write down the shape after every layer, starting from the input tensor.',
        formula:
          ask === 'in-features'
            ? '$H_{out} = \\lfloor (H + 2p - k)/s \\rfloor + 1$; Flatten gives $C \\cdot H \\cdot W$'
            : 'Conv2d: $C_{out} C_{in} k^2 + C_{out}$; Linear: $n_{in} n_{out} + n_{out}$',
        firstStep: rowStep(walk.rows[0]),
      },
    },
    { fixed: false },
  );
}

/** Reading an nn.Sequential: in_features after Flatten, or the parameter count. */
export const sequentialChain: TemplateDefinition = {
  id: 'sequential-chain',
  topic: 'pytorch-code',
  title: 'Reading an nn.Sequential: in_features after Flatten and the parameter count',
  answerKind: 'number',
  forms: ['mcq', 'numeric'],
  params: {
    ask: {
      kind: 'enum',
      values: ASKS,
      description: 'what is asked (default: in_features at level 1, either above)',
    },
  },
  draw,
};
