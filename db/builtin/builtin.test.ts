import { describe, expect, it } from 'vitest';
import { generateVariant, listTemplates } from '../../core/templates';
import { bankPackSchema, type BankItem, type ChoiceItem, type NumericItem } from '../bank/schema';
import { builtinPack } from './index';
import { SOURCE_QUIZ, SOURCE_QUIZ_TAG } from './sources';

const pack = bankPackSchema.parse(builtinPack);
const items = pack.items;
const byId = new Map(items.map((item) => [item.id, item]));

function item(id: string): BankItem {
  const found = byId.get(id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}

function choice(id: string): ChoiceItem {
  const found = item(id);
  if (found.type !== 'mcq' && found.type !== 'msq') throw new Error(`${id} is not a choice item`);
  return found;
}

function numeric(id: string): NumericItem {
  const found = item(id);
  if (found.type !== 'numeric') throw new Error(`${id} is not a numeric item`);
  return found;
}

function optionText(id: string, optionId: string): string {
  const option = choice(id).options.find((o) => o.id === optionId);
  if (!option) throw new Error(`${id} has no option ${optionId}`);
  return option.text;
}

/** Every number written in a piece of Markdown/LaTeX, with `a/b` read as a fraction. */
function numbersIn(text: string): number[] {
  return [...text.matchAll(/-?\d+(?:\.\d+)?(?:\/\d+)?/g)].map(([m]) => {
    const [num, den] = m.split('/');
    return den === undefined ? Number(num) : Number(num) / Number(den);
  });
}

function expectClose(actual: readonly number[], expected: readonly number[], eps = 1e-9): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - expected[i]!)).toBeLessThanOrEqual(eps));
}

// ---- Independent reference computations, written with plain loops -------------------------------

/** y[s·i + k] += x[i]·f[k]; no cropping. */
function convTranspose1d(x: readonly number[], f: readonly number[], stride: number): number[] {
  const y = new Array<number>((x.length - 1) * stride + f.length).fill(0);
  for (let i = 0; i < x.length; i++) {
    for (let k = 0; k < f.length; k++) y[stride * i + k]! += x[i]! * f[k]!;
  }
  return y;
}

function convTranspose2d(x: number[][], w: number[][], stride: number): number[][] {
  const h = (x.length - 1) * stride + w.length;
  const wd = (x[0]!.length - 1) * stride + w[0]!.length;
  const y = Array.from({ length: h }, () => new Array<number>(wd).fill(0));
  for (let i = 0; i < x.length; i++) {
    for (let j = 0; j < x[0]!.length; j++) {
      for (let a = 0; a < w.length; a++) {
        for (let b = 0; b < w[0]!.length; b++)
          y[stride * i + a]![stride * j + b]! += x[i]![j]! * w[a]![b]!;
      }
    }
  }
  return y;
}

function sumAll(m: number[][]): number {
  let s = 0;
  for (const row of m) for (const v of row) s += v;
  return s;
}

function sumProducts(a: number[][], b: number[][]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++)
    for (let j = 0; j < a[i]!.length; j++) s += a[i]![j]! * b[i]![j]!;
  return s;
}

function convOut(input: number, kernel: number, stride: number, padding = 0, dilation = 1): number {
  return Math.floor((input + 2 * padding - dilation * (kernel - 1) - 1) / stride) + 1;
}

function denseParams(widths: number[]): number {
  let total = 0;
  for (let i = 1; i < widths.length; i++) total += widths[i - 1]! * widths[i]! + widths[i]!;
  return total;
}

function softmax(z: number[]): number[] {
  const e = z.map(Math.exp);
  const s = e.reduce((acc, v) => acc + v, 0);
  return e.map((v) => v / s);
}

function euclidean(a: number[], b: number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - b[i]!) ** 2;
  return Math.sqrt(s);
}

// The source quiz's data.
const SOURCE_ACTIVATIONS = [
  [4, 4, 3],
  [0, 2, 5],
  [8, 9, 1],
];
const DICE_A = [
  [0.1, 0.47, 0.88, 0.25],
  [0.65, 0.11, 0.66, 1],
  [0.91, 0.0, 0.99, 0.29],
  [0.78, 1, 0.4, 0.99],
];
const DICE_B = [
  [0.01, 0.44, 0.48, 0.18],
  [0.6, 0.09, 0.97, 0.99],
  [0.87, 0.02, 0.98, 0.2],
  [0.77, 0.99, 0.4, 0.99],
];
const PRE_POOL = [
  [9, 2, 3, 1],
  [4, 6, 5, 8],
  [7, 1, 0, 2],
  [3, 5, 4, 6],
];
const UNPOOL_INPUT = [
  [50, 10],
  [44, 20],
];

function perNeuronMean(batch: number[][]): number[] {
  const mean = new Array<number>(batch[0]!.length).fill(0);
  for (const sample of batch) sample.forEach((v, j) => (mean[j]! += v / batch.length));
  return mean;
}

function perNeuronBiasedVariance(batch: number[][]): number[] {
  const mean = perNeuronMean(batch);
  const variance = new Array<number>(mean.length).fill(0);
  for (const sample of batch)
    sample.forEach((v, j) => (variance[j]! += (v - mean[j]!) ** 2 / batch.length));
  return variance;
}

/** 2×2/stride-2 max pooling switches, then unpooling of `values` to those positions. */
function maxUnpool(prePool: number[][], values: number[][]): number[][] {
  const out = prePool.map((row) => row.map(() => 0));
  for (let wi = 0; wi < values.length; wi++) {
    for (let wj = 0; wj < values[0]!.length; wj++) {
      let best = [2 * wi, 2 * wj];
      for (let a = 0; a < 2; a++) {
        for (let b = 0; b < 2; b++) {
          if (prePool[2 * wi + a]![2 * wj + b]! > prePool[best[0]!]![best[1]!]!)
            best = [2 * wi + a, 2 * wj + b];
        }
      }
      out[best[0]!]![best[1]!] = values[wi]![wj]!;
    }
  }
  return out;
}

