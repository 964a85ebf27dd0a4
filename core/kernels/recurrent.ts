/**
 * Recurrent-network kernels: parameter counts of PyTorch's `nn.RNN`, `nn.LSTM` and `nn.GRU`,
 * one step of beam search, and backpropagation through time in a scalar linear RNN.
 */
import {
  KernelArgError,
  requireFiniteNumber,
  requireFiniteResult,
  requireOneOf,
  requirePositiveInt,
  requireVector,
} from './validate';

/** A recurrent cell type as PyTorch names it. */
export type RecurrentCell = 'rnn' | 'lstm' | 'gru';

/** Weight blocks (gates and candidate) per cell: RNN 1, LSTM 4 (i, f, g, o), GRU 3 (r, z, n). */
export function gateBlocks(cell: RecurrentCell): number {
  switch (requireOneOf('cell', cell, ['rnn', 'lstm', 'gru'] as const)) {
    case 'rnn':
      return 1;
    case 'lstm':
      return 4;
    case 'gru':
      return 3;
  }
}

/** Constructor arguments of a PyTorch recurrent layer stack. */
export interface RecurrentSpec {
  readonly cell: RecurrentCell;
  readonly inputSize: number;
  readonly hiddenSize: number;
  /** Default 1. */
  readonly numLayers?: number;
  /** Default false. */
  readonly bidirectional?: boolean;
  /** Default true: two bias vectors per layer and direction, b_ih and b_hh. */
  readonly bias?: boolean;
  /**
   * Bias vectors per layer and direction when `bias` is on: 2 in PyTorch (b_ih and b_hh), 1 in
   * Keras/TF.js. Default 2.
   */
  readonly biasVectors?: 1 | 2;
}

/** Parameters of one layer in one direction. */
export interface RecurrentLayerParams {
  /** Input width of this layer: inputSize for layer 0, hiddenSize × directions above. */
  readonly input: number;
  /** G·H·input (weight_ih). */
  readonly weightIh: number;
  /** G·H·H (weight_hh). */
  readonly weightHh: number;
  /** G·H per bias vector. */
  readonly bias: number;
  readonly total: number;
}

/** Per-layer (one direction) counts and the total over layers and directions. */
export interface RecurrentParams {
  readonly layers: RecurrentLayerParams[];
  readonly directions: 1 | 2;
  readonly total: number;
}

/**
 * Parameter count as `sum(p.numel() for p in nn.LSTM(...).parameters())` gives it: per layer and
 * direction G·H·(in + H) + 2·G·H, with in = inputSize for the first layer and H·directions for
 * the layers above (they read both directions' outputs).
 */
export function recurrentParams(spec: RecurrentSpec): RecurrentParams {
  const g = gateBlocks(spec.cell);
  const i0 = requirePositiveInt('inputSize', spec.inputSize);
  const h = requirePositiveInt('hiddenSize', spec.hiddenSize);
  const numLayers = requirePositiveInt('numLayers', spec.numLayers ?? 1);
  const directions = spec.bidirectional === true ? 2 : 1;
  const vectors = spec.biasVectors ?? 2;
  if (vectors !== 1 && vectors !== 2) {
    throw new KernelArgError('biasVectors', `must be 1 or 2, got ${String(vectors)}`);
  }
  const biasPerVector = spec.bias === false ? 0 : g * h;
  const layers: RecurrentLayerParams[] = [];
  for (let l = 0; l < numLayers; l++) {
    const input = l === 0 ? i0 : h * directions;
    const weightIh = g * h * input;
    const weightHh = g * h * h;
    const bias = biasPerVector * vectors;
    layers.push({ input, weightIh, weightHh, bias, total: weightIh + weightHh + bias });
  }
  const total = layers.reduce((s, l) => s + l.total, 0) * directions;
  return { layers, directions, total };
}

/** A partial sequence kept by beam search: its tokens and its summed log-probability. */
export interface Beam {
  readonly tokens: readonly number[];
  readonly score: number;
}

/**
 * One beam-search step: every beam b is extended by every token t with score
 * score_b + logProbs[b][t], and the `width` best of all B·V candidates are kept, best first
 * (ties broken by beam, then token, in order).
 */
export function beamSearchStep(
  beams: readonly Beam[],
  logProbs: number[][],
  width: number,
): Beam[] {
  if (beams.length === 0) throw new KernelArgError('beams', 'empty array');
  const w = requirePositiveInt('width', width);
  if (logProbs.length !== beams.length) {
    throw new KernelArgError(
      'logProbs',
      `has ${logProbs.length} rows but there are ${beams.length} beams`,
    );
  }
  const candidates: Beam[] = [];
  beams.forEach((beam, b) => {
    requireFiniteNumber(`beams[${b}].score`, beam.score);
    const row = requireVector(`logProbs[${b}]`, logProbs[b]);
    if (row.length !== logProbs[0].length) {
      throw new KernelArgError(
        'logProbs',
        `row ${b} has ${row.length} values, row 0 has ${logProbs[0].length}`,
      );
    }
    row.forEach((lp, t) => {
      if (lp > 0) throw new KernelArgError('logProbs', `log-probabilities must be ≤ 0, got ${lp}`);
      candidates.push({ tokens: [...beam.tokens, t], score: beam.score + lp });
    });
  });
  if (w > candidates.length) {
    throw new KernelArgError(
      'width',
      `must be at most the ${candidates.length} candidates, got ${w}`,
    );
  }
  // A stable sort keeps the beam-then-token order among equal scores.
  return candidates.sort((a, b) => b.score - a.score).slice(0, w);
}

/** The forward and backward pass of {@link linearRnnBptt}. */
export interface LinearRnnGradient {
  /** h_0 … h_T. */
  readonly h: number[];
  /** dL/dh_T = h_T − y. */
  readonly delta: number;
  /** The contribution of step t (index t − 1): δ · w^{T−t} · h_{t−1}. */
  readonly terms: number[];
  /** dL/dw, the sum of the terms. */
  readonly grad: number;
}

/**
 * Backpropagation through time in h_t = w·h_{t−1} + x_t (t = 1…T) with the loss
 * L = ½(h_T − y)² on the last state: dL/dw = Σ_t (h_T − y) · w^{T−t} · h_{t−1}, since the same w
 * is used at every step and ∂h_T/∂h_t = w^{T−t}.
 */
export function linearRnnBptt(w: number, h0: number, xs: number[], y: number): LinearRnnGradient {
  requireFiniteNumber('w', w);
  requireFiniteNumber('h0', h0);
  requireVector('xs', xs);
  requireFiniteNumber('y', y);
  const h = [h0];
  for (const x of xs) h.push(w * h[h.length - 1] + x);
  const steps = xs.length;
  const delta = h[steps] - y;
  const terms = xs.map((_, i) => delta * w ** (steps - 1 - i) * h[i]);
  const grad = terms.reduce((s, v) => s + v, 0);
  requireFiniteResult('w', [...h, grad]);
  return { h, delta, terms, grad };
}
