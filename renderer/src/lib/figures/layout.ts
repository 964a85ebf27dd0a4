/** Geometry of the figures the page draws: where each cell, tick and point goes. */
import type {
  ConvTransposeGrid1d,
  ConvTransposeGrid2d,
  CurvesFigure,
  NormAxesFigure,
  PoolingFigure,
} from '../../../../core/figures';
import { altNumber } from '../../../../core/figures';

/** One entry of a figure's key: a solid or dashed line, or a filled cell, in a colour role. */
export interface LegendEntry {
  readonly label: string;
  readonly swatch: 'line' | 'dashed' | 'cell';
  readonly tone:
    'train' | 'validation' | 'marker' | 'overlap' | 'cropped' | 'switch' | 'pooled' | 'window';
}

/** A number as a figure prints it: the alt text's rounding, so picture and words agree. */
export const figureNumber = altNumber;

/** Width of a cell that fits every label in `texts` at the figures' 13px digits. */
export function cellWidthFor(texts: readonly string[], min = 34): number {
  const longest = Math.max(0, ...texts.map((t) => t.length));
  return Math.max(min, Math.ceil(longest * 7.6 + 14));
}

/** Ticks at round steps (1, 2 or 5 times a power of ten) that cover [min, max]. */
export function niceTicks(
  min: number,
  max: number,
  target = 5,
): { readonly lo: number; readonly hi: number; readonly values: readonly number[] } {
  let [a, b] = [min, max];
  if (a === b) {
    const pad = a === 0 ? 1 : Math.abs(a) * 0.1;
    [a, b] = [a - pad, b + pad];
  }
  const raw = (b - a) / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / magnitude;
  const step = (scaled < 1.5 ? 1 : scaled < 3 ? 2 : scaled < 7 ? 5 : 10) * magnitude;
  const lo = Math.floor(a / step + 1e-9) * step;
  const hi = Math.ceil(b / step - 1e-9) * step;
  const count = Math.round((hi - lo) / step);
  const values = Array.from({ length: count + 1 }, (_, i) => Number((lo + i * step).toFixed(10)));
  return { lo: values[0], hi: values[values.length - 1], values };
}

/** Epochs that get a labelled tick: every epoch up to 12, else epoch 1 and multiples of 2, 5, 10… */
export function epochTicks(epochs: number): readonly number[] {
  const step = [1, 2, 5, 10, 20, 50].find((s) => epochs / s <= 12) ?? 100;
  const ticks: number[] = [];
  for (let e = 1; e <= epochs; e++) if (e === 1 || e % step === 0) ticks.push(e);
  return ticks;
}

export interface CurvePoint {
  readonly epoch: number;
  readonly value: number;
  readonly x: number;
  readonly y: number;
}

export interface CurvesLayout {
  readonly width: number;
  readonly height: number;
  readonly plot: {
    readonly left: number;
    readonly top: number;
    readonly w: number;
    readonly h: number;
  };
  readonly xTicks: readonly { readonly epoch: number; readonly x: number }[];
  readonly yTicks: readonly {
    readonly value: number;
    readonly y: number;
    readonly label: string;
  }[];
  readonly series: readonly {
    readonly name: string;
    readonly role: 'train' | 'validation';
    readonly points: readonly CurvePoint[];
    readonly path: string;
  }[];
  readonly markers: readonly {
    readonly epoch: number;
    /** "epoch 7: stop, patience 2 used up". */
    readonly text: string;
    readonly x: number;
    /** Baseline of the label, above the plot; markers later in time sit lower. */
    readonly labelY: number;
    readonly anchor: 'start' | 'end';
    /** The validation curve's point at that epoch, if there is one. */
    readonly point: CurvePoint | null;
  }[];
}

const MARKER_ROW = 18;

