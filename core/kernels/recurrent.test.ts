import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { beamSearchStep, linearRnnBptt, recurrentParams } from './recurrent';

beforeAll(async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  await tf.setBackend('cpu');
  warn.mockRestore();
});

describe('recurrentParams', () => {
  it('counts as PyTorch does (two bias vectors) in hand cases', () => {
    // nn.LSTM(10, 20): 4·20·(10 + 20) + 2·4·20 = 2400 + 160 = 2560.
    expect(recurrentParams({ cell: 'lstm', inputSize: 10, hiddenSize: 20 }).total).toBe(2560);
    // nn.GRU(10, 20): 3·20·30 + 2·3·20 = 1800 + 120 = 1920.
    expect(recurrentParams({ cell: 'gru', inputSize: 10, hiddenSize: 20 }).total).toBe(1920);
    // nn.LSTM(10, 20, num_layers=2): layer 1 reads 20: 4·20·40 + 160 = 3360; total 5920.
    expect(
      recurrentParams({ cell: 'lstm', inputSize: 10, hiddenSize: 20, numLayers: 2 }).total,
    ).toBe(5920);
    // nn.LSTM(10, 20, num_layers=2, bidirectional=True): layer 0: 2·2560 = 5120; layer 1 reads
    // 40: 4·20·60 + 160 = 4960, twice = 9920; total 15040.
    expect(
      recurrentParams({
        cell: 'lstm',
        inputSize: 10,
        hiddenSize: 20,
        numLayers: 2,
        bidirectional: true,
      }).total,
    ).toBe(15040);
  });

  it('with one bias vector agrees with tf.layers countParams, which is PyTorch minus G·H per layer', () => {
    // Keras/TF.js keep ONE bias vector per gate set; PyTorch keeps b_ih and b_hh. Same weights.
    fc.assert(
      fc.property(
        fc.constantFrom('lstm' as const, 'gru' as const),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        (cell, input, hidden) => {
          const layer =
            cell === 'lstm'
              ? tf.layers.lstm({ units: hidden, inputShape: [5, input] })
              : tf.layers.gru({ units: hidden, inputShape: [5, input] });
          const model = tf.sequential({ layers: [layer] });
          const keras = model.countParams();
          model.dispose();
          const one = recurrentParams({
            cell,
            inputSize: input,
            hiddenSize: hidden,
            biasVectors: 1,
          });
          const torch = recurrentParams({ cell, inputSize: input, hiddenSize: hidden });
          expect(one.total).toBe(keras);
          const g = cell === 'lstm' ? 4 : 3;
          expect(torch.total - keras).toBe(g * hidden);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses an unknown cell and a zero size', () => {
    // @ts-expect-error: an unknown cell from untyped input
    expect(() => recurrentParams({ cell: 'tcn', inputSize: 1, hiddenSize: 1 })).toThrow(/^cell/);
    expect(() => recurrentParams({ cell: 'gru', inputSize: 0, hiddenSize: 1 })).toThrow(
      /^inputSize/,
    );
  });
});

describe('beamSearchStep', () => {
  it('keeps the best B of all B·V continuations by summed log-probability', () => {
    // Beams −0.5 and −1.0; continuations: −0.5 + [−0.1, −2, −3] = [−0.6, −2.5, −3.5],
    // −1.0 + [−0.2, −0.3, −4] = [−1.2, −1.3, −5]. Best two: beam 0/token 0 (−0.6), beam 1/token 0 (−1.2).
    const kept = beamSearchStep(
      [
        { tokens: [7], score: -0.5 },
        { tokens: [8], score: -1 },
      ],
      [
        [-0.1, -2, -3],
        [-0.2, -0.3, -4],
      ],
      2,
    );
    expect(kept.map((b) => b.tokens)).toEqual([
      [7, 0],
      [8, 0],
    ]);
    expect(kept[0].score).toBeCloseTo(-0.6, 12);
    expect(kept[1].score).toBeCloseTo(-1.2, 12);
  });

  it('refuses positive log-probabilities and a width above the candidates', () => {
    expect(() => beamSearchStep([{ tokens: [], score: 0 }], [[0.1]], 1)).toThrow(/^logProbs/);
    expect(() => beamSearchStep([{ tokens: [], score: 0 }], [[-1]], 2)).toThrow(/^width/);
  });
});

describe('linearRnnBptt', () => {
  it('sums the contributions of every step (hand case)', () => {
    // w = 2, h0 = 1, x = [1, −1], y = 3: h1 = 2·1 + 1 = 3, h2 = 2·3 − 1 = 5; δ = 5 − 3 = 2.
    // dL/dw = δ·(w·h0 + h1) = 2·(2 + 3) = 10.
    const r = linearRnnBptt(2, 1, [1, -1], 3);
    expect(r.h).toEqual([1, 3, 5]);
    expect(r.terms).toEqual([4, 6]);
    expect(r.grad).toBe(10);
  });

  it('agrees with a central finite difference of the loss', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1.5, max: 1.5, noNaN: true }),
        fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 1, maxLength: 6 }),
        (w, xs) => {
          const loss = (ww: number) => {
            let h = 0.5;
            for (const x of xs) h = ww * h + x;
            return 0.5 * (h - 1) ** 2;
          };
          const eps = 1e-6;
          const fd = (loss(w + eps) - loss(w - eps)) / (2 * eps);
          expect(linearRnnBptt(w, 0.5, xs, 1).grad).toBeCloseTo(fd, 4);
        },
      ),
      { numRuns: 300 },
    );
  });
});
