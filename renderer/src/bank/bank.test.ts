// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { filtersActive, importSummary, matchCount, noFilters, pageInfo, typeLabel } from './bank';

describe('pageInfo', () => {
  it('describes the page and its neighbours', () => {
    expect(pageInfo(0, 25, 143)).toEqual({
      label: '1–25 of 143',
      hasPrevious: false,
      hasNext: true,
    });
    expect(pageInfo(125, 18, 143)).toEqual({
      label: '126–143 of 143',
      hasPrevious: true,
      hasNext: false,
    });
    expect(pageInfo(0, 0, 0)).toEqual({
      label: 'No questions',
      hasPrevious: false,
      hasNext: false,
    });
  });
});

describe('import messages', () => {
  it('summarises the outcome', () => {
    const ok = {
      ok: true,
      bankId: 'extra',
      added: 3,
      updated: 1,
      unchanged: 0,
      retired: 0,
      problems: [],
      unsupported: [],
    };
    expect(importSummary(ok)).toBe('Imported into bank “extra”: 3 added, 1 updated, 0 unchanged.');
    const foreign = {
      ...ok,
      retired: 2,
      unsupported: [{ position: 'line 14', type: 'essay', title: 'Explain dropout' }],
    };
    expect(importSummary(foreign)).toBe(
      'Imported into bank “extra”: 3 added, 1 updated, 0 unchanged, 2 retired. ' +
        '1 question of a type DeepDrill cannot ask was left out.',
    );
    const bad = { ...ok, ok: false, problems: [{ path: 'id', message: 'x' }] };
    expect(importSummary(bad)).toMatch(/Nothing was imported: 1 problem found/);
  });

  it('names question types', () => {
    expect(typeLabel('template')).toBe('Generated');
    expect(typeLabel('msq')).toBe('Multiple select');
  });
});

describe('filters', () => {
  it('knows when something is filtered', () => {
    expect(filtersActive(noFilters)).toBe(false);
    expect(filtersActive({ ...noFilters, search: '   ' })).toBe(false);
    expect(filtersActive({ ...noFilters, search: 'γ' })).toBe(true);
    expect(filtersActive({ ...noFilters, topic: 'dropout' })).toBe(true);
    expect(filtersActive({ ...noFilters, difficulty: '3' })).toBe(true);
  });

  it('says how many questions match', () => {
    expect(matchCount(0)).toBe('0 questions match');
    expect(matchCount(1)).toBe('1 question matches');
    expect(matchCount(143)).toBe('143 questions match');
  });
});
