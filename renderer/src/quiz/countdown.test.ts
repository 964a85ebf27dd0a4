// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import {
  clockOffset,
  crossedWarning,
  formatRemaining,
  remainingMs,
  spokenRemaining,
  urgency,
  warningMessage,
} from './countdown';

describe('formatRemaining', () => {
  it('shows minutes and seconds, rounding seconds up', () => {
    expect(formatRemaining(20 * 60_000)).toBe('20:00');
    expect(formatRemaining(61_000)).toBe('01:01');
    expect(formatRemaining(59_001)).toBe('01:00');
    expect(formatRemaining(400)).toBe('00:01');
    expect(formatRemaining(0)).toBe('00:00');
    expect(formatRemaining(-5000)).toBe('00:00');
  });

  it('adds hours from an hour up', () => {
    expect(formatRemaining(3600_000)).toBe('1:00:00');
    expect(formatRemaining(2 * 3600_000 + 5 * 60_000 + 9_000)).toBe('2:05:09');
  });
});

describe('spokenRemaining', () => {
  it('says the time in words', () => {
    expect(spokenRemaining(4 * 60_000 + 5_000)).toBe('4 minutes 5 seconds');
    expect(spokenRemaining(60_000)).toBe('1 minute');
    expect(spokenRemaining(0)).toBe('0 seconds');
    expect(spokenRemaining(3600_000 + 1000)).toBe('1 hour 1 second');
  });
});

describe('remaining time against the main process clock', () => {
  it('uses the offset between the two clocks', () => {
    // The server is 3 s ahead of the page.
    const offset = clockOffset(1_000_003_000, 1_000_000_000);
    expect(offset).toBe(3000);
    // Deadline 60 s after the server's now; 10 s of page time later, 50 s remain.
    expect(remainingMs(1_000_063_000, 1_000_010_000, offset)).toBe(50_000);
  });

  it('never goes negative', () => {
    expect(remainingMs(100, 500, 0)).toBe(0);
  });
});

describe('crossedWarning', () => {
  it('fires once at five minutes and once at one minute', () => {
    expect(crossedWarning(5 * 60_000 + 400, 5 * 60_000 - 100)).toBe(300_000);
    expect(crossedWarning(5 * 60_000 - 100, 5 * 60_000 - 600)).toBeNull();
    expect(crossedWarning(60_250, 59_750)).toBe(60_000);
    expect(crossedWarning(59_750, 59_250)).toBeNull();
  });

  it('counts landing exactly on a threshold', () => {
    expect(crossedWarning(300_001, 300_000)).toBe(300_000);
  });

  it('reports the smaller threshold when both are crossed at once', () => {
    expect(crossedWarning(10 * 60_000, 30_000)).toBe(60_000);
  });

  it('does not fire when time is already up or when starting below a threshold', () => {
    expect(crossedWarning(61_000, 0)).toBeNull();
    expect(crossedWarning(3 * 60_000, 3 * 60_000 - 250)).toBeNull();
  });

  it('has a message for each threshold', () => {
    expect(warningMessage(300_000)).toMatch(/five minutes/i);
    expect(warningMessage(60_000)).toMatch(/one minute/i);
  });
});

describe('urgency', () => {
  it('tightens at five minutes and one minute', () => {
    expect(urgency(10 * 60_000)).toBe('calm');
    expect(urgency(5 * 60_000)).toBe('warning');
    expect(urgency(60_000)).toBe('critical');
  });
});
