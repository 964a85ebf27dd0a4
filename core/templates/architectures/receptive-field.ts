/**
 * `receptive-field`: the receptive field of one output unit of a convolution stack read from its
 * PyTorch code: stacked 3×3 (or 5×5) convolutions with stride 1 (level 1), convolutions and
 * 2×2 max pooling with stride 2 (level 2), and dilated convolutions among them (level 3).
 * Values come from `receptiveField`: r_l = r_{l−1} + (k_l − 1)·d_l·j_{l−1}, j_l = j_{l−1}·s_l.
 */
import { layerCode, receptiveField, type FieldLayer, type LayerSpec } from '../../kernels';
import { numberAnswer, wrong } from '../answers';
import { finishDraw } from '../draw-rules';
import type { Rng } from '../rng';
import type { Distractor, ParamBag, Problem, ProblemPart, TemplateDefinition } from '../types';
import { python, sequential } from './code';

interface Drawn {
  readonly code: LayerSpec[];
  readonly field: FieldLayer[];
}

function conv(c: number, k: number, d = 1): { spec: LayerSpec; field: FieldLayer } {
  return {
    spec: {
      kind: 'conv2d',
      inChannels: c,
      outChannels: c,
      kernel: k,
      padding: (d * (k - 1)) / 2,
      dilation: d,
    },
    field: { kernel: k, dilation: d },
  };
}

function drawStack(rng: Rng, level: 1 | 2 | 3): Drawn {
  const c = rng.pick([16, 32, 64]);
  const code: LayerSpec[] = [];
  const field: FieldLayer[] = [];
  const addConv = (k: number, d = 1) => {
    const layer = conv(c, k, d);
    code.push(layer.spec, { kind: 'relu' });
    field.push(layer.field);
  };
  const addPool = () => {
    code.push({ kind: 'maxpool2d', kernel: 2 });
    field.push({ kernel: 2, stride: 2 });
  };
  if (level === 1) {
    const k = rng.pick([3, 3, 5]);
    const n = rng.int(2, 5);
    for (let i = 0; i < n; i++) addConv(k);
    return { code, field };
  }
  const blocks = rng.int(2, 3);
  for (let b = 0; b < blocks; b++) {
    const convs = rng.int(1, 2);
    for (let i = 0; i < convs; i++) {
      const d = level === 3 && rng.chance(0.5) ? rng.pick([2, 3]) : 1;
      addConv(rng.pick([3, 3, 5]), d);
    }
    if (b < blocks - 1 || rng.chance(0.5)) addPool();
  }
  if (level === 3 && !field.some((f) => (f.dilation ?? 1) > 1)) {
    field.push({ kernel: 3, dilation: 2 });
    const layer = conv(c, 3, 2);
    code.push(layer.spec, { kind: 'relu' });
  }
  return { code, field };
}

/** The receptive field under a (possibly mistaken) rule for each layer's growth. */
function fieldUnder(
  layers: readonly FieldLayer[],
  rule: { strides?: false; dilation?: false; ownStride?: true; extentKd?: true; start?: 0 },
): number {
  let r = rule.start ?? 1;
  let j = 1;
  for (const l of layers) {
    const s = l.stride ?? 1;
    const d = rule.dilation === false ? 1 : (l.dilation ?? 1);
    const extent = rule.extentKd === true ? l.kernel * d : d * (l.kernel - 1) + 1;
    const jump = rule.strides === false ? 1 : rule.ownStride === true ? j * s : j;
    r += (extent - 1) * jump;
    j *= s;
  }
  return r;
}

