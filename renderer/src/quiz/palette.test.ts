// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { ItemFeedback, LearnerResponse } from '../../../electron/contract';
import { listNumbers, paletteEntries, paletteLabel, submitSummary } from './palette';

const feedback = (outcome: ItemFeedback['outcome']) =>
  ({ outcome, correct: outcome === 'correct' }) as ItemFeedback;
const choice = (...optionIds: string[]): LearnerResponse => ({ kind: 'choice', optionIds });
const items = [
  { position: 0, response: choice('a'), marked: false, feedback: null },
  { position: 1, response: null, marked: true, feedback: null },
  { position: 2, response: choice('b', 'c'), marked: true, feedback: null },
  { position: 3, response: choice(), marked: false, feedback: null },
  {
    position: 4,
    response: { kind: 'numeric', text: '  ' } as LearnerResponse,
    marked: false,
    feedback: null,
  },
  {
    position: 5,
    response: { kind: 'numeric', text: '0.5' } as LearnerResponse,
    marked: false,
    feedback: feedback('wrong'),
  },
  { position: 6, response: choice('a', 'b'), marked: false, feedback: feedback('partial') },
];

describe('paletteEntries', () => {
  it('tells answered, not answered, marked and current apart', () => {
    const entries = paletteEntries(items, 1);
    expect(entries.map((e) => e.answered)).toEqual([true, false, true, false, false, true, true]);
    expect(entries.map((e) => e.marked)).toEqual([false, true, true, false, false, false, false]);
    expect(entries.map((e) => e.current)).toEqual([false, true, false, false, false, false, false]);
    expect(entries[5].outcome).toBe('wrong');
    expect(entries[6].outcome).toBe('partial');
    expect(entries[0].number).toBe(1);
  });

  it('says each status in words, not only by colour', () => {
    const entries = paletteEntries(items, 1, new Set([3]));
    expect(paletteLabel(entries[0])).toBe('Question 1, answered');
    expect(paletteLabel(entries[1])).toBe('Question 2, not answered, marked for review');
    expect(paletteLabel(entries[2])).toBe('Question 3, answered, marked for review');
    expect(paletteLabel(entries[3])).toBe('Question 4, not answered, not saved');
    expect(paletteLabel(entries[5])).toBe('Question 6, answered, checked: incorrect');
    expect(paletteLabel(entries[6])).toBe('Question 7, answered, checked: partly correct');
  });
});

describe('submitSummary', () => {
  it('lists unanswered, marked and unsaved questions by number', () => {
    const summary = submitSummary(items, new Set([3]));
    expect(summary).toEqual({
      total: 7,
      answered: 4,
      unanswered: [2, 5],
      marked: [2, 3],
      unsaved: [4],
    });
  });
});

describe('listNumbers', () => {
  it('joins numbers for a sentence', () => {
    expect(listNumbers([])).toBe('');
    expect(listNumbers([3])).toBe('3');
    expect(listNumbers([1, 2])).toBe('1 and 2');
    expect(listNumbers([1, 4, 7])).toBe('1, 4 and 7');
  });
});
