// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { describeResponse, isAnswered, pickOption, sameResponse } from './responses';

const options = [
  { id: 'a', text: 'A' },
  { id: 'b', text: 'B' },
  { id: 'c', text: 'C' },
];

describe('pickOption', () => {
  it('replaces the choice of a single-answer question', () => {
    const first = pickOption({ kind: 'mcq', options }, null, 'a');
    expect(pickOption({ kind: 'mcq', options }, first, 'c')).toEqual({
      kind: 'choice',
      optionIds: ['c'],
    });
  });

  it('toggles options of a multiple-select question, in option order', () => {
    let r = pickOption({ kind: 'msq', options }, null, 'c');
    r = pickOption({ kind: 'msq', options }, r, 'a');
    expect(r).toEqual({ kind: 'choice', optionIds: ['a', 'c'] });
    r = pickOption({ kind: 'msq', options }, r, 'c');
    expect(r).toEqual({ kind: 'choice', optionIds: ['a'] });
  });
});

describe('sameResponse and isAnswered', () => {
  it('ignores option order and surrounding spaces', () => {
    expect(
      sameResponse(
        { kind: 'choice', optionIds: ['a', 'b'] },
        { kind: 'choice', optionIds: ['b', 'a'] },
      ),
    ).toBe(true);
    expect(sameResponse({ kind: 'numeric', text: ' 2 ' }, { kind: 'numeric', text: '2' })).toBe(
      true,
    );
    expect(sameResponse({ kind: 'choice', optionIds: ['a'] }, null)).toBe(false);
    expect(sameResponse({ kind: 'choice', optionIds: [] }, null)).toBe(true);
    expect(isAnswered({ kind: 'numeric', text: '' })).toBe(false);
  });
});

describe('describeResponse', () => {
  it('names options by letter and numbers as typed', () => {
    expect(describeResponse({ options }, { kind: 'choice', optionIds: ['a', 'c'] })).toBe('A, C');
    expect(describeResponse({ options }, { kind: 'numeric', text: ' 0.75 ' })).toBe('0.75');
    expect(describeResponse({ options }, null)).toBe('No answer');
  });
});
