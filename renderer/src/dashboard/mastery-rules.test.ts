import { describe, expect, it } from 'vitest';
import {
  ACCURACY_FLOORS,
  HINT_PENALTY,
  LEVEL_THRESHOLDS,
  MASTERED_MIN_ATTEMPTS,
  PROFICIENT_MIN_ATTEMPTS,
} from '../../../core/mastery';
import {
  estimateNotes,
  fewestAnswersFor,
  levelRules,
  meterPercent,
  meterText,
  weightNotes,
} from './mastery-rules';

describe('the mastery bar', () => {
  it('is empty for a topic not started, whatever the prior', () => {
    const untouched = { attempts: 0, pKnown: 0.15, level: 'not-started' as const };
    expect(meterPercent(untouched)).toBe(0);
    expect(meterText(untouched)).toBe('Not started');
    const tried = { attempts: 2, pKnown: 0.4496, level: 'familiar' as const };
    expect(meterPercent(tried)).toBe(45);
    expect(meterText(tried)).toBe('45%, Familiar');
  });
});

describe('How mastery works', () => {
  it('states each level’s thresholds from core’s constants', () => {
    const rules = levelRules();
    expect(rules.map((r) => r.label)).toEqual([
      'Not started',
      'Attempted',
      'Familiar',
      'Proficient',
      'Mastered',
    ]);
    const text = (level: string) => rules.find((r) => r.level === level)!.rule;
    expect(text('not-started')).toMatch(/No answers/);
    expect(text('familiar')).toContain(`${LEVEL_THRESHOLDS.familiar * 100}%`);
    expect(text('proficient')).toContain(`${LEVEL_THRESHOLDS.proficient * 100}%`);
    expect(text('proficient')).toContain(`at least ${PROFICIENT_MIN_ATTEMPTS} answers`);
    expect(text('proficient')).toContain(`${ACCURACY_FLOORS.proficient * 100}%`);
    expect(text('mastered')).toContain(`${LEVEL_THRESHOLDS.mastered * 100}%`);
    expect(text('mastered')).toContain(`at least ${MASTERED_MIN_ATTEMPTS} answers`);
    expect(text('mastered')).toContain(`${ACCURACY_FLOORS.mastered * 100}%`);
  });

  it('says how few right answers reach each level, as worked by hand', () => {
    // From the prior 0.15 one right answer gives 0.4496 ≥ 0.4: familiar. With all answers right
    // the Wilson bound is n / (n + z²), z² = 2.706: ≥ 0.6 from n = 5, ≥ 0.7 from n = 7, while
    // P(known) passes 0.9 after three.
    expect(fewestAnswersFor('familiar')).toBe(1);
    expect(fewestAnswersFor('proficient')).toBe(5);
    expect(fewestAnswersFor('mastered')).toBe(7);
    expect(levelRules().find((r) => r.level === 'mastered')?.fewest).toBe(7);
  });

  it('explains the estimate and what counts less, with the model’s own figures', () => {
    const [estimate, cautious] = estimateNotes();
    expect(estimate).toContain('15%');
    expect(estimate).toContain('45%');
    expect(estimate).toContain('12%');
    expect(cautious).toContain('3 right out of 3 gives only 53%');
    const weights = weightNotes().join(' ');
    expect(weights).toContain('counts 50%, the third 33%');
    expect(weights).toContain(`by ${HINT_PENALTY * 100}%`);
    expect(weights).toContain('halves');
    expect(weights).toContain('one hint counts 38%');
  });
});
