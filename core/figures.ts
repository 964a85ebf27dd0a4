/**
 * Pictures generated from a variant's numbers, as plain data the page draws (SVG). Every figure
 * carries `alt`: a text alternative that states in words what the picture shows, with its
 * numbers, so a learner who cannot see it can answer from the words alone.
 *
 * A question's stem figure is built from the inputs only (it may be shown during an exam); a
 * solution figure is part of the worked solution and reaches the page only with the steps.
 */

/** The four normalizations whose averaged axes a `norm-axes` figure highlights. */
export type NormKind = 'batch' | 'layer' | 'instance' | 'group';

/** The axes of an N×C×H×W activation tensor. */
export type TensorAxis = 'N' | 'C' | 'H' | 'W';

/**
 * The contribution grid of a 1-D transposed convolution: row i holds the products x_i·w_k, written
 * at the full-output columns i·s + k from `start` = i·s on, `sums` the column sums and
 * `counts` how many products land on each column (overlap: 2 or more). Columns are numbered in
 * the full (uncropped) output; the first and last `padding` columns are cropped away.
 */
export interface ConvTransposeGrid1d {
  readonly kind: 'conv-transpose-grid';
  readonly dims: 1;
  readonly alt: string;
  readonly x: readonly number[];
  readonly w: readonly number[];
  readonly stride: number;
  readonly padding: number;
  readonly rows: readonly { readonly start: number; readonly products: readonly number[] }[];
  readonly sums: readonly number[];
  readonly counts: readonly number[];
}

/**
 * A 2-D transposed convolution's full output: the sum at every cell and how many kernel copies
 * land on it; `padding` rows and columns are cropped from every side.
 */
export interface ConvTransposeGrid2d {
  readonly kind: 'conv-transpose-grid';
  readonly dims: 2;
  readonly alt: string;
  readonly sums: readonly (readonly number[])[];
  readonly counts: readonly (readonly number[])[];
  readonly padding: number;
}

/** Either transposed-convolution grid. */
export type ConvTransposeGridFigure = ConvTransposeGrid1d | ConvTransposeGrid2d;

/**
 * Pooling windows over an input map. `switches` (solution only): the (row, column) of each
 * window's maximum, laid out like the windows. `output`: a second map drawn beside the first
 * (the unpooled map, its nonzero cells the placed values), with its caption.
 */
export interface PoolingFigure {
  readonly kind: 'pooling';
  readonly alt: string;
  /** What the map is ("Feature map X"). */
  readonly caption: string;
  readonly map: readonly (readonly number[])[];
  readonly window: number;
  readonly stride: number;
  readonly switches?: readonly (readonly (readonly [number, number])[])[];
  readonly output?: { readonly caption: string; readonly values: readonly (readonly number[])[] };
}

/**
 * An N×C×H×W block with the axes one mean of `norm` averages over highlighted; `groups` is the
 * number of channel groups (group norm).
 */
export interface NormAxesFigure {
  readonly kind: 'norm-axes';
  readonly alt: string;
  readonly norm: NormKind;
  readonly shape: {
    readonly n: number;
    readonly c: number;
    readonly h: number;
    readonly w: number;
  };
  readonly groups?: number;
  /** The axes one mean pools (for group norm: H, W and the channels of one group). */
  readonly pooled: readonly TensorAxis[];
}

/** One curve: `values[e - 1]` is its value after epoch e. */
export interface CurveSeries {
  readonly name: string;
  readonly role: 'train' | 'validation';
  readonly values: readonly number[];
}

/**
 * Training and validation curves over epochs (x from 1). `markers` (solution figures) point at
 * epochs with a label, e.g. where early stopping stops.
 */
export interface CurvesFigure {
  readonly kind: 'curves';
  readonly alt: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly CurveSeries[];
  readonly markers?: readonly { readonly epoch: number; readonly label: string }[];
}

/** A picture of a question or its solution. */
export type Figure = ConvTransposeGridFigure | PoolingFigure | NormAxesFigure | CurvesFigure;

