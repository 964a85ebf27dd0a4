import { describe, expect, it } from 'vitest';
import { evidenceWeight } from '../../../core/mastery';
import type { ItemFeedback, PartView, TutorView } from '../../../electron/contract';
import {
  canTryAgain,
  creditAfterNextHint,
  creditSentence,
  hintSource,
  misconceptionExplanation,
  needsScroll,
  nextHintNote,
  partState,
  partsProgress,
  shiftAfterInsert,
  tryAgainNote,
} from './tutor';

const ladder = ['A nudge.', 'The formula.', 'The first step, worked.'];

/** A tutor view as the service builds it: credit from core's weight, rounded. */
function tutor(hints: number, tries = 0, previousAnswers = 0): TutorView {
  return {
    hints: ladder.slice(0, hints),
    hintsLeft: ladder.length - hints,
    parts: [],
    tries,
    creditPercent: Math.round(100 * evidenceWeight(previousAnswers, hints, tries)),
  };
}

const part = (extra: Partial<PartView> = {}): PartView => ({
  id: 'overlap',
  prompt: 'The soft overlap $\\sum_i a_i b_i$.',
  answerFormat: 'a number',
  response: null,
  correct: null,
  correctValue: null,
  hint: 'Multiply cell by cell, then add.',
  ...extra,
});

