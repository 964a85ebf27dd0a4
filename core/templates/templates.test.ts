/**
 * Hand-derived cases, one block per template: the key, and the value of each wrong option as the
 * mistaken rule gives it. Every number below is worked out in the comments, not copied from the
 * code's output.
 */
import { describe, expect, it } from 'vitest';
import { formatNumericKey, gradeNumeric } from '../grading';
import { checkVariant } from './check';
import { generateVariant, listTemplates } from './registry';
import {
  bothForms,
  candidateValues,
  correctNumbers,
  correctText,
  mcq,
  misconceptionIds,
  numericKey,
  partKey,
  partKeys,
  rounded,
  shownKey,
  wrongNumbers,
} from './test-helpers';

describe('batchnorm-train-stats', () => {
  // Source quiz: samples [4,4,3], [0,2,5], [8,9,1] (one column per sample, one entry per neuron).
  it('reproduces the source quiz mean [4, 5, 3]', () => {
    const v = mcq('batchnorm-train-stats', { preset: 'source' });
    // Neuron means: (4+0+8)/3 = 4, (4+2+9)/3 = 5, (3+5+1)/3 = 3.
    expect(correctNumbers(v)).toEqual([4, 5, 3]);
    // Per-sample means (layer-norm axis): 11/3 ≈ 3.67, 7/3 ≈ 2.33, 18/3 = 6.
    expect(wrongNumbers(v, 'normalised-wrong-axis')).toEqual([3.67, 2.33, 6]);
    // One mean over all nine values: 36/9 = 4, repeated.
    expect(wrongNumbers(v, 'pooled-all-values')).toEqual([4, 4, 4]);
    // Sums without dividing: 12, 15, 9.
    expect(wrongNumbers(v, 'summed-not-averaged')).toEqual([12, 15, 9]);
    expect(numericKey('batchnorm-train-stats', { preset: 'source' })).toEqual([4, 5, 3]);
  });

  it('computes the biased variance of the source batch', () => {
    const v = mcq('batchnorm-train-stats', { preset: 'source', stat: 'variance' });
    // Neuron 1: 4, 0, 8 about 4 → (0 + 16 + 16)/3 = 10.67; neuron 2: 4, 2, 9 about 5 →
    // (1 + 9 + 16)/3 = 8.67; neuron 3: 3, 5, 1 about 3 → (0 + 4 + 4)/3 = 2.67.
    expect(correctNumbers(v)).toEqual([10.67, 8.67, 2.67]);
    // Dividing by N − 1 = 2: 16, 13, 4.
    expect(wrongNumbers(v, 'unbiased-variance')).toEqual([16, 13, 4]);
    // Per-sample variances: [4,4,3] → 2/9 ≈ 0.22; [0,2,5] → 114/27 ≈ 4.22; [8,9,1] → 38/3 ≈ 12.67.
    expect(wrongNumbers(v, 'normalised-wrong-axis')).toEqual([0.22, 4.22, 12.67]);
    // Square roots: √10.667 ≈ 3.27, √8.667 ≈ 2.94, √2.667 ≈ 1.63.
    expect(wrongNumbers(v, 'std-instead-of-variance')).toEqual([3.27, 2.94, 1.63]);
    const key = generateVariant('batchnorm-train-stats', 0, {
      form: 'numeric',
      params: { preset: 'source', stat: 'variance' },
    }).question;
    // The key is the unrounded value, asked to 2 places, accepted within half a unit.
    expect(key.numeric).toMatchObject({ tolerance: { abs: 0.005 }, decimals: 2 });
    const exact = key.numeric!.value as readonly number[];
    [32 / 3, 26 / 3, 8 / 3].forEach((x, i) => expect(exact[i]).toBeCloseTo(x, 12));
    expect(gradeNumeric(key.numeric!, '10.67, 8.67, 2.67').correct).toBe(true);
    expect(gradeNumeric(key.numeric!, '10.6667, 8.6667, 2.6667').correct).toBe(true);
    expect(gradeNumeric(key.numeric!, '10.68, 8.67, 2.67').correct).toBe(false);
    expect(formatNumericKey(key.numeric!)).toBe('10.67, 8.67, 2.67');
    expect(key.stem).toContain('rounded to 2 decimal places');
  });

  it('accepts a batch given as x (rows = samples)', () => {
    // Two samples [1, 10] and [3, 20]: means (1+3)/2 = 2 and (10+20)/2 = 15.
    expect(numericKey('batchnorm-train-stats', { x: '1,10;3,20', stat: 'mean' })).toEqual([2, 15]);
  });

  it('solves in parts: count and neuron sums for a mean, means and squared deviations for a variance', () => {
    for (const v of bothForms('batchnorm-train-stats', { preset: 'source' })) {
      // Each neuron mean averages N = 3 values; sums 4 + 0 + 8 = 12, 4 + 2 + 9 = 15, 3 + 5 + 1 = 9.
      expect(partKeys(v)).toEqual([
        ['values-per-mean', 3],
        ['neuron-sums', [12, 15, 9]],
      ]);
      // 12/3, 15/3, 9/3 = [4, 5, 3], the key.
      const sums = partKey(v, 'neuron-sums') as number[];
      const count = partKey(v, 'values-per-mean') as number;
      expect(shownKey(v)).toEqual(sums.map((x) => x / count));
      expect(v.question.hints?.[2]).toContain('\\frac{12}{3}');
    }
    for (const v of bothForms('batchnorm-train-stats', { preset: 'source', stat: 'variance' })) {
      // Means [4, 5, 3]; squared deviations 0 + 16 + 16 = 32, 1 + 9 + 16 = 26, 0 + 4 + 4 = 8.
      expect(partKeys(v)).toEqual([
        ['neuron-means', [4, 5, 3]],
        ['squared-deviations', [32, 26, 8]],
      ]);
      // 32/3 ≈ 10.67, 26/3 ≈ 8.67, 8/3 ≈ 2.67: the key.
      const squares = partKey(v, 'squared-deviations') as number[];
      expect(shownKey(v)).toEqual(
        rounded(
          squares.map((x) => x / 3),
          2,
        ),
      );
    }
  });
});

