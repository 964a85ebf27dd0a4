import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  mlpParamCount,
  multiclassHingeLoss,
  perceptronStep,
  softmaxCrossEntropy,
  softmaxCrossEntropyGrad,
} from './classifiers';
import { KernelArgError } from './validate';

beforeAll(async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  await tf.setBackend('cpu');
  warn.mockRestore();
});

describe('multiclassHingeLoss', () => {
  it('sums the margin violations of the wrong classes (CS231n example)', () => {
    // Scores [3.2, 5.1, -1.7], true class 0: max(0, 5.1 − 3.2 + 1) + max(0, −1.7 − 3.2 + 1)
    // = 2.9 + 0 = 2.9.
    expect(multiclassHingeLoss([3.2, 5.1, -1.7], 0)).toBeCloseTo(2.9, 12);
    // True class 1 wins by more than 1 everywhere: 0.
    expect(multiclassHingeLoss([1.3, 4.9, 2.0], 1)).toBe(0);
  });

  it('refuses a bad target, margin or score vector', () => {
    expect(() => multiclassHingeLoss([1, 2], 2)).toThrow(
      'target: must be a class index from 0 to 1, got 2',
    );
    expect(() => multiclassHingeLoss([1, 2], 0, -1)).toThrow(/margin/);
    expect(() => multiclassHingeLoss([1], 0)).toThrow('scores: needs at least 2 classes');
    expect(() => multiclassHingeLoss([1, NaN], 0)).toThrow(KernelArgError);
  });
});

describe('softmaxCrossEntropy and its gradient', () => {
  it('matches hand values', () => {
    // z = [0, 0]: p = [0.5, 0.5], L = ln 2; gradient [0.5 − 1, 0.5] = [−0.5, 0.5].
    expect(softmaxCrossEntropy([0, 0], 0)).toBeCloseTo(Math.LN2, 14);
    expect(softmaxCrossEntropyGrad([0, 0], 0)).toEqual([-0.5, 0.5]);
    // Huge logits stay finite: ln(e^0 + e^{−1000}) + 1000 − 1000 = 0.
    expect(softmaxCrossEntropy([1000, 0], 0)).toBeCloseTo(0, 12);
  });

  it('agrees with tf.losses.softmaxCrossEntropy and tf.grad', () => {
    const z = [1.5, -0.3, 2.2, 0.1];
    const y = 2;
    const onehot = tf.oneHot([y], 4);
    const loss = (logits: tf.Tensor) =>
      tf.losses.softmaxCrossEntropy(onehot, logits.reshape([1, 4])) as tf.Scalar;
    expect(softmaxCrossEntropy(z, y)).toBeCloseTo(loss(tf.tensor1d(z)).dataSync()[0], 5);
    const g = Array.from(tf.grad(loss)(tf.tensor1d(z)).dataSync());
    softmaxCrossEntropyGrad(z, y).forEach((v, i) => expect(v).toBeCloseTo(g[i], 5));
  });

  it('refuses a target outside the classes', () => {
    expect(() => softmaxCrossEntropy([1, 2, 3], -1)).toThrow(/target/);
    expect(() => softmaxCrossEntropyGrad([1, 2, 3], 1.5)).toThrow(/target/);
  });
});

describe('perceptronStep', () => {
  it('updates on a mistake and leaves w alone on a correct point', () => {
    // w·x = 1·2 + (−1)·3 = −1, y = +1: mistake, w + 0.5·(+1)·[2, 3] = [2, 0.5].
    expect(perceptronStep([1, -1], [2, 3], 1, 0.5)).toEqual({
      activation: -1,
      mistake: true,
      w: [2, 0.5],
    });
    // Same point with y = −1: y·a = 1 > 0, correct, unchanged.
    expect(perceptronStep([1, -1], [2, 3], -1, 0.5).w).toEqual([1, -1]);
    // On the boundary (a = 0) it is a mistake: [0, 0] + 1·(−1)·[1, 1] = [−1, −1].
    expect(perceptronStep([0, 0], [1, 1], -1, 1).w).toEqual([-1, -1]);
  });

  it('refuses labels other than ±1 and a non-positive learning rate', () => {
    expect(() => perceptronStep([1], [1], 0, 1)).toThrow('y: must be -1 or 1, got 0');
    expect(() => perceptronStep([1], [1], 1, 0)).toThrow(/lr/);
    expect(() => perceptronStep([1, 2], [1], 1, 1)).toThrow(/x: shape/);
  });
});

describe('mlpParamCount', () => {
  it('counts a weight matrix and a bias per layer', () => {
    // 784·128 + 128 + 128·10 + 10 = 100352 + 128 + 1280 + 10 = 101770.
    expect(mlpParamCount([784, 128, 10])).toBe(101770);
    // Without the first bias: 101770 − 128.
    expect(mlpParamCount([784, 128, 10], [false, true])).toBe(101642);
  });

  it('refuses too few or non-integer widths and a bias list of the wrong length', () => {
    expect(() => mlpParamCount([3])).toThrow(/widths: needs at least 2/);
    expect(() => mlpParamCount([3, 2.5])).toThrow(/widths\[1\]/);
    expect(() => mlpParamCount([3, 2], [true, true])).toThrow(
      /bias: must list one boolean per layer/,
    );
  });
});