describe('credit and hints', () => {
  it('says what the answer counts before and after each hint', () => {
    expect(creditSentence(tutor(0), false)).toBe('This answer counts 100% toward your mastery.');
    expect(nextHintNote(tutor(0))).toBe('Hint 1 of 3 lowers what this answer counts to 75%.');
    expect(creditSentence(tutor(1), false)).toBe(
      'This answer now counts 75% toward your mastery (1 hint used).',
    );
    expect(nextHintNote(tutor(1))).toBe('Hint 2 of 3 lowers what this answer counts to 50%.');
    expect(nextHintNote(tutor(2))).toBe('Hint 3 of 3 lowers what this answer counts to 25%.');
    expect(nextHintNote(tutor(3))).toBeNull();
    expect(creditSentence(tutor(3), true)).toBe(
      'This answer counted 25% toward your mastery (3 hints used).',
    );
  });

  it('predicts the service’s own figure after the next hint, with repeats and tries too', () => {
    for (const previous of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]) {
      for (const tries of [0, 1, 2]) {
        for (const hints of [0, 1, 2]) {
          const predicted = creditAfterNextHint(tutor(hints, tries, previous))!;
          const actual = tutor(hints + 1, tries, previous).creditPercent;
          // Exact wherever the credit is worth reading; at 1–2% rounding can blur by a point.
          if (previous <= 3 && tries <= 1) expect(predicted).toBe(actual);
          else expect(Math.abs(predicted - actual)).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  it('names why an answer counts less: a second try, hints, an earlier answer', () => {
    expect(creditSentence(tutor(0, 1, 1), false)).toBe(
      'This answer now counts 25% toward your mastery (a second try of the same numbers; you have answered this question before).',
    );
    expect(creditSentence(tutor(1, 0, 1), false)).toBe(
      'This answer now counts 38% toward your mastery (1 hint used; you have answered this question before).',
    );
  });

  it('says what another try counts', () => {
    expect(tryAgainNote(true)).toBe(
      'The same numbers come back as the next question; another try counts half as much toward your mastery.',
    );
    expect(tryAgainNote(false)).toMatch(
      /^The same question comes back as the next one; .*half as much/,
    );
  });

  it('shows a rung that is one formula as a displayed formula', () => {
    expect(hintSource('$D = \\frac{2x}{y}$')).toBe('$$D = \\frac{2x}{y}$$');
    expect(hintSource('Use $x$ and $y$.')).toBe('Use $x$ and $y$.');
    expect(hintSource('$$x$$')).toBe('$$x$$');
  });
});

describe('try again and the misconception text', () => {
  const feedback = (outcome: ItemFeedback['outcome']) => ({
    feedback: { outcome } as ItemFeedback,
  });

  it('offers another try after a wrong or partly right check in practice only', () => {
    expect(canTryAgain(feedback('wrong'), true)).toBe(true);
    expect(canTryAgain(feedback('partial'), true)).toBe(true);
    expect(canTryAgain(feedback('correct'), true)).toBe(false);
    expect(canTryAgain(feedback('wrong'), false)).toBe(false);
    expect(canTryAgain({ feedback: null }, true)).toBe(false);
  });

  it('shows the misconception’s explanation for a typed answer, not twice for a pick', () => {
    const why = 'The overlap is counted in both masks: the numerator needs the factor 2.';
    const misconception = {
      id: 'dropped-dice-factor-2',
      label: 'Dropped the factor 2',
      feedback: why,
    };
    expect(
      misconceptionExplanation(
        { kind: 'numeric', response: { kind: 'numeric', text: '0.393' } },
        { misconception, optionFeedback: {} },
      ),
    ).toBe(why);
    expect(
      misconceptionExplanation(
        { kind: 'mcq', response: { kind: 'choice', optionIds: ['o3'] } },
        { misconception, optionFeedback: { o3: why } },
      ),
    ).toBeNull();
    expect(
      misconceptionExplanation(
        { kind: 'numeric', response: null },
        { misconception: { id: 'x', label: 'X' }, optionFeedback: {} },
      ),
    ).toBeNull();
  });
});

describe('partState', () => {
  it('is unchecked until checked, and again once the entry changes', () => {
    expect(partState(part(), '', undefined, false)).toEqual({ kind: 'unchecked' });
    const wrong = part({ response: '7.1', correct: false });
    expect(partState(wrong, '7.1', undefined, false)).toEqual({
      kind: 'wrong',
      hint: 'Multiply cell by cell, then add.',
      value: null,
    });
    expect(partState(wrong, ' 7.1 ', undefined, false).kind).toBe('wrong');
    expect(partState(wrong, '7.2', undefined, false)).toEqual({ kind: 'unchecked' });
  });

  it('shows the value of a right part', () => {
    const right = part({ response: '7.2559', correct: true, correctValue: '7.2559' });
    expect(partState(right, '7.2559', undefined, false)).toEqual({
      kind: 'right',
      value: '7.2559',
    });
  });

  it('tells a refused entry at the field without marking it wrong', () => {
    const refusal = {
      text: '1, 2',
      message: 'One number expected, you gave 2. Nothing was counted.',
    };
    expect(partState(part(), '1, 2', refusal, false)).toEqual({
      kind: 'refused',
      message: refusal.message,
    });
    expect(partState(part(), '1', refusal, false)).toEqual({ kind: 'unchecked' });
  });

  it('reveals every part’s value once the question is checked', () => {
    const key = { correctValue: '18.46' };
    expect(partState(part(key), '', undefined, true)).toEqual({ kind: 'revealed', value: '18.46' });
    expect(
      partState(part({ ...key, response: '9', correct: false }), '9', undefined, true),
    ).toEqual({
      kind: 'wrong',
      hint: 'Multiply cell by cell, then add.',
      value: '18.46',
    });
  });

  it('counts the parts answered right', () => {
    expect(partsProgress([part(), part({ id: 'total' })])).toBe('2 parts');
    expect(partsProgress([part({ correct: true }), part({ id: 'total', correct: false })])).toBe(
      '1 of 2 parts right',
    );
  });
});

describe('shiftAfterInsert and needsScroll', () => {
  it('moves entries after the inserted question down by one', () => {
    expect(shiftAfterInsert({ 0: 'a', 2: 'b', 3: 'c' }, 2)).toEqual({ 0: 'a', 2: 'b', 4: 'c' });
    expect(shiftAfterInsert({}, 0)).toEqual({});
  });

  it('scrolls only when the box is hidden under the header, the action bar or the fold', () => {
    const view = { height: 640, coveredTop: 60, coveredBottom: 70 };
    expect(needsScroll({ top: 100, bottom: 140 }, view)).toBe(false);
    expect(needsScroll({ top: 40, bottom: 80 }, view)).toBe(true);
    expect(needsScroll({ top: 550, bottom: 590 }, view)).toBe(true);
    expect(needsScroll({ top: 900, bottom: 940 }, view)).toBe(true);
  });
});