describe('batchnorm-inference', () => {
  const params = { momentum: 0.1, means: '4,2', variances: '4,9', input: 5 };
  it('normalises with the momentum-averaged running statistics', () => {
    // Running mean: 0.9·0 + 0.1·4 = 0.4, then 0.9·0.4 + 0.1·2 = 0.56.
    // Running var:  0.9·1 + 0.1·4 = 1.3, then 0.9·1.3 + 0.1·9 = 2.07.
    // x̂ = (5 − 0.56)/√2.07 = 4.44/1.43875 ≈ 3.086 → 3.09.
    const v = mcq('batchnorm-inference', params);
    expect(correctNumbers(v)).toEqual([3.09]);
    // Swapped weights: mean 3.6 then 0.1·3.6 + 0.9·2 = 2.16; var 3.7 then 0.37 + 8.1 = 8.47;
    // (5 − 2.16)/√8.47 = 2.84/2.9103 ≈ 0.976 → 0.98.
    expect(wrongNumbers(v, 'momentum-swapped')).toEqual([0.98]);
    // Last batch statistics: (5 − 2)/√9 = 1.
    expect(wrongNumbers(v, 'used-batch-stats-at-test')).toEqual([1]);
    // Dividing by the variance: 4.44/2.07 ≈ 2.145 → 2.14.
    expect(wrongNumbers(v, 'divided-by-variance')).toEqual([2.14]);
    expect(numericKey('batchnorm-inference', params)).toBe(3.09);
    expect(v.question.stem).toContain('unbiased variances 4, 9');
  });

  it('level 3: the running variance takes the unbiased batch variance, as PyTorch does', () => {
    // Batch [1,2,3,4,5]: mean 3, squared deviations 4+1+0+1+4 = 10 → unbiased 10/4 = 2.5
    // (biased 10/5 = 2). Batch [2,4,6,8,10]: mean 6, 16+4+0+4+16 = 40 → 10 (biased 8).
    // m = 0.1: mean 0.3 then 0.27 + 0.6 = 0.87; variance 0.9 + 0.25 = 1.15 then 1.035 + 1 = 2.035.
    // x = 6: (6 − 0.87)/√2.035 = 5.13/1.42653 ≈ 3.5961; y = 2·3.5961 + 1 ≈ 8.19.
    // (torch.nn.BatchNorm1d(1, momentum=0.1, eps=0) trained on these batches gives 8.1923.)
    const params = {
      level: 3,
      momentum: 0.1,
      minibatches: '1,2,3,4,5;2,4,6,8,10',
      input: 6,
      gamma: 2,
      beta: 1,
    };
    const v = mcq('batchnorm-inference', params);
    expect(correctNumbers(v)).toEqual([8.19]);
    // Biased variances: 0.9 + 0.2 = 1.1 then 0.99 + 0.8 = 1.79; 5.13/√1.79 ≈ 3.8343 → 8.67.
    expect(wrongNumbers(v, 'running-var-biased')).toEqual([8.67]);
    // Last batch in training mode (mean 6, biased variance 8): (6 − 6)/√8 = 0 → y = 1.
    expect(wrongNumbers(v, 'used-batch-stats-at-test')).toEqual([1]);
    expect(numericKey('batchnorm-inference', params)).toBe(8.19);
    expect(v.question.stem).toContain('unbiased batch variance');
  });

  it('solves in parts: running mean and variance (and batch variances, x̂ at level 3)', () => {
    for (const v of bothForms('batchnorm-inference', params)) {
      // Running mean 0.4 then 0.56; running variance 1.3 then 2.07 (derived above).
      expect(partKeys(v)).toEqual([
        ['running-mean', 0.56],
        ['running-variance', 2.07],
      ]);
      const [mean, variance] = [partKey(v, 'running-mean'), partKey(v, 'running-variance')];
      // (5 − 0.56)/√2.07 ≈ 3.09, the key.
      expect(shownKey(v)).toEqual(
        rounded((5 - (mean as number)) / Math.sqrt(variance as number), 2),
      );
      // The worked first step is the first update: 0.9·0 + 0.1·4 = 0.4.
      expect(v.question.hints?.[2]).toContain('= 0.4$');
    }
    const level3 = {
      level: 3,
      momentum: 0.1,
      minibatches: '1,2,3,4,5;2,4,6,8,10',
      input: 6,
      gamma: 2,
      beta: 1,
    };
    for (const v of bothForms('batchnorm-inference', level3)) {
      // Unbiased batch variances 10/4 = 2.5 and 40/4 = 10; running mean 0.87, variance 2.035;
      // x̂ = 5.13/√2.035 ≈ 3.5961 (derived above).
      expect(v.question.parts?.map((p) => p.id)).toEqual([
        'batch-variances',
        'running-mean',
        'running-variance',
        'normalised-input',
      ]);
      expect(partKey(v, 'batch-variances')).toEqual([2.5, 10]);
      expect(partKey(v, 'running-mean')).toBe(0.87);
      expect(partKey(v, 'running-variance')).toBe(2.035);
      const xHat = partKey(v, 'normalised-input') as number;
      expect(rounded(xHat, 4)).toEqual([3.5961]);
      // y = 2·x̂ + 1 ≈ 8.19, the key.
      expect(shownKey(v)).toEqual(rounded(2 * xHat + 1, 2));
    }
  });
});

describe('layernorm-stats', () => {
  // Rows (samples) [1, 2, 3, 6] and [4, 4, 0, 8].
  const x = '1,2,3,6;4,4,0,8';
  it('averages each sample over its features', () => {
    const v = mcq('layernorm-stats', { x, stat: 'mean' });
    // 12/4 = 3 and 16/4 = 4.
    expect(correctNumbers(v)).toEqual([3, 4]);
    // Column (batch-norm) means 2.5, 3, 1.5, 7: four values where the key has two, so the
    // option is not offered (its length alone would mark it wrong).
    expect(
      candidateValues('layernorm-stats', { x, stat: 'mean' }, 'normalised-wrong-axis'),
    ).toEqual([2.5, 3, 1.5, 7]);
    expect(misconceptionIds(v)).not.toContain('normalised-wrong-axis');
    // Global mean 28/8 = 3.5 for both samples.
    expect(wrongNumbers(v, 'pooled-all-values')).toEqual([3.5, 3.5]);
    // Row sums 12 and 16.
    expect(wrongNumbers(v, 'summed-not-averaged')).toEqual([12, 16]);
  });

  it('computes per-sample biased variances', () => {
    const v = mcq('layernorm-stats', { x, stat: 'variance' });
    // Row 1 about 3: 4 + 1 + 0 + 9 = 14 → 3.5. Row 2 about 4: 0 + 0 + 16 + 16 = 32 → 8.
    expect(correctNumbers(v)).toEqual([3.5, 8]);
    // D − 1 = 3: 14/3 ≈ 4.67 and 32/3 ≈ 10.67.
    expect(wrongNumbers(v, 'unbiased-variance')).toEqual([4.67, 10.67]);
    // Column variances over 2 samples: [1,4] → 2.25, [2,4] → 1, [3,0] → 2.25, [6,8] → 1.
    expect(
      candidateValues('layernorm-stats', { x, stat: 'variance' }, 'normalised-wrong-axis'),
    ).toEqual([2.25, 1, 2.25, 1]);
    expect(misconceptionIds(v)).not.toContain('normalised-wrong-axis');
    // √3.5 ≈ 1.87, √8 ≈ 2.83.
    expect(wrongNumbers(v, 'std-instead-of-variance')).toEqual([1.87, 2.83]);
  });

  it('solves in parts: count and row sums for a mean, means and squared deviations for a variance', () => {
    for (const v of bothForms('layernorm-stats', { x, stat: 'mean' })) {
      // Each mean averages one row of D = 4 values; row sums 1 + 2 + 3 + 6 = 12, 4 + 4 + 0 + 8 = 16.
      expect(partKeys(v)).toEqual([
        ['values-per-mean', 4],
        ['sample-sums', [12, 16]],
      ]);
      // 12/4 = 3, 16/4 = 4: the key.
      const sums = partKey(v, 'sample-sums') as number[];
      const count = partKey(v, 'values-per-mean') as number;
      expect(shownKey(v)).toEqual(
        rounded(
          sums.map((s) => s / count),
          2,
        ),
      );
      expect(v.question.hints).toHaveLength(3);
    }
    for (const v of bothForms('layernorm-stats', { x, stat: 'variance' })) {
      // Means 3 and 4; squared deviations (−2)² + (−1)² + 0² + 3² = 14 and 0 + 0 + 16 + 16 = 32.
      expect(partKeys(v)).toEqual([
        ['sample-means', [3, 4]],
        ['squared-deviations', [14, 32]],
      ]);
      // 14/4 = 3.5, 32/4 = 8: the key.
      const squares = partKey(v, 'squared-deviations') as number[];
      expect(shownKey(v)).toEqual(
        rounded(
          squares.map((s) => s / 4),
          2,
        ),
      );
      expect(v.question.hints?.[1]).toContain('\\frac{1}{D}');
    }
  });
});

