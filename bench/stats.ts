/** Timing helpers: percentiles over samples, progress lines on stderr. */
import { PerformanceObserver } from 'node:perf_hooks';

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

/** Garbage collections seen during timed samples, and the samples' figures without them. */
export interface GcOverlap {
  /** Samples during which at least one GC pause ran (V8's `gc` performance entries). */
  readonly samples_with_gc: number;
  /** Of those, samples with a major (mark-compact) pause. */
  readonly samples_with_major_gc: number;
  /** The longest GC time inside one sample, ms. */
  readonly max_gc_ms_in_sample: number;
  /** The samples without any GC pause — a diagnostic of what the tail is made of, not a figure to compare with a target. */
  readonly without_gc: Summary;
}

/** Bit of a `gc` entry's `detail.kind` for a major GC (perf_hooks `NODE_PERFORMANCE_GC_MAJOR`). */
const GC_MAJOR = 4;

/**
 * Records V8's GC pauses (`PerformanceObserver`, entry type `gc`) while samples are timed, so a
 * tail can be told apart: pauses inside a call, or something else (the disk, the scheduler).
 */
export class GcWatch {
  private readonly pauses: { start: number; end: number; major: boolean }[] = [];
  private readonly windows: { start: number; end: number; ms: number }[] = [];
  private readonly observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry.detail as { kind?: number } | null)?.kind ?? 0;
      this.pauses.push({
        start: entry.startTime,
        end: entry.startTime + entry.duration,
        major: (kind & GC_MAJOR) !== 0,
      });
    }
  });

  constructor() {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  /** A timed sample from `start` to `end` (`performance.now()`), lasting `ms`. */
  sample(start: number, end: number): void {
    this.windows.push({ start, end, ms: end - start });
  }

  /** Stops watching (after letting the observer deliver what it buffered) and sums up. */
  async finish(): Promise<GcOverlap> {
    await new Promise((resolve) => setTimeout(resolve, 20));
    this.observer.disconnect();
    let withGc = 0;
    let withMajor = 0;
    let maxGc = 0;
    const clean: number[] = [];
    for (const w of this.windows) {
      let gcMs = 0;
      let major = false;
      for (const p of this.pauses) {
        const overlap = Math.min(w.end, p.end) - Math.max(w.start, p.start);
        if (overlap > 0) {
          gcMs += overlap;
          major ||= p.major;
        }
      }
      if (gcMs > 0) {
        withGc++;
        if (major) withMajor++;
        maxGc = Math.max(maxGc, gcMs);
      } else clean.push(w.ms);
    }
    return {
      samples_with_gc: withGc,
      samples_with_major_gc: withMajor,
      max_gc_ms_in_sample: round(maxGc),
      without_gc: roundSummary(summarize(clean)),
    };
  }
}
