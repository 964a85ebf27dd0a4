import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accuracyLowerBound,
  BKT,
  evidenceWeight,
  masteryLevel,
  scheduleReview,
  updateMastery,
} from './mastery';

const seed = Number(process.env.FC_SEED ?? Date.now() % 1_000_000);
console.log(`mastery properties: fast-check seed ${seed}`);

describe('updateMastery (BKT)', () => {
  it('matches the update worked by hand from the prior', () => {
    // p = 0.15, slip 0.1, guess 0.25, transit 0.1.
    // Right: post = 0.15·0.9 / (0.15·0.9 + 0.85·0.25) = 0.135 / 0.3475 = 0.3884892
    //        p'   = 0.3884892 + (1 − 0.3884892)·0.1 = 0.4496403
    expect(BKT).toEqual({ pInit: 0.15, pTransit: 0.1, pSlip: 0.1, pGuess: 0.25 });
    expect(updateMastery(0.15, 1)).toBeCloseTo(0.4496403, 6);
    // Wrong: post = 0.15·0.1 / (0.15·0.1 + 0.85·0.75) = 0.015 / 0.6525 = 0.0229885
    //        p'   = 0.0229885 + (1 − 0.0229885)·0.1 = 0.1206897
    expect(updateMastery(0.15, 0)).toBeCloseTo(0.1206897, 6);
    // Half credit interpolates: 0.5·0.4496403 + 0.5·0.1206897 = 0.2851650
    expect(updateMastery(0.15, 0.5)).toBeCloseTo(0.285165, 6);
    // From 0.6, right: post = 0.54 / (0.54 + 0.1) = 0.84375; p' = 0.84375 + 0.15625·0.1 = 0.859375
    expect(updateMastery(0.6, 1)).toBeCloseTo(0.859375, 9);
  });

  it('a run of right answers: proficient at the fifth, mastered at the seventh', () => {
    // P(known) is past 0.7 after two right answers, but the accuracy bound holds the level:
    // n right of n → Wilson bound 1/(1 + 1.645²/n): n = 4 → 1/1.6765 = 0.5965 (< 0.6),
    // n = 5 → 1/1.5412 = 0.6488 (≥ 0.6), n = 6 → 1/1.4510 = 0.6892, n = 7 → 1/1.3866 = 0.7212.
    let p: number = BKT.pInit;
    const seen: string[] = [];
    for (let n = 1; n <= 7; n++) {
      p = updateMastery(p, 1);
      seen.push(masteryLevel(p, n, n));
    }
    expect(seen).toEqual([
      'familiar',
      'familiar',
      'familiar',
      'familiar',
      'proficient',
      'proficient',
      'mastered',
    ]);
    expect(accuracyLowerBound(3, 3)).toBeCloseTo(0.52576, 4);
    expect(accuracyLowerBound(5, 5)).toBeCloseTo(0.64884, 4);
  });

  it('levels follow the stated thresholds', () => {
    expect(masteryLevel(0.99, 0, 0)).toBe('not-started');
    expect(masteryLevel(0.39, 3, 3)).toBe('attempted');
    expect(masteryLevel(0.4, 3, 1)).toBe('familiar');
    expect(masteryLevel(0.7, 10, 10)).toBe('proficient');
    // 6 of 10 right: p̂ = 0.6, bound ≈ 0.34 → not proficient whatever BKT says.
    expect(masteryLevel(0.95, 10, 6)).toBe('familiar');
    expect(masteryLevel(0.95, 4, 4)).toBe('familiar');
    expect(masteryLevel(0.9, 10, 10)).toBe('mastered');
  });

  it('simulated learners: a knower is proficient soon, a guesser almost never', () => {
    // Each answer a distinct question (full weight); right with probability 0.9 or 0.25.
    const reachAt = (pRight: number, run: number): number => {
      let state = (run * 2654435761) >>> 0;
      const random = () => {
        // xorshift32: an independent stream for the simulation, not the code under test.
        state ^= state << 13;
        state >>>= 0;
        state ^= state >>> 17;
        state ^= state << 5;
        state >>>= 0;
        return state / 2 ** 32;
      };
      let p: number = BKT.pInit;
      let right = 0;
      for (let n = 1; n <= 200; n++) {
        const correct = random() < pRight;
        if (correct) right++;
        p = updateMastery(p, correct ? 1 : 0);
        const level = masteryLevel(p, n, right);
        if (level === 'proficient' || level === 'mastered') return n;
      }
      return Infinity;
    };
    const runs = 2000;
    const knower = Array.from({ length: runs }, (_, r) => reachAt(0.9, r + 1)).sort(
      (a, b) => a - b,
    );
    expect(knower[runs / 2]).toBeLessThanOrEqual(6);
    expect(knower[Math.floor(runs * 0.99)]).toBeLessThanOrEqual(30);
    const guessers = Array.from({ length: runs }, (_, r) => reachAt(0.25, r + 1));
    expect(guessers.filter(Number.isFinite).length / runs).toBeLessThan(0.005);
  });

  it('repeated, hinted and retried evidence counts less', () => {
    expect(evidenceWeight(0, 0, 0)).toBe(1);
    // Second variant of a template, one hint: 1/2 · (1 − 0.25) = 0.375.
    expect(evidenceWeight(1, 1, 0)).toBeCloseTo(0.375, 12);
    // Five hints cannot take it below a quarter; a retry halves it: 1 · 0.25 · 0.5.
    expect(evidenceWeight(0, 5, 1)).toBeCloseTo(0.125, 12);
    // Weighted update: from 0.15 a right answer at weight 0.5 moves half way to 0.4496403.
    expect(updateMastery(0.15, 1, 0.5)).toBeCloseTo(0.15 + 0.5 * (0.4496403 - 0.15), 6);
    // Two right variants of one template no longer take a topic near proficient.
    const twice = updateMastery(
      updateMastery(BKT.pInit, 1, evidenceWeight(0, 0, 0)),
      1,
      evidenceWeight(1, 0, 0),
    );
    expect(twice).toBeLessThan(0.7);
  });

  it('properties: stays in [0,1]; a right answer never lowers it; more credit never gives less', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (p, s1, s2) => {
          const next = updateMastery(p, s1);
          expect(next).toBeGreaterThanOrEqual(0);
          expect(next).toBeLessThanOrEqual(1);
          expect(updateMastery(p, 1)).toBeGreaterThanOrEqual(p - 1e-12);
          const [lo, hi] = s1 <= s2 ? [s1, s2] : [s2, s1];
          expect(updateMastery(p, hi)).toBeGreaterThanOrEqual(updateMastery(p, lo) - 1e-12);
        },
      ),
      { seed, numRuns: 500 },
    );
  });

  it('property: any answer sequence keeps P(known) in [0,1], garbage inputs included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double(), fc.constant(Number.NaN)), { maxLength: 50 }),
        (scores) => {
          let p: number = BKT.pInit;
          for (const s of scores) {
            p = updateMastery(p, s);
            expect(p).toBeGreaterThanOrEqual(0);
            expect(p).toBeLessThanOrEqual(1);
          }
        },
      ),
      { seed, numRuns: 200 },
    );
  });
});