describe('norm-axes', () => {
  it('batch norm pools N, H and W; the wrong options name the classic mix-ups', () => {
    const v = mcq('norm-axes', { norm: 'batch', ask: 'axes' });
    expect(correctText(v)).toBe('the batch axis $N$ and the spatial axes $H$, $W$');
    expect(misconceptionIds(v)).toEqual([
      'bn-ln-axes-swapped',
      'forgot-batch-axis',
      'included-channel-axis',
    ]);
    const swapped = v.question.options?.find((o) => o.misconception?.id === 'bn-ln-axes-swapped');
    expect(swapped?.text).toBe('the channel axis $C$ and the spatial axes $H$, $W$');
  });

  it('layer norm counts C·H·W values per mean', () => {
    for (let seed = 0; seed < 20; seed++) {
      const v = mcq('norm-axes', { norm: 'layer', ask: 'count' }, seed);
      const [n, c, h, w] = /= (\d+) \\times (\d+) \\times (\d+) \\times (\d+)\$/
        .exec(v.question.stem)!
        .slice(1)
        .map(Number);
      expect(correctNumbers(v)).toEqual([c * h * w]);
      expect(wrongNumbers(v, 'bn-ln-axes-swapped')).toEqual([n * h * w]);
      expect(wrongNumbers(v, 'included-batch-axis')).toEqual([n * c * h * w]);
    }
  });

  it('group norm: every option speaks of groups, so the word does not mark the key', () => {
    for (let seed = 0; seed < 20; seed++) {
      const v = mcq('norm-axes', { norm: 'group', ask: 'axes' }, seed);
      expect(correctText(v)).toBe('the spatial axes $H$, $W$ and the $C/G$ channels of one group');
      for (const o of v.question.options ?? []) expect(o.text).toMatch(/group/);
    }
    const count = mcq('norm-axes', { norm: 'group', ask: 'count' }, 3);
    const [n, c, h, w] = /= (\d+) \\times (\d+) \\times (\d+) \\times (\d+)\$/
      .exec(count.question.stem)!
      .slice(1)
      .map(Number);
    const g = Number(/\$G = (\d+)\$/.exec(count.question.stem)![1]);
    expect(correctNumbers(count)).toEqual([(c / g) * h * w]);
    expect(wrongNumbers(count, 'included-batch-axis')).toEqual([n * (c / g) * h * w]);
  });

  it('has no numeric form', () => {
    expect(() => generateVariant('norm-axes', 0, { form: 'numeric' })).toThrow(/no numeric form/);
  });

  it('solves in parts: tensor size and number of means, or means and values per mean', () => {
    // Seed 0 draws N × C × H × W = 4 × 8 × 4 × 4 and G = 2 whatever norm and ask are fixed.
    const batch = mcq('norm-axes', { norm: 'batch', ask: 'count' });
    expect(batch.question.stem).toContain('4 \\times 8 \\times 4 \\times 4');
    // 4·8·4·4 = 512 numbers; one mean per channel, C = 8; 512/8 = 64, the key.
    expect(partKeys(batch)).toEqual([
      ['tensor-size', 512],
      ['statistics-count', 8],
    ]);
    expect(correctNumbers(batch)).toEqual([
      (partKey(batch, 'tensor-size') as number) / (partKey(batch, 'statistics-count') as number),
    ]);
    // Layer norm: one mean per sample, N = 4; 512/4 = 128.
    const layer = mcq('norm-axes', { norm: 'layer', ask: 'count' });
    expect(partKey(layer, 'statistics-count')).toBe(4);
    expect(correctNumbers(layer)).toEqual([128]);
    // Group norm, axes: one mean per sample and group, N·G = 8, each over (C/G)·H·W = 4·4·4 = 64
    // numbers (8·64 = 512); the key is the option naming H, W and the channels of one group.
    const group = mcq('norm-axes', { norm: 'group', ask: 'axes' });
    expect(partKeys(group)).toEqual([
      ['statistics-count', 8],
      ['values-per-mean', 64],
    ]);
    expect(correctText(group)).toContain('channels of one group');
    expect(group.question.hints?.[2]).toContain('N \\cdot G = 4 \\cdot 2 = 8');
  });
});

describe('conv-transpose1d', () => {
  it('reproduces the source example x = [5,4,3,2,1], f = [1,2,3,4], stride 2', () => {
    // y0 = 5·1, y1 = 5·2, y2 = 5·3 + 4·1 = 19, y3 = 5·4 + 4·2 = 28, y4 = 4·3 + 3·1 = 15,
    // y5 = 4·4 + 3·2 = 22, y6 = 3·3 + 2·1 = 11, y7 = 3·4 + 2·2 = 16, y8 = 2·3 + 1·1 = 7,
    // y9 = 2·4 + 1·2 = 10, y10 = 1·3, y11 = 1·4.
    const expected = [5, 10, 19, 28, 15, 22, 11, 16, 7, 10, 3, 4];
    const cases: Record<string, string | number>[] = [
      { preset: 'source' },
      { x: '5,4,3,2,1', w: '1,2,3,4', stride: 2, padding: 0 },
    ];
    for (const params of cases) {
      const v = mcq('conv-transpose1d', params);
      expect(correctNumbers(v)).toEqual(expected);
      expect(numericKey('conv-transpose1d', params)).toEqual(expected);
      // Overwriting instead of adding: each position keeps the last copy that reaches it:
      // [5,10 | 4,8 | 3,6 | 2,4 | 1,2 | 3,4].
      expect(wrongNumbers(v, 'forgot-overlap-sum')).toEqual([5, 10, 4, 8, 3, 6, 2, 4, 1, 2, 3, 4]);
      // Flipped filter [4,3,2,1]: y0 = 20, y1 = 15, y2 = 10 + 16, y3 = 5 + 12, y4 = 8 + 12,
      // y5 = 4 + 9, y6 = 6 + 8, y7 = 3 + 6, y8 = 4 + 4, y9 = 2 + 3, y10 = 2, y11 = 1.
      expect(wrongNumbers(v, 'flipped-kernel')).toEqual([
        20, 15, 26, 17, 20, 13, 14, 9, 8, 5, 2, 1,
      ]);
      // Inputs stamped backwards, [1,2,3,4,5]: y2 = 3 + 2, y3 = 4 + 4, …, y8 = 12 + 5, y9 = 16 + 10.
      expect(wrongNumbers(v, 'reversed-input')).toEqual([
        1, 2, 5, 8, 9, 14, 13, 20, 17, 26, 15, 20,
      ]);
      // Every wrong option has the key's 12 values: the shorter stride-1 and cropped outputs
      // ([5, 14, 26, 40, 30, 20, 11, 4] and the middle 10 values) would give the key away.
      expect(misconceptionIds(v)).toEqual([
        'flipped-kernel',
        'forgot-overlap-sum',
        'reversed-input',
      ]);
      expect(v.question.stem).toContain('the filter is not flipped');
    }
  });

  it('writes the contribution table a tutor would', () => {
    const v = mcq('conv-transpose1d', { preset: 'source' });
    const table = v.question.steps?.find((s) => s.includes('| output |'));
    expect(table).toContain('| $y_{2}$ | $5 \\cdot 3 + 4 \\cdot 1$ | 19 |');
    expect(table).toContain('| $y_{11}$ | $1 \\cdot 4$ | 4 |');
    expect(v.question.steps?.at(-1)).toContain('[5, 10, 19, 28, 15, 22, 11, 16, 7, 10, 3, 4]');
  });

  it('crops padding values from each end', () => {
    // x = [1, 2], f = [1, 1, 1], stride 2: full [1, 1, 1+2, 2, 2] = [1,1,3,2,2]; crop 1 → [1,3,2].
    const v = mcq('conv-transpose1d', { x: '1,2', w: '1,1,1', stride: 2, padding: 1 });
    expect(correctNumbers(v)).toEqual([1, 3, 2]);
    // Overwrite: full [1,1,2,2,2] → crop → [1,2,2].
    expect(wrongNumbers(v, 'forgot-overlap-sum')).toEqual([1, 2, 2]);
    // Inputs backwards, [2, 1]: full [2, 2, 2+1, 1, 1] → crop → [2, 3, 1].
    expect(wrongNumbers(v, 'reversed-input')).toEqual([2, 3, 1]);
    // Both cropped values taken from the end: [1,1,3,2,2] → [1, 1, 3].
    expect(wrongNumbers(v, 'cropped-one-end')).toEqual([1, 1, 3]);
    // The symmetric filter flipped is the same filter: that misconception gives the key and is
    // left out, as are the other-length outputs ([1,1,3,2,2] uncropped, [3, 3] at stride 1).
    expect(misconceptionIds(v)).toEqual([
      'cropped-one-end',
      'forgot-overlap-sum',
      'reversed-input',
    ]);
  });

  it('solves in parts: output length, the first filter copy, the first overlapping output', () => {
    for (const v of bothForms('conv-transpose1d', { preset: 'source' })) {
      // (5 − 1)·2 + 4 = 12 values; x₀·f = 5·[1, 2, 3, 4] = [5, 10, 15, 20]; the copies of x₀ and
      // x₁ first overlap at y₂ = 5·3 + 4·1 = 19.
      expect(partKeys(v)).toEqual([
        ['output-length', 12],
        ['first-copy', [5, 10, 15, 20]],
        ['first-overlap', 19],
      ]);
      // The key has that length, starts with x₀'s copy where nothing overlaps, then y₂.
      const key = shownKey(v);
      const copy = partKey(v, 'first-copy') as number[];
      expect(key).toHaveLength(partKey(v, 'output-length') as number);
      expect(key.slice(0, 3)).toEqual([copy[0], copy[1], partKey(v, 'first-overlap')]);
      expect(v.question.hints?.[2]).toContain('5 \\cdot [1, 2, 3, 4] = [5, 10, 15, 20]');
    }
    for (const v of bothForms('conv-transpose1d', {
      x: '1,2',
      w: '1,1,1',
      stride: 2,
      padding: 1,
    })) {
      // Full [1, 1, 3, 2, 2], cropped [1, 3, 2]: 3 values; x₀·f = [1, 1, 1]; after cropping
      // y₀ = x₀f₁ alone and y₁ = x₀f₂ + x₁f₀ = 1 + 2 = 3 is the first overlap.
      expect(partKeys(v)).toEqual([
        ['output-length', 3],
        ['first-copy', [1, 1, 1]],
        ['first-overlap', 3],
      ]);
      expect(shownKey(v)[1]).toBe(partKey(v, 'first-overlap'));
      expect(v.question.parts![2].prompt).toContain('after cropping');
    }
  });
});

