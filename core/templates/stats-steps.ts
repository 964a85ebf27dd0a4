/**
 * Worked-step text shared by the normalisation templates: a mean or a biased variance written out
 * term by term, as on a whiteboard.
 */
import { fmt, roundTo, term } from './format';

/** `=` when `value` is exact at `decimals` places, `\approx` otherwise. */
export function relationTo(value: number, decimals: number): string {
  return roundTo(value, decimals) === roundTo(value, 10) ? '=' : '\\approx';
}

/** `= 4` when `value` is exact at `decimals` places, `≈ 10.67` otherwise. */
export function equalsOrApprox(value: number, decimals: number): string {
  return `${relationTo(value, decimals)} ${fmt(value, decimals)}`;
}

/** Integers or short decimals of the inputs are shown exactly (up to 4 places). */
const INPUT_DECIMALS = 4;

/** `\frac{4 + 0 + 8}{3} = \frac{12}{3} = 4` */
export function meanWorking(values: readonly number[], mean: number, decimals: number): string {
  const sum = values.reduce((a, b) => a + b, 0);
  const terms = values
    .map((v, i) => (i === 0 ? fmt(v, INPUT_DECIMALS) : term(v, INPUT_DECIMALS)))
    .join(' + ');
  return `\\frac{${terms}}{${values.length}} = \\frac{${fmt(sum, INPUT_DECIMALS)}}{${values.length}} ${equalsOrApprox(mean, decimals)}`;
}

/** `\frac{(4 - 4)^2 + (0 - 4)^2 + (8 - 4)^2}{3} = \frac{32}{3} \approx 10.67` */
export function varianceWorking(
  values: readonly number[],
  mean: number,
  variance: number,
  decimals: number,
): string {
  const m = fmt(mean, decimals);
  const squares = values
    .map((v) => `(${fmt(v, INPUT_DECIMALS)} - ${mean < 0 ? `(${m})` : m})^2`)
    .join(' + ');
  const total = values.reduce((acc, v) => acc + (v - mean) ** 2, 0);
  return `\\frac{${squares}}{${values.length}} ${relationTo(total, decimals)} \\frac{${fmt(total, decimals)}}{${values.length}} ${equalsOrApprox(variance, decimals)}`;
}
