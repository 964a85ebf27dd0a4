/**
 * Receptive fields against a brute-force count (which input pixels reach one output unit, found
 * by walking the index maps of every layer backwards) and hand-derived classic cases.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { receptiveField, type FieldLayer } from './receptive-field';

/**
 * Input positions that output unit 0 of the last layer depends on, found by expanding the set
 * of positions layer by layer: unit u of a layer reads inputs u·s + i·d for i = 0..k − 1.
 */
function bruteForceField(layers: readonly FieldLayer[]): number {
  let positions = new Set<number>([0]);
  for (let l = layers.length - 1; l >= 0; l--) {
    const { kernel, stride = 1, dilation = 1 } = layers[l];
    const next = new Set<number>();
    for (const u of positions) for (let i = 0; i < kernel; i++) next.add(u * stride + i * dilation);
    positions = next;
  }
  return Math.max(...positions) - Math.min(...positions) + 1;
}

describe('receptiveField', () => {
  it('matches the brute-force extent for random stacks (1000 stacks)', () => {
    const layer = fc.record({
      kernel: fc.integer({ min: 1, max: 7 }),
      stride: fc.integer({ min: 1, max: 3 }),
      dilation: fc.integer({ min: 1, max: 3 }),
    });
    fc.assert(
      fc.property(fc.array(layer, { minLength: 1, maxLength: 5 }), (layers) => {
        const result = receptiveField(layers);
        expect(result.receptiveField).toBe(bruteForceField(layers));
        result.rows.forEach((row, i) =>
          expect(row.receptiveField).toBe(bruteForceField(layers.slice(0, i + 1))),
        );
        expect(result.jump).toBe(layers.reduce((j, l) => j * l.stride, 1));
      }),
      { numRuns: 1000 },
    );
  });

  it('hand cases: stacked 3×3, a strided stem, dilation', () => {
    // Three 3×3 stride-1 convs: 1 + 2 + 2 + 2 = 7, the field of one 7×7.
    expect(receptiveField([{ kernel: 3 }, { kernel: 3 }, { kernel: 3 }]).receptiveField).toBe(7);
    // 7×7 stride 2, then 3×3 stride-2 pool, then 3×3 conv: 1 + 6 = 7; 7 + 2·2 = 11 (jump 2);
    // 11 + 2·4 = 19 (jump 4).
    const stem = receptiveField([
      { kernel: 7, stride: 2 },
      { kernel: 3, stride: 2 },
      { kernel: 3 },
    ]);
    expect(stem.rows.map((r) => r.receptiveField)).toEqual([7, 11, 19]);
    expect(stem.rows.map((r) => r.growth)).toEqual([6, 4, 8]);
    expect(stem.jump).toBe(4);
    // 3×3 with dilations 1, 2, 4 (stride 1): 1 + 2 + 4 + 8 = 15.
    expect(
      receptiveField([{ kernel: 3 }, { kernel: 3, dilation: 2 }, { kernel: 3, dilation: 4 }])
        .receptiveField,
    ).toBe(15);
  });

  it('refuses bad layers, naming them', () => {
    expect(() => receptiveField([])).toThrow('layers: expected at least one layer');
    expect(() => receptiveField([{ kernel: 3 }, { kernel: 0 }])).toThrow(
      'layers[1].kernel: must be a positive integer, got 0',
    );
    expect(() => receptiveField([{ kernel: 3, stride: 1.5 }])).toThrow('layers[0].stride');
  });
});
