/**
 * `mha-params`: the count recomputed from the parameter tensors nn.MultiheadAttention registers
 * (their shapes listed as PyTorch creates them, multiplied out) for the code in the stem, over
 * 300 seeds; the mistakes from their own rules; a hand-derived case.
 */
import { describe, expect, it } from 'vitest';
import { correctNumbers, mcq, wrongNumbers } from '../test-helpers';
import { candidate, drawnAt, keyOf, part } from './test-support';

interface Args {
  e: number;
  heads: number;
  kdim: number;
  vdim: number;
  bias: boolean;
}

function argsOf(stem: string): Args {
  const read = (name: string): number | undefined => {
    const m = new RegExp(`${name}=(\\d+)`).exec(stem);
    return m === null ? undefined : Number(m[1]);
  };
  const e = read('embed_dim')!;
  return {
    e,
    heads: read('num_heads')!,
    kdim: read('kdim') ?? e,
    vdim: read('vdim') ?? e,
    bias: !stem.includes('bias=False'),
  };
}

/** The registered parameters of nn.MultiheadAttention, as (name, shape). */
function tensors(a: Args): [string, number[]][] {
  const list: [string, number[]][] =
    a.kdim === a.e && a.vdim === a.e
      ? [['in_proj_weight', [3 * a.e, a.e]]]
      : [
          ['q_proj_weight', [a.e, a.e]],
          ['k_proj_weight', [a.e, a.kdim]],
          ['v_proj_weight', [a.e, a.vdim]],
        ];
  if (a.bias) list.push(['in_proj_bias', [3 * a.e]]);
  list.push(['out_proj.weight', [a.e, a.e]]);
  if (a.bias) list.push(['out_proj.bias', [a.e]]);
  return list;
}

const numel = (ts: [string, number[]][]) =>
  ts.reduce((s, [, shape]) => s + shape.reduce((p, d) => p * d, 1), 0);

describe('mha-params against the registered tensors', () => {
  it('matches key, mistakes and parts over 300 seeds', () => {
    for (let seed = 0; seed < 300; seed++) {
      const { variant, problem } = drawnAt('mha-params', seed);
      const a = argsOf(problem.stem);
      const ts = tensors(a);
      const total = numel(ts);
      const outProj = numel(ts.filter(([n]) => n.startsWith('out_proj')));
      expect(keyOf(problem)).toEqual([total]);
      expect(part(variant, 'out-proj')).toEqual([outProj]);
      expect(part(variant, 'in-proj')).toEqual([total - outProj]);
      expect(candidate(problem, 'mha-params-per-head')).toEqual([total * a.heads]);
      expect(candidate(problem, 'mha-forgot-out-proj')).toEqual([total - outProj]);
      const h = a.e / a.heads;
      expect(candidate(problem, 'mha-projections-head-width')).toEqual([
        h * (a.e + a.kdim + a.vdim) + (a.bias ? 3 * h : 0) + outProj,
      ]);
      if (a.bias) {
        expect(candidate(problem, 'mha-forgot-biases')).toEqual([
          numel(ts.filter(([n]) => !n.includes('bias'))),
        ]);
      } else {
        expect(candidate(problem, 'mha-counted-biases-anyway')).toEqual([
          numel(tensors({ ...a, bias: true })),
        ]);
      }
      if (a.kdim !== a.e || a.vdim !== a.e) {
        expect(candidate(problem, 'mha-kdim-ignored')).toEqual([
          numel(tensors({ ...a, kdim: a.e, vdim: a.e })),
        ]);
      }
    }
  });

  it('works a hand-derived case: E = 16, 4 heads', () => {
    // in_proj_weight 48 × 16 = 768, in_proj_bias 48, out_proj 16 × 16 + 16 = 272 → 1088.
    // Per head ×4 = 4352; no biases 768 + 256 = 1024; no out_proj 816;
    // head width 4: 4·48 + 3·4 + 272 = 192 + 12 + 272 = 476.
    const v = mcq('mha-params', { embed_dim: 16, num_heads: 4 });
    expect(correctNumbers(v)).toEqual([1088]);
    const expected: Record<string, number> = {
      'mha-params-per-head': 4352,
      'mha-forgot-biases': 1024,
      'mha-forgot-out-proj': 816,
      'mha-projections-head-width': 476,
    };
    for (const o of v.question.options ?? []) {
      if (o.misconception)
        expect(wrongNumbers(v, o.misconception.id)).toEqual([expected[o.misconception.id]]);
    }
  });
});
