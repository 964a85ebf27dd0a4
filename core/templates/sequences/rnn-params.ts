/**
 * `rnn-params`: parameter counts of `nn.LSTM` and `nn.GRU` as PyTorch counts them — two bias
 * vectors (b_ih, b_hh) per layer and direction: G·H·(in + H) + 2·G·H with G = 4 (LSTM) or 3
 * (GRU); upper layers read H·directions values. Level 2 stacks layers, level 3 is bidirectional.
 */
import { gateBlocks, recurrentParams, type RecurrentCell, type RecurrentSpec } from '../../kernels';
import { numberAnswer, present, wrong } from '../answers';
import { finishDraw } from '../draw-rules';
import { fmt } from '../format';
import type { Rng } from '../rng';
import type { ParamBag, Problem, TemplateDefinition } from '../types';

function drawSpec(rng: Rng, level: 1 | 2 | 3): RecurrentSpec {
  const cell = rng.pick<RecurrentCell>(['lstm', 'gru']);
  const inputSize = level === 1 ? rng.int(2, 40) : rng.pick([16, 32, 50, 64, 100, 128, 300]);
  const hiddenSize = level === 1 ? rng.int(3, 40) : rng.pick([20, 32, 64, 100, 128, 256]);
  if (level === 1) return { cell, inputSize, hiddenSize };
  if (level === 2) return { cell, inputSize, hiddenSize, numLayers: rng.int(2, 3) };
  return { cell, inputSize, hiddenSize, numLayers: rng.int(1, 2), bidirectional: true };
}

