/**
 * `multiclass-hinge-loss`: the multiclass SVM (Weston–Watkins) loss
 * L = Σ_{j ≠ y} max(0, s_j − s_y + Δ) of one score vector (levels 1–2, Δ = 1), or its mean over a
 * batch of two (level 3).
 */
import { multiclassHingeLoss } from '../../kernels';
import { numberAnswer, present, wrong } from '../answers';
import { finishDraw, spread } from '../draw-rules';
import { fmt, fmtRow, term } from '../format';
import type { Rng } from '../rng';
import { TemplateError } from '../types';
import type { Distractor, ParamBag, Problem, TemplateDefinition } from '../types';

const DECIMALS = 2;
const MARGIN = 1;

interface Example {
  readonly s: readonly number[];
  readonly y: number;
}

/** The per-class terms s_j − s_y + Δ for j ≠ y, before the hinge, in class order. */
function rawTerms(e: Example): { j: number; raw: number }[] {
  const out: { j: number; raw: number }[] = [];
  for (let j = 0; j < e.s.length; j++)
    if (j !== e.y) out.push({ j, raw: e.s[j] - e.s[e.y] + MARGIN });
  return out;
}

function hinged(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += Math.max(0, v);
  return total;
}

/** What each mistaken rule gives for one example. */
function mistakes(e: Example) {
  const terms = rawTerms(e).map((t) => t.raw);
  const others = e.s.filter((_, j) => j !== e.y);
  return {
    loss: hinged(terms),
    includedTrue: hinged(terms) + MARGIN,
    noClamp: terms.reduce((a, b) => a + b, 0),
    maxOnly: Math.max(0, ...terms),
    marginSubtracted: hinged(terms.map((t) => t - 2 * MARGIN)),
    swapped: hinged(others.map((sj) => e.s[e.y] - sj + MARGIN)),
    negatives: terms.some((t) => t < 0),
    positives: terms.filter((t) => t > 0).length,
  };
}

function drawExample(rng: Rng, level: 1 | 2 | 3): Example {
  if (level === 1) return { s: rng.ints(3, -2, 6), y: rng.int(0, 2) };
  if (level === 2) return { s: rng.decimals(4, -3, 5, 1), y: rng.int(0, 3) };
  return { s: rng.decimals(3, -2, 4, 1), y: rng.int(0, 2) };
}

function termText(e: Example): string {
  return rawTerms(e)
    .map(({ j }) => `\\max(0,\\, ${fmt(e.s[j], 4)} - ${term(e.s[e.y], 4)} + 1)`)
    .join(' + ');
}

