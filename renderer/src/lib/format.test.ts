// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { percent, plural, scoreText, shortDay } from './format';
import { resolveTheme } from './theme';

describe('format', () => {
  it('formats fractions, scores and counts', () => {
    expect(percent(0.734)).toBe('73%');
    expect(percent(1.2)).toBe('100%');
    expect(percent(Number.NaN)).toBe('0%');
    expect(scoreText(3.5, 5)).toBe('3.5 / 5');
    expect(scoreText(2 / 3, 1)).toBe('0.67 / 1');
    expect(plural(1, 'question')).toBe('1 question');
    expect(plural(2, 'question')).toBe('2 questions');
    expect(shortDay('2025-03-07')).toBe('7 Mar');
  });
});

describe('resolveTheme', () => {
  it('follows the OS unless overridden', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });
});