function draw(rng: Rng, params: ParamBag): Problem {
  const level = params.level;
  const { code, field } = drawStack(rng, level);
  const rf = receptiveField(field);
  const answer = rf.receptiveField;
  const int = (v: number) => numberAnswer(v);
  const distractors: Distractor[] = [];
  const add = (d: Distractor, v: number) => {
    if (v !== answer && v > 0) distractors.push(d);
  };
  const strided = field.some((f) => (f.stride ?? 1) > 1);
  const dilated = field.some((f) => (f.dilation ?? 1) > 1);
  if (strided) {
    add(
      wrong(
        'rf-ignored-strides',
        int(fieldUnder(field, { strides: false })),
        'After a stride-2 layer, neighbouring units are 2 input pixels apart, so every later kernel step covers more of the input.',
      ),
      fieldUnder(field, { strides: false }),
    );
    add(
      wrong(
        'rf-own-stride-counted',
        int(fieldUnder(field, { ownStride: true })),
        "A layer's own stride spaces its outputs; it does not widen what each of them sees. Only the strides before it count.",
      ),
      fieldUnder(field, { ownStride: true }),
    );
  }
  if (dilated) {
    add(
      wrong(
        'rf-ignored-dilation',
        int(fieldUnder(field, { dilation: false })),
        'A dilation d spreads the kernel taps d pixels apart: a 3×3 kernel with d = 2 spans 5 pixels.',
      ),
      fieldUnder(field, { dilation: false }),
    );
    add(
      wrong(
        'rf-dilated-extent-k-times-d',
        int(fieldUnder(field, { extentKd: true })),
        'A dilated kernel spans $d(k - 1) + 1$ pixels: the gaps lie between the taps, not after the last one.',
      ),
      fieldUnder(field, { extentKd: true }),
    );
  }
  const kernels = field.map((f) => f.kernel);
  const sum = kernels.reduce((a, b) => a + b, 0);
  add(
    wrong(
      'rf-sum-of-kernels',
      int(sum),
      'Consecutive windows overlap: each layer adds $k - 1$ (times the spacing), not $k$.',
    ),
    sum,
  );
  add(
    wrong(
      'rf-forgot-plus-one',
      int(answer - 1),
      'Start from the one pixel a unit sees with no layers at all, then add each growth.',
    ),
    answer - 1,
  );
  const product = kernels.reduce((a, b) => a * b, 1);
  if (product < 10 * answer)
    add(
      wrong(
        'rf-product-of-kernels',
        int(product),
        'The field grows by addition: each layer adds $(k - 1)$ times the spacing of its inputs.',
      ),
      product,
    );
  const names = field.map((f) =>
    (f.stride ?? 1) > 1
      ? `${f.kernel}×${f.kernel} pool, stride ${f.stride}`
      : `${f.kernel}×${f.kernel} conv${(f.dilation ?? 1) > 1 ? `, dilation ${f.dilation}` : ''}`,
  );
  const steps = [
    'Start at $r_0 = 1$ pixel with spacing $j_0 = 1$; each layer adds $(k - 1)\\,d\\,j$ and multiplies $j$ by its stride.',
    ...rf.rows.map((row, i) => {
      const f = field[i];
      const before = i === 0 ? 1 : rf.rows[i - 1].jump;
      const d = f.dilation ?? 1;
      return `${names[i]}: $r = ${row.receptiveField - row.growth} + (${f.kernel} - 1)${d > 1 ? ` \\cdot ${d}` : ''} \\cdot ${before} = ${row.receptiveField}$, $j = ${row.jump}$.`;
    }),
    `One output unit sees a $${answer} \\times ${answer}$ patch of the input.`,
  ];
  const firstPool = field.findIndex((f) => (f.stride ?? 1) > 1);
  const parts: ProblemPart[] = [
    {
      id: 'rf-first',
      prompt: `The receptive field after the first layer (\`${layerCode(code[0])}\`).`,
      answer: int(rf.rows[0].receptiveField),
      hint: 'A single k×k kernel sees $d(k - 1) + 1$ pixels.',
    },
    ...(firstPool >= 0
      ? [
          {
            id: 'rf-first-pool',
            prompt: 'The receptive field after the first `nn.MaxPool2d(2)`.',
            answer: int(rf.rows[firstPool].receptiveField),
            hint: 'The pool adds $(2 - 1)$ times the spacing before it.',
          },
          {
            id: 'jump',
            prompt: 'The spacing $j$, in input pixels, between neighbouring output units.',
            answer: int(rf.jump),
            hint: 'The product of all strides.',
          },
        ]
      : [
          {
            id: 'rf-second',
            prompt: 'The receptive field after the second convolution.',
            answer: int(rf.rows[1].receptiveField),
            hint: 'Stride 1 keeps the spacing at 1: add $k - 1$.',
          },
        ]),
  ];
  const snippet = python(sequential('features', code.map(layerCode)));
  const stem =
    'PyTorch conventions: `nn.MaxPool2d(2)` has stride 2 (the stride defaults to the kernel size); ' +
    'padding changes the output size but not what one unit sees.\n\n' +
    `${snippet}\n\nWhat is the receptive field of one unit of the output of \`features\`: the side, in input pixels, of the input patch it depends on?`;
  return finishDraw(
    {
      stem,
      answer: int(answer),
      distractors,
      correctFeedback: `Right: ${steps[steps.length - 1]}`,
      explanation:
        'Walk the stack from the input. One input pixel has a receptive field of 1. A layer with kernel k and ' +
        'dilation d reads $d(k - 1) + 1$ neighbouring units of the layer below, and those units are $j$ input ' +
        'pixels apart, where $j$ is the product of the strides before the layer; so the field grows by ' +
        '$(k - 1)\\,d\\,j$. Two stacked 3×3 convolutions see 5×5 and three see 7×7, which is why VGG replaced ' +
        'large kernels by stacks of 3×3 ones (fewer weights, more non-linearities). Pooling and strided layers ' +
        'make every later layer grow the field faster, and dilation grows it without extra weights or lost ' +
        'resolution.',
      steps,
      parts,
      hints: {
        nudge: 'Track two numbers layer by layer: the field r and the spacing j of the units.',
        formula:
          '$r_l = r_{l-1} + (k_l - 1)\\,d_l\\,j_{l-1}$, $j_l = j_{l-1} s_l$, $r_0 = j_0 = 1$',
        firstStep: steps[1],
      },
    },
    { fixed: false },
  );
}

/** Receptive field of a convolution stack read from its PyTorch code. */
export const receptiveFieldTemplate: TemplateDefinition = {
  id: 'receptive-field',
  topic: 'cnn-architectures',
  title: 'Receptive field of a convolution stack: stacked 3×3, pooling strides and dilation',
  answerKind: 'number',
  forms: ['mcq', 'numeric'],
  params: {},
  draw,
};
