import { describe, expect, it } from 'vitest';
import { createClassReportBuilder } from '../../core/class-report';
import type { ChoiceOption } from '../../core/types';
import { describeInteraction, isTrueFalse, numericRange } from './xapi-interaction';
import { latexToText, plainText } from './xapi-text';

const opt = (id: string, text: string, correct = false): ChoiceOption => ({ id, text, correct });

describe('plainText', () => {
  it.each([
    ['What is $\\frac{a}{b}$ when **a** = 3?', 'What is a/b when a = 3?'],
    ['$\\frac{x+1}{2}$ over $\\sqrt{\\sigma^2 + \\epsilon}$', '(x+1)/2 over √(σ^2 + ε)'],
    [
      '## Batch norm\n- item *one*\n- item `two`\n> a quote',
      'Batch norm item one item two a quote',
    ],
    ['$$\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}$$', '[1, 2; 3, 4]'],
    ['$\\mathcal{L} = -\\sum_{i=1}^{N} y_i \\log p_i$', 'L = -Σ_(i=1)^N y_i log p_i'],
    [
      '![a chart](data:image/png;base64,iVBORw0KGgo=) see [the notes](https://x.example)',
      'a chart see the notes',
    ],
    ['| a | b |\n|---|---|\n| 1 | 2 |', 'a | b 1 | 2'],
    [
      '$\\left( \\frac{1}{n} \\right)$, $\\mathbb{E}[x]$, $W^\\top x$, $\\hat{y}$',
      '(1/n), 𝔼[x], Wᵀ x, ŷ',
    ],
    ['**$x$** is __bold__', 'x is bold'],
  ])('%j reads %j', (markdown, expected) => {
    expect(plainText(markdown)).toBe(expected);
  });

  it('leaves no dollar delimiters, backslashes or bold markers in LaTeX-heavy stems', () => {
    const text = plainText(
      'With $\\gamma = 2$ and $\\beta = 0.5$, **compute** $$y = \\gamma \\cdot \\frac{x - \\mu}{\\sqrt{\\sigma^{2} + \\epsilon}} + \\beta$$',
    );
    expect(text).toBe('With γ = 2 and β = 0.5, compute y = γ · (x - μ)/√(σ^2 + ε) + β');
    expect(text).not.toMatch(/[$\\]|\*\*/);
  });

  it('turns an unknown command into its name and drops stray braces', () => {
    expect(latexToText('\\operatorname{softmax}(z)_{k}')).toBe('softmax(z)_k');
    expect(latexToText('\\foo{x}')).toBe('foox');
  });
});

describe('numericRange', () => {
  it('writes ranges without floating-point noise', () => {
    // 0.1 + 0.2 is 0.30000000000000004 in binary floating point.
    expect(numericRange(0.1 + 0.2, {})).toBe('0.3');
    expect(numericRange(0.3, { abs: 0.1 })).toBe('0.2[:]0.4');
    expect(0.3 - 0.1).not.toBe(0.2);
    // rel 1% of 200 is 2; abs 0.5 is smaller, so the wider (either passes grading) wins.
    expect(numericRange(200, { abs: 0.5, rel: 0.01 })).toBe('198[:]202');
    expect(numericRange(-1.5, { abs: 0.25 })).toBe('-1.75[:]-1.25');
  });
});

