import { describe, expect, it } from 'vitest';
import { checkVariant } from './check';
import { generateVariant, listTemplates, MAX_SEED } from './registry';
import { TemplateError } from './types';

const EXPECTED: Record<string, string> = {
  'batchnorm-train-stats': 'normalization',
  'batchnorm-inference': 'normalization',
  'layernorm-stats': 'normalization',
  'norm-axes': 'normalization',
  'conv-transpose1d': 'upsampling',
  'conv-transpose2d': 'upsampling',
  'conv-transpose-output-size': 'upsampling',
  'conv-output-size': 'cnn-arithmetic',
  'maxpool-unpool': 'upsampling',
  'soft-dice': 'segmentation',
  iou: 'segmentation',
  'regularized-step': 'regularization',
  'softmax-temperature': 'activations',
  'leaky-relu': 'activations',
  'triplet-loss': 'metric-learning',
  'depthwise-separable-cost': 'efficient-cnns',
  'inverted-dropout': 'dropout',
};

describe('listTemplates', () => {
  it('lists the templates the built-in bank refers to, with their topics', () => {
    const listed = Object.fromEntries(listTemplates().map((t) => [t.id, t.topic]));
    // The first templates keep their ids and topics (bank items and mastery refer to them);
    // the whole-course groups add more, each on a topic id.
    expect(listed).toMatchObject(EXPECTED);
    expect(new Set(listTemplates().map((t) => t.id)).size).toBe(listTemplates().length);
    for (const t of listTemplates()) expect(t.topic, t.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(listTemplates().length).toBeGreaterThanOrEqual(35);
  });

  it('documents level and every param, and offers an MCQ form everywhere', () => {
    for (const t of listTemplates()) {
      expect(t.params.level).toMatch(/1, 2 or 3/);
      expect(t.forms).toContain('mcq');
      expect(t.forms.includes('numeric')).toBe(t.answerKind !== 'choice');
      for (const description of Object.values(t.params))
        expect(description.length).toBeGreaterThan(10);
    }
  });
});

describe('generateVariant errors', () => {
  it('throws TemplateError for an unknown template, bad seed, bad level, unknown param, bad form', () => {
    expect(() => generateVariant('no-such-template', 1)).toThrow(TemplateError);
    expect(() => generateVariant('iou', -1)).toThrow(TemplateError);
    expect(() => generateVariant('iou', 1.5)).toThrow(TemplateError);
    expect(() => generateVariant('iou', MAX_SEED + 1)).toThrow(TemplateError);
    expect(() => generateVariant('iou', 1, { params: { level: 4 } })).toThrow(/level/);
    expect(() => generateVariant('iou', 1, { params: { level: 0 } })).toThrow(TemplateError);
    expect(() => generateVariant('iou', 1, { params: { level: 'two' } })).toThrow(TemplateError);
    expect(() => generateVariant('iou', 1, { params: { colour: 'red' } })).toThrow(
      /unknown param "colour"/,
    );
    expect(() => generateVariant('norm-axes', 1, { form: 'numeric' })).toThrow(TemplateError);
    expect(() => generateVariant('conv-transpose1d', 1, { params: { x: '1,a' } })).toThrow(
      /param x/,
    );
    expect(() => generateVariant('conv-transpose1d', 1, { params: { stride: 0 } })).toThrow(
      /param stride/,
    );
    expect(() => generateVariant('conv-transpose1d', 1, { params: { preset: 'book' } })).toThrow(
      TemplateError,
    );
  });

  it('refuses fixed params that cannot give a valid question, with a TemplateError', () => {
    // Kernel larger than the padded input: the kernel refuses it.
    expect(() =>
      generateVariant('conv-output-size', 0, { params: { in: 3, kernel: 7, padding: 0 } }),
    ).toThrow(TemplateError);
    // Masks of different shapes.
    expect(() => generateVariant('soft-dice', 0, { params: { a: '1,0;0,1', b: '1,0,1' } })).toThrow(
      TemplateError,
    );
    // Leaky ReLU needs both signs to tell the options apart.
    expect(() => generateVariant('leaky-relu', 0, { params: { x: '1,2,3' } })).toThrow(
      TemplateError,
    );
  });

  it('accepts the seed range ends and string params as the CLI passes them', () => {
    expect(generateVariant('iou', 0).seed).toBe(0);
    expect(generateVariant('iou', MAX_SEED).seed).toBe(MAX_SEED);
    const fromStrings = generateVariant('conv-transpose1d', 5, {
      params: { level: '2', stride: '3' },
    });
    const fromNumbers = generateVariant('conv-transpose1d', 5, { params: { level: 2, stride: 3 } });
    expect(fromStrings).toEqual(fromNumbers);
  });
});

describe('determinism', () => {
  it('gives deep-equal variants and identical JSON for the same seed and options', () => {
    for (const t of listTemplates()) {
      for (const form of t.forms) {
        for (const seed of [0, 1, 77, 123456, MAX_SEED]) {
          const a = generateVariant(t.id, seed, { form, params: { level: 1 + (seed % 3) } });
          const b = generateVariant(t.id, seed, { form, params: { level: 1 + (seed % 3) } });
          expect(b).toEqual(a);
          expect(JSON.stringify(b)).toBe(JSON.stringify(a));
        }
      }
    }
  });

  it('gives different numbers for different seeds (usually)', () => {
    for (const t of listTemplates()) {
      const stems = new Set<string>();
      for (let seed = 0; seed < 20; seed++) stems.add(generateVariant(t.id, seed).question.stem);
      expect(stems.size, t.id).toBeGreaterThan(5);
    }
  });

  it('asks the same question in both forms of one seed', () => {
    for (const t of listTemplates().filter((x) => x.forms.includes('numeric'))) {
      const m = generateVariant(t.id, 9, { form: 'mcq' }).question;
      const n = generateVariant(t.id, 9, { form: 'numeric' }).question;
      expect(n.stem.startsWith(m.stem), t.id).toBe(true);
      expect(n.explanation).toBe(m.explanation);
    }
  });

  it('produces no -0, NaN or Infinity in the JSON', () => {
    for (const t of listTemplates()) {
      for (let seed = 0; seed < 30; seed++) {
        const json = JSON.stringify(
          generateVariant(t.id, seed, { form: t.forms[seed % t.forms.length] }),
        );
        expect(json).not.toMatch(/NaN|Infinity|null/);
      }
    }
  });
});

describe('every template, 600 seeds × both forms × levels 1–3', () => {
  for (const t of listTemplates()) {
    it(`${t.id} passes checkVariant`, () => {
      const problems: string[] = [];
      const seen = new Set<string>();
      for (let seed = 0; seed < 600; seed++) {
        for (const form of t.forms) {
          const level = 1 + (seed % 3);
          const v = generateVariant(t.id, seed, { form, params: { level } });
          for (const p of checkVariant(v)) problems.push(`${seed} ${form} L${level}: ${p}`);
          if (form === 'mcq') {
            expect(v.question.options).toHaveLength(4);
            for (const o of v.question.options ?? [])
              if (o.misconception) seen.add(o.misconception.id);
          }
        }
      }
      expect(problems.slice(0, 10)).toEqual([]);
      // The misconceptions are not stuck on one or two: each template uses at least three.
      expect(seen.size).toBeGreaterThanOrEqual(3);
    });
  }
});

describe('numeric form', () => {
  it('uses an integer tolerance for whole answers and half a unit for rounded ones', () => {
    const whole = generateVariant('conv-output-size', 0, { form: 'numeric' }).question;
    expect(whole.numeric?.tolerance).toEqual({ abs: 1e-9 });
    expect(whole.answerFormat).toMatch(/whole number/);
    const rounded = generateVariant('soft-dice', 0, { form: 'numeric' }).question;
    expect(rounded.numeric?.tolerance).toEqual({ abs: 0.0005 });
    expect(rounded.stem).toMatch(/rounded to 3 decimal places\.$/);
  });
});
