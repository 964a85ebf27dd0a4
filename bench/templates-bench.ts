/**
 * Template throughput: `generateVariant` for every template and each form it offers, over
 * consecutive seeds with the level cycling 1, 2, 3 (the levels a bank asks for).
 *
 * First every template/form is warmed up (the JIT needs a while, and the code shared by all
 * templates — formatting, distractors — only settles once every template has run), then three
 * round-robin rounds measure each for a third of `minMs`; the rate is the median of the rounds,
 * so a burst of load from another process does not decide it.
 */
import {
  generateVariant,
  listTemplates,
  TemplateError,
  type TemplateForm,
} from '../core/templates';
import { log } from './stats';

/** Results of {@link benchTemplates}. */
export interface TemplateResult {
  /** The slowest template's rate (variants/s), over its slower form. */
  readonly template_rate_min: number;
  /** Per template id: the rate of its slower form. */
  readonly template_rates: Record<string, number>;
  /** Per `id/form`. */
  readonly template_rates_by_form: Record<string, number>;
  /** Seeds for which generation threw (the service then tries another seed). */
  readonly template_failures: Record<string, number>;
}

interface Subject {
  readonly key: string;
  readonly id: string;
  readonly options: readonly { form: TemplateForm; params: { level: number } }[];
  nextSeed: number;
  failed: number;
  readonly rates: number[];
}

/** Generates variants of `s` for `ms` (at least `min` of them); returns variants per second. */
function runFor(s: Subject, ms: number, min: number): number {
  let count = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < ms || count < min) {
    // Batches of 20 between clock reads.
    for (let k = 0; k < 20; k++) {
      const seed = s.nextSeed++;
      try {
        generateVariant(s.id, seed, s.options[seed % 3]);
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        s.failed++;
      }
    }
    count += 20;
    elapsed = performance.now() - t0;
  }
  return count / (elapsed / 1000);
}

/**
 * Warms every template/form up for `warmupMs`, then measures each in 3 round-robin rounds of
 * `minMs / 3` (at least 100 variants per round).
 */
export function benchTemplates(minMs: number, warmupMs: number): TemplateResult {
  const subjects: Subject[] = [];
  for (const info of listTemplates()) {
    for (const form of info.forms) {
      subjects.push({
        key: `${info.id}/${form}`,
        id: info.id,
        options: [1, 2, 3].map((level) => ({ form, params: { level } })),
        nextSeed: 0,
        failed: 0,
        rates: [],
      });
    }
  }
  for (const s of subjects) runFor(s, warmupMs, 20);
  for (const s of subjects) s.failed = 0;
  for (let round = 0; round < 3; round++) {
    for (const s of subjects) s.rates.push(runFor(s, minMs / 3, 100));
  }
  const rates: Record<string, number> = {};
  const byForm: Record<string, number> = {};
  const failures: Record<string, number> = {};
  for (const s of subjects) {
    const rate = Math.round([...s.rates].sort((a, b) => a - b)[1]);
    byForm[s.key] = rate;
    rates[s.id] = Math.min(rates[s.id] ?? Infinity, rate);
    if (s.failed > 0) failures[s.key] = s.failed;
    log(
      `template ${s.key}: ${rate} variants/s (rounds ${s.rates.map((r) => Math.round(r)).join(', ')}; ${s.failed} seeds failed)`,
    );
  }
  return {
    template_rate_min: Math.min(...Object.values(rates)),
    template_rates: rates,
    template_rates_by_form: byForm,
    template_failures: failures,
  };
}
