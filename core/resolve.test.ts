import { describe, expect, it } from 'vitest';
import { resolveQuestion, type ResolvableQuestion } from './resolve';
import { generateVariant } from './templates/registry';
import type { QuestionPart } from './types';

const fixed: ResolvableQuestion = {
  type: 'numeric',
  stem: 'A neuron outputs 4, 0 and 8. What mean does batch norm subtract?',
  explanation: '$(4 + 0 + 8) / 3 = 4$.',
  answerFormat: null,
  options: [],
  numeric: { value: 4, tolerance: { abs: 0.01 } },
  template: null,
};

const ladder = ['Average over the batch.', '$\\mu = \\frac{1}{m}\\sum_i x_i$'];
const parts: QuestionPart[] = [
  {
    id: 'sum',
    prompt: 'Add the outputs.',
    key: { value: 12, tolerance: { abs: 0 } },
    answerFormat: 'a number',
  },
  {
    id: 'mean',
    prompt: 'Divide by 3.',
    key: { value: 4, tolerance: { abs: 0.01 } },
    answerFormat: 'a number',
    hint: 'Three examples.',
  },
];

const template = (id: string, hints: readonly string[]): ResolvableQuestion => ({
  type: 'template',
  stem: null,
  explanation: null,
  answerFormat: null,
  options: [],
  numeric: null,
  template: { id, form: 'numeric', params: null },
  hints,
});

describe('resolveQuestion: hints and parts', () => {
  it('passes a fixed item’s ladder and parts through as stored', () => {
    const resolved = resolveQuestion({ ...fixed, hints: ladder, parts }, null);
    expect(resolved.hints).toEqual(ladder);
    expect(resolved.parts).toEqual(parts);
    expect(resolved.numeric).toEqual(fixed.numeric);
  });

  it('leaves the fields out, not empty, when a fixed item has none', () => {
    for (const question of [fixed, { ...fixed, hints: [], parts: [] }]) {
      const resolved = resolveQuestion(question, null);
      expect(Object.hasOwn(resolved, 'hints')).toBe(false);
      expect(Object.hasOwn(resolved, 'parts')).toBe(false);
    }
  });

  it('gives a choice item its hints (parts belong to numeric items only)', () => {
    const resolved = resolveQuestion(
      {
        ...fixed,
        type: 'mcq',
        numeric: null,
        options: [
          { id: 'a', text: '4', correct: true },
          { id: 'b', text: '12', correct: false },
        ],
        hints: ladder,
        parts,
      },
      null,
    );
    expect(resolved.kind).toBe('mcq');
    expect(resolved.hints).toEqual(ladder);
    expect(Object.hasOwn(resolved, 'parts')).toBe(false);
  });

  it('keeps a template’s own ladder and parts when the item gives no hints', () => {
    const generated = generateVariant('soft-dice', 7, { form: 'numeric' }).question;
    expect(generated.hints?.length).toBeGreaterThan(0);
    const resolved = resolveQuestion(template('soft-dice', []), 7);
    expect(resolved.hints).toEqual(generated.hints);
    expect(resolved.parts).toEqual(generated.parts);
  });

  it('replaces the template’s ladder with the item’s hints, keeping its parts', () => {
    const generated = generateVariant('soft-dice', 7, { form: 'numeric' }).question;
    const resolved = resolveQuestion(template('soft-dice', ['Our own nudge.']), 7);
    expect(resolved.hints).toEqual(['Our own nudge.']);
    expect(resolved.parts).toEqual(generated.parts);
    expect(resolved.numeric).toEqual(generated.numeric);
  });

  it('gives the item’s hints to any template, with or without a ladder of its own', () => {
    expect(resolveQuestion(template('conv-output-size', ladder), 1).hints).toEqual(ladder);
  });
});
