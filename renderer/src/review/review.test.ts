// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { ItemFeedback, LearnerResponse, Outcome } from '../../../electron/contract';
import { outcomeCounts, outcomeOf, outcomeText } from './review';

const picked: LearnerResponse = { kind: 'choice', optionIds: ['o1', 'o3'] };
const graded = (outcome: Outcome, score: number) =>
  ({ outcome, score, correct: outcome === 'correct' }) as ItemFeedback;

describe('review outcomes', () => {
  it('shows partial credit as partial, not as wrong', () => {
    const item = { response: picked, feedback: graded('partial', 2 / 3) };
    expect(outcomeOf(item)).toBe('partial');
    expect(outcomeText(item)).toBe('Partly correct · 0.67 of 1');
  });

  it('tells correct, wrong and unanswered apart', () => {
    expect(outcomeText({ response: picked, feedback: graded('correct', 1) })).toBe('Correct');
    expect(outcomeText({ response: picked, feedback: graded('wrong', 0) })).toBe('Not correct');
    // Finished without an answer: graded 0, but said as "not answered".
    expect(outcomeText({ response: null, feedback: graded('wrong', 0) })).toBe('Not answered');
    expect(outcomeOf({ response: { kind: 'numeric', text: ' ' }, feedback: null })).toBe(
      'unanswered',
    );
  });

  it('counts the items per outcome', () => {
    expect(
      outcomeCounts([
        { response: picked, feedback: graded('correct', 1) },
        { response: picked, feedback: graded('partial', 0.5) },
        { response: picked, feedback: graded('partial', 0.25) },
        { response: picked, feedback: graded('wrong', 0) },
        { response: null, feedback: graded('wrong', 0) },
      ]),
    ).toEqual({ correct: 1, partial: 2, wrong: 1, unanswered: 1 });
  });
});
