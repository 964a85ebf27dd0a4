import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BKT, masteryLevel, scheduleReview, updateMastery } from './mastery';

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

  it('three right answers from the prior reach proficient; mastered needs five answers', () => {
    let p: number = BKT.pInit;
    const seen: string[] = [];
    for (let n = 1; n <= 5; n++) {
      p = updateMastery(p, 1);
      seen.push(masteryLevel(p, n));
    }
    expect(seen).toEqual(['familiar', 'proficient', 'proficient', 'proficient', 'mastered']);
  });

  it('levels follow the stated thresholds', () => {
    expect(masteryLevel(0.99, 0)).toBe('not-started');
    expect(masteryLevel(0.39, 3)).toBe('attempted');
    expect(masteryLevel(0.4, 3)).toBe('familiar');
    expect(masteryLevel(0.7, 3)).toBe('proficient');
    expect(masteryLevel(0.95, 4)).toBe('proficient');
    expect(masteryLevel(0.9, 5)).toBe('mastered');
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
