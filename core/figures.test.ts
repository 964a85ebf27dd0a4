import { describe, expect, it } from 'vitest';
import {
  convTransposeGrid1d,
  convTransposeGrid2d,
  curvesFigure,
  normAxesFigure,
  poolingFigure,
} from './figures';
import { generateVariant } from './templates/registry';

describe('convTransposeGrid1d', () => {
  it('lays out the source quiz by hand: x = [5,4,3,2,1], f = [1,2,3,4], stride 2', () => {
    const g = convTransposeGrid1d([5, 4, 3, 2, 1], [1, 2, 3, 4], 2, 0);
    // Row 0 writes 5·[1,2,3,4] = [5,10,15,20] at columns 0–3, row 1 writes 4·f = [4,8,12,16]
    // at columns 2–5, … Column 2 = 15 + 4 = 19, column 3 = 20 + 8 = 28, column 4 = 12 + 3 = 15.
    expect(g.rows[0]).toEqual({ start: 0, products: [5, 10, 15, 20] });
    expect(g.rows[1]).toEqual({ start: 2, products: [4, 8, 12, 16] });
    expect(g.sums).toEqual([5, 10, 19, 28, 15, 22, 11, 16, 7, 10, 3, 4]);
    // Only the two first and two last columns hold a single product.
    expect(g.counts).toEqual([1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1]);
    expect(g.alt).toContain('Columns 2, 3, 4, 5, 6, 7, 8, 9 are highlighted');
    expect(g.alt).toContain('Column sums: 5, 10, 19, 28, 15, 22, 11, 16, 7, 10, 3, 4.');
  });

  it('says which columns are cropped', () => {
    expect(convTransposeGrid1d([1, 2], [1, 1, 1], 2, 1).alt).toContain(
      'The first and last 1 column is cropped away',
    );
  });
});

describe('convTransposeGrid2d', () => {
  it('sums and counts agree with a direct loop over the output cells', () => {
    const x = [
      [1, -2],
      [3, 4],
    ];
    const w = [
      [1, 0, 2],
      [-1, 3, 1],
      [2, 2, 0],
    ];
    for (const stride of [1, 2, 3]) {
      const g = convTransposeGrid2d(x, w, stride, 0);
      const size = stride + 3;
      for (let yr = 0; yr < size; yr++) {
        for (let yc = 0; yc < size; yc++) {
          // Gather every (r, c, i, j) with r·s + i = yr and c·s + j = yc.
          let sum = 0;
          let count = 0;
          for (let r = 0; r < 2; r++)
            for (let c = 0; c < 2; c++) {
              const [i, j] = [yr - r * stride, yc - c * stride];
              if (i >= 0 && i < 3 && j >= 0 && j < 3) {
                sum += x[r][c] * w[i][j];
                count++;
              }
            }
          expect(g.sums[yr][yc]).toBe(sum);
          expect(g.counts[yr][yc]).toBe(count);
        }
      }
    }
  });
});

describe('figure alt texts', () => {
  it('a pooling figure lists the map and each switch with its value', () => {
    const f = poolingFigure(
      'Map',
      [
        [1, 5],
        [3, 2],
      ],
      2,
      { switches: [[[0, 1]]] },
    );
    expect(f.alt).toContain('row 0: 1, 5; row 1: 3, 2');
    expect(f.alt).toContain('(0, 1) holding 5');
  });

  it('a norm-axes figure names the shape and what one mean pools', () => {
    const f = normAxesFigure('batch', { n: 4, c: 8, h: 7, w: 7 });
    expect(f.alt).toContain('4 × 8 × 7 × 7');
    expect(f.alt).toContain('one channel across every sample');
    expect(f.pooled).toEqual(['N', 'H', 'W']);
  });

  it('a curves figure lists every value by epoch', () => {
    const f = curvesFigure('loss', [
      { name: 'training loss', role: 'train', values: [1, 0.5] },
      { name: 'validation loss', role: 'validation', values: [1.2, 0.75] },
    ]);
    expect(f.alt).toContain('epochs 1 to 2');
    expect(f.alt).toContain('training loss: 1, 0.5. validation loss: 1.2, 0.75');
  });
});

describe('template figures', () => {
  it('the 1-D transposed convolution solution grid sums to the key before cropping', () => {
    for (let seed = 0; seed < 200; seed++) {
      const q = generateVariant('conv-transpose1d', seed, {
        form: 'numeric',
        params: { level: 2 },
      }).question;
      const fig = q.solutionFigure;
      if (fig?.kind !== 'conv-transpose-grid' || fig.dims !== 1) throw new Error('no 1-D grid');
      expect(q.figure).toBeUndefined();
      const cropped = fig.sums.slice(fig.padding, fig.sums.length - fig.padding);
      expect(cropped).toEqual(q.numeric?.value);
    }
  });

  it('norm-axes keeps its answer out of the stem figure', () => {
    for (let seed = 0; seed < 50; seed++) {
      const q = generateVariant('norm-axes', seed, { params: { level: 3 } }).question;
      expect(q.figure).toBeUndefined();
      expect(q.solutionFigure?.kind).toBe('norm-axes');
    }
  });

  it('max unpooling shows the map before pooling without its switches in the stem', () => {
    const q = generateVariant('maxpool-unpool', 7, { params: { level: 1 } }).question;
    expect(q.figure?.kind).toBe('pooling');
    if (q.figure?.kind !== 'pooling') return;
    expect(q.figure.switches).toBeUndefined();
    expect(q.figure.output).toBeUndefined();
    expect(q.solutionFigure?.kind === 'pooling' && q.solutionFigure.switches).toBeTruthy();
  });
});
