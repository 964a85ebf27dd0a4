import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  difficultySearchOrder,
  pickCandidate,
  planRecommendedQuiz,
  planTopicQuiz,
  Rng,
  targetDifficulty,
  type TopicStanding,
} from './selection';

const seed = Number(process.env.FC_SEED ?? Date.now() % 1_000_000);
console.log(`selection properties: fast-check seed ${seed}`);

const topic = (
  topicId: string,
  pKnown: number,
  questionCount = 50,
  attempts = 5,
): TopicStanding => ({
  topicId,
  pKnown,
  attempts,
  questionCount,
});

describe('targetDifficulty and search order', () => {
  it('maps P(known) to 1 + round(4p)', () => {
    expect([0, 0.15, 0.3, 0.5, 0.7, 0.9, 1].map(targetDifficulty)).toEqual([1, 2, 2, 3, 4, 5, 5]);
  });
  it('tries the nearest difficulties first, within the range', () => {
    expect(difficultySearchOrder(3)).toEqual([3, 2, 4, 1, 5]);
    expect(difficultySearchOrder(5)).toEqual([5, 4, 3, 2, 1]);
    expect(difficultySearchOrder(1, { min: 2, max: 4 })).toEqual([2, 3, 4]);
  });
});

describe('planRecommendedQuiz', () => {
  it('gives the weakest topics the slots and leaves mastered ones out', () => {
    const plan = planRecommendedQuiz({
      topics: [
        topic('strong', 0.95),
        topic('weak', 0.1),
        topic('unseen', 0.15, 50, 0),
        topic('mid', 0.5),
      ],
      due: [],
      count: 3,
      seed: 7,
    });
    expect(plan.map((s) => s.topicId).sort()).toEqual(['mid', 'unseen', 'weak']);
    for (const slot of plan) {
      if (slot.kind !== 'new') throw new Error('expected only new slots');
      const p = { weak: 0.1, unseen: 0.15, mid: 0.5 }[slot.topicId as 'weak' | 'unseen' | 'mid'];
      expect(Math.abs(slot.targetDifficulty - targetDifficulty(p))).toBeLessThanOrEqual(1);
    }
  });

  it('mixes in at most 30% due reviews, oldest first, without repeats', () => {
    const plan = planRecommendedQuiz({
      topics: [topic('a', 0.2), topic('b', 0.3)],
      due: [
        { questionId: 11, topicId: 'a' },
        { questionId: 11, topicId: 'a' },
        { questionId: 12, topicId: 'b' },
        { questionId: 13, topicId: 'b' },
        { questionId: 14, topicId: 'b' },
      ],
      count: 10,
      seed: 1,
    });
    expect(plan).toHaveLength(10);
    const reviews = plan
      .filter((s) => s.kind === 'review')
      .map((s) => (s.kind === 'review' ? s.questionId : 0));
    expect(reviews.sort()).toEqual([11, 12, 13]);
  });

  it('stops when the topics run out of questions and respects the difficulty filter', () => {
    const plan = planRecommendedQuiz({
      topics: [topic('a', 0.9, 2), topic('b', 0.1, 1), topic('empty', 0, 0)],
      due: [],
      count: 10,
      seed: 3,
      difficulty: { min: 4, max: 5 },
    });
    expect(plan).toHaveLength(3);
    for (const slot of plan)
      if (slot.kind === 'new') expect(slot.targetDifficulty).toBeGreaterThanOrEqual(4);
  });

  it('properties: deterministic per seed, never more than count, caps respected', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ p: fc.double({ min: 0, max: 1, noNaN: true }), n: fc.nat({ max: 6 }) }),
          {
            maxLength: 8,
          },
        ),
        fc.nat({ max: 30 }),
        fc.nat(),
        (specs, count, s) => {
          const topics = specs.map((t, i) => topic(`t${i}`, t.p, t.n));
          const input = { topics, due: [], count, seed: s };
          const plan = planRecommendedQuiz(input);
          expect(planRecommendedQuiz(input)).toEqual(plan);
          const total = topics.reduce((sum, t) => sum + t.questionCount, 0);
          expect(plan.length).toBe(Math.min(count, total));
          for (const t of topics) {
            expect(plan.filter((x) => x.topicId === t.topicId).length).toBeLessThanOrEqual(
              t.questionCount,
            );
          }
        },
      ),
      { seed, numRuns: 300 },
    );
  });
});

describe('planTopicQuiz', () => {
  it('deals slots round-robin over the chosen topics', () => {
    const plan = planTopicQuiz({
      topics: [topic('a', 0.2), topic('b', 0.8), topic('c', 0.5, 1)],
      count: 7,
      seed: 5,
    });
    const counts = new Map<string, number>();
    for (const s of plan) counts.set(s.topicId, (counts.get(s.topicId) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ a: 3, b: 3, c: 1 });
  });
});

describe('pickCandidate', () => {
  it('prefers unseen, then the nearest difficulty; never an excluded one', () => {
    const rng = new Rng(1);
    const candidates = [
      { id: 1, difficulty: 3, seen: true },
      { id: 2, difficulty: 5, seen: false },
      { id: 3, difficulty: 4, seen: false },
      { id: 4, difficulty: 3, seen: false },
    ];
    expect(pickCandidate(candidates, 3, new Set(), rng)?.id).toBe(4);
    expect(pickCandidate(candidates, 3, new Set([4]), rng)?.id).toBe(3);
    expect(pickCandidate(candidates, 3, new Set([2, 3, 4]), rng)?.id).toBe(1);
    expect(pickCandidate(candidates, 3, new Set([1, 2, 3, 4]), rng)).toBeNull();
  });
});