/** Places each value at a fixed offset (a, b) of its 2×2 window. */
function unpoolAtOffset(values: number[][], a: number, b: number): number[][] {
  const out = Array.from({ length: 2 * values.length }, () =>
    new Array<number>(2 * values[0]!.length).fill(0),
  );
  values.forEach((row, i) => row.forEach((v, j) => (out[2 * i + a]![2 * j + b] = v)));
  return out;
}

function threshold(m: number[][]): number[][] {
  return m.map((row) => row.map((v) => (v >= 0.5 ? 1 : 0)));
}

/** The key of every numeric item, recomputed from the numbers in its stem. */
const RECOMPUTED: Record<string, number | number[]> = {
  // BCE with logits, target 0: −ln(1 − σ(2)) = ln(1 + e²).
  'loss-bce-negative-numeric': Math.log(1 + Math.exp(2)),
  // PyTorch's label smoothing: 1 − ε + ε/K with ε = 0.1, K = 10.
  'loss-smoothing-entry-numeric': 1 - 0.1 + 0.1 / 10,
  // pos_weight = n_neg / n_pos.
  'loss-pos-weight-numeric': 900 / 100,
  // HuberLoss linear branch: δ(|d| − 0.5δ) with δ = 2, d = 5.
  'loss-huber-numeric': 2 * (5 - 0.5 * 2),
  // Tied decoder: one 784×64 weight matrix, plus the code's 64 and the output's 784 biases.
  'ae-tied-weights': 784 * 64 + 64 + 784,
  // The chain rule of probability: log p(y1..y3) = Σ log p(yt | y<t).
  's2s-sequence-logprob': Math.log(0.5) + Math.log(0.8) + Math.log(0.25),
  // Every live beam extended by every token.
  's2s-beam-candidates': 5 * 32_000,
  // KL(N(μ, σ²) ‖ N(0, 1)) = ½(μ² + σ² − 1 − log σ²) with μ = 2, σ² = e⁰ = 1.
  'vae-kl-numeric-fixed': 0.5 * (2 ** 2 + Math.exp(0) - 1 - 0),
  // D*(x) = p_data / (p_data + p_g).
  'gan-dstar-numeric': 0.03 / (0.03 + 0.01),
  // −ln 0.5 for the real term and −ln(1 − 0.5) for the generated one.
  'gan-balance-loss-numeric': -Math.log(0.5) - Math.log(1 - 0.5),
  'bn-batch-variance-source-data': perNeuronBiasedVariance(SOURCE_ACTIVATIONS),
  'bn-affine-output': 0.5 * ((2 - 5) / Math.sqrt(4)) + 1,
  'bn-values-per-channel-statistic': 8 * 10 * 10,
  'bn-running-mean-update': [4, 6].reduce(
    (running, batchMean) => 0.9 * running + 0.1 * batchMean,
    2,
  ),
  'reg-l2-decay-factor': 1 - 0.1 * 2 * 0.05,
  'reg-l1-step-vector': [0.8, -0.05, 0].map(
    (w, i) => w - 0.1 * ([0.2, 0.1, -0.4][i]! + 0.5 * Math.sign(w)),
  ),
  'reg-l2-step-vector': [0.8, -0.05, 0].map(
    (w, i) => w - 0.1 * ([0.2, 0.1, -0.4][i]! + 2 * 0.5 * w),
  ),
  'dropout-kept-value': 3 / (1 - 0.25),
  'dropout-classic-test-scaling': 5 * 0.6,
  'dropout-expected-active-units': 200 * (1 - 0.3),
  'aug-crop-count': (256 - 224 + 1) ** 2 * 2,
  'aug-mixup-label': [0.3 * 1 + 0.7 * 0, 0.3 * 0 + 0.7 * 1],
  'cap-mlp-param-count': denseParams([784, 128, 64, 10]),
  'cap-wider-param-count': denseParams([100, 100, 10]),
  // A: 100·300 + 300 + 300·10 + 10 = 33310; B: 3·(100·100 + 100) + 100·10 + 10 = 31310.
  'cap-deep-vs-wide-params': denseParams([100, 300, 10]) - denseParams([100, 100, 100, 100, 10]),
  'opt-sigmoid-chain-factor': (() => {
    const s = 1 / (1 + Math.exp(-0)); // sigma'(z) = s(1 - s) peaks at z = 0
    return (s * (1 - s)) ** 5;
  })(),
  'opt-gradient-clipping': (() => {
    const g = [6, -8];
    const norm = Math.hypot(...g);
    return g.map((v) => (norm > 2.5 ? (v * 2.5) / norm : v));
  })(),
  'opt-momentum-step': 2.0 - 0.1 * (0.9 * 1.0 + 0.5),
  // L(w) = 2w², L'(w) = 4w, η = 0.6: each step w ← w − 0.6·4w; w1 = −1.4, w2 = 1.96, w3 = −2.744.
  'opt-gd-divergence-quadratic': [1, 2, 3].map((n) => {
    let w = 1;
    for (let k = 0; k < n; k++) w -= 0.6 * (4 * w);
    return w;
  }),
  // Warm-up 0.4·250/1000 = 0.1; decay ½·0.4·(1 + cos(π·750/1000)) = 0.2·(1 − √2/2).
  'opt-warmup-cosine-lr': [(0.4 * 250) / 1000, 0.5 * 0.4 * (1 + Math.cos((Math.PI * 750) / 1000))],
  // ∂x5/∂x1 = Π (1 + f_k') = 1.1·1.2·0.9·1.05.
  'opt-residual-gradient': [0.1, 0.2, -0.1, 0.05].reduce((p, d) => p * (1 + d), 1),
  'act-softmax-values': softmax([2, 1, 0]),
  'act-leaky-relu-values': [-3, 0, 2.5, -0.5].map((x) => (x > 0 ? x : 0.01 * x)),
  'act-cross-entropy-loss': -Math.log(softmax([2, 1, 0])[0]!),
  'act-leaky-relu-derivative': (() => {
    const f = (x: number) => (x > 0 ? x : 0.2 * x);
    return (f(-4 + 1e-3) - f(-4 - 1e-3)) / 2e-3;
  })(),
  'cnn-output-size-alexnet': convOut(227, 11, 4),
  'cnn-conv-param-count': 128 * (3 * 3 * 64 + 1),
  'cnn-pooled-volume': convOut(112, 2, 2) ** 2 * 64,
  'cnn-receptive-field': [3, 3, 3].reduce((rf, k) => rf + k - 1, 1),
  'cnn-same-padding': [0, 1, 2, 3, 4, 5].find((p) => convOut(32, 7, 1, p) === 32)!,
  'cnn-vgg-fc-params': denseParams([7 * 7 * 512, 4096]),
  'cnn-dilated-output-size': convOut(15, 3, 1, 0, 2),
  'eff-separable-params': 3 * 3 * 32 + 32 * 64,
  'eff-cost-ratio': (3 * 3 * 100 + 100 * 256) / (3 * 3 * 100 * 256),
  'eff-separable-mult-adds': 14 * 14 * (3 * 3 * 512 + 512 * 512),
  'tl-new-head-params': denseParams([4096, 5]),
  'tl-frozen-base-trainable': denseParams([7 * 7 * 512, 256, 5]),
  // Last conv 3·3·512·512 + 512 = 2359808, pooling none, head 512·10 + 10 = 5130.
  'tl-unfreeze-last-conv': 3 * 3 * 512 * 512 + 512 + denseParams([512, 10]),
  'up-transpose1d-stride3-numeric': convTranspose1d([5, 4, 3, 2, 1], [1, 2, 3, 4], 3),
  // Output length of a 7-long input, kernel 4, stride 2, then one value cropped from each end.
  'up-transpose2d-output-size':
    convTranspose1d(new Array<number>(7).fill(1), [1, 1, 1, 1], 2).length - 2,
  'up-transpose2d-small': convTranspose2d(
    [
      [1, 2],
      [3, 4],
    ],
    [
      [1, 1],
      [1, 1],
    ],
    1,
  ).flat(),
  'seg-soft-dice-source': (2 * sumProducts(DICE_A, DICE_B)) / (sumAll(DICE_A) + sumAll(DICE_B)),
  'seg-hard-iou-dice': [30 / (40 + 50 - 30), (2 * 30) / (40 + 50)],
  // Dice 0.8 means 2I/S = 0.8; take S = 1, I = 0.4.
  'seg-dice-to-iou': 0.4 / (1 - 0.4),
  'ml-triplet-loss-value': Math.max(0, euclidean([1, 1], [4, 5]) - euclidean([1, 1], [1, 7]) + 2),
  'ml-contrastive-loss': Math.max(0, 2 - 0.5) ** 2,
  'ae-param-count': denseParams([784, 32, 784]),
  'ae-mse': [1, 0, 1, 0].reduce((acc, x, i) => acc + (x - [0.9, 0.2, 0.6, 0.1][i]!) ** 2, 0) / 4,
  'seq-gradient-power': Array.from({ length: 50 }).reduce<number>((acc) => acc * 0.9, 1),
  'seq-lstm-param-count': 4 * (20 * 10 + 20 * 20 + 20),
  'seq-rnn-param-count': 16 * 8 + 16 * 16 + 16,
  'seq-lstm-cell-step': (() => {
    const c = 0.9 * 2 + 0.5 * -0.4;
    return [c, 0.5 * Math.tanh(c)];
  })(),
  'init-he-std': Math.sqrt(2 / 512),
  'init-xavier-variance': 2 / (300 + 100),
  'init-conv-he-std': Math.sqrt(2 / (3 * 3 * 64)),
  'init-glorot-uniform-limit': Math.sqrt(6 / (150 + 150)),
  // Conv2d(64, 128, 3) weight (128, 64, 3, 3): fan_out = 128·3·3 = 1152, std = √2/√1152 = 1/24.
  'init-kaiming-conv-fan-out-code': Math.sqrt(2) / Math.sqrt(128 * 3 * 3),
  // Linear(400, 200), tanh gain 5/3: a = 5/3 · √(6/(400 + 200)) = 5/3 · 0.1.
  'init-xavier-tanh-gain': (5 / 3) * Math.sqrt(6 / (400 + 200)),
  // Per layer n·(1/n)·½ = ½; z1 → z21 is 20 layers.
  'init-lecun-relu-depth': Array.from({ length: 20 }).reduce<number>(
    (v) => 1000 * (1 / 1000) * 0.5 * v,
    1,
  ),
  // Hinge with Δ = 1, true score 3.0: max(0, 1.5 − 3 + 1) + max(0, 2.7 − 3 + 1) + max(0, −0.5 − 3 + 1)
  // = 0 + 0.7 + 0.
  'lc-hinge-loss-four-classes': [1.5, 2.7, -0.5].reduce((l, s) => l + Math.max(0, s - 3 + 1), 0),
  // Ten equal logits: p = 1/10 for the true class, loss −ln(1/10) = ln 10.
  'lc-ce-initial-loss': -Math.log(softmax(new Array<number>(10).fill(0))[0]!),
  // w·x + b = 0.5 − 2 + 0.2 = −1.3 ≤ 0 for y = +1: w + 0.5·(1, 2) = (1, 0), b + 0.5 = 0.7.
  'lc-perceptron-step': (() => {
    const [w, b, x, y, eta] = [[0.5, -1], 0.2, [1, 2], 1, 0.5] as const;
    const mistake = y * (w[0] * x[0] + w[1] * x[1] + b) <= 0;
    return mistake ? [w[0] + eta * y * x[0], w[1] + eta * y * x[1], b + eta * y] : [...w, b];
  })(),
  // Linear(20, 32) and Linear(32, 3) with biases, Linear(32, 32) without: 672 + 1024 + 99.
  'lc-mlp-params-bias-false': denseParams([20, 32]) + 32 * 32 + denseParams([32, 3]),
  // W = W2·W1 = [1, −1]·[[1, 2], [0, 1]] = [1·1 − 1·0, 1·2 − 1·1].
  'lc-linear-layers-collapse': (() => {
    const w1 = [
      [1, 2],
      [0, 1],
    ];
    const w2 = [1, -1];
    return [0, 1].map((j) => w2[0]! * w1[0]![j]! + w2[1]! * w1[1]![j]!);
  })(),
  // f = (x + y)·z: ∂f/∂x = ∂f/∂y = z = 2.5, ∂f/∂z = x + y = 3 − 1.
  'bp-gate-gradients': [2.5, 2.5, 3 + -1],
  // f = xy + x², the two branches add: y + 2x = −2 + 2·3, checked by a centred difference.
  'bp-fork-gradients-add': (() => {
    const f = (x: number) => x * -2 + x * x;
    return (f(3 + 1e-4) - f(3 - 1e-4)) / 2e-4;
  })(),
  // p − y with y = (1, 0, 0).
  'bp-softmax-ce-logit-gradient': [0.1, 0.7, 0.2].map((p, k) => p - (k === 0 ? 1 : 0)),
  // (2.01³ − 1.99³)/0.02 = (8.120601 − 7.880599)/0.02 = 12.0001 (= 3·2² + h² for a cubic).
  'bp-gradcheck-centred-difference': (2.01 ** 3 - 1.99 ** 3) / 0.02,
  // |0.0121 − 0.0120| / max(0.0121, 0.0120) = 0.0001/0.0121.
  'bp-gradcheck-relative-error': Math.abs(0.0121 - 0.012) / Math.max(0.0121, 0.012),
  // σ'(0)·σ'(2)·σ'(−1) = 0.25 · 0.10499 · 0.19661, with σ'(z) = σ(z)(1 − σ(z)).
  'bp-sigmoid-chain-saturated': [0, 2, -1].reduce((acc, z) => {
    const s = 1 / (1 + Math.exp(-z));
    return acc * s * (1 - s);
  }, 1),
};