describe('conv-transpose2d', () => {
  it('sums the four shifted kernel copies', () => {
    // X = [[1,2],[3,4]], W = [[2,1],[0,1]], stride 1 → 3×3:
    // y00 = 1·2; y01 = 1·1 + 2·2; y02 = 2·1; y10 = 1·0 + 3·2; y11 = 1·1 + 2·0 + 3·1 + 4·2 = 12;
    // y12 = 2·1 + 4·1; y20 = 3·0; y21 = 3·1 + 4·0; y22 = 4·1.
    const v = mcq('conv-transpose2d', { x: '1,2;3,4', w: '2,1;0,1', stride: 1, padding: 0 });
    expect(correctNumbers(v)).toEqual([2, 5, 2, 6, 12, 6, 0, 3, 4]);
    // Overwrite in order x00, x01, x10, x11: [[2,4,2],[6,8,4],[0,0,4]].
    expect(wrongNumbers(v, 'forgot-overlap-sum')).toEqual([2, 4, 2, 6, 8, 4, 0, 0, 4]);
    // Kernel rotated by 180° = [[1,0],[1,2]]: [[1,2,0],[4,8,4],[3,10,8]].
    expect(wrongNumbers(v, 'flipped-kernel')).toEqual([1, 2, 0, 4, 8, 4, 3, 10, 8]);
    // Transposed kernel [[2,0],[1,1]]: [[2,4,0],[7,11,2],[3,7,4]].
    expect(wrongNumbers(v, 'kernel-transposed')).toEqual([2, 4, 0, 7, 11, 2, 3, 7, 4]);
  });

  it('solves in parts: output shape, the first kernel copy, the first overlapping output', () => {
    const plain = { x: '1,2;3,4', w: '2,1;0,1', stride: 1, padding: 0 };
    for (const v of bothForms('conv-transpose2d', plain)) {
      // 3×3 output; x₀₀·W = 1·W = [2, 1; 0, 1]; reading row by row, (0, 1) is the first cell two
      // copies reach: 1·1 + 2·2 = 5.
      expect(partKeys(v)).toEqual([
        ['output-shape', [3, 3]],
        ['first-copy', [2, 1, 0, 1]],
        ['first-overlap', 5],
      ]);
      // The key (row by row) is 3·3 values, y₀₀ = x₀₀·W₀₀ alone, then the overlap y₀₁.
      const key = shownKey(v);
      expect(key).toHaveLength(9);
      expect(key.slice(0, 2)).toEqual([
        (partKey(v, 'first-copy') as number[])[0],
        partKey(v, 'first-overlap'),
      ]);
    }
    const cropped = { x: '1,2;3,4', w: '1,2,3;4,5,6;7,8,9', stride: 2, padding: 1 };
    for (const v of bothForms('conv-transpose2d', cropped)) {
      // Full 5×5, cropped 3×3; x₀₀·W = W. Cropped (0, 0) is full (1, 1): x₀₀·W₁₁ = 5 alone;
      // cropped (0, 1) is full (1, 2): x₀₀·W₁₂ + x₀₁·W₁₀ = 6 + 2·4 = 14, the first overlap.
      expect(partKeys(v)).toEqual([
        ['output-shape', [3, 3]],
        ['first-copy', [1, 2, 3, 4, 5, 6, 7, 8, 9]],
        ['first-overlap', 14],
      ]);
      expect(v.question.parts![2].prompt).toContain('row 0, column 1');
      // Row 0 of the key: 5, 14, then x₀₁·W₁₁ = 10.
      expect(shownKey(v).slice(0, 3)).toEqual([5, partKey(v, 'first-overlap'), 10]);
    }
  });
});

describe('conv-transpose-output-size', () => {
  it('applies (n − 1)s − 2p + k + output padding', () => {
    const params = { in: 7, kernel: 3, stride: 2, padding: 1, outputPadding: 1 };
    const v = mcq('conv-transpose-output-size', params);
    // (7 − 1)·2 − 2·1 + 3 + 1 = 14.
    expect(correctNumbers(v)).toEqual([14]);
    // Forward formula ⌊(7 + 2 − 3)/2⌋ + 1 = 4.
    expect(wrongNumbers(v, 'used-conv-formula')).toEqual([4]);
    // Without the −2p: 12 + 3 + 1 = 16 (n·s gives 16 too and is dropped as a duplicate).
    expect(wrongNumbers(v, 'output-size-forgot-padding')).toEqual([16]);
    // +2p instead of −2p: 12 + 2 + 3 + 1 = 18.
    expect(wrongNumbers(v, 'padding-sign-flipped')).toEqual([18]);
    expect(numericKey('conv-transpose-output-size', params)).toBe(14);
  });

  it('solves in parts: where the last copy starts, the uncropped span', () => {
    const params = { in: 7, kernel: 3, stride: 2, padding: 1, outputPadding: 1 };
    for (const v of bothForms('conv-transpose-output-size', params)) {
      // Last copy starts at (7 − 1)·2 = 12; it reaches 12 + 3 = 15 positions in all.
      expect(partKeys(v)).toEqual([
        ['last-copy-start', 12],
        ['uncropped-size', 15],
      ]);
      // Cropping 2p = 2 and adding the output padding 1: 15 − 2 + 1 = 14, the key.
      expect(shownKey(v)).toEqual([(partKey(v, 'uncropped-size') as number) - 2 + 1]);
      expect(v.question.hints?.[2]).toContain('(7 - 1) \\cdot 2 = 12');
    }
  });
});

describe('conv-output-size', () => {
  it('applies ⌊(n + 2p − d(k − 1) − 1)/s⌋ + 1', () => {
    const params = { in: 32, kernel: 5, stride: 2, padding: 1, dilation: 1 };
    const v = mcq('conv-output-size', params);
    // ⌊(32 + 2 − 5)/2⌋ + 1 = ⌊29/2⌋ + 1 = 15.
    expect(correctNumbers(v)).toEqual([15]);
    // Stride 1: 29 + 1 = 30.
    expect(wrongNumbers(v, 'stride-ignored')).toEqual([30]);
    // No padding: ⌊27/2⌋ + 1 = 14.
    expect(wrongNumbers(v, 'output-size-forgot-padding')).toEqual([14]);
    // Rounding up: ⌈29/2⌉ + 1 = 16.
    expect(wrongNumbers(v, 'rounded-up')).toEqual([16]);
  });

  it('accounts for dilation', () => {
    // n = 10, k = 3, d = 2: extent 5, ⌊(10 − 5)/1⌋ + 1 = 6; ignoring d: 10 − 3 + 1 = 8.
    const v = mcq('conv-output-size', { in: 10, kernel: 3, stride: 1, padding: 0, dilation: 2 });
    expect(correctNumbers(v)).toEqual([6]);
    expect(wrongNumbers(v, 'dilation-ignored')).toEqual([8]);
  });

  it('solves in parts: padded size, (dilated extent,) kernel moves', () => {
    const plain = { in: 32, kernel: 5, stride: 2, padding: 1, dilation: 1 };
    for (const v of bothForms('conv-output-size', plain)) {
      // 32 + 2·1 = 34; ⌊(34 − 5)/2⌋ = ⌊14.5⌋ = 14 moves; 14 + 1 = 15, the key.
      expect(partKeys(v)).toEqual([
        ['padded-size', 34],
        ['kernel-moves', 14],
      ]);
      expect(shownKey(v)).toEqual([(partKey(v, 'kernel-moves') as number) + 1]);
    }
    const dilated = { in: 10, kernel: 3, stride: 1, padding: 0, dilation: 2 };
    for (const v of bothForms('conv-output-size', dilated)) {
      // 10 + 0 = 10; extent 2·(3 − 1) + 1 = 5; ⌊(10 − 5)/1⌋ = 5 moves; 5 + 1 = 6, the key.
      expect(partKeys(v)).toEqual([
        ['padded-size', 10],
        ['kernel-extent', 5],
        ['kernel-moves', 5],
      ]);
      const [padded, extent] = [partKey(v, 'padded-size'), partKey(v, 'kernel-extent')];
      expect(shownKey(v)).toEqual([Math.floor(((padded as number) - (extent as number)) / 1) + 1]);
    }
  });
});

