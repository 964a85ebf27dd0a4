/**
 * Our `compute` ops against TensorFlow.js (pure-JS CPU backend) on quiz-sized inputs, for every
 * op tfjs has a counterpart for. Both sides start from plain JS arrays and end with plain numbers:
 * ours is `runComputeOp(op, args)` (argument checks + kernel), tfjs is
 * `tf.tidy(() => op(tensors from the arrays).dataSync())` (tensor creation, op, read-back,
 * disposal). Same inputs, warmed up, then many iterations; speedup = tfjs time / our time.
 * tfjs has no op for dice, iou, max-unpooling, triplet loss, the regularized step or the
 * output-size formula, so those are not compared.
 */
import type * as TfModule from '@tensorflow/tfjs';
import { runComputeOp } from '../core/compute';
import { log, round } from './stats';

type Tf = typeof TfModule;

interface Case {
  readonly op: string;
  readonly args: Record<string, unknown>;
  readonly tf: (tf: Tf) => void;
}

const grid = (h: number, w: number, f: (r: number, c: number) => number): number[][] =>
  Array.from({ length: h }, (_, r) => Array.from({ length: w }, (_, c) => f(r, c)));

function cases(): Case[] {
  const x6 = grid(6, 6, (r, c) => ((r * 7 + c * 3) % 11) - 5);
  const w3 = grid(3, 3, (r, c) => ((r + 2 * c) % 5) - 2);
  const x1 = [3, -1, 4, 1, -5, 9, 2, -6];
  const w1 = [1, 0, -1];
  const xt = [5, 4, 3, 2, 1];
  const wt = [1, 2, 3, 4];
  const xt2 = grid(2, 2, (r, c) => r * 2 + c + 1);
  const wt2 = grid(3, 3, (r, c) => ((r + c) % 3) - 1);
  const bn = grid(3, 3, (r, c) => ((r * 5 + c * 2) % 7) + 0.5 * r);
  const pool = grid(4, 4, (r, c) => ((r * 13 + c * 7) % 17) - 8);
  const z = [2, 1, 0, -1, 0.5];
  const leaky = [-2, -0.5, 0, 0.5, 1.5, -3];
  return [
    {
      op: 'conv2d',
      args: { x: x6, w: w3, stride: 1, padding: 0 },
      tf: (tf) =>
        tf.tidy(() =>
          tf
            .conv2d(
              tf.tensor4d(x6.flat(), [1, 6, 6, 1]),
              tf.tensor4d(w3.flat(), [3, 3, 1, 1]),
              1,
              'valid',
            )
            .dataSync(),
        ),
    },
    {
      op: 'conv1d',
      args: { x: x1, w: w1, stride: 1, padding: 0 },
      tf: (tf) =>
        tf.tidy(() =>
          tf.conv1d(tf.tensor3d(x1, [1, 8, 1]), tf.tensor3d(w1, [3, 1, 1]), 1, 'valid').dataSync(),
        ),
    },
    {
      op: 'conv-transpose1d',
      args: { x: xt, w: wt, stride: 2 },
      tf: (tf) =>
        tf.tidy(() =>
          tf
            .conv2dTranspose(
              tf.tensor4d(xt, [1, 1, 5, 1]),
              tf.tensor4d(wt, [1, 4, 1, 1]),
              [1, 1, (5 - 1) * 2 + 4, 1],
              [2, 2],
              'valid',
            )
            .dataSync(),
        ),
    },
    {
      op: 'conv-transpose2d',
      args: { x: xt2, w: wt2, stride: 2 },
      tf: (tf) =>
        tf.tidy(() =>
          tf
            .conv2dTranspose(
              tf.tensor4d(xt2.flat(), [1, 2, 2, 1]),
              tf.tensor4d(wt2.flat(), [3, 3, 1, 1]),
              [1, 5, 5, 1],
              [2, 2],
              'valid',
            )
            .dataSync(),
        ),
    },
    {
      op: 'batchnorm',
      args: { x: bn },
      tf: (tf) =>
        tf.tidy(() => {
          const m = tf.moments(tf.tensor2d(bn), [0]);
          m.mean.dataSync();
          m.variance.dataSync();
        }),
    },
    {
      op: 'layernorm',
      args: { x: bn },
      tf: (tf) =>
        tf.tidy(() => {
          const m = tf.moments(tf.tensor2d(bn), [1]);
          m.mean.dataSync();
          m.variance.dataSync();
        }),
    },
    {
      op: 'maxpool2d',
      args: { x: pool, kernel: 2, stride: 2 },
      tf: (tf) =>
        tf.tidy(() => {
          const { result, indexes } = tf.maxPoolWithArgmax(
            tf.tensor4d(pool.flat(), [1, 4, 4, 1]),
            2,
            2,
            'valid',
          );
          result.dataSync();
          indexes.dataSync();
        }),
    },
    {
      op: 'softmax',
      args: { z },
      tf: (tf) => tf.tidy(() => tf.softmax(tf.tensor1d(z)).dataSync()),
    },
    {
      op: 'leaky-relu',
      args: { x: leaky, alpha: 0.1 },
      tf: (tf) => tf.tidy(() => tf.leakyRelu(tf.tensor1d(leaky), 0.1).dataSync()),
    },
  ];
}

