// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import {
  acceptedAnswerLabel,
  describeResponse,
  isAnswered,
  keyInWords,
  pickOption,
  sameResponse,
  typedResponse,
} from './responses';

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

describe('short answers', () => {
  it('types text for a short answer and numbers for a numeric one', () => {
    expect(typedResponse('short', 'layer norm')).toEqual({ kind: 'text', text: 'layer norm' });
    expect(typedResponse('numeric', '0.5')).toEqual({ kind: 'numeric', text: '0.5' });
    expect(sameResponse({ kind: 'text', text: ' relu ' }, { kind: 'text', text: 'relu' })).toBe(
      true,
    );
    expect(sameResponse({ kind: 'text', text: '2' }, { kind: 'numeric', text: '2' })).toBe(false);
    expect(describeResponse({ options: [] }, { kind: 'text', text: ' Layer norm ' })).toBe(
      'Layer norm',
    );
  });

  it('says the key of a short answer as its text, and the credit of each accepted answer', () => {
    const feedback = { correctValue: 'layer norm', correctOptionIds: [] };
    expect(keyInWords({ kind: 'short', options: [] }, feedback)).toBe('layer norm');
    expect(
      keyInWords({ kind: 'msq', options }, { correctValue: null, correctOptionIds: ['a', 'c'] }),
    ).toBe('A, C');
    expect(acceptedAnswerLabel(100)).toBe('');
    expect(acceptedAnswerLabel(80)).toBe('(80% credit)');
    expect(acceptedAnswerLabel(33.33333)).toBe('(33.33% credit)');
    expect(acceptedAnswerLabel(0)).toBe('(no credit)');
  });
});