/** A number as the alt text says it (at most 4 decimals, no trailing zeros). */
export function altNumber(v: number): string {
  const r = Math.round(v * 10000) / 10000;
  return String(Object.is(r, -0) ? 0 : r);
}

const list = (values: readonly number[]): string => values.map(altNumber).join(', ');

/** The contribution grid of `x` scattered by `w` with `stride`, cropping `padding` per end. */
export function convTransposeGrid1d(
  x: readonly number[],
  w: readonly number[],
  stride: number,
  padding: number,
): ConvTransposeGrid1d {
  const full = (x.length - 1) * stride + w.length;
  const rows: { start: number; products: number[] }[] = [];
  const sums = new Array<number>(full).fill(0);
  const counts = new Array<number>(full).fill(0);
  for (let i = 0; i < x.length; i++) {
    const products: number[] = [];
    for (let k = 0; k < w.length; k++) {
      const o = i * stride + k;
      const product = x[i] * w[k];
      products.push(product);
      sums[o] += product;
      counts[o] += 1;
    }
    rows.push({ start: i * stride, products });
  }
  const overlaps = counts.flatMap((n, o) => (n >= 2 ? [o] : []));
  const crop =
    padding > 0
      ? ` The first and last ${padding} column${padding === 1 ? ' is' : 's are'} cropped away (padding ${padding}).`
      : '';
  const rowText = x
    .map(
      (xi, i) =>
        `row x${i} = ${altNumber(xi)} writes ${list(w.map((wk) => xi * wk))} into columns ${i * stride} to ${i * stride + w.length - 1}`,
    )
    .join('; ');
  const alt =
    `Contribution grid of a transposed convolution, stride ${stride}: one row per input value, ` +
    `one column per position of the full output (${full} columns, numbered from 0). ${rowText}. ` +
    (overlaps.length > 0
      ? `Columns ${overlaps.join(', ')} are highlighted: two or more copies overlap there and add. `
      : 'No copies overlap. ') +
    `Column sums: ${list(sums)}.${crop}`;
  return { kind: 'conv-transpose-grid', dims: 1, alt, x, w, stride, padding, rows, sums, counts };
}

/** The full output of a 2-D transposed convolution with the overlap count of every cell. */
export function convTransposeGrid2d(
  x: readonly (readonly number[])[],
  w: readonly (readonly number[])[],
  stride: number,
  padding: number,
): ConvTransposeGrid2d {
  const fullH = (x.length - 1) * stride + w.length;
  const fullW = (x[0].length - 1) * stride + w[0].length;
  const sums = Array.from({ length: fullH }, () => new Array<number>(fullW).fill(0));
  const counts = Array.from({ length: fullH }, () => new Array<number>(fullW).fill(0));
  for (let r = 0; r < x.length; r++) {
    for (let c = 0; c < x[0].length; c++) {
      for (let i = 0; i < w.length; i++) {
        for (let j = 0; j < w[0].length; j++) {
          sums[r * stride + i][c * stride + j] += x[r][c] * w[i][j];
          counts[r * stride + i][c * stride + j] += 1;
        }
      }
    }
  }
  const rows = sums
    .map(
      (row, r) => `row ${r}: ${row.map((v, c) => `${altNumber(v)} (${counts[r][c]})`).join(', ')}`,
    )
    .join('; ');
  const crop =
    padding > 0
      ? ` The outer ${padding} row${padding === 1 ? '' : 's'} and column${padding === 1 ? '' : 's'} on every side are cropped away (padding ${padding}).`
      : '';
  const alt =
    `Full ${fullH} by ${fullW} output of a transposed convolution, stride ${stride}. Each cell shows ` +
    `its sum and, in brackets, how many kernel copies land on it; cells with 2 or more are ` +
    `highlighted as overlaps. ${rows}.${crop}`;
  return { kind: 'conv-transpose-grid', dims: 2, alt, sums, counts, padding };
}

const rowsText = (m: readonly (readonly number[])[]): string =>
  m.map((row, r) => `row ${r}: ${list(row)}`).join('; ');

