import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backupsToKeep } from './backup-retention';

const day = 86_400_000;
const now = Date.UTC(2026, 10, 27, 12); // 27 Nov 2026, noon UTC

describe('backupsToKeep', () => {
  it('keeps the newest backup of each recent day and drops same-day duplicates', () => {
    const morning = now - 6 * 3_600_000;
    const evening = now - 1 * 3_600_000;
    const yesterday = now - day;
    expect(backupsToKeep([morning, evening, yesterday], now)).toEqual([evening, yesterday]);
  });

  it('keeps about a year: one per month for 12 months, nothing older', () => {
    // One backup on the 1st of each month for two years back.
    const times = Array.from({ length: 24 }, (_, i) => Date.UTC(2026, 10 - i, 1, 9));
    const kept = backupsToKeep(times, now);
    // Months Nov 2026 … Dec 2025 are the 12 most recent calendar months.
    expect(kept).toContain(Date.UTC(2025, 11, 1, 9));
    expect(kept).not.toContain(Date.UTC(2025, 10, 1, 9));
    expect(kept.length).toBe(12);
  });

  it('never keeps more than dailies + weeklies + monthlies, always keeps the newest', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: now - 800 * day, max: now }), { maxLength: 300 }),
        (times) => {
          const kept = backupsToKeep(times, now);
          expect(kept.length).toBeLessThanOrEqual(7 + 8 + 12);
          if (times.length > 0) expect(kept[0]).toBe(Math.max(...times));
          for (const t of kept) expect(times).toContain(t);
        },
      ),
    );
  });
});