describe('describeInteraction', () => {
  it('makes a True/False question a true-false interaction with true/false pattern and response', () => {
    const key = {
      options: [opt('t', 'True'), opt('f', '**False**', true)],
      numeric: null,
      description: 'Dropout is applied at test time.',
    };
    expect(isTrueFalse(key.options)).toBe(true);
    expect(describeInteraction('mcq', key, { kind: 'choice', optionIds: ['t'] }, '')).toEqual({
      definition: {
        description: { 'en-US': 'Dropout is applied at test time.' },
        interactionType: 'true-false',
        correctResponsesPattern: ['false'],
      },
      response: 'true',
    });
  });

  it('writes choices as plain text in the order shown, the key ids joined by [,]', () => {
    const key = {
      options: [
        opt('c', 'Uses $\\mu_B$ of the batch'),
        opt('a', 'Running mean', true),
        opt('b', '*Both*', true),
      ],
      numeric: null,
      description: 'At **test** time, BN uses…',
    };
    expect(describeInteraction('msq', key, { kind: 'choice', optionIds: ['a', 'c'] }, '')).toEqual({
      definition: {
        description: { 'en-US': 'At test time, BN uses…' },
        interactionType: 'choice',
        correctResponsesPattern: ['a[,]b'],
        choices: [
          { id: 'c', description: { 'en-US': 'Uses μ_B of the batch' } },
          { id: 'a', description: { 'en-US': 'Running mean' } },
          { id: 'b', description: { 'en-US': 'Both' } },
        ],
      },
      response: 'a[,]c',
    });
  });

  it('gives a scalar key a numeric range and a vector key one performance step per number', () => {
    expect(
      describeInteraction(
        'numeric',
        {
          options: null,
          numeric: { value: 0.1 + 0.2, tolerance: { abs: 0.01 } },
          description: null,
        },
        { kind: 'numeric', text: ' 0.3 ' },
        '',
      ),
    ).toEqual({
      definition: { interactionType: 'numeric', correctResponsesPattern: ['0.29[:]0.31'] },
      response: '0.3',
    });
    expect(
      describeInteraction(
        'template',
        {
          options: null,
          numeric: { value: [0.1 + 0.2, -2, 4], tolerance: { abs: 0.05 } },
          description: 'Output $y$ of the transposed convolution?',
        },
        { kind: 'numeric', text: '[0.3, -2, 4.04]' },
        '',
      ),
    ).toEqual({
      definition: {
        description: { 'en-US': 'Output y of the transposed convolution?' },
        interactionType: 'performance',
        steps: [
          { id: '1', description: { 'en-US': 'number 1 of 3' } },
          { id: '2', description: { 'en-US': 'number 2 of 3' } },
          { id: '3', description: { 'en-US': 'number 3 of 3' } },
        ],
        correctResponsesPattern: ['1[.]0.25[:]0.35[,]2[.]-2.05[:]-1.95[,]3[.]3.95[:]4.05'],
      },
      response: '1[.]0.3[,]2[.]-2[,]3[.]4.04',
    });
  });

  it('keeps a vector answer of the wrong length as typed, and words as fill-in', () => {
    const vector = { options: null, numeric: { value: [1, 2], tolerance: {} }, description: null };
    expect(
      describeInteraction('numeric', vector, { kind: 'numeric', text: '1 2 3' }, '').response,
    ).toBe('1 2 3');
    expect(describeInteraction('short', null, { kind: 'text', text: 'running mean' }, '')).toEqual({
      definition: { interactionType: 'fill-in' },
      response: 'running mean',
    });
  });

  it('without a key still says the kind of answer, with no pattern', () => {
    expect(describeInteraction('mcq', null, { kind: 'choice', optionIds: ['b'] }, '')).toEqual({
      definition: { interactionType: 'choice' },
      response: 'b',
    });
    expect(describeInteraction('numeric', null, null, '{"odd":1}')).toEqual({
      definition: { interactionType: 'numeric' },
      response: '{"odd":1}',
    });
  });
});

describe('the class report reads these statements', () => {
  it('counts a true-false item: picks of true and false and its facility', () => {
    const key = {
      options: [opt('t', 'True'), opt('f', 'False', true)],
      numeric: null,
      description: null,
    };
    const builder = createClassReportBuilder();
    // Three learners: A picks True (wrong), B and C pick False (right): facility 2/3.
    (
      [
        ['A', 't'],
        ['B', 'f'],
        ['C', 'f'],
      ] as const
    ).forEach(([learner, picked], i) => {
      const { definition, response } = describeInteraction(
        'mcq',
        key,
        { kind: 'choice', optionIds: [picked] },
        '',
      );
      builder.add({
        id: `00000000-0000-5000-8000-00000000000${i + 1}`,
        actor: {
          objectType: 'Agent',
          name: learner,
          account: { homePage: 'https://x.edu', name: learner },
        },
        verb: { id: 'http://adlnet.gov/expapi/verbs/answered' },
        object: {
          objectType: 'Activity',
          id: 'https://x.edu/deepdrill/banks/b/items/tf',
          definition,
        },
        result: { score: { scaled: picked === 'f' ? 1 : 0 }, success: picked === 'f', response },
      });
    });
    const item = builder.finish().items[0];
    expect(item.interactionType).toBe('true-false');
    expect(item.facility).toBeCloseTo(2 / 3);
    expect(item.options.map((o) => [o.id, o.correct, o.picks])).toEqual([
      ['true', false, 1],
      ['false', true, 2],
    ]);
  });
});
