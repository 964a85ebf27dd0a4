import { default_learning_steps } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { intervalsAfter, reviewSchedule } from '../../../core/mastery';
import { shortcutHelp } from '../quiz/shortcuts';
import { durationText, examNotes, reviewNotes, scopeLabel, shortcutRows } from './help';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

describe('reviews, as the help explains them', () => {
  it("first answers come back after FSRS's learning steps: 1 minute if wrong, 10 if right", () => {
    // ts-fsrs' documented defaults (no custom steps are configured): "1m" then "10m".
    expect(default_learning_steps).toEqual(['1m', '10m']);
    const schedule = reviewSchedule();
    expect(schedule.firstWrong).toBe(1 * MIN);
    expect(schedule.firstRight).toBe(10 * MIN);
    const [wrong, right] = reviewNotes(schedule);
    expect(wrong).toContain('Questions left blank get no review time');
    expect(right).toContain('wrong answer brings the question back after 1 minute');
    expect(right).toContain('right first answer after 10 minutes');
  });

  it('right answers in a row push the review out to days, a lapse brings it back soon', () => {
    const { rightInARow, wrongAfterRun } = reviewSchedule();
    expect(rightInARow[0]).toBe(10 * MIN);
    for (let i = 1; i < rightInARow.length; i++) {
      expect(rightInARow[i]).toBeGreaterThan(rightInARow[i - 1]);
    }
    expect(rightInARow[1]).toBeGreaterThanOrEqual(DAY);
    expect(rightInARow[3]).toBeGreaterThan(2 * rightInARow[2]);
    expect(wrongAfterRun).toBeLessThan(DAY);
    // The text names the same intervals, in the same words.
    const growth = reviewNotes(reviewSchedule())[2];
    for (const ms of rightInARow) expect(growth).toContain(durationText(ms));
  });

  it('intervals are measured from the moment each answer is given', () => {
    expect(intervalsAfter([false, true], Date.UTC(2025, 0, 1))).toEqual([1 * MIN, 10 * MIN]);
  });

  it('durations read as a person would say them', () => {
    expect(durationText(MIN)).toBe('1 minute');
    expect(durationText(10 * MIN)).toBe('10 minutes');
    expect(durationText(3 * 60 * MIN)).toBe('3 hours');
    expect(durationText(2 * DAY)).toBe('2 days');
    expect(durationText(11 * DAY + 3 * 60 * MIN)).toBe('11 days');
  });
});

describe('exam rules', () => {
  it('name the learner’s default length and the shortest exam', () => {
    const notes = examNotes(35).join(' ');
    expect(notes).toContain('at least 1 minute, 35 minutes unless you change it');
    expect(notes).toContain('no hints');
    expect(notes).toContain('no second try');
    expect(notes).toContain('every answer saved by then counts');
    expect(notes).toContain('nothing shows an answer key');
    expect(notes).toContain('0.6 s');
  });
});

describe('shortcuts, from the quiz’s own list', () => {
  it('has every key the quiz dialog shows, in practice and in exams, with where it works', () => {
    const rows = shortcutRows();
    for (const practice of [true, false]) {
      for (const entry of shortcutHelp(practice)) {
        expect(rows).toContainEqual(expect.objectContaining(entry));
      }
    }
    const scope = (key: string) => rows.filter((r) => r.keys.join('') === key).map((r) => r.scope);
    expect(scope('T')).toEqual(['practice']);
    expect(scope('R')).toEqual(['practice']);
    expect(scope('V')).toEqual(['practice']);
    expect(scope('Enter')).toEqual(['practice', 'exam']);
    expect(scope('N')).toEqual(['both']);
    expect(scopeLabel('practice')).toBe('Practice only');
  });
});