describe('maxpool-unpool', () => {
  const params = { map: '1,5,0,2;3,4,7,1;9,0,2,2;1,1,3,8', pooled: '50,10;44,20' };
  it('puts each new value back at its switch', () => {
    // Window maxima: 5 at (0,1) index 1; 7 at (1,2) index 6; 9 at (2,0) index 8; 8 at (3,3) index 15.
    const v = mcq('maxpool-unpool', params);
    expect(correctNumbers(v)).toEqual([0, 50, 0, 0, 0, 0, 10, 0, 44, 0, 0, 0, 0, 0, 0, 20]);
    // The stem shows the map, not flat indices: misreading indices is not an option here.
    expect(misconceptionIds(v)).not.toContain('pooled-indices-column-major');
    // With PyTorch's pooled map and indices [[1, 6], [8, 15]] shown instead, column-major
    // reading is: index 1 → (1,0), 6 → (2,1), 8 → (0,2), 15 → (3,3).
    const shown = mcq('maxpool-unpool', { ...params, show: 'indices' });
    expect(shown.question.stem).toContain('\\begin{bmatrix} 1 & 6 \\\\ 8 & 15 \\end{bmatrix}');
    expect(shown.question.stem).toContain('row-major');
    expect(correctNumbers(shown)).toEqual(correctNumbers(v));
    expect(wrongNumbers(shown, 'pooled-indices-column-major')).toEqual([
      0, 0, 44, 0, 50, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0, 20,
    ]);
    // Top-left corners (0,0), (0,2), (2,0), (2,2).
    expect(wrongNumbers(v, 'unpool-to-top-left')).toEqual([
      50, 0, 10, 0, 0, 0, 0, 0, 44, 0, 20, 0, 0, 0, 0, 0,
    ]);
    // Original maxima 5, 7, 9, 8 at the right places.
    expect(wrongNumbers(v, 'unpool-original-values')).toEqual([
      0, 5, 0, 0, 0, 0, 7, 0, 9, 0, 0, 0, 0, 0, 0, 8,
    ]);
    expect(numericKey('maxpool-unpool', params)).toEqual([
      0, 50, 0, 0, 0, 0, 10, 0, 44, 0, 0, 0, 0, 0, 0, 20,
    ]);
  });

  it('solves in parts: the maxima and their switches, or the decoded rows and columns', () => {
    // Places each value of P = [50, 10; 44, 20] at its flat row-major switch in a 4×4 map of 0s.
    const unpool = (flat: readonly number[]) => {
      const y = new Array<number>(16).fill(0);
      [50, 10, 44, 20].forEach((value, k) => (y[flat[k]] = value));
      return y;
    };
    for (const v of bothForms('maxpool-unpool', params)) {
      // Window maxima 5, 7, 9, 8 at indices 1, 6, 8, 15 (derived above).
      expect(partKeys(v)).toEqual([
        ['pooled-maxima', [5, 7, 9, 8]],
        ['switch-indices', [1, 6, 8, 15]],
      ]);
      expect(shownKey(v)).toEqual(unpool(partKey(v, 'switch-indices') as number[]));
      expect(v.question.hints?.[2]).toContain('max 5 at (0, 1), index 1');
    }
    for (const v of bothForms('maxpool-unpool', { ...params, show: 'indices' })) {
      // Indices 1, 6, 8, 15 in a 4-wide map: rows ⌊i/4⌋ = 0, 1, 2, 3; columns i mod 4 = 1, 2, 0, 3.
      expect(partKeys(v)).toEqual([
        ['switch-rows', [0, 1, 2, 3]],
        ['switch-columns', [1, 2, 0, 3]],
      ]);
      const rows = partKey(v, 'switch-rows') as number[];
      const columns = partKey(v, 'switch-columns') as number[];
      expect(shownKey(v)).toEqual(unpool(rows.map((r, k) => r * 4 + columns[k])));
    }
  });
});

describe('soft-dice', () => {
  it('reproduces the source masks', () => {
    // Σab by rows: 0.6752 + 2.0301 + 1.8199 + 2.7307 = 7.2559; ΣA = 9.48; ΣB = 8.98.
    // Dice = 14.5118/18.46 ≈ 0.7861.
    const v = mcq('soft-dice', { preset: 'source' });
    expect(correctNumbers(v)).toEqual([0.786]);
    // Without the 2: 7.2559/18.46 ≈ 0.3931.
    expect(wrongNumbers(v, 'dropped-dice-factor-2')).toEqual([0.393]);
    // IoU: 7.2559/(18.46 − 7.2559) = 7.2559/11.2041 ≈ 0.6476.
    expect(wrongNumbers(v, 'iou-dice-confused')).toEqual([0.648]);
    // Thresholded at 0.5: |A| = 9, |B| = 8, overlap 8 → 16/17 ≈ 0.9412.
    expect(wrongNumbers(v, 'thresholded-soft-masks')).toEqual([0.941]);
    expect(numericKey('soft-dice', { preset: 'source' })).toBe(0.786);
  });

  it('solves in two checkable parts whose answers give the key', () => {
    const q = generateVariant('soft-dice', 0, {
      form: 'numeric',
      params: { preset: 'source' },
    }).question;
    // Σab = 7.2559 (rows above); ΣA + ΣB = 9.48 + 8.98 = 18.46; 2 · 7.2559 / 18.46 = 0.78612.
    expect(q.parts?.map((p) => [p.id, p.key.value])).toEqual([
      ['overlap', 7.2559],
      ['total', 18.46],
    ]);
    const [overlap, total] = q.parts!.map((p) => p.key.value as number);
    expect((2 * overlap) / total).toBeCloseTo(q.numeric!.value as number, 9);
    // Ladder: a nudge, the formula, then the first step with this variant's numbers.
    expect(q.hints).toHaveLength(3);
    expect(q.hints![1]).toContain('\\frac{2');
    expect(q.hints![2]).toContain('7.2559');
    // Typing the IoU (7.2559 / (18.46 − 7.2559) = 0.6476) is diagnosed, not just wrong.
    const typed = gradeNumeric(q.numeric!, '0.648', { misconceptions: q.misconceptionKeys });
    expect(typed.misconception?.id).toBe('iou-dice-confused');
  });
});

