/**
 * The keys and named misconceptions of the templates whose answers depend on a PyTorch convention
 * (running_var, ConvTranspose, MaxUnpool, Dropout, the L1 subgradient), recomputed over hundreds
 * of seeds by straightforward implementations written here from the stem's numbers alone, plus
 * hand-derived cases for the wording that explains them.
 */
import { describe, expect, it } from 'vitest';
import { answerValues } from './format';
import { generateWithProblem } from './registry';
import { correctNumbers, mcq, misconceptionIds, numericKey, wrongNumbers } from './test-helpers';
import type { Problem } from './types';

const SEEDS = 300;

/** Every number in a `[a, b, c]` list. */
const list = (text: string): number[] => text.split(',').map((t) => Number(t.trim()));

/** The rows of every `\begin{bmatrix} … \end{bmatrix}` in the text, in order. */
function matrices(text: string): number[][][] {
  return [...text.matchAll(/\\begin\{bmatrix\}(.*?)\\end\{bmatrix\}/g)].map(([, body]) =>
    body.split('\\\\').map((row) => row.split('&').map((v) => Number(v.trim()))),
  );
}

function capture(text: string, pattern: RegExp): string {
  const match = pattern.exec(text);
  if (match === null) throw new Error(`${String(pattern)} not found in: ${text}`);
  return match[1];
}

/** The exact values misconception `id` gives in the drawn problem, or undefined if not drawn. */
function candidate(problem: Problem, id: string): readonly number[] | undefined {
  const found = problem.distractors.find((d) => d.misconception.id === id);
  return found === undefined ? undefined : answerValues(found.value);
}

function expectClose(actual: readonly number[] | undefined, expected: readonly number[]): void {
  expect(actual).toBeDefined();
  expect(actual).toHaveLength(expected.length);
  actual!.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThan(1e-9));
}

function drawnAt(id: string, seed: number) {
  const level = 1 + (seed % 3);
  return generateWithProblem(id, seed, { form: 'numeric', params: { level } });
}

describe('batchnorm-inference against a plain running-statistics loop', () => {
  /**
   * PyTorch's BatchNorm1d in training mode, one feature: running ← (1 − m)·running + m·batch, with
   * the mean and the unbiased variance Σ(x − μ)²/(N − 1) of the batch; eval mode normalises with
   * the running values. `unbiased: false` is the named misconception.
   */
  function trainThenEval(
    batches: readonly (readonly number[])[],
    m: number,
    x: number,
    gamma: number,
    beta: number,
    unbiased = true,
  ): number {
    let mean = 0;
    let variance = 1;
    for (const batch of batches) {
      let sum = 0;
      for (const v of batch) sum += v;
      const mu = sum / batch.length;
      let squares = 0;
      for (const v of batch) squares += (v - mu) * (v - mu);
      const batchVar = squares / (unbiased ? batch.length - 1 : batch.length);
      mean = (1 - m) * mean + m * mu;
      variance = (1 - m) * variance + m * batchVar;
    }
    return gamma * ((x - mean) / Math.sqrt(variance)) + beta;
  }

  it(`matches over ${SEEDS} seeds, and the biased update is the named misconception`, () => {
    let rawBatches = 0;
    for (let seed = 0; seed < SEEDS; seed++) {
      const { problem } = drawnAt('batchnorm-inference', seed);
      const stem = problem.stem;
      const m = Number(capture(stem, /momentum \$m = ([-\d.]+)\$/));
      const x = Number(capture(stem, /test input \$x = ([-\d.]+)\$/));
      const affine = /\\gamma = ([-\d.]+)\$ and \$\\beta = ([-\d.]+)\$/.exec(stem);
      const [gamma, beta] = affine === null ? [1, 0] : [Number(affine[1]), Number(affine[2])];
      expect(stem).toContain('unbiased');
      const raw = /each\) are (.*?)\. After/.exec(stem);
      if (raw !== null) {
        rawBatches++;
        const batches = [...raw[1].matchAll(/\$\[([^\]]*)\]\$/g)].map(([, body]) => list(body));
        expectClose(answerValues(problem.answer), [trainThenEval(batches, m, x, gamma, beta)]);
        expectClose(candidate(problem, 'running-var-biased'), [
          trainThenEval(batches, m, x, gamma, beta, false),
        ]);
      } else {
        const means = list(capture(stem, /means ([-\d., ]+?) and unbiased variances/));
        const vars = list(capture(stem, /unbiased variances ([-\d., ]+?), in that order/));
        let mean = 0;
        let variance = 1;
        means.forEach((mu, b) => {
          mean = (1 - m) * mean + m * mu;
          variance = (1 - m) * variance + m * vars[b];
        });
        expectClose(answerValues(problem.answer), [
          gamma * ((x - mean) / Math.sqrt(variance)) + beta,
        ]);
      }
    }
    expect(rawBatches).toBeGreaterThan(SEEDS / 4);
  });
});