describe('scheduleReview (FSRS)', () => {
  const day = 86_400_000;
  const t0 = Date.UTC(2025, 0, 6, 9);

  it('a wrong answer comes due within minutes, a right one later, and is deterministic', () => {
    const wrong = scheduleReview(null, t0, false);
    const right = scheduleReview(null, t0, true);
    expect(wrong.due - t0).toBeLessThanOrEqual(10 * 60_000);
    expect(right.due).toBeGreaterThan(wrong.due);
    expect(right.reps).toBe(1);
    expect(scheduleReview(null, t0, true)).toEqual(right);
    expect(right.lastReview).toBe(t0);
  });

  it('repeated right answers push the review further out; a lapse brings it back', () => {
    let card = scheduleReview(null, t0, true);
    let at = t0;
    const gaps: number[] = [];
    for (let i = 0; i < 4; i++) {
      at = Math.max(card.due, at + 60_000);
      card = scheduleReview(card, at, true);
      gaps.push(card.due - at);
    }
    expect(gaps[3]).toBeGreaterThan(gaps[1]);
    expect(gaps[3]).toBeGreaterThan(day);
    const lapsed = scheduleReview(card, card.due, false);
    expect(lapsed.lapses).toBe(card.lapses + 1);
    expect(lapsed.due - card.due).toBeLessThan(day);
  });
});
