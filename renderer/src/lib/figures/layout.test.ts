import { describe, expect, it } from 'vitest';
import {
  convTransposeGrid1d,
  convTransposeGrid2d,
  curvesFigure,
  normAxesFigure,
  poolingFigure,
} from '../../../../core/figures';
import {
  contributionGrid1d,
  contributionGrid2d,
  curvesLayout,
  elide,
  epochTicks,
  niceTicks,
  normAxesBlock,
  placeMarkerLabels,
  poolingCells,
} from './layout';

describe('curves chart', () => {
  it('ticks at round steps that cover every value', () => {
    // Losses 0.27…2.42: a step of 0.5 from 0 to 2.5.
    expect(niceTicks(0.27, 2.42).values).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
    // Accuracies 41…93 %: a step of 10 from 40 to 100.
    expect(niceTicks(41, 93).values).toEqual([40, 50, 60, 70, 80, 90, 100]);
    // A flat curve still gets an axis around its value.
    const flat = niceTicks(3, 3);
    expect(flat.lo).toBeLessThan(3);
    expect(flat.hi).toBeGreaterThan(3);
  });

  it('labels every epoch up to 12, then epoch 1 and every 5th', () => {
    expect(epochTicks(8)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(epochTicks(30)).toEqual([1, 5, 10, 15, 20, 25, 30]);
  });

  it('puts a point per epoch, the lower loss lower down, and the marker on its epoch', () => {
    const figure = curvesFigure(
      'loss',
      [
        { name: 'training loss', role: 'train', values: [2, 1.5, 1.1, 0.8] },
        { name: 'validation loss', role: 'validation', values: [2.1, 1.7, 1.3, 1.5] },
      ],
      [{ epoch: 3, label: 'best epoch, weights restored' }],
    );
    const layout = curvesLayout(figure, 640, 320);
    const [train, validation] = layout.series;
    expect(train.points.map((p) => p.epoch)).toEqual([1, 2, 3, 4]);
    // Epoch 1 on the left edge of the plot, epoch 4 on the right one.
    expect(train.points[0].x).toBe(layout.plot.left);
    expect(train.points[3].x).toBe(layout.plot.left + layout.plot.w);
    // 0.8 is below 1.1 on the page (larger y), and validation 1.5 sits above training 0.8.
    expect(train.points[3].y).toBeGreaterThan(train.points[2].y);
    expect(validation.points[3].y).toBeLessThan(train.points[3].y);
    const [marker] = layout.markers;
    expect(marker.text).toBe('epoch 3: best epoch, weights restored');
    expect(marker.x).toBe(train.points[2].x);
    expect(marker.point).toEqual(validation.points[2]);
    // The marker's label row sits above the plot.
    expect(marker.labelY).toBeLessThan(layout.plot.top);
  });
});

describe('transposed-convolution grids', () => {
  it('1-D: the source quiz x = [5,4,3,2,1], f = [1,2,3,4], stride 2 overlaps on columns 2–9', () => {
    // Copies start at 0, 2, 4, 6, 8 and are 4 long: 12 columns; columns 0, 1, 10, 11 get one.
    const grid = contributionGrid1d(convTransposeGrid1d([5, 4, 3, 2, 1], [1, 2, 3, 4], 2, 0));
    expect(grid.columns).toHaveLength(12);
    expect(grid.columns.filter((c) => c.overlap).map((c) => c.index)).toEqual([
      2, 3, 4, 5, 6, 7, 8, 9,
    ]);
    // Column 2: 5·3 + 4·1 = 19; column 11: 1·4 = 4.
    expect(grid.columns[2].sum).toBe('19');
    expect(grid.columns[11].sum).toBe('4');
    expect(grid.rows[1]).toEqual({
      label: 'x1 = 4',
      cells: [
        { column: 2, text: '4' },
        { column: 3, text: '8' },
        { column: 4, text: '12' },
        { column: 5, text: '16' },
      ],
    });
    expect(grid.columns.some((c) => c.cropped)).toBe(false);
  });

  it('1-D: padding 1 crops the first and last column', () => {
    const grid = contributionGrid1d(convTransposeGrid1d([1, 2], [1, 1, 1], 2, 1));
    // Full output (2−1)·2 + 3 = 5 columns, of which 0 and 4 are cropped.
    expect(grid.columns.map((c) => c.cropped)).toEqual([true, false, false, false, true]);
  });

  it('2-D: a 2×2 input, 3×3 kernel, stride 2 — the centre gets four copies', () => {
    const grid = contributionGrid2d(
      convTransposeGrid2d(
        [
          [1, 2],
          [3, 4],
        ],
        [
          [1, 0, 1],
          [0, 1, 0],
          [1, 0, 1],
        ],
        2,
        1,
      ),
    );
    // (2 − 1)·2 + 3 = 5 rows and columns.
    expect(grid.cells).toHaveLength(5);
    expect(grid.cells[0]).toHaveLength(5);
    // Centre (2, 2): 1·1 + 2·1 + 3·1 + 4·1 = 10, from four kernels.
    expect(grid.cells[2][2]).toEqual({ text: '10', count: 4, overlap: true, cropped: false });
    // Padding 1 crops the border; (0, 2) has two copies but is cropped.
    expect(grid.cells[0][2]).toMatchObject({ count: 2, overlap: true, cropped: true });
    expect(grid.cells[1][1]).toMatchObject({ count: 1, overlap: false, cropped: false });
  });
});

describe('pooling', () => {
  it('marks each window’s switch cell', () => {
    const map = [
      [1, 5, 2, 0],
      [3, 2, 8, 1],
      [0, 4, 6, 9],
      [7, 1, 3, 2],
    ];
    const cells = poolingCells(
      poolingFigure('Feature map X', map, 2, {
        switches: [
          [
            [0, 1],
            [1, 2],
          ],
          [
            [3, 0],
            [2, 3],
          ],
        ],
      }),
    );
    const switched = cells.flatMap((row, r) =>
      row.flatMap((cell, c) => (cell.isSwitch ? [`${r},${c}=${cell.text}`] : [])),
    );
    // The maxima 5, 8, 9, 7 of the four windows.
    expect(switched).toEqual(['0,1=5', '1,2=8', '2,3=9', '3,0=7']);
    // The stem figure marks none.
    expect(
      poolingCells(poolingFigure('X', map, 2))
        .flat()
        .some((c) => c.isSwitch),
    ).toBe(false);
  });
});

describe('norm axes block', () => {
  const shaded = (figure: ReturnType<typeof normAxesFigure>) => {
    const block = normAxesBlock(figure);
    return block.channels.flatMap((ch) =>
      block.samples.flatMap((s) =>
        block.pooled(s, ch) && s.kind === 'index' && ch.kind === 'index'
          ? [`n${s.index}c${ch.index}`]
          : [],
      ),
    );
  };

  it('batch norm shades one channel across every sample; layer norm one sample', () => {
    const shape = { n: 4, c: 3, h: 7, w: 7 };
    expect(shaded(normAxesFigure('batch', shape))).toEqual(['n0c0', 'n1c0', 'n2c0', 'n3c0']);
    expect(shaded(normAxesFigure('layer', shape))).toEqual(['n0c0', 'n0c1', 'n0c2']);
    expect(shaded(normAxesFigure('instance', shape))).toEqual(['n0c0']);
  });

  it('group norm shades the channels of group 0 of sample 0', () => {
    // 8 channels in 2 groups of 4: channels 0–3 of sample 0.
    const figure = normAxesFigure('group', { n: 4, c: 8, h: 7, w: 7 }, 2);
    expect(shaded(figure)).toEqual(['n0c0', 'n0c1', 'n0c2', 'n0c3']);
    expect(normAxesBlock(figure).groupBreaks).toEqual([4]);
  });

  it('shortens long axes with a gap before the last index', () => {
    expect(elide(32, 10).map((e) => (e.kind === 'gap' ? `${e.from}…${e.to}` : e.index))).toEqual([
      0,
      1,
      2,
      3,
      4,
      5,
      6,
      7,
      '8…30',
      31,
    ]);
    const block = normAxesBlock(normAxesFigure('group', { n: 32, c: 64, h: 4, w: 4 }, 4));
    // Four groups of 16 channels, each drawn as 0, 1, gap, 15 of the group.
    expect(block.channels).toHaveLength(16);
    expect(block.channels.slice(4, 8)).toEqual([
      { kind: 'index', index: 16 },
      { kind: 'index', index: 17 },
      { kind: 'gap', from: 18, to: 30 },
      { kind: 'index', index: 31 },
    ]);
  });
});

describe('marker labels', () => {
  it('never write a label across another marker’s line', () => {
    // Two 200-px labels at x = 300 and 500 in a 640-px chart: the second fits only to the
    // left of its line, where it would cover x = 300 unless it sits on the higher row; the
    // first, written left (100…300), then covers no line.
    const text = 'x'.repeat(Math.round((200 - 6) / 7.4));
    const placed = placeMarkerLabels(
      [
        { x: 300, text },
        { x: 500, text },
      ],
      640,
    );
    const spans = placed.map((p) => (p.anchor === 'start' ? [p.x, p.x + 200] : [p.x - 200, p.x]));
    for (const [i, label] of placed.entries()) {
      for (const [j, line] of placed.entries()) {
        // Line j runs down from its row: it crosses label i only from a higher row.
        const crosses = line.x > spans[i][0] && line.x < spans[i][1] && line.row < label.row;
        expect(crosses, `label ${i} over line ${j}`).toBe(false);
      }
    }
    // Both inside the chart.
    for (const [lo, hi] of spans) expect(lo >= 0 && hi <= 640).toBe(true);
  });
});