function draw(rng: Rng, params: ParamBag): Problem {
  const level = params.level;
  const fixedScores = params.numbers('scores');
  const fixedTarget = params.int('target');
  let examples: Example[];
  if (fixedScores !== undefined || fixedTarget !== undefined) {
    if (fixedScores === undefined || fixedTarget === undefined)
      throw new TemplateError('scores and target must be given together');
    if (fixedTarget >= fixedScores.length)
      throw new TemplateError(`target must be a class index below ${fixedScores.length}`);
    examples = [{ s: fixedScores.slice(), y: fixedTarget }];
  } else {
    examples = level === 3 ? [drawExample(rng, 3), drawExample(rng, 3)] : [drawExample(rng, level)];
  }
  const fixed = fixedScores !== undefined;
  const batch = examples.length > 1;
  const n = examples.length;
  const per = examples.map(mistakes);
  const mean = (pick: (m: ReturnType<typeof mistakes>) => number) =>
    per.reduce((acc, m) => acc + pick(m), 0) / n;
  const losses = examples.map((e) => multiclassHingeLoss(e.s.slice(), e.y, MARGIN));
  const key = losses.reduce((a, b) => a + b, 0) / n;
  const num = (x: number) => numberAnswer(x, DECIMALS);
  const anyNegative = per.some((m) => m.negatives);
  const anyTwoViolations = per.some((m) => m.positives >= 2);
  const distractors: (Distractor | undefined)[] = [
    wrong(
      'hinge-included-true-class',
      num(mean((m) => m.includedTrue)),
      'The sum runs over the wrong classes only, $j \\neq y$: the true class would compare with itself and always add the margin 1.',
      'hinge-sum-wrong-classes',
    ),
    anyNegative
      ? wrong(
          'forgot-hinge-clamp',
          num(mean((m) => m.noClamp)),
          'Each term is clamped at zero: a class already beaten by more than the margin contributes nothing, not a negative amount.',
        )
      : undefined,
    // With a zero loss a smaller margin gives zero as well: no mistake to show.
    key > 0
      ? wrong(
          'margin-subtracted',
          num(mean((m) => m.marginSubtracted)),
          'The margin is added: a wrong class must score at least 1 below the true class before its term is zero.',
        )
      : undefined,
    wrong(
      'hinge-scores-swapped',
      num(mean((m) => m.swapped)),
      'A term penalises a wrong class that scores close to or above the true class: it is $s_j - s_y + 1$, not $s_y - s_j + 1$.',
    ),
    anyTwoViolations
      ? wrong(
          'hinge-max-not-sum',
          num(mean((m) => m.maxOnly)),
          'This multiclass SVM loss adds up the violations of every wrong class; keeping only the largest is a different loss (Crammer–Singer).',
        )
      : undefined,
    batch
      ? wrong(
          'summed-not-averaged',
          num(losses.reduce((a, b) => a + b, 0)),
          'The loss of the batch is the mean over the batch: divide the sum of the two losses by 2.',
          'loss-mean-reduction',
        )
      : undefined,
  ];
  const scoresText = (e: Example, i?: number) =>
    `${i === undefined ? '' : `example ${i + 1}: `}scores $s = ${fmtRow(e.s, 4)}$ with true class $y = ${e.y}$`;
  const definition =
    'the multiclass SVM (hinge) loss $L_i = \\sum_{j \\neq y} \\max(0,\\, s_j - s_y + \\Delta)$ with margin $\\Delta = 1$';
  const stem = batch
    ? `A linear classifier over three classes (numbered from 0) is trained with ${definition}, and the loss of a batch is the mean over the batch. ` +
      `For ${scoresText(examples[0], 0)}, and ${scoresText(examples[1], 1)}, what is the loss of the batch?`
    : `A linear classifier gives the ${scoresText(examples[0])} (classes numbered from 0). ` +
      `What is ${definition}?`;
  const steps = examples.map(
    (e, i) =>
      `${batch ? `Example ${i + 1}: ` : ''}$L${batch ? `_${i + 1}` : ''} = ${termText(e)} = ${rawTerms(
        e,
      )
        .map((t) => fmt(Math.max(0, t.raw), 4))
        .join(' + ')} = ${fmt(losses[i], 4)}$.`,
  );
  if (batch)
    steps.push(
      `Mean over the batch: $(${fmt(losses[0], 4)} + ${fmt(losses[1], 4)}) / 2 = ${fmt(key, DECIMALS)}$.`,
    );
  const first = examples[0];
  const firstTerms = rawTerms(first);
  return finishDraw(
    {
      stem,
      answer: num(key),
      needs: examples.map((e, i) => spread(`the scores of example ${i + 1}`, e.s)),
      distractors: present(distractors),
      correctFeedback:
        'Right: one hinge term per wrong class, each clamped at zero, added up' +
        (batch ? ', then averaged over the batch.' : '.'),
      explanation:
        'The multiclass SVM loss wants the true class to beat every other class by at least the margin. ' +
        'Each wrong class $j$ contributes $\\max(0, s_j - s_y + 1)$: nothing once it scores at least 1 below the ' +
        'true class, and more the closer it comes or the more it exceeds the true score. The true class is left out of ' +
        'the sum (it would always add the margin). Unlike cross-entropy, the loss is exactly zero once every margin ' +
        'is met, so well-separated examples stop pulling on the weights.',
      parts: [
        {
          id: 'first-term',
          prompt: `${batch ? 'Example 1: the' : 'The'} hinge term of class ${firstTerms[0].j}, $\\max(0,\\, s_{${firstTerms[0].j}} - s_y + 1)$.`,
          answer: num(Math.max(0, firstTerms[0].raw)),
          hint: 'Subtract the true-class score from this class score, add the margin 1, and clamp at zero.',
        },
        {
          id: 'example-loss',
          prompt: `${batch ? 'The loss of example 1' : 'The sum of the hinge terms over all classes except the true one'}.`,
          answer: num(losses[0]),
          hint: 'Add one clamped term per wrong class; the true class has no term.',
        },
        ...(batch
          ? [
              {
                id: 'second-loss',
                prompt: 'The loss of example 2.',
                answer: num(losses[1]),
                hint: 'The same sum over the wrong classes of example 2.',
              },
            ]
          : []),
      ],
      hints: {
        nudge:
          'Compare every wrong class with the true class: only a class within the margin of the true score (or above it) costs anything.',
        formula: '$L_i = \\sum_{j \\neq y} \\max(0,\\, s_j - s_y + 1)$',
      },
      steps,
    },
    { fixed },
  );
}

/** Multiclass hinge (SVM) loss of a score vector. */
export const multiclassHingeLossTemplate: TemplateDefinition = {
  id: 'multiclass-hinge-loss',
  topic: 'linear-classifiers',
  title: 'Multiclass SVM (hinge) loss of a score vector',
  answerKind: 'number',
  forms: ['mcq', 'numeric'],
  params: {
    scores: {
      kind: 'numbers',
      minLength: 2,
      maxLength: 6,
      description: 'class scores of one example (default: drawn; level 3 draws a batch of two)',
    },
    target: {
      kind: 'int',
      min: 0,
      max: 5,
      description: 'true class index, from 0 (default: drawn; give it with scores)',
    },
  },
  draw,
};
