// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { DayActivity } from '../../../electron/contract';
import {
  activitySummary,
  chartGeometry,
  goalText,
  levelLabel,
  levelSteps,
  niceMax,
  streakText,
  topicRecord,
} from './dashboard';

const days = (values: [number, number][]): DayActivity[] =>
  values.map(([answered, accuracy], i) => ({
    day: `2025-03-${String(i + 1).padStart(2, '0')}`,
    answered,
    accuracy,
  }));

describe('levels', () => {
  it('names every level and orders them', () => {
    expect(levelLabel('not-started')).toBe('Not started');
    expect(levelLabel('mastered')).toBe('Mastered');
    expect(levelSteps('not-started')).toBe(0);
    expect(levelSteps('proficient')).toBe(3);
  });
});

describe('topicRecord', () => {
  it('counts partly right answers as the credit they earned, not as wrong', () => {
    const topic = { questionCount: 12, attempts: 0, correct: 0, scoreSum: 0 };
    expect(topicRecord(topic)).toBe('12 questions · not tried yet');
    expect(topicRecord({ ...topic, attempts: 5, correct: 3, scoreSum: 3 })).toBe(
      '3 of 5 answers correct',
    );
    expect(topicRecord({ ...topic, attempts: 5, correct: 3, scoreSum: 3.5 })).toBe(
      '3 of 5 answers correct, 3.5 with partial credit',
    );
    expect(topicRecord({ ...topic, attempts: 1, correct: 0, scoreSum: 2 / 3 })).toBe(
      '0 of 1 answer correct, 0.67 with partial credit',
    );
  });
});

describe('chartGeometry', () => {
  it('scales bars to a nice maximum and plots accuracy only on active days', () => {
    const g = chartGeometry(
      days([
        [0, 0],
        [8, 0.5],
        [4, 1],
      ]),
      300,
      100,
    );
    expect(g.maxAnswered).toBe(10);
    expect(g.bars).toHaveLength(3);
    expect(g.bars[0].height).toBe(0);
    expect(g.bars[1].height).toBeCloseTo(80);
    expect(g.bars[1].y).toBeCloseTo(20);
    expect(g.accuracy).toHaveLength(2);
    expect(g.accuracy[0]).toEqual({ x: 150, y: 50 });
    expect(g.accuracy[1]).toEqual({ x: 250, y: 0 });
  });

  it('copes with no activity at all', () => {
    const g = chartGeometry(
      days([
        [0, 0],
        [0, 0],
      ]),
      100,
      50,
    );
    expect(g.maxAnswered).toBe(5);
    expect(g.accuracy).toHaveLength(0);
  });

  it('picks nice maxima', () => {
    expect(niceMax(3)).toBe(5);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(12)).toBe(20);
    expect(niceMax(51)).toBe(100);
  });
});

describe('activitySummary', () => {
  it('summarises answers, accuracy and the busiest day', () => {
    const text = activitySummary(
      days([
        [0, 0],
        [4, 0.5],
        [6, 1],
        [0, 0],
      ]),
    );
    expect(text).toBe(
      'In the last 4 days you answered 10 questions on 2 days, average score 80% ' +
        '(partial credit counted). Busiest day: 3 Mar (6 answers). Your score is improving.',
    );
  });

  it('invites a first quiz when there is nothing yet', () => {
    expect(activitySummary(days([[0, 0]]))).toMatch(/No answers/);
  });
});

describe('today', () => {
  it('says how far today is from the daily goal, and when it is reached', () => {
    expect(goalText(0, 10)).toBe('0 of 10 questions today');
    expect(goalText(4, 10)).toBe('4 of 10 questions today');
    expect(goalText(10, 10)).toBe('Goal reached: 10 of 10 questions today');
    expect(goalText(12, 1)).toBe('Goal reached: 12 of 1 question today');
    // No goal set: only the count.
    expect(goalText(1, 0)).toBe('1 question answered today');
    expect(goalText(3, 0)).toBe('3 questions answered today');
  });

  it('says how long the streak is and what keeps it going', () => {
    expect(streakText(0, false)).toBe('Answer a question to start a streak of days studied.');
    expect(streakText(1, true)).toBe('Studied today: day 1 of a new streak.');
    expect(streakText(5, true)).toBe('Studied 5 days in a row, today included.');
    expect(streakText(1, false)).toBe(
      'Studied 1 day in a row up to yesterday. Answer a question today to keep it going.',
    );
    expect(streakText(400, true)).toBe('Studied 400 days in a row, today included.');
  });
});
