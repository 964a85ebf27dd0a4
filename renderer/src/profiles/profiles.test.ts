import { describe, expect, it } from 'vitest';
import { currentProfile, deleteConsequence, initials, lastUsedLabel, pinProblem } from './profiles';

describe('profile badges and labels', () => {
  it('takes the first letter of the first two words', () => {
    expect(initials('Asha Rao')).toBe('AR');
    expect(initials('  zoë  ')).toBe('Z');
    expect(initials('Ana María López')).toBe('AM');
    expect(initials('Łukasz')).toBe('Ł');
  });

  it('says when a profile was last used, by calendar day', () => {
    const now = new Date(2025, 2, 10, 9, 0).getTime();
    expect(lastUsedLabel(null, now)).toBe('Not used yet');
    expect(lastUsedLabel(new Date(2025, 2, 10, 0, 5).getTime(), now)).toBe('Last used today');
    // 23:55 the evening before is yesterday, although under 10 hours ago.
    expect(lastUsedLabel(new Date(2025, 2, 9, 23, 55).getTime(), now)).toBe('Last used yesterday');
    expect(lastUsedLabel(new Date(2025, 2, 6, 12, 0).getTime(), now)).toBe('Last used 4 days ago');
    expect(lastUsedLabel(new Date(2025, 1, 20).getTime(), now)).toMatch(/^Last used .*20/);
  });

  it('finds the current profile, and refuses PINs that are not 4–12 digits', () => {
    const state = {
      currentId: 2,
      locked: false,
      profiles: [
        { id: 1, name: 'A', hasPin: false, lastUsedAt: null },
        { id: 2, name: 'B', hasPin: true, lastUsedAt: 5 },
      ],
    };
    expect(currentProfile(state)?.name).toBe('B');
    expect(currentProfile(null)).toBeUndefined();
    expect(pinProblem('0042')).toBeNull();
    expect(pinProblem('123')).toBe('A PIN is 4 to 12 digits (0–9).');
    expect(pinProblem('12a4')).not.toBeNull();
    expect(pinProblem('1234567890123')).not.toBeNull();
    expect(deleteConsequence('Asha')).toContain("all of Asha's quizzes, answers, mastery, reviews");
  });
});