describe('conv-transpose1d against a scatter loop (PyTorch ConvTranspose1d, no flip)', () => {
  /** y[s·i + k − p] += x[i]·w[k], positions outside the cropped output dropped. */
  function scatter(x: number[], w: number[], s: number, p: number, overwrite = false): number[] {
    const y = new Array<number>((x.length - 1) * s + w.length - 2 * p).fill(0);
    for (let i = 0; i < x.length; i++) {
      for (let k = 0; k < w.length; k++) {
        const o = s * i + k - p;
        if (o < 0 || o >= y.length) continue;
        y[o] = overwrite ? x[i] * w[k] : y[o] + x[i] * w[k];
      }
    }
    return y;
  }

  it(`matches over ${SEEDS} seeds, with same-length options only`, () => {
    for (let seed = 0; seed < SEEDS; seed++) {
      const { problem } = drawnAt('conv-transpose1d', seed);
      const stem = problem.stem;
      const x = list(capture(stem, /\$x = \[([^\]]*)\]\$/));
      const w = list(capture(stem, /\$f = \[([^\]]*)\]\$/));
      const s = Number(capture(stem, /and stride (\d+)\./));
      const p = /\(padding (\d+), as in PyTorch\)/.exec(stem);
      const pad = p === null ? 0 : Number(p[1]);
      expect(stem).toContain('the filter is not flipped');
      const y = scatter(x, w, s, pad);
      expectClose(answerValues(problem.answer), y);
      const flipped = candidate(problem, 'flipped-kernel');
      if (flipped !== undefined) expectClose(flipped, scatter(x, [...w].reverse(), s, pad));
      const reversed = candidate(problem, 'reversed-input');
      if (reversed !== undefined) expectClose(reversed, scatter([...x].reverse(), w, s, pad));
      expectClose(candidate(problem, 'forgot-overlap-sum'), scatter(x, w, s, pad, true));
      if (pad > 0) {
        const full = scatter(x, w, s, 0);
        expectClose(candidate(problem, 'cropped-one-end'), full.slice(0, full.length - 2 * pad));
      }
      const { variant } = generateWithProblem('conv-transpose1d', seed, {
        params: { level: 1 + (seed % 3) },
      });
      for (const o of variant.question.options ?? []) {
        expect(o.text.split(',').length, `seed ${seed} ${o.text}`).toBe(y.length);
      }
    }
  });
});

describe('conv-transpose2d against a scatter loop (PyTorch ConvTranspose2d, no flip)', () => {
  function scatter2d(x: number[][], w: number[][], s: number, p: number): number[] {
    const outH = (x.length - 1) * s + w.length - 2 * p;
    const outW = (x[0].length - 1) * s + w[0].length - 2 * p;
    const y = Array.from({ length: outH }, () => new Array<number>(outW).fill(0));
    x.forEach((row, r) =>
      row.forEach((v, c) =>
        w.forEach((wr, i) =>
          wr.forEach((wv, j) => {
            const [yr, yc] = [r * s + i - p, c * s + j - p];
            if (yr >= 0 && yr < outH && yc >= 0 && yc < outW) y[yr][yc] += v * wv;
          }),
        ),
      ),
    );
    return y.flat();
  }

  it(`matches over ${SEEDS} seeds, the flipped kernel being rotated by 180°`, () => {
    for (let seed = 0; seed < SEEDS; seed++) {
      const { problem } = drawnAt('conv-transpose2d', seed);
      const [x, w] = matrices(problem.stem);
      const s = Number(capture(problem.stem, /stride (\d+),/));
      const p = /\(padding (\d+)\)/.exec(problem.stem);
      const pad = p === null ? 0 : Number(p[1]);
      expect(problem.stem).toContain('kernel is not flipped');
      expectClose(answerValues(problem.answer), scatter2d(x, w, s, pad));
      const rotated = w.map((row) => [...row].reverse()).reverse();
      const flipped = candidate(problem, 'flipped-kernel');
      if (flipped !== undefined) expectClose(flipped, scatter2d(x, rotated, s, pad));
    }
  });
});

