/**
 * `rnn-params`: the count checked against TF.js layers (`countParams()` of the same LSTM/GRU
 * stack, bidirectional wrapper and stacking included) over 300 seeds. Keras/TF.js keeps ONE bias
 * vector per gate set where PyTorch keeps TWO (b_ih and b_hh), so PyTorch's count is TF.js's plus
 * G·H per layer and direction — the test adds exactly that and checks the one-bias misconception
 * equals TF.js's own count. A hand-derived case.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { correctNumbers, mcq, wrongNumbers } from '../test-helpers';
import { candidate, drawnAt, keyOf, part } from './test-support';

beforeAll(async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  await tf.setBackend('cpu');
  warn.mockRestore();
});

interface Spec {
  cell: 'lstm' | 'gru';
  input: number;
  hidden: number;
  layers: number;
  bidirectional: boolean;
}

function specOf(stem: string): Spec {
  const read = (name: string) => {
    const m = new RegExp(`${name}=(\\d+)`).exec(stem);
    return m === null ? undefined : Number(m[1]);
  };
  return {
    cell: stem.includes('nn.LSTM(') ? 'lstm' : 'gru',
    input: read('input_size')!,
    hidden: read('hidden_size')!,
    layers: read('num_layers') ?? 1,
    bidirectional: stem.includes('bidirectional=True'),
  };
}

/** countParams() of the same stack in TF.js (one bias vector per layer and direction). */
const counted = new Map<string, number>();

function kerasCount(s: Spec): number {
  const id = JSON.stringify(s);
  const known = counted.get(id);
  if (known !== undefined) return known;
  const model = tf.sequential();
  for (let l = 0; l < s.layers; l++) {
    const config = {
      units: s.hidden,
      returnSequences: true,
      // Counting needs no real weights; the default orthogonal initialiser is slow on the CPU.
      kernelInitializer: 'zeros',
      recurrentInitializer: 'zeros',
      ...(l === 0 && !s.bidirectional ? { inputShape: [7, s.input] } : {}),
    };
    const layer = s.cell === 'lstm' ? tf.layers.lstm(config) : tf.layers.gru(config);
    model.add(
      s.bidirectional
        ? tf.layers.bidirectional({
            layer: layer as tf.layers.RNN,
            mergeMode: 'concat',
            ...(l === 0 ? { inputShape: [7, s.input] } : {}),
          })
        : layer,
    );
  }
  const count = model.countParams();
  model.dispose();
  counted.set(id, count);
  return count;
}

describe('rnn-params against TF.js countParams', () => {
  it('matches key, mistakes and parts over 300 seeds (PyTorch = TF.js + G·H per layer and direction)', () => {
    for (let seed = 0; seed < 300; seed++) {
      const { variant, problem } = drawnAt('rnn-params', seed);
      const s = specOf(problem.stem);
      const g = s.cell === 'lstm' ? 4 : 3;
      const dirs = s.bidirectional ? 2 : 1;
      const keras = kerasCount(s);
      const torch = keras + g * s.hidden * s.layers * dirs;
      expect(keyOf(problem), `seed ${seed}`).toEqual([torch]);
      // The Keras-style count is exactly the one-bias misconception.
      expect(candidate(problem, 'rnn-one-bias-vector')).toEqual([keras]);
      expect(problem.stem).toContain('b_ih and b_hh');
      const other = kerasCount({ ...s, cell: s.cell === 'lstm' ? 'gru' : 'lstm' });
      expect(candidate(problem, 'rnn-gate-count-swapped')).toEqual([
        other + (7 - g) * s.hidden * s.layers * dirs,
      ]);
      // Without biases: TF.js minus its single bias vector per layer and direction.
      expect(candidate(problem, 'rnn-forgot-biases')).toEqual([
        keras - g * s.hidden * s.layers * dirs,
      ]);
      // Without weight_hh: subtract G·H·H per layer and direction.
      expect(candidate(problem, 'rnn-forgot-recurrent-weights')).toEqual([
        torch - g * s.hidden * s.hidden * s.layers * dirs,
      ]);
      if (s.bidirectional) expect(candidate(problem, 'rnn-forgot-directions')).toEqual([torch / 2]);
      if (s.layers > 1) {
        // Every upper layer reading input_size instead of hidden·dirs.
        const wrongUpper =
          torch + (s.layers - 1) * dirs * g * s.hidden * (s.input - s.hidden * dirs);
        expect(candidate(problem, 'rnn-upper-layers-read-input')).toEqual([wrongUpper]);
      }
      if (s.bidirectional && s.layers > 1) {
        const oneDir = torch - (s.layers - 1) * dirs * g * s.hidden * s.hidden;
        expect(candidate(problem, 'rnn-upper-layers-read-one-direction')).toEqual([oneDir]);
      }
      const layer0 = kerasCount({ ...s, layers: 1, bidirectional: false }) + g * s.hidden;
      expect(part(variant, 'layer-0')).toEqual([layer0]);
      expect(part(variant, 'weight-ih-l0')).toEqual([g * s.hidden * s.input]);
    }
  });

  it('works a hand-derived case: nn.LSTM(10, 20, num_layers=2)', () => {
    // Layer 0: 4·20·(10 + 20) + 2·4·20 = 2400 + 160 = 2560; layer 1 reads 20:
    // 4·20·40 + 160 = 3360 → 5920. One bias: 5920 − 2·80 = 5760. GRU blocks (3):
    // 3·20·30 + 120 + 3·20·40 + 120 = 1920 + 2520 = 4440. Upper layer reads 10: 2·2560 = 5120.
    // No biases: 5920 − 320 = 5600. No weight_hh: 5920 − 2·1600 = 2720.
    const v = mcq('rnn-params', { cell: 'lstm', input_size: 10, hidden_size: 20, num_layers: 2 });
    expect(correctNumbers(v)).toEqual([5920]);
    const expected: Record<string, number> = {
      'rnn-one-bias-vector': 5760,
      'rnn-gate-count-swapped': 4440,
      'rnn-upper-layers-read-input': 5120,
      'rnn-forgot-biases': 5600,
      'rnn-forgot-recurrent-weights': 2720,
    };
    for (const o of v.question.options ?? []) {
      if (o.misconception)
        expect(wrongNumbers(v, o.misconception.id)).toEqual([expected[o.misconception.id]]);
    }
  });
});
