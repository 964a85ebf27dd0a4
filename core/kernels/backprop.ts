/**
 * Backpropagation as a computation: the forward values and every local gradient of a small
 * two-layer network, and the finite differences and relative error a gradient check uses.
 */
import {
  KernelArgError,
  requireFiniteNumber,
  requireFiniteResult,
  requireMatrix,
  requireOneOf,
  requirePositiveNumber,
  requireVector,
} from './validate';

/** Hidden-layer activation of {@link twoLayerBackprop}. */
export type HiddenActivation = 'relu' | 'sigmoid' | 'tanh';

/** Output and loss of {@link twoLayerBackprop}. */
export type OutputLoss = 'squared' | 'bce';

/** A network x → z = W₁x + b₁ → h = act(z) → o = v·h + c → loss, one output. */
export interface TwoLayerNet {
  /** H×D first-layer weights (row k feeds hidden unit k). */
  readonly w1: readonly (readonly number[])[];
  /** H first-layer biases. */
  readonly b1: readonly number[];
  /** H output weights. */
  readonly v: readonly number[];
  /** Output bias. */
  readonly c: number;
  readonly activation: HiddenActivation;
  /**
   * `squared`: ŷ = o, L = (ŷ − t)² (nn.MSELoss on one value, no ½). `bce`: ŷ = σ(o),
   * L = −[t ln ŷ + (1 − t) ln(1 − ŷ)] (nn.BCEWithLogitsLoss on the logit o).
   */
  readonly loss: OutputLoss;
}

/** Every forward value and gradient of one example. */
export interface TwoLayerPass {
  readonly z: number[];
  readonly h: number[];
  /** Output pre-activation v·h + c. */
  readonly o: number;
  /** The prediction: o (squared) or σ(o) (bce). */
  readonly yhat: number;
  readonly loss: number;
  /** ∂L/∂o: 2(ŷ − t) for squared error, σ(o) − t for BCE on the logit. */
  readonly dO: number;
  /** ∂L/∂h_k = ∂L/∂o · v_k. */
  readonly dH: number[];
  /** act′(z_k) (ReLU′(0) = 0, as PyTorch takes it). */
  readonly actGrad: number[];
  /** ∂L/∂z_k = ∂L/∂h_k · act′(z_k). */
  readonly dZ: number[];
  /** ∂L/∂W₁[k][i] = ∂L/∂z_k · x_i. */
  readonly dW1: number[][];
  readonly dB1: number[];
  /** ∂L/∂v_k = ∂L/∂o · h_k. */
  readonly dV: number[];
  readonly dC: number;
}

/** The logistic sigmoid 1/(1 + e^{−z}). */
export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

function activate(kind: HiddenActivation, z: number): { value: number; grad: number } {
  switch (kind) {
    case 'relu':
      return { value: Math.max(0, z), grad: z > 0 ? 1 : 0 };
    case 'sigmoid': {
      const s = sigmoid(z);
      return { value: s, grad: s * (1 - s) };
    }
    case 'tanh': {
      const t = Math.tanh(z);
      return { value: t, grad: 1 - t * t };
    }
    default: {
      const never: never = kind;
      throw new KernelArgError('activation', `unknown activation ${String(never)}`);
    }
  }
}

/**
 * Forward and backward pass of {@link TwoLayerNet} for one input `x` (length D) and target `t`
 * (any number for squared error, 0 ≤ t ≤ 1 for BCE): the chain rule applied layer by layer.
 */
export function twoLayerBackprop(net: TwoLayerNet, x: number[], t: number): TwoLayerPass {
  requireVector('x', x);
  requireMatrix('w1', net.w1);
  const hidden = net.w1.length;
  if (net.w1[0].length !== x.length) {
    throw new KernelArgError('w1', `rows have ${net.w1[0].length} weights but x has ${x.length}`);
  }
  requireVector('b1', net.b1);
  requireVector('v', net.v);
  if (net.b1.length !== hidden) throw new KernelArgError('b1', `needs ${hidden} biases`);
  if (net.v.length !== hidden) throw new KernelArgError('v', `needs ${hidden} weights`);
  requireFiniteNumber('c', net.c);
  requireOneOf('activation', net.activation, ['relu', 'sigmoid', 'tanh'] as const);
  requireOneOf('loss', net.loss, ['squared', 'bce'] as const);
  requireFiniteNumber('t', t);
  if (net.loss === 'bce' && (t < 0 || t > 1)) {
    throw new KernelArgError('t', `must lie in [0, 1] for BCE, got ${t}`);
  }
  const z = net.w1.map((row, k) => row.reduce((acc, w, i) => acc + w * x[i], net.b1[k]));
  const acts = z.map((zk) => activate(net.activation, zk));
  const h = acts.map((a) => a.value);
  const actGrad = acts.map((a) => a.grad);
  const o = h.reduce((acc, hk, k) => acc + hk * net.v[k], net.c);
  let yhat: number;
  let loss: number;
  let dO: number;
  if (net.loss === 'squared') {
    yhat = o;
    loss = (o - t) ** 2;
    dO = 2 * (o - t);
  } else {
    yhat = sigmoid(o);
    // ln σ(o) = −softplus(−o), ln(1 − σ(o)) = −softplus(o), computed stably.
    const softplus = (u: number) => Math.max(u, 0) + Math.log1p(Math.exp(-Math.abs(u)));
    loss = t * softplus(-o) + (1 - t) * softplus(o);
    dO = yhat - t;
  }
  const dH = net.v.map((vk) => dO * vk);
  const dZ = dH.map((g, k) => g * actGrad[k]);
  const dW1 = dZ.map((g) => x.map((xi) => g * xi));
  const dV = h.map((hk) => dO * hk);
  requireFiniteResult('x', [o, loss, ...z, ...dZ]);
  return { z, h, o, yhat, loss, dO, dH, actGrad, dZ, dW1, dB1: dZ.slice(), dV, dC: dO };
}

/**
 * The central-difference estimate (f(x + h) − f(x − h)) / 2h of f′(x), error O(h²), as a
 * gradient check uses it. `h` > 0.
 */
export function centralDifference(f: (x: number) => number, x: number, h: number): number {
  requireFiniteNumber('x', x);
  requirePositiveNumber('h', h);
  const estimate = (f(x + h) - f(x - h)) / (2 * h);
  requireFiniteResult('f', [estimate]);
  return estimate;
}

/**
 * Relative error of an analytic gradient against a numerical one,
 * |a − n| / max(|a|, |n|) (0 when both are 0), as gradient checks report it.
 */
export function relativeError(analytic: number, numerical: number): number {
  requireFiniteNumber('analytic', analytic);
  requireFiniteNumber('numerical', numerical);
  const scale = Math.max(Math.abs(analytic), Math.abs(numerical));
  return scale === 0 ? 0 : Math.abs(analytic - numerical) / scale;
}