describe('iou', () => {
  it('divides the overlap by the union', () => {
    // A has 4 ones, B has 5, they share 2 cells: IoU = 2/(4 + 5 − 2) = 2/7 ≈ 0.286.
    const v = mcq('iou', { a: '1,1,0;1,1,0;0,0,0', b: '0,1,1;0,1,1;0,1,0' });
    expect(correctNumbers(v)).toEqual([0.286]);
    // Dice 4/9 ≈ 0.444; Σab/(Σa + Σb) = 2/9 ≈ 0.222; precision 2/5 = 0.4.
    expect(wrongNumbers(v, 'iou-dice-confused')).toEqual([0.444]);
    expect(wrongNumbers(v, 'union-without-overlap-removed')).toEqual([0.222]);
    expect(wrongNumbers(v, 'divided-by-prediction')).toEqual([0.4]);
  });

  it('solves in parts: the overlap and the union', () => {
    const hard = { a: '1,1,0;1,1,0;0,0,0', b: '0,1,1;0,1,1;0,1,0' };
    for (const v of bothForms('iou', hard)) {
      // Shared cells (1,2) and (2,2): overlap 2; union 4 + 5 − 2 = 7; 2/7 ≈ 0.286, the key.
      expect(partKeys(v)).toEqual([
        ['overlap', 2],
        ['union', 7],
      ]);
      const [overlap, union] = [partKey(v, 'overlap'), partKey(v, 'union')] as number[];
      expect(shownKey(v)).toEqual(rounded(overlap / union, 3));
      expect(v.question.hints).toHaveLength(3);
    }
    const soft = { a: '0.5,1;0,0.2', b: '0.4,0.5;0.3,0' };
    for (const v of bothForms('iou', soft)) {
      // Σab = 0.5·0.4 + 1·0.5 = 0.7; Σa = 1.7, Σb = 1.2, union 1.7 + 1.2 − 0.7 = 2.2.
      // 0.7/2.2 ≈ 0.318, the key.
      expect(partKeys(v)).toEqual([
        ['overlap', 0.7],
        ['union', 2.2],
      ]);
      expect(shownKey(v)).toEqual(rounded(0.7 / 2.2, 3));
    }
  });
});

describe('regularized-step', () => {
  it('L1: subtracts lr·(g + λ·sign w)', () => {
    // w = [3, −2], g = [0.4, −0.5], lr 0.1, λ 0.5: grads [0.9, −1.0] → [2.91, −1.9].
    const v = mcq('regularized-step', {
      kind: 'l1',
      w: '3,-2',
      grad: '0.4,-0.5',
      lr: 0.1,
      lambda: 0.5,
    });
    expect(correctNumbers(v)).toEqual([2.91, -1.9]);
    // L2 rule 2λw = [3, −2]: grads [3.4, −2.5] → [2.66, −1.75].
    expect(wrongNumbers(v, 'l1-as-l2')).toEqual([2.66, -1.75]);
    // No learning rate: [3 − 0.9, −2 + 1] = [2.1, −1].
    expect(wrongNumbers(v, 'forgot-learning-rate')).toEqual([2.1, -1]);
    // g − λ·sign w = [−0.1, 0]: [3.01, −2].
    expect(wrongNumbers(v, 'penalty-sign-flipped')).toEqual([3.01, -2]);
  });

  it('L2: subtracts lr·(g + 2λw)', () => {
    // w = [1, −2], g = [0.2, 0.4], lr 0.1, λ 0.5: 2λw = [1, −2], grads [1.2, −1.6] → [0.88, −1.84].
    const v = mcq('regularized-step', {
      kind: 'l2',
      w: '1,-2',
      grad: '0.2,0.4',
      lr: 0.1,
      lambda: 0.5,
    });
    expect(correctNumbers(v)).toEqual([0.88, -1.84]);
    // λw only: grads [0.7, −0.6] → [0.93, −1.94].
    expect(wrongNumbers(v, 'l2-gradient-without-2')).toEqual([0.93, -1.94]);
    // λ·sign w: grads [0.7, −0.1] → [0.93, −1.99].
    expect(wrongNumbers(v, 'l2-as-l1')).toEqual([0.93, -1.99]);
    // No learning rate: [1 − 1.2, −2 + 1.6] = [−0.2, −0.4].
    expect(wrongNumbers(v, 'forgot-learning-rate')).toEqual([-0.2, -0.4]);
  });

  it('L1 takes sign(0) = 0', () => {
    // w = [0, 2], g = [0.1, 0], lr 0.5, λ 0.2: [0 − 0.05, 2 − 0.1] = [−0.05, 1.9].
    const v = mcq('regularized-step', {
      kind: 'l1',
      w: '0,2',
      grad: '0.1,0',
      lr: 0.5,
      lambda: 0.2,
    });
    expect(correctNumbers(v)).toEqual([-0.05, 1.9]);
    // sign(0) = 1: first weight 0 − 0.5·(0.1 + 0.2) = −0.15.
    expect(wrongNumbers(v, 'sign-of-zero-as-one')).toEqual([-0.15, 1.9]);
  });

  it('sparsity variant: an L1 step lands exactly on zero', () => {
    // w = [0.5, 1], g = [0.2, −0.1], lr 1, λ 0.3: [0.5 − 0.5, 1 − 0.2] = [0, 0.8].
    const params = { ask: 'sparsity', w: '0.5,1', grad: '0.2,-0.1', lr: 1, lambda: 0.3 };
    expect(numericKey('regularized-step', params)).toEqual([0, 0.8]);
    for (let seed = 0; seed < 200; seed++) {
      const key = numericKey('regularized-step', { ask: 'sparsity' }, seed) as number[];
      expect(key).toContain(0);
    }
  });

  it('solves in parts: the penalty gradient, then the full gradient', () => {
    const cases: [Record<string, string | number>, number[], number[], number[]][] = [
      // L1, w = [3, −2], g = [0.4, −0.5], λ 0.5: λ·sign w = [0.5, −0.5]; g + it = [0.9, −1];
      // w − 0.1·[0.9, −1] = [2.91, −1.9].
      [
        { kind: 'l1', w: '3,-2', grad: '0.4,-0.5', lr: 0.1, lambda: 0.5 },
        [0.5, -0.5],
        [0.9, -1],
        [3, -2],
      ],
      // L2, w = [1, −2], g = [0.2, 0.4], λ 0.5: 2λw = [1, −2]; g + it = [1.2, −1.6];
      // w − 0.1·[1.2, −1.6] = [0.88, −1.84].
      [
        { kind: 'l2', w: '1,-2', grad: '0.2,0.4', lr: 0.1, lambda: 0.5 },
        [1, -2],
        [1.2, -1.6],
        [1, -2],
      ],
      // L1 at w = 0: sign(0) = 0, so λ·sign w = [0, 0.2]; g + it = [0.1, 0.2];
      // w − 0.5·[0.1, 0.2] = [−0.05, 1.9].
      [{ kind: 'l1', w: '0,2', grad: '0.1,0', lr: 0.5, lambda: 0.2 }, [0, 0.2], [0.1, 0.2], [0, 2]],
    ];
    for (const [params, penalty, full, w] of cases) {
      for (const v of bothForms('regularized-step', params)) {
        expect(partKeys(v)).toEqual([
          ['penalty-gradient', penalty],
          ['full-gradient', full],
        ]);
        const gradient = partKey(v, 'full-gradient') as number[];
        const lr = params.lr as number;
        expect(shownKey(v)).toEqual(
          rounded(
            w.map((wi, i) => wi - lr * gradient[i]),
            4,
          ),
        );
        // The worked first step is the first weight's update.
        expect(v.question.hints?.[2]).toContain('$w_{1}$');
      }
    }
  });
});

describe('softmax-temperature', () => {
  it('divides the logits by T before the softmax', () => {
    // z = [2, 0], T = 2 → z/T = [1, 0] → e/(e + 1) = 2.71828/3.71828 ≈ 0.7311, 1/(e + 1) ≈ 0.2689.
    const v = mcq('softmax-temperature', { z: '2,0', temperature: 2 });
    expect(correctNumbers(v)).toEqual([0.731, 0.269]);
    // T ignored: e²/(e² + 1) = 7.389/8.389 ≈ 0.8808.
    expect(wrongNumbers(v, 'softmax-ignores-temperature')).toEqual([0.881, 0.119]);
    // Multiplied: e⁴/(e⁴ + 1) = 54.598/55.598 ≈ 0.9820.
    expect(wrongNumbers(v, 'temperature-multiplied')).toEqual([0.982, 0.018]);
    // No exponential: [2, 0]/2 = [1, 0].
    expect(wrongNumbers(v, 'normalised-without-exp')).toEqual([1, 0]);
  });

  it('solves in parts: z/T, the shifted exponentials, their sum', () => {
    for (const v of bothForms('softmax-temperature', { z: '2,0', temperature: 2 })) {
      // z/T = [1, 0]; minus the largest 1: [0, −1] → [e⁰, e⁻¹] = [1, 0.36788]; sum 1.36788.
      const parts = v.question.parts!;
      expect(parts.map((p) => p.id)).toEqual(['scaled-logits', 'exponentials', 'normaliser']);
      expect(partKey(v, 'scaled-logits')).toEqual([1, 0]);
      const exps = partKey(v, 'exponentials') as number[];
      expect(rounded(exps, 5)).toEqual([1, 0.36788]);
      const sum = partKey(v, 'normaliser') as number;
      expect(rounded(sum, 5)).toEqual([1.36788]);
      // 1/1.36788 ≈ 0.731 and 0.36788/1.36788 ≈ 0.269: the key.
      expect(shownKey(v)).toEqual(
        rounded(
          exps.map((e) => e / sum),
          3,
        ),
      );
      expect(parts[1].answerFormat).toContain('rounded to 3 decimal places');
    }
  });
});