/** Template ids and the topic each belongs to, from the template registry itself. */
const TEMPLATE_TOPICS: ReadonlyMap<string, string> = new Map(
  listTemplates().map((t) => [t.id, t.topic]),
);

const TOPIC_IDS = [
  'normalization',
  'regularization',
  'dropout',
  'augmentation',
  'capacity',
  'optimization',
  'activations',
  'cnn-arithmetic',
  'efficient-cnns',
  'transfer-learning',
  'upsampling',
  'segmentation',
  'metric-learning',
  'autoencoders',
  'sequence-models',
  'initialization',
];

function markdownOf(i: BankItem): string[] {
  const texts = [i.stem ?? '', i.explanation ?? '', ...(i.hints ?? [])];
  if (i.type === 'mcq' || i.type === 'msq')
    for (const o of i.options) texts.push(o.text, o.feedback ?? '');
  if (i.type === 'numeric') for (const p of i.parts ?? []) texts.push(p.prompt, p.hint ?? '');
  return texts.filter((t) => t.length > 0);
}

describe('built-in bank: structure', () => {
  it('parses with the pack schema and has the fixed identity', () => {
    expect(pack.format).toBe('deepdrill-bank');
    expect(pack.version).toBe(1);
    expect(pack.id).toBe('deepdrill-core');
  });

  it('keeps the 16 first topic ids, and gives every topic at least 6 items', () => {
    // Mastery and reviews stored on learners' machines refer to the first topics by id.
    const ids = pack.topics.map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining(TOPIC_IDS));
    expect(new Set(ids).size).toBe(ids.length);
    for (const topic of ids) {
      expect(items.filter((i) => i.topic === topic).length, topic).toBeGreaterThanOrEqual(6);
    }
  });

  it('has at least 150 items with unique ids, each on an existing topic, with a source', () => {
    expect(items.length).toBeGreaterThanOrEqual(150);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    const topics = new Set(pack.topics.map((t) => t.id));
    for (const i of items) {
      expect(topics.has(i.topic), i.id).toBe(true);
      expect(i.source.length, i.id).toBeGreaterThan(0);
    }
  });

  it('uses every difficulty from 1 to 5 and every item type', () => {
    expect(new Set(items.map((i) => i.difficulty))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(new Set(items.map((i) => i.type))).toEqual(
      new Set(['mcq', 'msq', 'numeric', 'template']),
    );
  });

  it('gives choice items distinct options, valid keys and feedback on every option', () => {
    for (const i of items) {
      if (i.type !== 'mcq' && i.type !== 'msq') continue;
      const ids = i.options.map((o) => o.id);
      expect(new Set(ids).size, i.id).toBe(ids.length);
      expect(new Set(i.options.map((o) => o.text)).size, i.id).toBe(ids.length);
      expect(new Set(i.answer).size, i.id).toBe(i.answer.length);
      for (const a of i.answer) expect(ids, i.id).toContain(a);
      for (const o of i.options) expect(o.feedback, `${i.id}/${o.id}`).toBeTruthy();
      if (i.type === 'mcq') expect(i.answer, i.id).toHaveLength(1);
      else {
        expect(i.stem, i.id).toContain('Select all that apply');
        expect(i.answer.length, i.id).toBeLessThan(ids.length);
      }
    }
  });

  it('does not store the key first in most single-answer items (a bank read in order gives nothing away)', () => {
    const mcq = items.filter((i): i is ChoiceItem => i.type === 'mcq');
    const keyFirst = mcq.filter((i) => i.options[0].id === i.answer[0]);
    console.log(`built-in bank: key stored first in ${keyFirst.length} of ${mcq.length} mcq items`);
    expect(keyFirst.length / mcq.length).toBeLessThanOrEqual(0.4);
  });

  it('pins exactly its "All of the above" / "None of these" options, each stored last', () => {
    const positional = /^(all|none) of (the above|these)\b/i;
    for (const i of items) {
      if (i.type !== 'mcq' && i.type !== 'msq') continue;
      i.options.forEach((o, k) => {
        const at = `${i.id}/${o.id}`;
        expect(o.pin === true, at).toBe(positional.test(o.text));
        if (o.pin === true) expect(k, at).toBe(i.options.length - 1);
      });
    }
  });

  it('gives the msq items written for DeepDrill at least two correct options', () => {
    // The one exception is the rewritten source question on underfitting, which has a single key.
    for (const i of items) {
      if (i.type === 'msq' && !i.tags.includes(SOURCE_QUIZ_TAG))
        expect(i.answer.length, i.id).toBeGreaterThanOrEqual(2);
    }
  });

  it('gives every numeric item a format hint and a tolerance', () => {
    for (const i of items) {
      if (i.type !== 'numeric') continue;
      expect(i.answerFormat, i.id).toBeTruthy();
      expect(i.answer.tolerance.abs ?? i.answer.tolerance.rel, i.id).toBeDefined();
    }
  });

  it('keeps at least a third template items, on known templates, topics and levels', () => {
    const templates = items.filter((i) => i.type === 'template');
    expect(templates.length * 3).toBeGreaterThanOrEqual(items.length);
    for (const i of templates) {
      if (i.type !== 'template') continue;
      expect(TEMPLATE_TOPICS.get(i.template), i.id).toBe(i.topic);
      // Only the level is fixed, except where an item's stem asks for one of a template's
      // questions (the batch-mean item fixes stat: mean).
      expect(
        Object.keys(i.params ?? {}).filter((k) => k !== 'stat'),
        i.id,
      ).toEqual(['level']);
      expect([1, 2, 3], i.id).toContain(i.params?.level);
      if (i.template === 'norm-axes') expect(i.form, i.id).toBe('mcq');
    }
    expect(new Set(templates.map((i) => (i.type === 'template' ? i.template : '')))).toEqual(
      new Set(TEMPLATE_TOPICS.keys()),
    );
  });

  it('writes Markdown with balanced math delimiters and no raw HTML', () => {
    for (const i of items) {
      for (const text of markdownOf(i)) {
        expect(/<[A-Za-z/!]/.test(text), `${i.id}: ${text.slice(0, 60)}`).toBe(false);
        const withoutDisplay = text.replace(/\$\$[\s\S]+?\$\$/g, '');
        expect(withoutDisplay.includes('$$'), `${i.id}: unbalanced $$`).toBe(false);
        expect((withoutDisplay.match(/\$/g) ?? []).length % 2, `${i.id}: unbalanced $`).toBe(0);
        expect(text.includes('\\`'), `${i.id}: escaped backtick`).toBe(false);
      }
    }
  });
});