/**
 * Non-overlapping `window`×`window` pooling windows over `map`; with `switches` and `output`
 * for a solution figure.
 */
export function poolingFigure(
  caption: string,
  map: readonly (readonly number[])[],
  window: number,
  extra: {
    readonly switches?: readonly (readonly (readonly [number, number])[])[];
    readonly output?: { readonly caption: string; readonly values: readonly (readonly number[])[] };
  } = {},
): PoolingFigure {
  const [h, w] = [map.length, map[0].length];
  const parts = [
    `${caption}: a ${h} by ${w} map (rows and columns numbered from 0) split into ${window} by ${window} pooling windows, stride ${window}: ${rowsText(map)}.`,
  ];
  if (extra.switches !== undefined) {
    const cells = extra.switches.flatMap((row) =>
      row.map(([r, c]) => `(${r}, ${c}) holding ${altNumber(map[r][c])}`),
    );
    parts.push(`Highlighted switch of each window, the cell of its maximum: ${cells.join(', ')}.`);
  }
  if (extra.output !== undefined) {
    parts.push(`${extra.output.caption}: ${rowsText(extra.output.values)}.`);
  }
  return {
    kind: 'pooling',
    alt: parts.join(' '),
    caption,
    map,
    window,
    stride: window,
    ...(extra.switches === undefined ? {} : { switches: extra.switches }),
    ...(extra.output === undefined ? {} : { output: extra.output }),
  };
}

const NORM_WORDS: Readonly<Record<NormKind, { name: string; pooled: TensorAxis[]; per: string }>> =
  {
    batch: { name: 'Batch norm', pooled: ['N', 'H', 'W'], per: 'one channel across every sample' },
    layer: { name: 'Layer norm', pooled: ['C', 'H', 'W'], per: 'every channel of one sample' },
    instance: { name: 'Instance norm', pooled: ['H', 'W'], per: 'one channel of one sample' },
    group: {
      name: 'Group norm',
      pooled: ['C', 'H', 'W'],
      per: 'the channels of one group of one sample',
    },
  };

/** An N×C×H×W block with the values one mean of `norm` averages highlighted. */
export function normAxesFigure(
  norm: NormKind,
  shape: { readonly n: number; readonly c: number; readonly h: number; readonly w: number },
  groups?: number,
): NormAxesFigure {
  const words = NORM_WORDS[norm];
  const groupText =
    norm === 'group' && groups !== undefined
      ? ` The ${shape.c} channels form ${groups} groups of ${shape.c / groups}.`
      : '';
  const alt =
    `A block of shape N × C × H × W = ${shape.n} × ${shape.c} × ${shape.h} × ${shape.w}, drawn as ` +
    `one column per sample and one row per channel, each cell an H × W map.${groupText} ` +
    `${words.name}: the highlighted cells, ${words.per} with all H × W positions, are the values one ` +
    `mean and variance average over.`;
  return {
    kind: 'norm-axes',
    alt,
    norm,
    shape,
    ...(norm === 'group' && groups !== undefined ? { groups } : {}),
    pooled: words.pooled,
  };
}

/** Curves over epochs 1…E, with the values listed in the alt text. */
export function curvesFigure(
  yLabel: string,
  series: readonly CurveSeries[],
  markers?: readonly { readonly epoch: number; readonly label: string }[],
): CurvesFigure {
  const epochs = Math.max(...series.map((s) => s.values.length));
  const lines = series.map((s) => `${s.name}: ${list(s.values)}`).join('. ');
  const marks =
    markers === undefined || markers.length === 0
      ? ''
      : ` Marked: ${markers.map((m) => `epoch ${m.epoch}, ${m.label}`).join('; ')}.`;
  const alt = `Line chart of ${yLabel} against epoch, epochs 1 to ${epochs}. Values by epoch from 1: ${lines}.${marks}`;
  return {
    kind: 'curves',
    alt,
    xLabel: 'epoch',
    yLabel,
    series,
    ...(markers === undefined ? {} : { markers }),
  };
}