describe('leaky-relu', () => {
  it('scales only the negative side by α', () => {
    // x = [−2, 3, −0.5, 0], α = 0.1 → [−0.2, 3, −0.05, 0].
    const v = mcq('leaky-relu', { x: '-2,3,-0.5,0', alpha: 0.1 });
    expect(correctNumbers(v)).toEqual([-0.2, 3, -0.05, 0]);
    expect(wrongNumbers(v, 'leaky-relu-negated')).toEqual([0.2, 3, 0.05, 0]);
    expect(wrongNumbers(v, 'relu-instead-of-leaky')).toEqual([0, 3, 0, 0]);
    expect(wrongNumbers(v, 'alpha-applied-everywhere')).toEqual([-0.2, 0.3, -0.05, 0]);
  });

  it('solves in parts: the positive inputs, then the scaled ones', () => {
    for (const v of bothForms('leaky-relu', { x: '-2,3,-0.5,0', alpha: 0.1 })) {
      // Positive: x₂ = 3 passes unchanged. Not positive: x₁, x₃, x₄ → 0.1·[−2, −0.5, 0].
      expect(partKeys(v)).toEqual([
        ['positive-outputs', 3],
        ['negative-outputs', [-0.2, -0.05, 0]],
      ]);
      expect(v.question.parts![1].prompt).toContain('$x_{1} = -2$, $x_{3} = -0.5$, $x_{4} = 0$');
      // Put back in place: [−0.2, 3, −0.05, 0], the key.
      const [negative1, negative3, negative4] = partKey(v, 'negative-outputs') as number[];
      const positive2 = partKey(v, 'positive-outputs') as number;
      expect(shownKey(v)).toEqual([negative1, positive2, negative3, negative4]);
      // The worked first step is the first scaled input: 0.1·(−2) = −0.2.
      expect(v.question.hints?.[2]).toContain('0.1 \\cdot (-2) = -0.2');
    }
  });
});

describe('triplet-loss', () => {
  it('Euclidean: max(0, d(a,p) − d(a,n) + α)', () => {
    // a = [0,0], p = [6,8] (distance 10), n = [3,4] (distance 5), α = 1: 10 − 5 + 1 = 6.
    const v = mcq('triplet-loss', {
      anchor: '0,0',
      positive: '6,8',
      negative: '3,4',
      margin: 1,
      distance: 'euclidean',
    });
    expect(correctNumbers(v)).toEqual([6]);
    // Squared distances: 100 − 25 + 1 = 76.
    expect(wrongNumbers(v, 'squared-vs-euclidean')).toEqual([76]);
    // Swapped: max(0, 5 − 10 + 1) = 0.
    expect(wrongNumbers(v, 'swapped-positive-negative')).toEqual([0]);
    // Margin subtracted: 10 − 5 − 1 = 4.
    expect(wrongNumbers(v, 'margin-subtracted')).toEqual([4]);
  });

  it('clamps at zero (squared distance)', () => {
    // a = [0,0], p = [3,0] (9), n = [0,4] (16), α = 2: 9 − 16 + 2 = −5 → 0.
    const v = mcq('triplet-loss', {
      anchor: '0,0',
      positive: '3,0',
      negative: '0,4',
      margin: 2,
      distance: 'squared',
    });
    expect(correctNumbers(v)).toEqual([0]);
    expect(wrongNumbers(v, 'forgot-hinge-clamp')).toEqual([-5]);
    // Euclidean: 3 − 4 + 2 = 1.
    expect(wrongNumbers(v, 'squared-vs-euclidean')).toEqual([1]);
    // Swapped: 16 − 9 + 2 = 9.
    expect(wrongNumbers(v, 'swapped-positive-negative')).toEqual([9]);
  });

  it('solves in parts: both distances, then the value inside the hinge', () => {
    const euclidean = { anchor: '0,0', positive: '6,8', negative: '3,4', margin: 1 };
    for (const v of bothForms('triplet-loss', { ...euclidean, distance: 'euclidean' })) {
      // √(36 + 64) = 10, √(9 + 16) = 5, 10 − 5 + 1 = 6; max(0, 6) = 6, the key.
      expect(partKeys(v)).toEqual([
        ['positive-distance', 10],
        ['negative-distance', 5],
        ['before-hinge', 6],
      ]);
      const [dp, dn] = [partKey(v, 'positive-distance'), partKey(v, 'negative-distance')];
      expect((dp as number) - (dn as number) + 1).toBe(partKey(v, 'before-hinge'));
      expect(shownKey(v)).toEqual([Math.max(0, partKey(v, 'before-hinge') as number)]);
    }
    const squared = { anchor: '0,0', positive: '3,0', negative: '0,4', margin: 2 };
    for (const v of bothForms('triplet-loss', { ...squared, distance: 'squared' })) {
      // 3² = 9, 4² = 16, 9 − 16 + 2 = −5; the hinge clamps it: max(0, −5) = 0, the key.
      expect(partKeys(v)).toEqual([
        ['positive-distance', 9],
        ['negative-distance', 16],
        ['before-hinge', -5],
      ]);
      expect(shownKey(v)).toEqual([Math.max(0, partKey(v, 'before-hinge') as number)]);
      expect(v.question.parts![0].prompt).toContain('squared, no square root');
    }
  });
});

describe('depthwise-separable-cost', () => {
  const shape = { kernel: 3, inChannels: 32, outChannels: 64, size: 14 };
  it('counts depthwise + pointwise weights', () => {
    // Depthwise 9·32 = 288, pointwise 32·64 = 2048, total 2336.
    const v = mcq('depthwise-separable-cost', { ...shape, ask: 'params-separable' });
    expect(correctNumbers(v)).toEqual([2336]);
    expect(wrongNumbers(v, 'depthwise-forgot-pointwise')).toEqual([288]);
    // One depthwise filter per output channel: 9·32·64 + 2048 = 20480.
    expect(wrongNumbers(v, 'depthwise-times-n')).toEqual([20480]);
    // Standard convolution: 9·32·64 = 18432.
    expect(wrongNumbers(v, 'standard-counted')).toEqual([18432]);
  });

  it('standard multiply-adds and the 1/N + 1/D_K² ratio', () => {
    // 9·32·64·14² = 18432·196 = 3612672.
    expect(numericKey('depthwise-separable-cost', { ...shape, ask: 'madds-standard' })).toBe(
      3612672,
    );
    // 1/64 + 1/9 = 0.015625 + 0.1111… ≈ 0.1267; inverted ≈ 7.8904; 1/N ≈ 0.0156; 1/9 ≈ 0.1111.
    const v = mcq('depthwise-separable-cost', { ...shape, ask: 'ratio' });
    expect(correctNumbers(v)).toEqual([0.1267]);
    expect(wrongNumbers(v, 'ratio-inverted')).toEqual([7.8904]);
    expect(wrongNumbers(v, 'ratio-forgot-kernel-term')).toEqual([0.0156]);
    expect(wrongNumbers(v, 'ratio-forgot-channel-term')).toEqual([0.1111]);
  });

  it('solves every ask in two parts that combine into the key', () => {
    // D_K = 3, M = 32, N = 64, D_F = 14 (D_F² = 196).
    const cases: [string, [string, number][], (a: number, b: number) => number][] = [
      // 3² = 9; one filter 9·32 = 288; 288·64 = 18432.
      [
        'params-standard',
        [
          ['kernel-weights', 9],
          ['filter-weights', 288],
        ],
        (_, f) => f * 64,
      ],
      // 9·32 = 288 and 32·64 = 2048; 2336.
      [
        'params-separable',
        [
          ['depthwise-weights', 288],
          ['pointwise-weights', 2048],
        ],
        (a, b) => a + b,
      ],
      // 9·32 = 288 per output value, 196·64 = 12544 values; 3612672.
      [
        'madds-standard',
        [
          ['madds-per-output', 288],
          ['output-values', 12544],
        ],
        (a, b) => a * b,
      ],
      // 288·196 = 56448 and 2048·196 = 401408; 457856.
      [
        'madds-separable',
        [
          ['depthwise-madds', 56448],
          ['pointwise-madds', 401408],
        ],
        (a, b) => a + b,
      ],
      // 457856 / 3612672 = 1/64 + 1/9 ≈ 0.1267.
      [
        'ratio',
        [
          ['separable-madds', 457856],
          ['standard-madds', 3612672],
        ],
        (a, b) => a / b,
      ],
    ];
    for (const [ask, expected, combine] of cases) {
      for (const v of bothForms('depthwise-separable-cost', { ...shape, ask })) {
        expect(partKeys(v)).toEqual(expected);
        const [a, b] = expected.map(([id]) => partKey(v, id) as number);
        expect(shownKey(v)).toEqual(rounded(combine(a, b), 4));
        expect(v.question.hints).toHaveLength(3);
      }
    }
  });
});

