/**
 * `softmax-ce-gradient`: the gradient of softmax cross-entropy with respect to the logits,
 * ∂L/∂z = p − y (y one-hot), for one example (levels 1–2), or for the first example of a batch of
 * two under reduction='mean', (p − y)/2 (level 3).
 */
import { softmax, softmaxCrossEntropyGrad } from '../../kernels';
import { numberAnswer, present, vectorAnswer, wrong } from '../answers';
import { finishDraw, spread } from '../draw-rules';
import { fmtRow } from '../format';
import type { Rng } from '../rng';
import { TemplateError } from '../types';
import type { ParamBag, Problem, TemplateDefinition } from '../types';

const DECIMALS = 3;

function drawLogits(rng: Rng, level: 1 | 2 | 3): number[] {
  if (level === 1) return rng.ints(3, 0, 3);
  if (level === 2) return rng.decimals(4, -2, 2, 1);
  return rng.decimals(3, -1, 2, 1);
}

function draw(rng: Rng, params: ParamBag): Problem {
  const fixedZ = params.numbers('z');
  const fixedY = params.int('target');
  if ((fixedZ === undefined) !== (fixedY === undefined))
    throw new TemplateError('z and target must be given together');
  const z = fixedZ?.slice() ?? drawLogits(rng, params.level);
  const y = fixedY ?? rng.int(0, z.length - 1);
  if (y >= z.length) throw new TemplateError(`target must be a class index below ${z.length}`);
  const batch = params.level === 3 && fixedZ === undefined;
  const other = batch ? drawLogits(rng, 3) : undefined;
  const otherY = batch ? rng.int(0, 2) : 0;
  const n = batch ? 2 : 1;
  const p = softmax(z);
  const grad = softmaxCrossEntropyGrad(z, y).map((g) => g / n);
  const onehot = z.map((_, i) => (i === y ? 1 : 0));
  const vec = (values: readonly number[]) => vectorAnswer(values, DECIMALS);
  const scaled = (values: readonly number[]) => vec(values.map((v) => v / n));
  const sigma = z.map((v) => 1 / (1 + Math.exp(-v)));
  const classes = z.length;
  const stem = batch
    ? `A classifier over ${classes} classes (numbered from 0) is trained with \`nn.CrossEntropyLoss\` on raw logits, ` +
      `with the default reduction: the loss of a batch is the mean over the batch. In a batch of two, example 1 has logits ` +
      `$z^{(1)} = ${fmtRow(z, 4)}$ with true class $y = ${y}$, and example 2 has logits $z^{(2)} = ${fmtRow(other ?? [], 4)}$ with true class ${otherY}. ` +
      `What is the gradient of the batch loss with respect to example 1's logits, $\\partial L / \\partial z^{(1)}$?`
    : `A classifier over ${classes} classes (numbered from 0) outputs the raw logits $z = ${fmtRow(z, 4)}$, the true class is $y = ${y}$, ` +
      `and the loss is the softmax cross-entropy $L = -\\ln \\operatorname{softmax}(z)_y$ (as \`nn.CrossEntropyLoss\` computes it). ` +
      `What is the gradient $\\partial L / \\partial z$?`;
  return finishDraw(
    {
      stem,
      answer: vec(grad),
      needs: [spread('the logits', z)],
      distractors: present([
        wrong(
          'grad-forgot-onehot',
          scaled(p),
          'The target enters the gradient too: subtract 1 at the true class, $p - y$ with $y$ one-hot.',
        ),
        wrong(
          'grad-sign-flipped',
          scaled(p.map((pi, i) => onehot[i] - pi)),
          'The gradient of the loss points towards raising the wrong classes: $p - y$, positive off the true class. Gradient descent then subtracts it.',
        ),
        wrong(
          'grad-logits-not-probs',
          scaled(z.map((zi, i) => zi - onehot[i])),
          'The one-hot target is subtracted from the softmax probabilities, not from the raw logits.',
        ),
        wrong(
          'grad-subtract-all',
          scaled(p.map((pi) => pi - 1)),
          'Only the true class has a 1 in the one-hot target; every other class keeps its probability $p_j$.',
        ),
        wrong(
          'sigmoid-instead-of-softmax',
          scaled(sigma.map((s, i) => s - onehot[i])),
          'The probabilities come from a softmax over all classes, not a sigmoid per logit.',
        ),
        batch
          ? wrong(
              'grad-forgot-batch-mean',
              vec(softmaxCrossEntropyGrad(z, y)),
              'The batch loss is the mean of the two losses, so each example’s gradient carries a factor 1/2.',
              'loss-mean-reduction',
            )
          : undefined,
      ]),
      correctFeedback:
        'Right: softmax probabilities minus the one-hot target' +
        (batch ? ', divided by the batch size 2 of the mean.' : '; the entries sum to 0.'),
      explanation:
        'For $L = -\\ln p_y$ with $p = \\operatorname{softmax}(z)$, the chain rule through the softmax collapses to ' +
        '$\\partial L / \\partial z_j = p_j - [j = y]$: every wrong class is pushed down in proportion to the probability ' +
        'it receives, and the true class is pushed up by $1 - p_y$. The entries sum to zero, and the gradient vanishes ' +
        'only when $p$ is the one-hot target. With reduction="mean" over a batch of $N$ each example’s gradient is ' +
        'divided by $N$. This simple form is one reason softmax and cross-entropy are fused into one loss.',
      parts: [
        {
          id: 'probabilities',
          prompt: `The softmax probabilities $p = \\operatorname{softmax}(${batch ? 'z^{(1)}' : 'z'})$, class 0 first.`,
          answer: vectorAnswer(p, DECIMALS),
          hint: 'Exponentiate each logit and divide by the sum of the exponentials.',
        },
        {
          id: 'true-class-entry',
          prompt: `The entry of $p - y$ at the true class, $p_{${y}} - 1$${batch ? ' (before any batch averaging)' : ''}.`,
          answer: numberAnswer(p[y] - 1, DECIMALS),
          hint: 'The one-hot target has its only 1 at the true class.',
        },
      ],
      hints: {
        nudge:
          'The derivative of cross-entropy through a softmax is strikingly simple: compare the predicted distribution with the target distribution.',
        formula: `$\\frac{\\partial L}{\\partial z_j} = ${batch ? '\\frac{1}{N}(p_j - y_j)' : 'p_j - y_j'}$, $y$ one-hot`,
      },
      steps: [
        `Softmax: $p = ${fmtRow(p, 4)}$.`,
        `Subtract the one-hot target $y = ${fmtRow(onehot)}$: $p - y = ${fmtRow(
          p.map((pi, i) => pi - onehot[i]),
          4,
        )}$.`,
        ...(batch ? [`Divide by the batch size $N = 2$ of the mean: $${fmtRow(grad, 4)}$.`] : []),
      ],
      entryHint: `the ${classes} partial derivatives, class 0 first`,
    },
    { fixed: fixedZ !== undefined },
  );
}

/** Gradient of softmax cross-entropy with respect to the logits. */
export const softmaxCeGradientTemplate: TemplateDefinition = {
  id: 'softmax-ce-gradient',
  topic: 'backpropagation',
  title: 'Gradient of softmax cross-entropy with respect to the logits (p − y)',
  answerKind: 'vector',
  forms: ['mcq', 'numeric'],
  params: {
    z: {
      kind: 'numbers',
      minLength: 2,
      maxLength: 6,
      description: 'raw logits (default: drawn; with z given, a single example)',
    },
    target: {
      kind: 'int',
      min: 0,
      max: 5,
      description: 'true class index, from 0 (default: drawn; give it with z)',
    },
  },
  draw,
};