/** Mean time per call (µs) of `fn` over `iterations` calls. */
function perCall(fn: () => void, iterations: number): number {
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  return ((performance.now() - t0) * 1000) / iterations;
}

/** Results of {@link benchCompute}. */
export interface ComputeResult {
  /** Per op: tfjs time / our time (above 1: ours is faster). */
  readonly compute_vs_tfjs: Record<string, number>;
  /** Per op: µs per call, ours and tfjs (median of the rounds). */
  readonly compute_us: Record<string, { ours: number; tfjs: number }>;
}

/**
 * For each case: `warmup` calls of both, then `rounds` rounds of `iterations` calls of each
 * (alternating); the median per-call time of the rounds is compared.
 */
export async function benchCompute(
  iterations: number,
  rounds: number,
  warmup: number,
): Promise<ComputeResult> {
  // tfjs prints a "use tfjs-node" hint on first use; stdout must stay JSON only.
  const warn = console.warn;
  const info = console.log;
  console.warn = () => undefined;
  console.log = () => undefined;
  let tf: Tf;
  try {
    tf = await import('@tensorflow/tfjs');
    await tf.setBackend('cpu');
    await tf.ready();
    tf.tidy(() => tf.scalar(0).dataSync());
  } finally {
    console.warn = warn;
    console.log = info;
  }
  const speedups: Record<string, number> = {};
  const micros: Record<string, { ours: number; tfjs: number }> = {};
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
  for (const c of cases()) {
    const ours = () => {
      runComputeOp(c.op, c.args);
    };
    const theirs = () => c.tf(tf);
    for (let i = 0; i < warmup; i++) {
      ours();
      theirs();
    }
    const oursUs: number[] = [];
    const tfUs: number[] = [];
    for (let r = 0; r < rounds; r++) {
      oursUs.push(perCall(ours, iterations));
      // tfjs is far slower per call: fewer iterations keep the rounds comparable in length.
      tfUs.push(perCall(theirs, Math.max(100, Math.floor(iterations / 20))));
    }
    const o = median(oursUs);
    const t = median(tfUs);
    speedups[c.op] = round(t / o, 1);
    micros[c.op] = { ours: round(o, 3), tfjs: round(t, 2) };
    log(
      `compute ${c.op}: ours ${o.toFixed(3)} µs, tfjs ${t.toFixed(1)} µs, ×${(t / o).toFixed(1)}`,
    );
  }
  if (tf.memory().numTensors > 10) throw new Error('tfjs tensors leaked in the benchmark');
  return { compute_vs_tfjs: speedups, compute_us: micros };
}