describe('built-in bank: source-quiz questions', () => {
  // id → key option(s); each with the reason it is the right answer.
  const SOURCE_KEYS: Record<string, string[]> = {
    // BN normalises with batch statistics in training and running estimates at inference.
    'bn-false-statement': ['only-same-output'],
    // Batch norm averages each neuron over the batch: (4+0+8)/3, (4+2+9)/3, (3+5+1)/3.
    'bn-batch-mean-source': ['per-neuron-mean'],
    // Test time uses statistics estimated (running averages) during training.
    'bn-test-time-statistics': ['training-estimates'],
    // LN: per example over C, H, W; BN: per channel over N, H, W.
    'ln-vs-bn-axes': ['ln-chw-bn-nhw'],
    // Batch statistics depend on the other images of the minibatch, and every batch changed.
    'bn-minibatch-composition': ['different'],
    // L1's constant λ·sign(w) pull reaches zero; L2's 2λw pull fades as w shrinks.
    'reg-l1-sparsity': ['l1'],
    // Regulariser, less overfitting and (hence) better test accuracy all hold.
    'dropout-advantage': ['all'],
    // Shuffling all pixels destroys the spatial structure the label depends on.
    'aug-not-augmentation': ['pixel-shuffle'],
    // Underfitting needs more capacity; more data is the cure for overfitting.
    'cap-prevent-underfitting': ['more-params'],
    // More hidden layers add parameters and non-linear compositions.
    'cap-model-capacity': ['more-layers'],
    // y[2i + k] += x[i]·f[k], filter not flipped, nothing cropped.
    'up-transpose1d-source': ['correct'],
    // Each value returns to its window's recorded argmax; zeros elsewhere.
    'up-max-unpool-source': ['switches'],
    // 7.2559 / (9.48 + 8.98 − 7.2559) ≈ 0.648.
    'seg-soft-iou-source': ['iou'],
  };
  const SOURCE_OTHER = [
    'bn-batch-mean-source-template',
    'up-transpose1d-stride3-numeric',
    'seg-soft-dice-source',
  ];

  it('contains exactly the rewritten quiz questions, tagged and attributed', () => {
    const tagged = items.filter((i) => i.tags.includes(SOURCE_QUIZ_TAG)).map((i) => i.id);
    expect(new Set(tagged)).toEqual(new Set([...Object.keys(SOURCE_KEYS), ...SOURCE_OTHER]));
    for (const id of tagged) expect(item(id).source, id).toBe(SOURCE_QUIZ);
  });

  it.each(Object.entries(SOURCE_KEYS))('%s has the right key', (id, key) => {
    expect(choice(id).answer).toEqual(key);
  });

  it('offers the batch mean as a template item too, always asking for the mean', () => {
    const i = item('bn-batch-mean-source-template');
    expect(i.type === 'template' && i.template).toBe('batchnorm-train-stats');
    expect(i.type === 'template' && i.params).toEqual({ level: 1, stat: 'mean' });
    expect(i.stem).toContain('batch mean');
    for (let seed = 0; seed < 50; seed++) {
      const v = generateVariant('batchnorm-train-stats', seed, {
        form: i.type === 'template' ? i.form : 'numeric',
        params: i.type === 'template' ? i.params : {},
      });
      expect(v.question.stem, `seed ${seed}`).toMatch(/what mean does batch norm compute/);
      expect(v.question.stem, `seed ${seed}`).not.toMatch(/variance/);
    }
  });

  it('states the conventions and conditions its explanations rely on', () => {
    // Universal approximation needs a compact domain, not merely a bounded one.
    expect(optionText('cap-universal-approximation', 'exists')).toMatch(/compact/);
    expect(optionText('cap-universal-approximation', 'exists')).not.toMatch(/bounded region/);
    // PyTorch's running_var takes the unbiased batch variance; the momentum weighs the new batch.
    for (const id of ['bn-test-time-statistics', 'bn-false-statement'])
      expect(choice(id).explanation, id).toMatch(/unbiased/);
    expect(choice('bn-test-time-statistics').explanation).toMatch(
      /momentum \$m\$ \(default 0\.1\) weighs the new batch/,
    );
    // BN helps against exploding gradients; it does not guarantee it.
    expect(choice('bn-false-statement').explanation).toMatch(/not a guarantee/);
    // Plain subgradient steps do not hold a weight at exactly zero.
    const l1 = choice('reg-l1-sparsity');
    expect(l1.explanation).not.toMatch(/held there/);
    expect(l1.explanation).toMatch(/soft-thresholding/);
    expect(optionText('reg-l1-sparsity', 'l1')).toBeTruthy();
    expect(l1.options.find((o) => o.id === 'l1')?.feedback).not.toMatch(
      /keeps small weights there/,
    );
  });

  it('gives no two items the same stem, and no source item the key of its sibling', () => {
    const stems = new Map<string, string>();
    for (const i of items) {
      if (i.stem === undefined) continue;
      expect(stems.get(i.stem), `${i.id} repeats the stem of ${stems.get(i.stem)}`).toBeUndefined();
      stems.set(i.stem, i.id);
    }
    // The items built on the same source data ask different things: neither shows the other's key.
    const dice = numeric('seg-soft-dice-source').answer.value as number;
    expect(choice('seg-soft-iou-source').options.map((o) => Number(o.text))).not.toContain(
      Number(dice.toFixed(3)),
    );
    const stride3 = numeric('up-transpose1d-stride3-numeric').answer.value as number[];
    for (const o of choice('up-transpose1d-source').options)
      expect(numbersIn(o.text)).not.toEqual(stride3);
  });

  it('batch-norm mean: the key is the per-neuron mean, the distractors are named mistakes', () => {
    const id = 'bn-batch-mean-source';
    expect(choice(id).stem).toContain(String.raw`\begin{bmatrix} 8 \\ 9 \\ 1 \end{bmatrix}`);
    expectClose(numbersIn(optionText(id, 'per-neuron-mean')), perNeuronMean(SOURCE_ACTIVATIONS));
    expectClose(
      numbersIn(optionText(id, 'per-example-mean')),
      SOURCE_ACTIVATIONS.map((s) => s.reduce((a, v) => a + v, 0) / s.length),
    );
    expectClose(
      numbersIn(optionText(id, 'column-sums')),
      perNeuronMean(SOURCE_ACTIVATIONS).map((m) => m * 3),
    );
  });

  it('1-D transposed convolution: key, stride-3 twin and every distractor recomputed', () => {
    const id = 'up-transpose1d-source';
    const x = [5, 4, 3, 2, 1];
    const f = [1, 2, 3, 4];
    const y = convTranspose1d(x, f, 2);
    expect(y).toEqual([5, 10, 19, 28, 15, 22, 11, 16, 7, 10, 3, 4]);
    expect(y[2]).toBe(5 * 3 + 4 * 1);
    expect(numbersIn(optionText(id, 'correct'))).toEqual(y);
    expect(numbersIn(optionText(id, 'reversed-input'))).toEqual(
      convTranspose1d([...x].reverse(), f, 2),
    );
    expect(numbersIn(optionText(id, 'flipped-filter'))).toEqual(
      convTranspose1d(x, [...f].reverse(), 2),
    );
    // Overwriting instead of adding: every later stamp replaces what is there.
    const overwrite = new Array<number>(y.length).fill(0);
    x.forEach((xi, i) => f.forEach((fk, k) => (overwrite[2 * i + k] = xi * fk)));
    expect(numbersIn(optionText(id, 'overwrite'))).toEqual(overwrite);
    // Every wrong option has the key's length, and the stem states the no-flip convention the
    // flipped-filter option is wrong under.
    for (const o of choice(id).options) expect(numbersIn(o.text), o.id).toHaveLength(y.length);
    expect(choice(id).stem).toContain('the filter is not flipped');
    // Stride 3: y3 = 5·4 + 4·1 = 24, y6 = 4·4 + 3·1 = 19, y9 = 3·4 + 2·1 = 14, y12 = 2·4 + 1·1 = 9.
    const y3 = numeric('up-transpose1d-stride3-numeric').answer.value as number[];
    expect(y3).toEqual([5, 10, 15, 24, 8, 12, 19, 6, 9, 14, 4, 6, 9, 2, 3, 4]);
    expect(numeric('up-transpose1d-stride3-numeric').stem).toContain('not flipped');
    for (const [itemId, expected] of [
      [id, y],
      ['up-transpose1d-stride3-numeric', y3],
    ] as const)
      expectTable(item(itemId).explanation ?? '', expected);
  });

  /** The explanation's table lists each output with x·f products that add up to its value. */
  function expectTable(explanation: string, y: readonly number[]): void {
    y.forEach((v, i) => {
      const label = (i < 10 ? `y_${i}` : `y_{${i}}`).replace(/[{}]/g, '\\$&');
      const row = explanation.match(new RegExp(`\\$${label}\\$ \\| ([^|]+) \\| (\\d+) \\|`));
      expect(row, `table row ${i}`).not.toBeNull();
      // The contributions are written as x·f products; they must add up to the value shown.
      const factors = numbersIn(row![1]!);
      let total = 0;
      for (let k = 0; k < factors.length; k += 2) total += factors[k]! * factors[k + 1]!;
      expect([total, Number(row![2])], `table row ${i}`).toEqual([v, v]);
    });
  }

  it('max unpooling: the pre-pool map puts the switches at (0,0), (1,3), (2,0), (3,3)', () => {
    const id = 'up-max-unpool-source';
    const stem = choice(id).stem;
    for (const row of PRE_POOL) expect(stem).toContain(row.join(' & '));
    const unpooled = maxUnpool(PRE_POOL, UNPOOL_INPUT);
    const positions = unpooled.flatMap((row, r) =>
      row.flatMap((v, c) => (v !== 0 ? [[r, c]] : [])),
    );
    expect(positions).toEqual([
      [0, 0],
      [1, 3],
      [2, 0],
      [3, 3],
    ]);
    expect(numbersIn(optionText(id, 'switches'))).toEqual(unpooled.flat());
    expect(numbersIn(optionText(id, 'top-left'))).toEqual(
      unpoolAtOffset(UNPOOL_INPUT, 0, 0).flat(),
    );
    expect(numbersIn(optionText(id, 'fixed-corner'))).toEqual(
      unpoolAtOffset(UNPOOL_INPUT, 1, 1).flat(),
    );
    const nearest = PRE_POOL.map((row, r) => row.map((_, c) => UNPOOL_INPUT[r >> 1]![c >> 1]!));
    expect(numbersIn(optionText(id, 'nearest'))).toEqual(nearest.flat());
    const maxima = [
      [9, 8],
      [7, 6],
    ];
    expect(numbersIn(optionText(id, 'original-values'))).toEqual(
      maxUnpool(PRE_POOL, maxima).flat(),
    );
  });

  it('soft Dice: sums, key and distractors recomputed from the two masks', () => {
    const sumA = sumAll(DICE_A);
    const sumB = sumAll(DICE_B);
    const sumAB = sumProducts(DICE_A, DICE_B);
    expect(sumA).toBeCloseTo(9.48, 10);
    expect(sumB).toBeCloseTo(8.98, 10);
    expect(sumAB).toBeCloseTo(7.2559, 10);
    const dice = (2 * sumAB) / (sumA + sumB);
    expect(dice).toBeCloseTo(0.786, 3);

    const explanation = numeric('seg-soft-dice-source').explanation;
    for (const shown of ['9.48', '8.98', '7.2559', '14.5118', '18.46'])
      expect(explanation).toContain(shown);
    for (const row of [0, 1, 2, 3]) {
      const rowSum = DICE_A[row]!.reduce((acc, a, j) => acc + a * DICE_B[row]![j]!, 0);
      expect(explanation).toContain(`$${rowSum.toFixed(4)}$`);
    }

    // The soft IoU of the same masks: 7.2559 / 11.2041 ≈ 0.648; precision 7.2559/8.98 ≈ 0.808,
    // recall 7.2559/9.48 ≈ 0.765, thresholded at 0.5: 8 shared of 9 and 8 pixels → 8/9 ≈ 0.889.
    const mcq = 'seg-soft-iou-source';
    const shown = (optionId: string) => Number(optionText(mcq, optionId));
    expect(shown('iou')).toBe(Number((sumAB / (sumA + sumB - sumAB)).toFixed(3)));
    expect(shown('iou')).toBe(0.648);
    expect(shown('no-overlap-removed')).toBe(Number((sumAB / (sumA + sumB)).toFixed(3)));
    expect(shown('precision')).toBe(Number((sumAB / sumB).toFixed(3)));
    expect(shown('recall')).toBe(Number((sumAB / sumA).toFixed(3)));
    const hardA = threshold(DICE_A);
    const hardB = threshold(DICE_B);
    const hardAB = sumProducts(hardA, hardB);
    const hardIou = hardAB / (sumAll(hardA) + sumAll(hardB) - hardAB);
    expect([hardAB, sumAll(hardA), sumAll(hardB)]).toEqual([8, 9, 8]);
    expect(shown('thresholded')).toBe(Number(hardIou.toFixed(3)));
    const iouExplanation = choice(mcq).explanation;
    for (const text of ['9.48', '8.98', '7.2559', '11.2041'])
      expect(iouExplanation).toContain(text);
  });
});