describe('inverted-dropout', () => {
  it('training: mask, then divide by 1 − p', () => {
    // h = [2,4,6,8], m = [1,0,1,0], p = 0.5: [2,0,6,0]/0.5 = [4,0,12,0].
    const v = mcq('inverted-dropout', { ask: 'train', p: 0.5, h: '2,4,6,8', mask: '1,0,1,0' });
    expect(correctNumbers(v)).toEqual([4, 0, 12, 0]);
    expect(wrongNumbers(v, 'dropout-no-rescale')).toEqual([2, 0, 6, 0]);
    // Dividing by p = 0.5 gives the key again, so that option is dropped; × 0.5 = [1,0,3,0].
    expect(wrongNumbers(v, 'dropout-multiplied-by-keep')).toEqual([1, 0, 3, 0]);
    // Kept and dropped swapped: [0,4,0,8]/0.5 = [0,8,0,16].
    expect(wrongNumbers(v, 'mask-inverted')).toEqual([0, 8, 0, 16]);
  });

  it('test time: identity; expectation equals the input', () => {
    // p = 0.2: 1 − p = 0.8, 1/(1 − p) = 1.25.
    const t = mcq('inverted-dropout', { ask: 'test', p: 0.2, h: '2,4,6,8', mask: '1,0,1,0' });
    expect(correctNumbers(t)).toEqual([2, 4, 6, 8]);
    expect(wrongNumbers(t, 'test-time-rescale')).toEqual([1.6, 3.2, 4.8, 6.4]);
    expect(wrongNumbers(t, 'test-time-upscale')).toEqual([2.5, 5, 7.5, 10]);
    expect(wrongNumbers(t, 'dropout-at-test')).toEqual([2.5, 0, 7.5, 0]);
    // p = 0.75: E[y] = h; without rescale 0.25·h; rescaled but ignoring drops 4·h.
    const e = mcq('inverted-dropout', { ask: 'expected', p: 0.75, h: '4,8' });
    expect(correctNumbers(e)).toEqual([4, 8]);
    expect(wrongNumbers(e, 'dropout-no-rescale')).toEqual([1, 2]);
    expect(wrongNumbers(e, 'expected-ignores-drops')).toEqual([16, 32]);
  });

  it('solves every ask in parts that combine into the key', () => {
    const h = '2,4,6,8';
    for (const v of bothForms('inverted-dropout', { ask: 'train', p: 0.75, h, mask: '1,0,1,0' })) {
      // h ⊙ m = [2, 0, 6, 0]; 1/(1 − 0.75) = 4; [8, 0, 24, 0], the key.
      expect(partKeys(v)).toEqual([
        ['masked', [2, 0, 6, 0]],
        ['train-scale', 4],
      ]);
      const masked = partKey(v, 'masked') as number[];
      expect(shownKey(v)).toEqual(masked.map((x) => x * (partKey(v, 'train-scale') as number)));
    }
    for (const v of bothForms('inverted-dropout', { ask: 'test', p: 0.2, h, mask: '1,0,1,0' })) {
      // Training scale 1/0.8 = 1.25; at test time the factor is 1: the key is h itself.
      expect(partKeys(v)).toEqual([
        ['train-scale', 1.25],
        ['test-scale', 1],
      ]);
      expect(shownKey(v)).toEqual(
        [2, 4, 6, 8].map((x) => x * (partKey(v, 'test-scale') as number)),
      );
    }
    for (const v of bothForms('inverted-dropout', { ask: 'expected', p: 0.75, h: '4,8' })) {
      // Kept: [4, 8]/0.25 = [16, 32]; kept with probability 0.25; 0.25·[16, 32] = [4, 8], the key.
      expect(partKeys(v)).toEqual([
        ['kept-outputs', [16, 32]],
        ['keep-probability', 0.25],
      ]);
      const kept = partKey(v, 'kept-outputs') as number[];
      expect(shownKey(v)).toEqual(kept.map((x) => x * (partKey(v, 'keep-probability') as number)));
      expect(v.question.hints?.[2]).toContain('= 16');
    }
  });
});

describe('hand cases are valid variants', () => {
  it('passes checkVariant for a fixed-param variant of every kind', () => {
    const cases: [string, Record<string, string | number>][] = [
      ['conv-transpose1d', { preset: 'source' }],
      ['soft-dice', { preset: 'source' }],
      ['batchnorm-train-stats', { preset: 'source' }],
      ['maxpool-unpool', { map: '1,5,0,2;3,4,7,1;9,0,2,2;1,1,3,8', pooled: '50,10;44,20' }],
    ];
    for (const [id, params] of cases) {
      for (const form of ['mcq', 'numeric'] as const) {
        expect(checkVariant(generateVariant(id, 3, { form, params }))).toEqual([]);
      }
    }
  });
});

describe('step-by-step solving, 300 seeds × levels 1–3 × both forms', () => {
  for (const t of listTemplates()) {
    it(`${t.id}: at least two checkable parts and a three-rung hint ladder`, () => {
      const problems: string[] = [];
      for (let seed = 0; seed < 300; seed++) {
        const level = 1 + (seed % 3);
        const variants = t.forms.map((form) =>
          generateVariant(t.id, seed, { form, params: { level } }),
        );
        for (const v of variants) {
          const where = `seed ${seed} L${level} ${v.form}`;
          const parts = v.question.parts ?? [];
          const hints = v.question.hints ?? [];
          if (parts.length < 2) problems.push(`${where}: ${parts.length} parts`);
          if (hints.length !== 3 || hints.some((h) => h.trim() === ''))
            problems.push(`${where}: hint ladder ${JSON.stringify(hints)}`);
          if (new Set(parts.map((p) => p.id)).size !== parts.length)
            problems.push(`${where}: repeated part ids`);
          for (const p of parts) {
            const values = typeof p.key.value === 'number' ? [p.key.value] : p.key.value;
            if (!values.every(Number.isFinite)) problems.push(`${where}: ${p.id} not finite`);
            if (p.prompt.trim() === '' || p.answerFormat.trim() === '')
              problems.push(`${where}: ${p.id} without prompt or format`);
            // The key as shown to the learner must be graded right when typed back.
            if (!gradeNumeric(p.key, formatNumericKey(p.key)).correct)
              problems.push(`${where}: ${p.id} shown key ${formatNumericKey(p.key)} graded wrong`);
          }
        }
        // The same seed asks the same question in both forms, so the parts agree.
        const [first, ...others] = variants.map((v) => JSON.stringify(v.question.parts));
        if (others.some((o) => o !== first)) problems.push(`seed ${seed}: parts differ by form`);
      }
      expect(problems.slice(0, 10)).toEqual([]);
    });
  }
});
