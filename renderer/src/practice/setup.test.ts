// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { Lockdown, Settings } from '../../../electron/contract';
import { buildStartInput, defaultForm, matchMessage, matchQuery, quickQuizInput } from './setup';

const settings: Settings = {
  theme: 'system',
  defaultTimerMinutes: 20,
  defaultMsqRule: 'partial',
  tourSeen: false,
  dailyGoal: 10,
};
const open: Lockdown = { hideImport: false, examOnly: false, fixedMsqRule: null };
const strict: Lockdown = { hideImport: true, examOnly: true, fixedMsqRule: 'all-or-nothing' };

describe('defaultForm', () => {
  it('takes defaults from settings', () => {
    const form = defaultForm(settings, open, ['dropout']);
    expect(form).toMatchObject({
      topics: ['dropout'],
      mode: 'practice',
      durationMinutes: 20,
      msqRule: 'partial',
    });
  });

  it('honours lock-down', () => {
    expect(defaultForm(settings, strict)).toMatchObject({
      mode: 'exam',
      msqRule: 'all-or-nothing',
    });
  });
});

describe('buildStartInput', () => {
  it('builds a practice quiz without duration or difficulty when all levels are allowed', () => {
    const form = { ...defaultForm(settings, open, ['a', 'b']), count: 5 };
    expect(buildStartInput(form, open)).toEqual({
      ok: true,
      input: {
        mode: 'practice',
        selection: 'topics',
        topics: ['a', 'b'],
        count: 5,
        difficulty: undefined,
        durationMinutes: undefined,
        msqRule: 'partial',
      },
    });
  });

  it('builds a timed exam with a difficulty range and fractional minutes', () => {
    const form = {
      ...defaultForm(settings, open, ['a']),
      mode: 'exam' as const,
      durationMinutes: 1.5,
      difficultyMin: 2,
      difficultyMax: 4,
    };
    const result = buildStartInput(form, open);
    expect(result.ok && result.input).toMatchObject({
      mode: 'exam',
      durationMinutes: 1.5,
      difficulty: { min: 2, max: 4 },
    });
  });

  it('refuses an exam shorter than one minute, and says the limits', () => {
    const form = { ...defaultForm(settings, open, ['a']), mode: 'exam' as const };
    for (const durationMinutes of [0.1, 0.99, 0, Number.NaN, 601]) {
      const result = buildStartInput({ ...form, durationMinutes }, open);
      expect(result.ok ? null : result.errors.durationMinutes).toBe(
        'Give a duration between 1 and 600 minutes.',
      );
    }
    expect(buildStartInput({ ...form, durationMinutes: 1 }, open).ok).toBe(true);
  });

  it('explains what is wrong, per field', () => {
    const form = {
      ...defaultForm(settings, open),
      count: 0,
      mode: 'exam' as const,
      durationMinutes: 0,
      difficultyMin: 4,
      difficultyMax: 2,
    };
    const result = buildStartInput(form, open);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(Object.keys(result.errors).sort()).toEqual([
        'count',
        'difficultyMin',
        'durationMinutes',
        'topics',
      ]);
  });

  it('forces exam mode and the fixed MSQ rule under lock-down', () => {
    const form = {
      ...defaultForm(settings, open, ['a']),
      mode: 'practice' as const,
      msqRule: 'partial' as const,
    };
    const result = buildStartInput(form, strict);
    expect(result.ok && result.input).toMatchObject({
      mode: 'exam',
      msqRule: 'all-or-nothing',
      durationMinutes: 20,
    });
  });
});

describe('quickQuizInput', () => {
  it('starts a recommended practice quiz, or an exam under lock-down', () => {
    expect(quickQuizInput('recommended', 10, settings, open)).toMatchObject({
      mode: 'practice',
      selection: 'recommended',
      count: 10,
    });
    expect(quickQuizInput('due', 500, settings, strict)).toMatchObject({
      mode: 'exam',
      count: 100,
      durationMinutes: 20,
    });
  });
});

describe('matching questions', () => {
  it('asks for the chosen topics and difficulty, nothing before a topic is chosen', () => {
    const form = defaultForm(settings, open);
    expect(matchQuery(form)).toBeNull();
    expect(matchQuery({ ...form, topics: ['b', 'a'] })).toEqual({
      topics: ['a', 'b'],
      difficulty: undefined,
    });
    expect(matchQuery({ ...form, topics: ['a'], difficultyMin: 2, difficultyMax: 3 })).toEqual({
      topics: ['a'],
      difficulty: { min: 2, max: 3 },
    });
    expect(matchQuery({ ...form, topics: ['a'], difficultyMin: 4, difficultyMax: 3 })).toBeNull();
  });

  it('says so when fewer questions match than were asked for', () => {
    expect(matchMessage(42, 10)).toEqual({
      text: '42 questions match these topics and difficulty.',
      tone: 'ok',
    });
    expect(matchMessage(3, 10)).toEqual({
      text: 'Only 3 questions match these topics and difficulty, so the quiz will have 3 questions, not 10.',
      tone: 'short',
    });
    expect(matchMessage(1, 1).text).toBe('1 question matches these topics and difficulty.');
    expect(matchMessage(0, 10).tone).toBe('none');
  });
});