describe('built-in bank: numeric keys', () => {
  const numericItems = items.filter((i): i is NumericItem => i.type === 'numeric');

  it('recomputes every numeric item independently', () => {
    expect(new Set(numericItems.map((i) => i.id))).toEqual(new Set(Object.keys(RECOMPUTED)));
  });

  it.each(numericItems.map((i) => [i.id, i] as const))('%s matches its recomputation', (_id, i) => {
    const expected = RECOMPUTED[i.id]!;
    const stored = i.answer.value;
    const want = Array.isArray(expected) ? expected : [expected];
    const got = Array.isArray(stored) ? stored : [stored];
    expect(got).toHaveLength(want.length);
    const { abs = 0, rel = 0 } = i.answer.tolerance;
    got.forEach((g, k) => {
      const w = want[k]!;
      // The stored key is (essentially) exact, and well inside its own tolerance.
      expect(Math.abs(g - w), `${i.id}[${k}]`).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(w)));
      expect(Math.abs(g - w), `${i.id}[${k}] tolerance`).toBeLessThanOrEqual(
        Math.max(abs, rel * Math.abs(w)),
      );
    });
  });

  it('keys the numeric mcq items on the computed value', () => {
    // BN with 64 channels learns one γ and one β per channel.
    expect(
      numbersIn(optionText('bn-learnable-params', choice('bn-learnable-params').answer[0]!)),
    ).toEqual([2 * 64]);
    // Max pooling has no weights.
    expect(
      numbersIn(optionText('cnn-pooling-params', choice('cnn-pooling-params').answer[0]!)),
    ).toEqual([0]);
  });
});

