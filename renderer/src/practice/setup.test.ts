// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { Lockdown, Settings } from '../../../electron/contract';
import { buildStartInput, defaultForm, quickQuizInput } from './setup';

const settings: Settings = { theme: 'system', defaultTimerMinutes: 20, defaultMsqRule: 'partial' };
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
      durationMinutes: 0.1,
      difficultyMin: 2,
      difficultyMax: 4,
    };
    const result = buildStartInput(form, open);
    expect(result.ok && result.input).toMatchObject({
      mode: 'exam',
      durationMinutes: 0.1,
      difficulty: { min: 2, max: 4 },
    });
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
