import { describe, expect, it } from 'vitest';
import { ComputeError, computeOps, runComputeOp } from './compute';
import { KernelArgError } from './kernels';

describe('runComputeOp: every op once, hand-checked', () => {
  const cases: [op: string, args: Record<string, unknown>, result: Record<string, unknown>][] = [
    // Channel means of [4,4,3], [0,2,5], [8,9,1]: (4+0+8)/3, (4+2+9)/3, (3+5+1)/3;
    // biased variances (0+16+16)/3, (1+9+16)/3, (0+4+4)/3.
    [
      'batchnorm',
      {
        x: [
          [4, 4, 3],
          [0, 2, 5],
          [8, 9, 1],
        ],
      },
      { mean: [4, 5, 3], var: [32 / 3, 26 / 3, 8 / 3] },
    ],
    // Per sample: [1,3] → mean 2, var 1; [5,5] → mean 5, var 0.
    [
      'layernorm',
      {
        x: [
          [1, 3],
          [5, 5],
        ],
      },
      { mean: [2, 5], var: [1, 0] },
    ],
    // [1,2,3,4,5] ⋆ [1,0,−1]: x[o] − x[o+2].
    ['conv1d', { x: [1, 2, 3, 4, 5], w: [1, 0, -1] }, { y: [-2, -2, -2] }],
    // Padded [0,1,2,3,4,5,0], stride 2: 0−2, 2−4, 4−0.
    ['conv1d', { x: [1, 2, 3, 4, 5], w: [1, 0, -1], stride: 2, padding: 1 }, { y: [-2, -2, 4] }],
    // 2×2 all-ones kernel over 1..9 in a 3×3: sums of each 2×2 block.
    [
      'conv2d',
      {
        x: [
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ],
        w: [
          [1, 1],
          [1, 1],
        ],
      },
      {
        y: [
          [12, 16],
          [24, 28],
        ],
      },
    ],
    // The source quiz: [5,4,3,2,1] by [1,2,3,4], stride 2, uncropped.
    [
      'conv-transpose1d',
      { x: [5, 4, 3, 2, 1], w: [1, 2, 3, 4], stride: 2 },
      { y: [5, 10, 19, 28, 15, 22, 11, 16, 7, 10, 3, 4] },
    ],
    // 2×2 ones kernel at stride 2 tiles each value into a 2×2 block; padding 1 keeps the centre.
    [
      'conv-transpose2d',
      {
        x: [
          [1, 2],
          [3, 4],
        ],
        w: [
          [1, 1],
          [1, 1],
        ],
        stride: 2,
        padding: 1,
      },
      {
        y: [
          [1, 2],
          [3, 4],
        ],
      },
    ],
    // Windows {1,3,4,2}→4@4, {2,1,0,5}→5@7, {1,1,3,0}→3@12, {2,2,6,1}→6@14 (index = r·4 + c).
    [
      'maxpool2d',
      {
        x: [
          [1, 3, 2, 1],
          [4, 2, 0, 5],
          [1, 1, 2, 2],
          [3, 0, 6, 1],
        ],
        kernel: 2,
        stride: 2,
      },
      {
        y: [
          [4, 5],
          [3, 6],
        ],
        indices: [
          [4, 7],
          [12, 14],
        ],
      },
    ],
    // Index 3 in a 2×2 map is (1,1); index 0 is (0,0).
    [
      'maxunpool2d',
      { y: [[7, 9]], indices: [[3, 0]], outputShape: [2, 2] },
      {
        x: [
          [9, 0],
          [0, 7],
        ],
      },
    ],
    // Σa = 3, Σb = 2, Σab = 1: Dice 2/5, IoU 1/4.
    [
      'dice',
      {
        a: [
          [1, 1],
          [1, 0],
        ],
        b: [
          [0, 1],
          [0, 1],
        ],
      },
      { dice: 0.4 },
    ],
    [
      'iou',
      {
        a: [
          [1, 1],
          [1, 0],
        ],
        b: [
          [0, 1],
          [0, 1],
        ],
      },
      { iou: 0.25 },
    ],
    // [0, ln 2] at T = 0.5: [0, 2 ln 2] → exp [1, 4] → [0.2, 0.8].
    ['softmax', { z: [0, Math.log(2)], temperature: 0.5 }, { p: [0.2, 0.8] }],
    ['softmax', { z: [3, 3, 3, 3] }, { p: [0.25, 0.25, 0.25, 0.25] }],
    ['leaky-relu', { x: [-2, 0, 3], alpha: 0.1 }, { y: [-0.2, 0, 3] }],
    // d(a,p) = 5, d(a,n) = 1: Euclidean 5 − 1 + 1 = 5; squared 25 − 1 + 1 = 25.
    [
      'triplet-loss',
      { anchor: [0, 0], positive: [3, 4], negative: [1, 0], margin: 1 },
      { loss: 5 },
    ],
    [
      'triplet-loss',
      { anchor: [0, 0], positive: [3, 4], negative: [1, 0], margin: 1, distance: 'squared' },
      { loss: 25 },
    ],
    // L1, lr 0.1, λ 0.5: 1 − 0.1·(0.1 + 0.5) = 0.94; 0 − 0.1·(−0.3 + 0) = 0.03 (sign 0 = 0).
    [
      'regularized-step',
      { w: [1, 0], grad: [0.1, -0.3], lr: 0.1, lambda: 0.5, kind: 'l1' },
      { w: [0.94, 0.03] },
    ],
    // L2, same numbers: 1 − 0.1·(0.1 + 2·0.5·1) = 0.89.
    [
      'regularized-step',
      { w: [1, 0], grad: [0.1, -0.3], lr: 0.1, lambda: 0.5, kind: 'l2' },
      { w: [0.89, 0.03] },
    ],
    // ⌊(7 − 3)/2⌋ + 1 = 3; dilated: ⌊(10 + 2 − 2·2 − 1)/1⌋ + 1 = 8.
    ['conv-output-size', { in: 7, kernel: 3, stride: 2 }, { out: 3 }],
    ['conv-output-size', { in: 10, kernel: 3, padding: 1, dilation: 2 }, { out: 8 }],
  ];

  for (const [op, args, expected] of cases) {
    it(`${op} ${JSON.stringify(args).slice(0, 60)}`, () => {
      const result = runComputeOp(op, args);
      expect(Object.keys(result).sort()).toEqual(Object.keys(expected).sort());
      for (const [key, value] of Object.entries(expected)) {
        const got = result[key];
        if (typeof value === 'number') expect(got).toBeCloseTo(value, 12);
        else {
          const flatGot = (got as unknown[]).flat() as number[];
          const flatWant = (value as unknown[]).flat() as number[];
          expect(flatGot).toHaveLength(flatWant.length);
          flatWant.forEach((v, i) => expect(flatGot[i]).toBeCloseTo(v, 12));
          expect(JSON.stringify(got).replace(/[^[\]]/g, '')).toBe(
            JSON.stringify(value).replace(/[^[\]]/g, ''),
          );
        }
      }
    });
  }

  it('covers every op of the design', () => {
    expect(new Set(cases.map(([op]) => op))).toEqual(new Set(computeOps));
    expect(computeOps).toHaveLength(15);
  });
});