describe('built-in bank: tutoring', () => {
  /**
   * Every part of the built-in bank, its key worked out by hand from the item's stem (the
   * arithmetic is in the comments), and how the parts finish into the item's own answer.
   */
  const HAND_PARTS: Record<
    string,
    { parts: Record<string, number | number[]>; finish: (p: Record<string, number[]>) => number[] }
  > = {
    // Batch [[4,4,3],[0,2,5],[8,9,1]], means (4,5,3).
    'bn-batch-variance-source-data': {
      parts: {
        // Neuron 1 takes 4, 0, 8: 4-4 = 0, 0-4 = -4, 8-4 = 4.
        'deviations-neuron-1': [0, -4, 4],
        // Neuron 1: 0 + 16 + 16 = 32. Neuron 2 (4, 2, 9 around 5): 1 + 9 + 16 = 26.
        // Neuron 3 (3, 5, 1 around 3): 0 + 4 + 4 = 8.
        'sum-of-squares': [32, 26, 8],
      },
      // The biased variance divides each sum by the batch size 3.
      finish: (p) => p['sum-of-squares']!.map((s) => s / 3),
    },
    // x = 2, mu = 5, var = 4, gamma = 0.5, beta = 1.
    'bn-affine-output': {
      parts: {
        // (2 - 5) / sqrt(4) = -3 / 2.
        normalised: -1.5,
        // 0.5 * -1.5.
        scaled: -0.75,
      },
      finish: (p) => [p.scaled![0]! + 1],
    },
    // Running mean 2.0, momentum 0.1, batch means 4.0 then 6.0.
    'bn-running-mean-update': {
      parts: {
        // (1 - 0.1) * 2.0.
        kept: 1.8,
        // 1.8 + 0.1 * 4.0 = 1.8 + 0.4.
        'after-first': 2.2,
      },
      // Second update: 0.9 * 2.2 + 0.1 * 6.0 = 1.98 + 0.6.
      finish: (p) => [0.9 * p['after-first']![0]! + 0.1 * 6],
    },
    // w = (0.8, -0.05, 0), grad g = (0.2, 0.1, -0.4), lr 0.1, lambda 0.5.
    'reg-l1-step-vector': {
      parts: {
        // sign(w) = (1, -1, 0), times 0.5.
        'penalty-gradient': [0.5, -0.5, 0],
        // (0.2 + 0.5, 0.1 - 0.5, -0.4 + 0).
        'total-gradient': [0.7, -0.4, -0.4],
      },
      // (0.8 - 0.07, -0.05 + 0.04, 0 + 0.04) = (0.73, -0.01, 0.04).
      finish: (p) => [0.8, -0.05, 0].map((w, i) => w - 0.1 * p['total-gradient']![i]!),
    },
    // beta 0.9, lr 0.1, v = 1.0, w = 2.0, g = 0.5.
    'opt-momentum-step': {
      parts: {
        // 0.9 * 1.0 + 0.5.
        velocity: 1.4,
        // 0.1 * 1.4.
        step: 0.14,
      },
      // 2.0 - 0.14 = 1.86.
      finish: (p) => [2 - p.step![0]!],
    },
    // a = (1, 1), p = (4, 5), n = (1, 7), margin 2.
    'ml-triplet-loss-value': {
      parts: {
        // sqrt(3^2 + 4^2) = sqrt(25).
        'anchor-positive': 5,
        // sqrt(0^2 + 6^2) = 6.
        'anchor-negative': 6,
      },
      // max(0, 5 - 6 + 2) = 1.
      finish: (p) => [Math.max(0, p['anchor-positive']![0]! - p['anchor-negative']![0]! + 2)],
    },
    // The source quiz's soft masks.
    'seg-soft-dice-source': {
      parts: {
        // Row products: 0.001 + 0.2068 + 0.4224 + 0.045 = 0.6752;
        // 0.39 + 0.0099 + 0.6402 + 0.99 = 2.0301; 0.7917 + 0 + 0.9702 + 0.058 = 1.8199;
        // 0.6006 + 0.99 + 0.16 + 0.9801 = 2.7307; in all 7.2559.
        overlap: 7.2559,
        // Rows of A: 1.70 + 2.42 + 2.19 + 3.17 = 9.48; rows of B: 1.11 + 2.65 + 2.07 + 3.15 =
        // 8.98; 9.48 + 8.98 = 18.46.
        total: 18.46,
      },
      // 2 * 7.2559 / 18.46 = 14.5118 / 18.46.
      finish: (p) => [(2 * p.overlap![0]!) / p.total![0]!],
    },
  };

  const numericWithParts = items.filter(
    (i): i is NumericItem => i.type === 'numeric' && i.parts !== undefined,
  );

  it('gives at least 12 fixed mcq or numeric items a ladder of 2 or 3 rungs', () => {
    const laddered = items.filter(
      (i) => (i.type === 'mcq' || i.type === 'numeric') && i.hints !== undefined,
    );
    expect(laddered.length).toBeGreaterThanOrEqual(12);
    for (const i of items) {
      if (i.hints === undefined) continue;
      expect(i.hints.length, i.id).toBeGreaterThanOrEqual(2);
      expect(new Set(i.hints).size, i.id).toBe(i.hints.length);
    }
  });

  it('gives at least 4 numeric items parts, each derived by hand above', () => {
    expect(numericWithParts.length).toBeGreaterThanOrEqual(4);
    expect(new Set(numericWithParts.map((i) => i.id))).toEqual(new Set(Object.keys(HAND_PARTS)));
  });

  it.each(numericWithParts.map((i) => [i.id, i] as const))(
    '%s: every part keyed as derived by hand, and the parts finish into the answer',
    (_id, i) => {
      const hand = HAND_PARTS[i.id]!;
      const parts = i.parts ?? [];
      expect(parts.map((p) => p.id)).toEqual(Object.keys(hand.parts));
      const asList = (v: number | readonly number[]) => (typeof v === 'number' ? [v] : [...v]);
      const values: Record<string, number[]> = {};
      for (const part of parts) {
        const stored = asList(part.answer.value);
        const expected = asList(hand.parts[part.id]!);
        expectClose(stored, expected, 1e-9);
        values[part.id] = stored;
        // A typed step is checked with some room for rounding, never to the last bit.
        const { abs = 0, rel = 0 } = part.answer.tolerance;
        expect(Math.max(abs, rel), `${i.id}/${part.id} tolerance`).toBeGreaterThan(0);
      }
      expectClose(hand.finish(values), asList(i.answer.value), 1e-4);
    },
  );
});