function draw(rng: Rng, p: ParamBag): Problem {
  const cellParam = p.str('cell') as RecurrentCell | undefined;
  const fixed =
    cellParam !== undefined &&
    p.int('input_size') !== undefined &&
    p.int('hidden_size') !== undefined;
  const spec: RecurrentSpec = fixed
    ? {
        cell: cellParam,
        inputSize: p.int('input_size')!,
        hiddenSize: p.int('hidden_size')!,
        numLayers: p.int('num_layers') ?? 1,
        bidirectional: p.bool('bidirectional') ?? false,
      }
    : drawSpec(rng, p.level);
  const layers = spec.numLayers ?? 1;
  const bidirectional = spec.bidirectional === true;
  const key = recurrentParams(spec);
  const g = gateBlocks(spec.cell);
  const h = spec.hiddenSize;
  const name = spec.cell === 'lstm' ? 'LSTM' : 'GRU';
  const other: RecurrentCell = spec.cell === 'lstm' ? 'gru' : 'lstm';
  const n = (x: number) => numberAnswer(x, 0);
  const count = (changes: Partial<RecurrentSpec>) => recurrentParams({ ...spec, ...changes }).total;
  const dirs = bidirectional ? 2 : 1;
  // Mistaken rules that change one term of every layer.
  const sumLayers = (f: (input: number, l: number) => number) =>
    key.layers.reduce((s, layer, l) => s + f(layer.input, l), 0) * dirs;
  const args = [
    `input_size=${spec.inputSize}`,
    `hidden_size=${h}`,
    ...(layers > 1 ? [`num_layers=${layers}`] : []),
    ...(bidirectional ? ['bidirectional=True'] : []),
  ];
  const stem =
    '```python\nimport torch.nn as nn\n\n' +
    `rnn = nn.${name}(${args.join(', ')})\n` +
    'print(sum(p.numel() for p in rnn.parameters()))\n```\n\n' +
    `PyTorch gives every layer and direction two bias vectors, b_ih and b_hh. What does this print?`;
  const layerStep = (l: number) => {
    const layer = key.layers[l];
    return `Layer ${l}${bidirectional ? ', each direction' : ''}: input width ${layer.input}; $${g} \\cdot ${h} \\cdot (${layer.input} + ${h}) + 2 \\cdot ${g} \\cdot ${h} = ${fmt(layer.weightIh + layer.weightHh)} + ${fmt(layer.bias)} = ${fmt(layer.total)}$.`;
  };
  const steps = [
    `An ${name} has ${g} weight blocks (${spec.cell === 'lstm' ? 'input, forget, cell and output gates' : 'reset and update gates and the candidate'}), each with $H \\times \\text{in}$ input weights, $H \\times H$ recurrent weights and two bias vectors of $H$.`,
    ...key.layers.map((_, l) => layerStep(l)),
    `Total: ${bidirectional ? `$2 \\times (${key.layers.map((l) => fmt(l.total)).join(' + ')})$` : `$${key.layers.map((l) => fmt(l.total)).join(' + ')}$`} $= ${fmt(key.total)}$.`,
  ];
  return finishDraw(
    {
      stem,
      answer: n(key.total),
      distractors: present([
        wrong(
          'rnn-one-bias-vector',
          n(count({ biasVectors: 1 })),
          'PyTorch keeps b_ih and b_hh separately (Keras and TF.js keep one); both count.',
          'rnn-two-bias-vectors',
        ),
        wrong(
          'rnn-gate-count-swapped',
          n(recurrentParams({ ...spec, cell: other }).total),
          `An ${name} has ${g} weight blocks, not ${gateBlocks(other)}: ${spec.cell === 'lstm' ? 'three gates plus the cell candidate' : 'two gates plus the candidate'}.`,
        ),
        layers > 1
          ? wrong(
              'rnn-upper-layers-read-input',
              n(sumLayers(() => g * h * (spec.inputSize + h) + 2 * g * h)),
              `Only layer 0 reads the input of width ${spec.inputSize}; every layer above reads the ${h * dirs} outputs of the layer below.`,
            )
          : undefined,
        bidirectional
          ? wrong(
              'rnn-forgot-directions',
              n(key.total / 2),
              'A bidirectional layer has a second, independent set of weights for the reverse direction (the `_reverse` parameters).',
            )
          : undefined,
        bidirectional && layers > 1
          ? wrong(
              'rnn-upper-layers-read-one-direction',
              n(sumLayers((input, l) => g * h * ((l === 0 ? input : h) + h) + 2 * g * h)),
              `The layer above reads both directions' outputs concatenated: $2H = ${2 * h}$ values per step.`,
            )
          : undefined,
        wrong(
          'rnn-forgot-biases',
          n(count({ bias: false })),
          'With the default bias=True each layer has b_ih and b_hh, $2 \\cdot G \\cdot H$ values.',
        ),
        wrong(
          'rnn-forgot-recurrent-weights',
          n(sumLayers((input) => g * h * input + 2 * g * h)),
          'Each gate also reads the previous hidden state through weight_hh ($G H \\times H$).',
        ),
      ]),
      correctFeedback: `Right: ${g}·H·(in + H) + 2·${g}·H per layer and direction.`,
      explanation:
        `Each of the ${name}'s ${g} blocks is an affine map of the current input and the previous hidden state, ` +
        'so a layer holds `weight_ih` ($GH \\times \\text{in}$), `weight_hh` ($GH \\times H$) and, in PyTorch, two bias ' +
        'vectors `bias_ih` and `bias_hh` of $GH$ each (mathematically one would do; Keras keeps one, so its counts are ' +
        'smaller by $GH$ per layer). Layer 0 reads the input; a stacked layer reads the hidden states of the layer below, ' +
        'which are $2H$ wide when the stack is bidirectional, and a bidirectional layer doubles every count.',
      steps,
      parts: [
        {
          id: 'weight-ih-l0',
          prompt: '`weight_ih_l0.numel()`: the input-to-hidden weights of layer 0 (one direction).',
          answer: n(key.layers[0].weightIh),
          hint: `${g} blocks of $H \\times \\text{input\\_size}$.`,
        },
        {
          id: 'layer-0',
          prompt:
            'All parameters of layer 0 in one direction (both weight matrices and both biases).',
          answer: n(key.layers[0].total),
          hint: 'Add $G H \\times H$ recurrent weights and two bias vectors of $G H$.',
        },
      ],
      hints: {
        nudge:
          'Count the weight blocks of the cell, then the input weights, recurrent weights and biases of each.',
        formula:
          '$G \\cdot H \\cdot (\\text{in} + H) + 2 G H$ per layer and direction; $G = 4$ (LSTM), $3$ (GRU)',
        firstStep: steps[0],
      },
      entryHint: 'the parameter count',
    },
    { fixed },
  );
}

/** Parameter count of `nn.LSTM` / `nn.GRU`. */
export const rnnParams: TemplateDefinition = {
  id: 'rnn-params',
  topic: 'sequence-models',
  title: 'Parameter count of nn.LSTM and nn.GRU',
  answerKind: 'number',
  forms: ['mcq', 'numeric'],
  params: {
    cell: { kind: 'enum', values: ['lstm', 'gru'], description: 'the cell (default: drawn)' },
    input_size: { kind: 'int', min: 1, max: 4096, description: 'input width' },
    hidden_size: { kind: 'int', min: 1, max: 4096, description: 'hidden width H' },
    num_layers: { kind: 'int', min: 1, max: 4, description: 'stacked layers (default 1)' },
    bidirectional: { kind: 'boolean', description: 'default false' },
  },
  draw,
};
