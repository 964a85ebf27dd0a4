/**
 * `softmax-cross-entropy`: the loss nn.CrossEntropyLoss gives for raw logits and a class index,
 * L = −ln softmax(z)_y (natural log), for one example (levels 1–2) or averaged over a batch of two
 * (level 3, reduction='mean').
 */
import { softmax, softmaxCrossEntropy } from '../../kernels';
import { numberAnswer, present, wrong } from '../answers';
import { finishDraw, spread } from '../draw-rules';
import { fmt, fmtRow } from '../format';
import type { Rng } from '../rng';
import { TemplateError } from '../types';
import type { ParamBag, Problem, TemplateDefinition } from '../types';

const DECIMALS = 3;

interface Example {
  readonly z: readonly number[];
  readonly y: number;
}

function drawExample(rng: Rng, level: 1 | 2 | 3): Example {
  if (level === 1) return { z: rng.ints(3, 1, 4), y: rng.int(0, 2) };
  if (level === 2) return { z: rng.decimals(4, -2, 3, 1), y: rng.int(0, 3) };
  return { z: rng.decimals(3, -1, 3, 1), y: rng.int(0, 2) };
}

/** The unique arg-max, or −1 on a tie. */
function argmax(z: readonly number[]): number {
  let best = 0;
  let tie = false;
  for (let i = 1; i < z.length; i++) {
    if (z[i] > z[best]) {
      best = i;
      tie = false;
    } else if (z[i] === z[best]) tie = true;
  }
  return tie ? -1 : best;
}

/** What each rule gives for one example. */
function rules(e: Example) {
  const p = softmax(e.z.slice());
  const logSumExp = Math.log(e.z.reduce((acc, v) => acc + Math.exp(v), 0));
  const loss = softmaxCrossEntropy(e.z.slice(), e.y);
  const top = argmax(e.z);
  const sum = e.z.reduce((a, b) => a + b, 0);
  return {
    p,
    logSumExp,
    loss,
    log10: loss / Math.LN10,
    twice: -Math.log(softmax(p)[e.y]),
    predicted: top >= 0 && top !== e.y ? -Math.log(p[top]) : undefined,
    oneMinus: -Math.log(1 - p[e.y]),
    sigmoid: Math.log1p(Math.exp(-e.z[e.y])),
    noExp: e.z.every((v) => v > 0) ? -Math.log(e.z[e.y] / sum) : undefined,
  };
}