/** Where everything of a curves chart goes in a `width`×`height` drawing. */
export function curvesLayout(figure: CurvesFigure, width = 640, height = 320): CurvesLayout {
  const markers = [...(figure.markers ?? [])].sort((a, b) => a.epoch - b.epoch);
  const epochs = Math.max(2, ...figure.series.map((s) => s.values.length));
  const all = figure.series.flatMap((s) => s.values);
  const ticks = niceTicks(Math.min(...all), Math.max(...all));
  const step = ticks.values.length > 1 ? ticks.values[1] - ticks.values[0] : 1;
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const plot = {
    left: 62,
    top: 14 + MARKER_ROW * markers.length,
    w: width - 62 - 20,
    h: 0,
  };
  plot.h = height - plot.top - 50;
  const xOf = (epoch: number) => plot.left + ((epoch - 1) / (epochs - 1)) * plot.w;
  const yOf = (value: number) =>
    plot.top + plot.h - ((value - ticks.lo) / (ticks.hi - ticks.lo)) * plot.h;
  const series = figure.series.map((s) => {
    const points = s.values.map((value, i) => ({
      epoch: i + 1,
      value,
      x: xOf(i + 1),
      y: yOf(value),
    }));
    const path = points
      .map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)} ${p.y.toFixed(1)}`)
      .join(' ');
    return { name: s.name, role: s.role, points, path };
  });
  const validation = series.find((s) => s.role === 'validation');
  return {
    width,
    height,
    plot,
    xTicks: epochTicks(epochs).map((epoch) => ({ epoch, x: xOf(epoch) })),
    yTicks: ticks.values.map((value) => ({ value, y: yOf(value), label: value.toFixed(decimals) })),
    series,
    markers: placeMarkerLabels(
      markers.map((m) => ({ x: xOf(m.epoch), text: `epoch ${m.epoch}: ${m.label}` })),
      width,
    ).map((place, i) => ({
      epoch: markers[i].epoch,
      text: place.text,
      x: place.x,
      labelY: 14 + MARKER_ROW * place.row,
      anchor: place.anchor,
      point: validation?.points[markers[i].epoch - 1] ?? null,
    })),
  };
}

const LABEL_CHAR_W = 7.4;

/**
 * Sides and rows for marker labels above the plot so that no label crosses another marker's
 * line: a line runs down from its own label's row, so a marker whose line lies under another's
 * label goes on a higher row. Labels go right of their line where they fit, else left; when no
 * arrangement avoids every crossing, rows follow the epochs.
 */
export function placeMarkerLabels(
  labels: readonly { readonly x: number; readonly text: string }[],
  width: number,
): { x: number; text: string; anchor: 'start' | 'end'; row: number }[] {
  const span = (x: number, text: string, anchor: 'start' | 'end'): [number, number] => {
    const w = 6 + text.length * LABEL_CHAR_W;
    return anchor === 'start' ? [x, x + w] : [x - w, x];
  };
  const choices = labels.map(({ x, text }) =>
    (['start', 'end'] as const).filter((a) => {
      const [lo, hi] = span(x, text, a);
      return lo >= 0 && hi <= width;
    }),
  );
  const combos = choices.reduce<('start' | 'end')[][]>(
    (acc, options) =>
      acc.flatMap((combo) =>
        (options.length > 0 ? options : (['end'] as const)).map((a) => [...combo, a]),
      ),
    [[]],
  );
  for (const anchors of combos) {
    const spans = labels.map((l, i) => span(l.x, l.text, anchors[i]));
    const rows = new Array<number>(labels.length).fill(-1);
    // Top row first: a marker whose line lies under no other remaining label.
    for (let row = 0; row < labels.length; row++) {
      const next = labels.findIndex(
        (l, j) =>
          rows[j] === -1 &&
          labels.every(
            (_, i) => i === j || rows[i] !== -1 || !(l.x > spans[i][0] && l.x < spans[i][1]),
          ),
      );
      if (next === -1) break;
      rows[next] = row;
    }
    if (rows.every((r) => r !== -1)) {
      return labels.map((l, i) => ({ ...l, anchor: anchors[i], row: rows[i] }));
    }
  }
  return labels.map((l, i) => ({ ...l, anchor: choices[i][0] ?? 'end', row: i }));
}

/** One column of a 1-D contribution grid, numbered in the full (uncropped) output. */
export interface GridColumn {
  readonly index: number;
  readonly sum: string;
  /** Two or more copies of the filter land here and add. */
  readonly overlap: boolean;
  /** Cropped away by the padding. */
  readonly cropped: boolean;
}

/** The columns and rows of products of a 1-D transposed convolution's contribution grid. */
export function contributionGrid1d(figure: ConvTransposeGrid1d): {
  readonly columns: readonly GridColumn[];
  readonly rows: readonly {
    readonly label: string;
    readonly cells: readonly { readonly column: number; readonly text: string }[];
  }[];
  readonly cellWidth: number;
} {
  const full = figure.sums.length;
  const columns = figure.sums.map((sum, index) => ({
    index,
    sum: figureNumber(sum),
    overlap: figure.counts[index] >= 2,
    cropped: index < figure.padding || index >= full - figure.padding,
  }));
  const rows = figure.rows.map((row, i) => ({
    label: `x${i} = ${figureNumber(figure.x[i])}`,
    cells: row.products.map((p, k) => ({ column: row.start + k, text: figureNumber(p) })),
  }));
  const texts = [...columns.map((c) => c.sum), ...rows.flatMap((r) => r.cells.map((c) => c.text))];
  return { columns, rows, cellWidth: cellWidthFor(texts) };
}

/** The cells of a 2-D transposed convolution's full output, row by row. */
export function contributionGrid2d(figure: ConvTransposeGrid2d): {
  readonly cells: readonly (readonly {
    readonly text: string;
    readonly count: number;
    readonly overlap: boolean;
    readonly cropped: boolean;
  }[])[];
  readonly cellSize: number;
} {
  const h = figure.sums.length;
  const w = figure.sums[0]?.length ?? 0;
  const p = figure.padding;
  const cells = figure.sums.map((row, r) =>
    row.map((sum, c) => ({
      text: figureNumber(sum),
      count: figure.counts[r][c],
      overlap: figure.counts[r][c] >= 2,
      cropped: r < p || r >= h - p || c < p || c >= w - p,
    })),
  );
  return {
    cells,
    cellSize: cellWidthFor(
      cells.flat().map((c) => `${c.text}    `),
      54,
    ),
  };
}

/** Window and switch facts of every cell of a pooling figure's map. */
export function poolingCells(figure: PoolingFigure): readonly (readonly {
  readonly text: string;
  readonly isSwitch: boolean;
}[])[] {
  const switches = new Set(figure.switches?.flat().map(([r, c]) => `${r},${c}`) ?? []);
  return figure.map.map((row, r) =>
    row.map((v, c) => ({ text: figureNumber(v), isSwitch: switches.has(`${r},${c}`) })),
  );
}

/** An index drawn on an axis of the norm block, or a gap standing for the indices from…to. */
export type AxisEntry =
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'gap'; readonly from: number; readonly to: number };

/** Indices `offset`…`offset + count − 1`, shortened to `max` entries by a gap before the last. */
export function elide(count: number, max: number, offset = 0): AxisEntry[] {
  const index = (i: number): AxisEntry => ({ kind: 'index', index: offset + i });
  if (count <= max) return Array.from({ length: count }, (_, i) => index(i));
  const head = Array.from({ length: Math.max(1, max - 2) }, (_, i) => index(i));
  const gap: AxisEntry = { kind: 'gap', from: offset + head.length, to: offset + count - 2 };
  return [...head, gap, index(count - 1)];
}

/** The most samples and channels the block draws before it elides some. */
export const NORM_MAX_SAMPLES = 10;
export const NORM_MAX_CHANNELS = 16;

/**
 * The block's drawn samples and channels (group by group for group norm), and whether a cell
 * belongs to the one mean the figure shows: of sample 0 unless N is pooled, of channel 0 (or of
 * group 0's channels) unless C is pooled (or of every channel, outside group norm).
 */
export function normAxesBlock(figure: NormAxesFigure): {
  readonly samples: readonly AxisEntry[];
  readonly channels: readonly AxisEntry[];
  /** Positions in `channels` after which a new group starts. */
  readonly groupBreaks: readonly number[];
  readonly channelSize: number;
  readonly pooled: (sample: AxisEntry, channel: AxisEntry) => boolean;
} {
  const { n, c } = figure.shape;
  const groups = figure.norm === 'group' ? (figure.groups ?? 1) : 1;
  const perGroup = c / groups;
  const channels: AxisEntry[] = [];
  const groupBreaks: number[] = [];
  for (let g = 0; g < groups; g++) {
    if (g > 0) groupBreaks.push(channels.length);
    channels.push(
      ...elide(perGroup, Math.max(3, Math.floor(NORM_MAX_CHANNELS / groups)), g * perGroup),
    );
  }
  const first = (e: AxisEntry) => (e.kind === 'index' ? e.index : e.from);
  const poolsN = figure.pooled.includes('N');
  const poolsC = figure.pooled.includes('C');
  return {
    samples: elide(n, NORM_MAX_SAMPLES),
    channels,
    groupBreaks,
    channelSize: perGroup,
    pooled: (sample, channel) =>
      (poolsN || first(sample) === 0) &&
      (poolsC ? groups === 1 || Math.floor(first(channel) / perGroup) === 0 : first(channel) === 0),
  };
}
