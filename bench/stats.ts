/** Timing helpers: percentiles over samples, progress lines on stderr. */

/** The q-quantile (0–1) of `samples` by nearest rank on a sorted copy. */
export function percentile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

/** p50 / p90 / p99 / max / mean of a set of durations in ms. */
export interface Summary {
  readonly n: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

/** Summarises durations (ms). */
export function summarize(samples: readonly number[]): Summary {
  const mean = samples.reduce((s, v) => s + v, 0) / Math.max(1, samples.length);
  return {
    n: samples.length,
    p50: percentile(samples, 0.5),
    p90: percentile(samples, 0.9),
    p99: percentile(samples, 0.99),
    max: samples.length === 0 ? Number.NaN : Math.max(...samples),
    mean,
  };
}

/** Rounds for the report: 3 significant decimals below 10, fewer above. */
export function round(value: number, decimals = 3): number {
  if (!Number.isFinite(value)) return value;
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

/** `Summary` rounded to µs. */
export function roundSummary(s: Summary): Summary {
  return {
    n: s.n,
    p50: round(s.p50),
    p90: round(s.p90),
    p99: round(s.p99),
    max: round(s.max),
    mean: round(s.mean),
  };
}

/** A progress / human-readable line (stderr: stdout carries only the JSON). */
export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** Formats a summary for the progress log. */
export function describe(label: string, s: Summary): string {
  return `${label}: p50 ${s.p50.toFixed(3)} ms, p90 ${s.p90.toFixed(3)} ms, p99 ${s.p99.toFixed(3)} ms, max ${s.max.toFixed(3)} ms (n=${s.n})`;
}

/** Runs `fn` and returns its wall time in ms. */
export function timeIt(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}