describe('maxpool-unpool against PyTorch-style flat row-major indices', () => {
  it(`matches over ${SEEDS} seeds, and offers column-major reading only where indices are shown`, () => {
    let withIndices = 0;
    for (let seed = 0; seed < SEEDS; seed++) {
      const { problem, variant } = drawnAt('maxpool-unpool', seed);
      const shown = matrices(problem.stem);
      let indices: number[][];
      let width: number;
      let height: number;
      let pooled: number[][];
      if (problem.stem.includes('return_indices=True')) {
        withIndices++;
        indices = shown[1];
        pooled = shown[2];
        height = 2 * indices.length;
        width = 2 * indices[0].length;
        expect(problem.stem).toContain('row-major');
      } else {
        const map = shown[0];
        pooled = shown[1];
        height = map.length;
        width = map[0].length;
        // The argmax of each 2×2 window, searched directly.
        indices = pooled.map((row, r) =>
          row.map((_, c) => {
            let best = [2 * r, 2 * c];
            for (const [dr, dc] of [
              [0, 1],
              [1, 0],
              [1, 1],
            ]) {
              if (map[2 * r + dr][2 * c + dc] > map[best[0]][best[1]])
                best = [2 * r + dr, 2 * c + dc];
            }
            return best[0] * width + best[1];
          }),
        );
        expect(candidate(problem, 'pooled-indices-column-major')).toBeUndefined();
      }
      const unpool = (decode: (i: number) => [number, number]): number[] => {
        const out = Array.from({ length: height }, () => new Array<number>(width).fill(0));
        pooled.forEach((row, r) =>
          row.forEach((v, c) => {
            const [rr, cc] = decode(indices[r][c]);
            out[rr][cc] = v;
          }),
        );
        return out.flat();
      };
      expectClose(
        answerValues(problem.answer),
        unpool((i) => [Math.floor(i / width), i % width]),
      );
      const columnMajor = candidate(problem, 'pooled-indices-column-major');
      if (columnMajor !== undefined)
        expectClose(
          columnMajor,
          unpool((i) => [i % height, Math.floor(i / height)]),
        );
      expect(variant.question.stem).toBe(problem.stem);
    }
    expect(withIndices).toBeGreaterThan(SEEDS / 4);
  });
});

describe('inverted-dropout against nn.Dropout semantics', () => {
  it(`matches over ${SEEDS} seeds; level 1 never uses p = 0.5`, () => {
    const asked = { test: 0, train: 0, expected: 0 };
    for (let seed = 0; seed < SEEDS; seed++) {
      const { problem } = drawnAt('inverted-dropout', seed);
      const stem = problem.stem;
      const p = Number(capture(stem, /drop probability \$p = ([\d.]+)\$/));
      if (seed % 3 === 0) expect(p).not.toBe(0.5);
      const h = list(capture(stem, /\$h = \[([^\]]*)\]\$/));
      const maskText = /mask[^$]*\$m = \[([^\]]*)\]\$/.exec(stem);
      if (/evaluation mode/.test(stem)) {
        // Eval mode: the identity. The shown training mask makes "dropout at test" computable.
        expect(maskText).not.toBeNull();
        asked.test++;
        const mask = list(maskText![1]);
        expectClose(answerValues(problem.answer), h);
        expectClose(
          candidate(problem, 'dropout-at-test'),
          h.map((v, i) => (v * mask[i]) / (1 - p)),
        );
      } else if (maskText !== null) {
        asked.train++;
        const mask = list(maskText[1]);
        expectClose(
          answerValues(problem.answer),
          h.map((v, i) => (v * mask[i]) / (1 - p)),
        );
        const byP = candidate(problem, 'dropout-scaled-by-p');
        if (byP !== undefined)
          expectClose(
            byP,
            h.map((v, i) => (v * mask[i]) / p),
          );
      } else {
        // E[y] = (1 − p)·h/(1 − p) + p·0 = h.
        asked.expected++;
        expectClose(answerValues(problem.answer), h);
      }
    }
    expect(Math.min(asked.test, asked.train, asked.expected)).toBeGreaterThan(20);
  });

  it('a test-time stem shows the training mask its distractor uses', () => {
    // p = 0.2: at test the layer is the identity [2, 4, 6, 8]; applying the training mask
    // [1, 0, 1, 0] and 1/(1 − p) = 1.25 again gives [2.5, 0, 7.5, 0].
    const v = mcq('inverted-dropout', { ask: 'test', p: 0.2, h: '2,4,6,8', mask: '1,0,1,0' });
    expect(v.question.stem).toContain('$m = [1, 0, 1, 0]$');
    expect(correctNumbers(v)).toEqual([2, 4, 6, 8]);
    expect(wrongNumbers(v, 'dropout-at-test')).toEqual([2.5, 0, 7.5, 0]);
  });
});

