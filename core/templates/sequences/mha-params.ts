/**
 * `mha-params`: the parameter count of PyTorch's `nn.MultiheadAttention` — in_proj (3E² weights,
 * 3E bias) and out_proj (E² + E); the heads split E and do not change the count. Level 3 adds
 * kdim/vdim or bias=False.
 */
import { multiheadAttentionParams, type MultiheadAttentionOptions } from '../../kernels';
import { numberAnswer, present, wrong } from '../answers';
import { finishDraw } from '../draw-rules';
import { fmt } from '../format';
import type { Rng } from '../rng';
import { TemplateError } from '../types';
import type { ParamBag, Problem, TemplateDefinition } from '../types';

interface Setup {
  readonly e: number;
  readonly heads: number;
  readonly kdim?: number;
  readonly vdim?: number;
  readonly bias: boolean;
}

function drawSetup(rng: Rng, level: 1 | 2 | 3): Setup {
  if (level === 1) {
    const e = rng.pick([8, 12, 16, 24, 32, 64]);
    return { e, heads: rng.pick([2, 4].filter((h) => e % h === 0)), bias: true };
  }
  if (level === 2) {
    const e = rng.pick([128, 256, 384, 512, 768]);
    return { e, heads: rng.pick([4, 8, 12, 16].filter((h) => e % h === 0)), bias: true };
  }
  const e = rng.pick([64, 128, 256, 512]);
  const heads = rng.pick([4, 8]);
  if (rng.chance(0.3)) return { e, heads, bias: false };
  const kdim = rng.pick([32, 48, 96, 100, 300].filter((d) => d !== e));
  const vdim = rng.pick([32, 64, 80, 200].filter((d) => d !== e && d !== kdim));
  return { e, heads, kdim, vdim, bias: true };
}

