import { describe, expect, it } from 'vitest';
import { historyQuery, historyScore, noFilters, pageInfo, rangeText, topicsText } from './history';

describe('history paging', () => {
  it('walks 112 quizzes in pages of 25: 1–25, then 26–50, …, the last 101–112', () => {
    const first = pageInfo(112, 0, 25);
    expect(first).toEqual({ from: 1, to: 25, page: 1, pages: 5, previous: null, next: 25 });
    expect(rangeText(first, 112)).toBe('Quizzes 1–25 of 112');
    const second = pageInfo(112, 25, 25);
    expect(second).toMatchObject({ from: 26, to: 50, page: 2, previous: 0, next: 50 });
    const last = pageInfo(112, 100, 12);
    expect(last).toMatchObject({ from: 101, to: 112, page: 5, pages: 5, next: null });
    expect(rangeText(last, 112)).toBe('Quizzes 101–112 of 112');
  });

  it('says how many when all fit, and "No quizzes" when none match', () => {
    expect(rangeText(pageInfo(1, 0, 1), 1)).toBe('1 quiz');
    expect(rangeText(pageInfo(12, 0, 12), 12)).toBe('12 quizzes');
    const none = pageInfo(0, 0, 0);
    expect(none).toMatchObject({ from: 0, to: 0, pages: 1, previous: null, next: null });
    expect(rangeText(none, 0)).toBe('No quizzes');
  });

  it('asks only for the filters that are set', () => {
    expect(historyQuery(noFilters, 0)).toEqual({ limit: 25, offset: 0 });
    expect(historyQuery({ topic: 'dropout', mode: 'exam' }, 50, 10)).toEqual({
      topic: 'dropout',
      mode: 'exam',
      limit: 10,
      offset: 50,
    });
  });
});

describe('a history row', () => {
  it('shows the score out of the questions and the share', () => {
    expect(historyScore({ score: 4, questionCount: 5 })).toBe('4 / 5 (80%)');
    expect(historyScore({ score: 2.5, questionCount: 6 })).toBe('2.5 / 6 (42%)');
    expect(historyScore({ score: null, questionCount: 0 })).toBe('0 / 0 (0%)');
  });

  it('lists up to three topics, then how many more', () => {
    const topics = ['A', 'B', 'C', 'D', 'E'].map((t) => ({ topicId: t, title: `Topic ${t}` }));
    expect(topicsText({ topics: topics.slice(0, 2) })).toBe('Topic A, Topic B');
    expect(topicsText({ topics })).toBe('Topic A, Topic B, Topic C + 2 more');
  });
});