function draw(rng: Rng, params: ParamBag): Problem {
  const fixedZ = params.numbers('z');
  const fixedY = params.int('target');
  let examples: Example[];
  if (fixedZ !== undefined || fixedY !== undefined) {
    if (fixedZ === undefined || fixedY === undefined)
      throw new TemplateError('z and target must be given together');
    if (fixedY >= fixedZ.length)
      throw new TemplateError(`target must be a class index below ${fixedZ.length}`);
    examples = [{ z: fixedZ.slice(), y: fixedY }];
  } else {
    examples =
      params.level === 3
        ? [drawExample(rng, 3), drawExample(rng, 3)]
        : [drawExample(rng, params.level)];
  }
  const batch = examples.length > 1;
  const n = examples.length;
  const per = examples.map(rules);
  const mean = (pick: (r: ReturnType<typeof rules>) => number | undefined) => {
    let total = 0;
    for (const r of per) {
      const v = pick(r);
      if (v === undefined) return undefined;
      total += v;
    }
    return total / n;
  };
  const key = mean((r) => r.loss) as number;
  const num = (x: number) => numberAnswer(x, DECIMALS);
  const maybe = (x: number | undefined) => (x === undefined ? undefined : num(x));
  const predicted = maybe(mean((r) => r.predicted));
  const noExp = maybe(mean((r) => r.noExp));
  const classes = examples[0].z.length;
  const exampleText = (e: Example, i?: number) =>
    `${i === undefined ? '' : `example ${i + 1} has `}logits $z = ${fmtRow(e.z, 4)}$ and true class $y = ${e.y}$`;
  const rule =
    '`nn.CrossEntropyLoss`, which takes the raw logits and the class index and applies log-softmax itself: ' +
    '$L = -\\ln \\operatorname{softmax}(z)_y$, with the natural log';
  const stem = batch
    ? `A classifier over ${classes} classes (numbered from 0) is trained with ${rule}; with the default reduction the loss of a batch is the mean over the batch. ` +
      `In a batch of two, ${exampleText(examples[0], 0)}; ${exampleText(examples[1], 1)}. What is the loss of the batch?`
    : `A classifier over ${classes} classes (numbered from 0) outputs the ${exampleText(examples[0])}. ` +
      `It is trained with ${rule}. What is the loss?`;
  const steps: string[] = [];
  examples.forEach((e, i) => {
    const r = per[i];
    const label = batch ? `Example ${i + 1}: ` : '';
    steps.push(
      `${label}$\\sum_j e^{z_j} = ${e.z.map((v) => `e^{${fmt(v, 4)}}`).join(' + ')} \\approx ${fmt(Math.exp(r.logSumExp), 4)}$, ` +
        `so $p_{${e.y}} = e^{${fmt(e.z[e.y], 4)}} / ${fmt(Math.exp(r.logSumExp), 4)} \\approx ${fmt(r.p[e.y], 4)}$.`,
      `${label}$L${batch ? `_${i + 1}` : ''} = -\\ln ${fmt(r.p[e.y], 4)} = \\ln\\sum_j e^{z_j} - z_y \\approx ${fmt(r.logSumExp, 4)} - ${fmt(e.z[e.y], 4)} \\approx ${fmt(r.loss, 4)}$.`,
    );
  });
  if (batch)
    steps.push(
      `Mean over the batch: $(${fmt(per[0].loss, 4)} + ${fmt(per[1].loss, 4)}) / 2 \\approx ${fmt(key, DECIMALS)}$.`,
    );
  return finishDraw(
    {
      stem,
      answer: num(key),
      needs: examples.map((e, i) => spread(`the logits of example ${i + 1}`, e.z)),
      distractors: present([
        wrong(
          'ce-log10',
          num(mean((r) => r.log10) as number),
          'This is the base-10 logarithm; cross-entropy in PyTorch uses the natural log (the result is larger by a factor ln 10 ≈ 2.303).',
          'natural-log',
        ),
        wrong(
          'ce-softmax-twice',
          num(mean((r) => r.twice) as number),
          'The loss applies log-softmax to the raw logits itself. Applying softmax first and feeding the probabilities in squashes them a second time.',
          'ce-takes-logits',
        ),
        predicted === undefined
          ? undefined
          : wrong(
              'ce-predicted-class',
              predicted,
              'The loss looks at the probability of the true class $y$, not of the class the model currently ranks highest.',
            ),
        wrong(
          'ce-one-minus-p',
          num(mean((r) => r.oneMinus) as number),
          'Cross-entropy with a one-hot target is $-\\ln p_y$; $-\\ln(1 - p_y)$ is the binary loss of the other label.',
        ),
        wrong(
          'sigmoid-instead-of-softmax',
          num(mean((r) => r.sigmoid) as number),
          'A sigmoid on the true logit ignores the other classes; softmax normalises over all of them.',
        ),
        noExp === undefined
          ? undefined
          : wrong(
              'normalised-without-exp',
              noExp,
              'Softmax exponentiates before normalising; dividing the raw logit by the sum of logits is not a probability the loss uses.',
            ),
        wrong(
          'ce-forgot-minus',
          num(-key),
          'A log-probability is at most 0; the loss is its negative, so it is never below 0.',
        ),
        batch
          ? wrong(
              'summed-not-averaged',
              num(per[0].loss + per[1].loss),
              "With the default reduction='mean' the two losses are averaged, not added.",
              'loss-mean-reduction',
            )
          : undefined,
      ]),
      correctFeedback:
        'Right: $-\\ln p_y = \\ln\\sum_j e^{z_j} - z_y$ with the natural log' +
        (batch ? ', averaged over the batch.' : '.'),
      explanation:
        'Softmax cross-entropy turns the logits into probabilities $p = \\operatorname{softmax}(z)$ and charges ' +
        '$-\\ln p_y$ for the true class $y$: zero only when the model puts all its probability on $y$, and growing ' +
        'without bound as $p_y \\to 0$. Implementations use the equivalent $\\ln\\sum_j e^{z_j} - z_y$ (log-sum-exp), ' +
        'which is stable for large logits. `nn.CrossEntropyLoss` expects raw logits and class indices: it applies ' +
        'log-softmax itself, so a softmax layer before it is a bug that flattens the probabilities and slows learning.',
      parts: [
        {
          id: 'true-class-probability',
          prompt: `${batch ? 'Example 1: the' : 'The'} softmax probability of the true class, $p_y = e^{z_y} / \\sum_j e^{z_j}$.`,
          answer: numberAnswer(per[0].p[examples[0].y], DECIMALS),
          hint: 'Exponentiate every logit, add them up, and divide the true class’s exponential by the sum.',
        },
        {
          id: 'log-sum-exp',
          prompt: `${batch ? 'Example 1: the' : 'The'} log-sum-exp $\\ln \\sum_j e^{z_j}$ (natural log).`,
          answer: numberAnswer(per[0].logSumExp, DECIMALS),
          hint: 'The loss is this value minus the true logit $z_y$.',
        },
        ...(batch
          ? [
              {
                id: 'second-loss',
                prompt: 'The loss of example 2 alone, $-\\ln p_y$.',
                answer: numberAnswer(per[1].loss, DECIMALS),
                hint: 'The same computation with the logits and true class of example 2.',
              },
            ]
          : []),
      ],
      hints: {
        nudge:
          'Turn the logits into probabilities first; the loss only looks at the probability of the true class.',
        formula: '$L = -\\ln \\frac{e^{z_y}}{\\sum_j e^{z_j}} = \\ln\\sum_j e^{z_j} - z_y$',
      },
      steps,
    },
    { fixed: fixedZ !== undefined },
  );
}

/** Softmax cross-entropy (nn.CrossEntropyLoss) of logits and a class index. */
export const softmaxCrossEntropyTemplate: TemplateDefinition = {
  id: 'softmax-cross-entropy',
  topic: 'linear-classifiers',
  title: 'Softmax cross-entropy loss of logits (nn.CrossEntropyLoss)',
  answerKind: 'number',
  forms: ['mcq', 'numeric'],
  params: {
    z: {
      kind: 'numbers',
      minLength: 2,
      maxLength: 6,
      description: 'raw logits of one example (default: drawn; level 3 draws a batch of two)',
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