describe('runComputeOp: malformed requests name the argument', () => {
  const ragged = [[1, 2], [3]];
  // [op, args, argument named, text the message must contain]
  const cases: [string, unknown, string, string][] = [
    ['batchnorm', { x: ragged }, 'x', 'x: ragged array (row 1 has 1 value, row 0 has 2)'],
    ['batchnorm', { x: [[1, '2']] }, 'x', 'x[0][1] is a string'],
    ['batchnorm', {}, 'x', 'x: missing argument'],
    ['layernorm', { x: [1, 2, 3] }, 'x', 'x: expected an N×C or N×C×H×W array'],
    ['layernorm', { x: [[[1]]] }, 'x', 'got 3 dimensions'],
    [
      'conv1d',
      { x: [1, 2, 3], w: [1], stride: 0 },
      'stride',
      'stride: must be a positive integer, got 0',
    ],
    ['conv1d', { x: [1, 2, 3], w: [1], stride: '2' }, 'stride', 'got a string ("2")'],
    [
      'conv1d',
      { x: [1, 2], w: [1, 2, 3] },
      'w',
      'w: kernel length 3 exceeds the padded input length 2',
    ],
    [
      'conv1d',
      { x: [1, 2, 3], w: [1], padding: -1 },
      'padding',
      'padding: must be a non-negative integer',
    ],
    ['conv1d', { x: [1, 2, 3], w: [1], strides: 2 }, 'strides', 'strides: unknown argument'],
    ['conv1d', { x: [1, 2, 3] }, 'w', 'w: missing argument'],
    ['conv1d', { x: [1, 2, 3], w: [1], stride: null }, 'stride', 'got null'],
    ['conv2d', { x: ragged, w: [[1]] }, 'x', 'x: ragged array'],
    ['conv2d', { x: [[1, 2]], w: [[1], [1]] }, 'w', 'w: kernel 2×1 does not fit'],
    ['conv2d', { x: [1, 2], w: [[1]] }, 'x', 'x: expected a 2-D array'],
    ['conv-transpose1d', { x: [1, 2], w: [1] }, 'stride', 'stride: missing argument'],
    ['conv-transpose1d', { x: [1, 2], w: [1], stride: 1.5 }, 'stride', 'got 1.5'],
    ['conv-transpose1d', { x: [1], w: [1, 2], stride: 1, padding: 1 }, 'padding', 'leaves nothing'],
    ['conv-transpose2d', { x: [[1]], w: ragged, stride: 1 }, 'w', 'w: ragged array'],
    [
      'maxpool2d',
      { x: [[1, 2]], kernel: 2, stride: 1 },
      'kernel',
      'kernel: window 2×2 does not fit',
    ],
    ['maxpool2d', { x: [[1]], kernel: 1, stride: 0 }, 'stride', 'positive integer'],
    ['maxpool2d', { x: [[1]], kernel: 1 }, 'stride', 'stride: missing argument'],
    ['maxunpool2d', { y: [[1]], indices: [[9]], outputShape: [2, 2] }, 'indices', 'out of range'],
    [
      'maxunpool2d',
      { y: [[1, 2]], indices: [[1, 1]], outputShape: [2, 2] },
      'indices',
      'repeats index 1',
    ],
    [
      'maxunpool2d',
      { y: [[1]], indices: [[0]], outputShape: [2] },
      'outputShape',
      'must be [height, width]',
    ],
    [
      'maxunpool2d',
      { y: [[1]], indices: [[0]], outputShape: 'big' },
      'outputShape',
      'must be [height, width]',
    ],
    [
      'maxunpool2d',
      { y: [[1, 2]], indices: [[0]], outputShape: [2, 2] },
      'indices',
      "does not match y's 1×2",
    ],
    ['dice', { a: [[1, 0]], b: [[1], [0]] }, 'b', "b: shape 2×1 does not match a's 1×2"],
    ['dice', { a: [[2]], b: [[1]] }, 'a', 'a: values must be in [0, 1]'],
    ['iou', { a: [[1]], b: 'mask' }, 'b', 'b: expected a 2-D array of numbers, got a string'],
    ['iou', { a: [[1]] }, 'b', 'b: missing argument'],
    ['softmax', { z: [] }, 'z', 'z: empty array'],
    ['softmax', { z: [1, 2], temperature: 0 }, 'temperature', 'temperature: must be a positive'],
    [
      'softmax',
      { z: [1, 2], T: 2 },
      'T',
      'T: unknown argument (softmax takes z; optional temperature)',
    ],
    ['leaky-relu', { x: [1, 2] }, 'alpha', 'alpha: missing argument'],
    ['leaky-relu', { x: [1, 2], alpha: 'small' }, 'alpha', 'alpha: must be a finite number'],
    [
      'triplet-loss',
      { anchor: [0], positive: [1, 2], negative: [1], margin: 1 },
      'positive',
      "does not match anchor's 1",
    ],
    [
      'triplet-loss',
      { anchor: [0], positive: [1], negative: [1], margin: 1, distance: 'cosine' },
      'distance',
      'distance: must be "euclidean" or "squared"',
    ],
    [
      'regularized-step',
      { w: [1], grad: [1], lr: 0.1, lambda: 0.1, kind: 'l3' },
      'kind',
      'kind: must be "l1" or "l2"',
    ],
    [
      'regularized-step',
      { w: [1, 2], grad: [1], lr: 0.1, lambda: 0.1, kind: 'l1' },
      'grad',
      "grad: shape 1 does not match w's 2",
    ],
    [
      'regularized-step',
      { w: [1], grad: [1], lr: -1, lambda: 0.1, kind: 'l2' },
      'lr',
      'lr: must be a positive',
    ],
    [
      'conv-output-size',
      { in: 2, kernel: 3 },
      'kernel',
      'kernel: the kernel 3, more than the padded input 2',
    ],
    [
      'conv-output-size',
      { in: 7, kernel: 3, dilation: 0 },
      'dilation',
      'dilation: must be a positive integer',
    ],
    ['conv-output-size', { input: 7, kernel: 3 }, 'input', 'input: unknown argument'],
    ['conv-output-size', [7, 3], 'args', 'args: must be a JSON object, got an array'],
    ['conv-output-size', null, 'args', 'args: must be a JSON object, got null'],
    ['conv-3d', { x: [1] }, 'op', 'unknown op "conv-3d"; valid ops: batchnorm, layernorm, conv1d'],
    ['toString', {}, 'op', 'unknown op "toString"'],
  ];

  for (const [op, args, arg, message] of cases) {
    it(`${op} ${JSON.stringify(args)} → ${arg}`, () => {
      let caught: unknown;
      try {
        runComputeOp(op, args);
      } catch (error) {
        caught = error;
      }
      expect(caught instanceof ComputeError || caught instanceof KernelArgError).toBe(true);
      expect((caught as Error).message).toContain(message);
      expect((caught as ComputeError | KernelArgError).arg).toBe(arg);
    });
  }

  it('refuses NaN and Infinity wherever they hide', () => {
    expect(() => runComputeOp('conv1d', { x: [1, NaN], w: [1] })).toThrow('x: contains NaN');
    // JSON has no NaN, but 1e999 parses to Infinity.
    const args = JSON.parse('{"x":[[1,2]],"w":[[1e999]]}') as unknown;
    expect(() => runComputeOp('conv2d', args)).toThrow('w: contains Infinity (at w[0][0])');
    expect(() => runComputeOp('leaky-relu', { x: [1], alpha: NaN })).toThrow(
      'alpha: must be a finite number, got NaN',
    );
  });

  it('refuses a result that would overflow instead of returning Infinity (JSON null)', () => {
    expect(() => runComputeOp('conv1d', { x: [1e308, 1e308], w: [10, 10] })).toThrow('overflows');
    expect(() => runComputeOp('batchnorm', { x: [[1e200], [-1e200]] })).toThrow('overflows');
  });
});
