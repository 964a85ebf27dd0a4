import { describe, expect, it } from 'vitest';
import { centralDifference, relativeError, sigmoid, twoLayerBackprop } from './backprop';

describe('twoLayerBackprop', () => {
  it('works a ReLU network with squared error by hand', () => {
    // x = [1, 2], W1 = [[1, -1], [0.5, 1]], b1 = [0, -1]:
    // z = [1 − 2 + 0, 0.5 + 2 − 1] = [−1, 1.5], h = [0, 1.5].
    // v = [2, -1], c = 0.5: o = 0 − 1.5 + 0.5 = −1; t = 1: L = (−1 − 1)² = 4, ∂L/∂o = 2(−2) = −4.
    // ∂L/∂h = [−8, 4], ReLU′ = [0, 1], ∂L/∂z = [0, 4], ∂L/∂W1 row 2 = 4·[1, 2] = [4, 8].
    // ∂L/∂v = −4·[0, 1.5] = [0, −6].
    const pass = twoLayerBackprop(
      {
        w1: [
          [1, -1],
          [0.5, 1],
        ],
        b1: [0, -1],
        v: [2, -1],
        c: 0.5,
        activation: 'relu',
        loss: 'squared',
      },
      [1, 2],
      1,
    );
    expect(pass.z).toEqual([-1, 1.5]);
    expect(pass.h).toEqual([0, 1.5]);
    expect([pass.o, pass.loss, pass.dO]).toEqual([-1, 4, -4]);
    expect(pass.dZ).toEqual([-0, 4]);
    expect(pass.dW1).toEqual([
      [-0, -0],
      [4, 8],
    ]);
    expect(pass.dV).toEqual([-0, -6]);
  });

  it('gives σ(o) − t on the logit for BCE', () => {
    // One hidden sigmoid unit with z = 0: h = 0.5; v = [2], c = −1: o = 0, ŷ = 0.5, t = 1:
    // L = −ln 0.5 = ln 2, ∂L/∂o = −0.5, ∂L/∂z = −0.5·2·0.25 = −0.25.
    const pass = twoLayerBackprop(
      { w1: [[1]], b1: [0], v: [2], c: -1, activation: 'sigmoid', loss: 'bce' },
      [0],
      1,
    );
    expect(pass.loss).toBeCloseTo(Math.LN2, 14);
    expect(pass.dO).toBe(-0.5);
    expect(pass.dZ[0]).toBe(-0.25);
  });

  it('refuses shapes that do not fit and a BCE target outside [0, 1]', () => {
    const net = { w1: [[1, 2]], b1: [0], v: [1], c: 0, activation: 'relu', loss: 'bce' } as const;
    expect(() => twoLayerBackprop({ ...net, w1: [[1, 2]] }, [1], 0)).toThrow(
      /w1: rows have 2 weights but x has 1/,
    );
    expect(() => twoLayerBackprop({ ...net, v: [1, 2] }, [1, 1], 0)).toThrow(/v: needs 1 weights/);
    expect(() => twoLayerBackprop(net, [1, 1], 2)).toThrow(/t: must lie in \[0, 1\]/);
  });
});

describe('gradient check helpers', () => {
  it('central difference of x³ at 2 with h = 0.1 is 12 + h² = 12.01', () => {
    // (2.1³ − 1.9³)/0.2 = (9.261 − 6.859)/0.2 = 12.01.
    expect(centralDifference((x) => x ** 3, 2, 0.1)).toBeCloseTo(12.01, 12);
    expect(() => centralDifference((x) => x, 0, 0)).toThrow(/h: must be a positive/);
  });

  it('relative error divides by the larger magnitude', () => {
    // |6 − 12| / 12 = 0.5; both zero → 0.
    expect(relativeError(6, 12)).toBe(0.5);
    expect(relativeError(0, 0)).toBe(0);
    expect(sigmoid(0)).toBe(0.5);
  });
});