describe('regularized-step: why a weight lands on 0', () => {
  const zeroRemark = (params: Record<string, string | number>) =>
    mcq('regularized-step', { kind: 'l1', ...params }).question.steps?.find((s) =>
      /on 0|at 0/.test(s),
    );

  it('a weight already at 0 with no data gradient stays there because sign(0) = 0', () => {
    // w = [0, 2], g = [0, 0.1], η = 0.5, λ = 0.2: w1 = 0 − 0.5·(0 + 0) = 0; w2 = 2 − 0.05 − 0.1.
    const params = { w: '0,2', grad: '0,0.1', lr: 0.5, lambda: 0.2 };
    expect(numericKey('regularized-step', { kind: 'l1', ...params })).toEqual([0, 1.85]);
    const remark = zeroRemark(params)!;
    expect(remark).toMatch(/\$w_\{1\}\$ was already 0 and its data gradient is 0/);
    expect(remark).not.toMatch(/L1 pull/);
  });

  it('otherwise the data part and the L1 part add up to the weight', () => {
    // w = [0.5, 1], g = [0.2, −0.1], η = 1, λ = 0.3: w1 = 0.5 − (0.2 + 0.3) = 0.
    const params = { ask: 'sparsity', w: '0.5,1', grad: '0.2,-0.1', lr: 1, lambda: 0.3 };
    expect(numericKey('regularized-step', params)).toEqual([0, 0.8]);
    expect(zeroRemark(params)).toContain(
      'the data part $\\eta g = 0.2$ plus the L1 part $\\eta \\lambda \\, \\text{sign}(w) = 0.3$ make $0.5 = w$',
    );
    // w = [0.3, 1], g = [0, 0.5], η = 1, λ = 0.3: the L1 pull alone, 0.3, equals w1.
    const alone = { ask: 'sparsity', w: '0.3,1', grad: '0,0.5', lr: 1, lambda: 0.3 };
    expect(numericKey('regularized-step', alone)).toEqual([0, 0.2]);
    expect(zeroRemark(alone)).toMatch(/its data gradient is 0 and the L1 pull .* = 0\.3\$/);
  });

  it(`over ${SEEDS} seeds the remark matches what the numbers did`, () => {
    const zeros = { already: 0, landed: 0 };
    for (let seed = 0; seed < SEEDS; seed++) {
      const { problem } = generateWithProblem('regularized-step', seed, {
        params: { level: 1 + (seed % 3), kind: 'l1', ask: seed % 2 === 0 ? 'sparsity' : 'step' },
      });
      const w = list(capture(problem.stem, /weights \$w = \[([^\]]*)\]\$/));
      const g = list(capture(problem.stem, /\$g = \[([^\]]*)\]\$/));
      const lr = Number(capture(problem.stem, /learning rate \$\\eta = ([\d.]+)\$/));
      const lambda = Number(capture(problem.stem, /\$\\lambda = ([\d.]+)\$/));
      const next = w.map((wi, i) => wi - lr * (g[i] + lambda * Math.sign(wi)));
      expectClose(answerValues(problem.answer), next);
      const remarks = problem.steps.join('\n');
      next.forEach((v, i) => {
        if (Math.abs(v) > 1e-9) return;
        const name = `$w_{${i + 1}}$`;
        if (w[i] === 0) {
          zeros.already++;
          expect(remarks).toContain(`${name} was already 0`);
        } else {
          zeros.landed++;
          expect(remarks).toContain(`${name} lands exactly on 0`);
        }
      });
      expect(remarks).not.toMatch(/small weights are driven all the way to zero/);
    }
    expect(zeros.landed).toBeGreaterThan(50);
    expect(zeros.already).toBeGreaterThan(0);
  });
});

describe('depthwise-separable-cost: which step gives which share of the ratio', () => {
  it('credits 1/N to the depthwise step and 1/D_K² to the pointwise step', () => {
    // Depthwise D_K²·M·D_F² over the standard D_K²·M·N·D_F² is 1/N = 1/64; pointwise M·N·D_F²
    // over it is 1/D_K² = 1/9.
    const shape = { kernel: 3, inChannels: 32, outChannels: 64, size: 14, ask: 'ratio' };
    const v = mcq('depthwise-separable-cost', shape);
    const feedback = (id: string) =>
      v.question.options?.find((o) => o.misconception?.id === id)?.feedback ?? '';
    expect(feedback('ratio-forgot-kernel-term')).toMatch(
      /^\$1\/N = 1\/64\$ is only the depthwise step's share.*the pointwise step adds .*1\/9\$\.$/,
    );
    expect(feedback('ratio-forgot-channel-term')).toMatch(
      /^\$1\/D_K\^2 = 1\/9\$ is only the pointwise step's share.*the depthwise step adds .*1\/64\$\.$/,
    );
    expect(v.question.steps?.join('\n')).toContain(
      'Depthwise share: $\\frac{D_K^2 M D_F^2}{D_K^2 M N D_F^2} = \\frac{1}{N}$',
    );
    expect(misconceptionIds(v)).toEqual([
      'ratio-forgot-channel-term',
      'ratio-forgot-kernel-term',
      'ratio-inverted',
    ]);
  });
});