function draw(rng: Rng, p: ParamBag): Problem {
  const fixedE = p.int('embed_dim');
  const fixed = fixedE !== undefined && p.int('num_heads') !== undefined;
  const drawn = fixed ? undefined : drawSetup(rng, p.level);
  const setup: Setup = drawn ?? {
    e: fixedE!,
    heads: p.int('num_heads')!,
    kdim: p.int('kdim'),
    vdim: p.int('vdim'),
    bias: p.bool('bias') ?? true,
  };
  const { e, heads, bias } = setup;
  if (e % heads !== 0) throw new TemplateError(`num_heads ${heads} must divide embed_dim ${e}`);
  const options: MultiheadAttentionOptions = {
    bias,
    ...(setup.kdim === undefined ? {} : { kdim: setup.kdim }),
    ...(setup.vdim === undefined ? {} : { vdim: setup.vdim }),
  };
  const key = multiheadAttentionParams(e, heads, options);
  const kdim = setup.kdim ?? e;
  const vdim = setup.vdim ?? e;
  const odd = kdim !== e || vdim !== e;
  const n = (x: number) => numberAnswer(x, 0);
  const args = [
    `embed_dim=${e}`,
    `num_heads=${heads}`,
    ...(bias ? [] : ['bias=False']),
    ...(setup.kdim === undefined ? [] : [`kdim=${kdim}`]),
    ...(setup.vdim === undefined ? [] : [`vdim=${vdim}`]),
  ];
  const withBias = multiheadAttentionParams(e, heads, { ...options, bias: true });
  const square = multiheadAttentionParams(e, heads, { bias });
  const headWidth = e / heads;
  const narrow =
    e * headWidth + kdim * headWidth + vdim * headWidth + (bias ? 3 * headWidth : 0) + key.outProj;
  const stem =
    '```python\nimport torch.nn as nn\n\n' +
    `attn = nn.MultiheadAttention(${args.join(', ')})\n` +
    'print(sum(p.numel() for p in attn.parameters()))\n```\n\nWhat does this print?';
  const inProj = key.inProjWeight + key.inProjBias;
  const steps = [
    `The query, key and value projections map to $E = ${e}$ each: ${odd ? `$E \\cdot E + E \\cdot k_{dim} + E \\cdot v_{dim} = ${e}^2 + ${e} \\cdot ${kdim} + ${e} \\cdot ${vdim}$` : `$3E^2 = 3 \\cdot ${e}^2$`} $= ${fmt(key.inProjWeight)}$ weights.`,
    bias
      ? `Their bias \`in_proj_bias\` has $3E = ${fmt(key.inProjBias)}$ values, so the input projections hold $${fmt(inProj)}$.`
      : 'With `bias=False` there is no `in_proj_bias`.',
    `The output projection \`out_proj\` is an $E \\times E$ linear layer: $${e}^2${bias ? ` + ${e}` : ''} = ${fmt(key.outProj)}$.`,
    `The ${heads} heads each use a slice of width $E / ${heads} = ${headWidth}$ of the same projections, so they add nothing: $${fmt(inProj)} + ${fmt(key.outProj)} = ${fmt(key.total)}$.`,
  ];
  return finishDraw(
    {
      stem,
      answer: n(key.total),
      distractors: present([
        wrong(
          'mha-params-per-head',
          n(key.total * heads),
          `The heads do not get their own full projections: each reads a ${headWidth}-wide slice of the one $E$-wide projection.`,
        ),
        bias
          ? wrong(
              'mha-forgot-biases',
              n(key.inProjWeight + e * e),
              '`in_proj_bias` (3E) and `out_proj.bias` (E) are parameters too.',
            )
          : wrong(
              'mha-counted-biases-anyway',
              n(withBias.total),
              'With `bias=False` neither the input projections nor `out_proj` have a bias.',
            ),
        wrong(
          'mha-forgot-out-proj',
          n(inProj),
          'After the heads are concatenated, `out_proj` (an E × E linear layer) mixes them; its parameters count.',
        ),
        wrong(
          'mha-projections-head-width',
          n(narrow),
          `Each projection outputs all $E = ${e}$ features, which the heads then split into ${heads} slices of ${headWidth}.`,
        ),
        odd
          ? wrong(
              'mha-kdim-ignored',
              n(square.total),
              `With kdim = ${kdim} and vdim = ${vdim}, the key and value projections are $E \\times k_{dim}$ and $E \\times v_{dim}$.`,
            )
          : undefined,
      ]),
      correctFeedback:
        'Right: in_proj plus out_proj; the number of heads does not change the count.',
      explanation:
        '`nn.MultiheadAttention` projects queries, keys and values with three $E \\times E$ matrices (stored together as ' +
        '`in_proj_weight`, $3E \\times E$, or separately when kdim/vdim differ from $E$), adds `in_proj_bias` ($3E$), and ' +
        'mixes the concatenated heads with `out_proj` ($E^2 + E$). Multi-head attention splits the $E$ projected features ' +
        'into `num_heads` slices of $E/h$ and runs attention on each slice, so more heads change how the features are ' +
        'grouped, not how many weights there are.',
      steps,
      parts: [
        {
          id: 'in-proj',
          prompt:
            'The parameters of the query, key and value projections (weights and their bias).',
          answer: n(inProj),
          hint: 'Three projections to $E$ features each, from the widths of the query, key and value inputs.',
        },
        {
          id: 'out-proj',
          prompt: 'The parameters of `out_proj`.',
          answer: n(key.outProj),
          hint: 'An $E \\times E$ linear layer, plus its bias if it has one.',
        },
      ],
      hints: {
        nudge:
          'Count the input projections and the output projection; ask yourself whether the heads add weights.',
        formula: '$3E^2 + 3E$ (in_proj) $+\\ E^2 + E$ (out_proj), independent of num_heads',
        firstStep: steps[0],
      },
      entryHint: 'the parameter count',
    },
    { fixed },
  );
}

/** Parameter count of `nn.MultiheadAttention`. */
export const mhaParams: TemplateDefinition = {
  id: 'mha-params',
  topic: 'attention',
  title: 'Parameter count of nn.MultiheadAttention',
  answerKind: 'number',
  forms: ['mcq', 'numeric'],
  params: {
    embed_dim: { kind: 'int', min: 2, max: 4096, description: 'E (default: drawn)' },
    num_heads: { kind: 'int', min: 1, max: 64, description: 'heads, dividing E (default: drawn)' },
    kdim: { kind: 'int', min: 1, max: 4096, description: 'key width (default E)' },
    vdim: { kind: 'int', min: 1, max: 4096, description: 'value width (default E)' },
    bias: { kind: 'boolean', description: 'default true' },
  },
  draw,
};
