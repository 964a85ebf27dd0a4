/**
 * `classification-losses`: PyTorch's classification losses on raw logits, natural log,
 * reduction='mean'.
 * - `nn.BCEWithLogitsLoss(pos_weight=p)`: ℓ = −[p·t·ln σ(z) + (1 − t)·ln(1 − σ(z))] per element
 *   (p = 1 without pos_weight), averaged over the elements.
 * - `nn.CrossEntropyLoss(label_smoothing=ε)`: ℓ = −Σ_k q_k ln softmax(z)_k with q_y = 1 − ε + ε/K
 *   and q_k = ε/K for every other class.
 * - `nn.CrossEntropyLoss(weight=w)`: L = Σ_i w_{y_i}·ℓ_i / Σ_i w_{y_i} (not divided by N).
 * Level 1 asks plain BCE over three logits, level 2 label smoothing or pos_weight, level 3 class
 * weights over a batch of two.
 */
import { numberAnswer, present, wrong } from '../answers';
import { finishDraw, spread } from '../draw-rules';
import { givenTogether } from './common';
import { fmt, fmtRow, term } from '../format';
import type { Rng } from '../rng';
import { TemplateError } from '../types';
import type { ParamBag, Problem, ProblemPart, TemplateDefinition } from '../types';

const DECIMALS = 3;
/**
 * Drawn class weights: any two differ and no two add up to the batch size 2 or the 3 classes, so
 * ignoring the weights, dividing by N or dividing by K never gives the key.
 */
const WEIGHT_CHOICES = [0.5, 1, 4, 5];
const KINDS = ['bce', 'bce-pos-weight', 'ce-smoothing', 'ce-weighted'] as const;
type Kind = (typeof KINDS)[number];

/** σ(z) = 1 / (1 + e^{−z}). */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** ln σ(z), stable for large |z|. */
function logSigmoid(z: number): number {
  return z >= 0 ? -Math.log1p(Math.exp(-z)) : z - Math.log1p(Math.exp(z));
}

const num = (x: number) => numberAnswer(x, DECIMALS);

// ---------------------------------------------------------------------------------------------
// BCEWithLogitsLoss

/** A BCE rule, possibly mistaken: the key is `{ posWeight }` alone. */
interface BceRule {
  readonly posWeight: number;
  /** Weight of the negative term (the key: 1). */
  readonly negWeight?: number;
  /** Sigmoid applied before the loss (its input is σ(z) instead of z). */
  readonly sigmoidFirst?: boolean;
  readonly dropNegative?: boolean;
  /** Divide the natural-log loss by this (ln 2 for base 2). */
  readonly logScale?: number;
  readonly sum?: boolean;
}

/** Per-element BCE-with-logits losses under `rule`. */
function bceTerms(z: readonly number[], t: readonly number[], rule: BceRule): number[] {
  return z.map((zi, i) => {
    const x = rule.sigmoidFirst === true ? sigmoid(zi) : zi;
    const pos = rule.posWeight * t[i] * logSigmoid(x);
    const neg =
      rule.dropNegative === true ? 0 : (rule.negWeight ?? 1) * (1 - t[i]) * logSigmoid(-x);
    return -(pos + neg) / (rule.logScale ?? 1);
  });
}

/** The reduced BCE loss under `rule` (mean unless `sum`). */
export function bceLoss(z: readonly number[], t: readonly number[], rule: BceRule): number {
  const total = bceTerms(z, t, rule).reduce((a, b) => a + b, 0);
  return rule.sum === true ? total : total / z.length;
}

function drawBce(rng: Rng, p: ParamBag, kind: 'bce' | 'bce-pos-weight'): Problem {
  const given = givenTogether(p.matrix('logits'), p.numbers('targets'), 'logits and targets');
  const fixed = given?.[0];
  const fixedT = given?.[1];
  const z = fixed === undefined ? rng.decimals(p.level === 1 ? 3 : 4, -2, 2, 1) : fixed[0];
  const t = fixedT?.slice() ?? z.map(() => rng.int(0, 1));
  if (fixed !== undefined && fixed.length !== 1)
    throw new TemplateError('param logits: BCE takes one row of logits');
  if (t.length !== z.length || t.some((v) => v !== 0 && v !== 1))
    throw new TemplateError('param targets: one 0 or 1 per logit');
  // Both labels appear, so the negative term matters.
  if (fixed === undefined && t.every((v) => v === t[0])) t[rng.int(0, t.length - 1)] = 1 - t[0];
  const weighted = kind === 'bce-pos-weight';
  const pw = weighted ? (p.num('posWeight') ?? rng.pick([2, 3, 4])) : 1;
  const n = z.length;
  const terms = bceTerms(z, t, { posWeight: pw });
  const key = bceLoss(z, t, { posWeight: pw });
  const call = weighted
    ? `\`nn.BCEWithLogitsLoss(pos_weight=torch.tensor([${fmt(pw)}.]))\``
    : '`nn.BCEWithLogitsLoss()`';
  const stem =
    `A binary classifier outputs the raw logits $z = ${fmtRow(z, 2)}$ for a batch of ${n} examples with targets $t = ${fmtRow(t)}$. ` +
    `It is trained with ${call}, which applies the sigmoid itself and uses the natural log` +
    (weighted
      ? `; pos_weight multiplies the positive term: $\\ell = -[p\\, t \\ln \\sigma(z) + (1 - t) \\ln(1 - \\sigma(z))]$ with $p = ${fmt(pw)}$`
      : '') +
    ". With the default reduction='mean' the element losses are averaged: the mean over the batch. What is the loss?";
  const steps = z.map((zi, i) => {
    const s = sigmoid(zi);
    const which =
      t[i] === 1
        ? `$\\ell_${i + 1} = -${weighted ? `${fmt(pw)} \\cdot ` : ''}\\ln ${fmt(s, 4)} = ${fmt(terms[i], 4)}$`
        : `$\\ell_${i + 1} = -\\ln(1 - ${fmt(s, 4)}) = ${fmt(terms[i], 4)}$`;
    return `Element ${i + 1}: $\\sigma(${fmt(zi, 2)}) = ${fmt(s, 4)}$, target ${t[i]}, so ${which}.`;
  });
  steps.push(
    `Mean over the ${n} elements: $(${terms.map((v) => fmt(v, 4)).join(' + ')}) / ${n} \\approx ${fmt(key, DECIMALS)}$.`,
  );
  const distractors = present([
    wrong(
      'bce-sigmoid-twice',
      num(bceLoss(z, t, { posWeight: pw, sigmoidFirst: true })),
      'BCEWithLogitsLoss applies the sigmoid itself; squashing the logits first feeds it probabilities, which it squashes again (use nn.BCELoss on probabilities, or pass the raw logits).',
      'bce-takes-logits',
    ),
    wrong(
      'loss-log2',
      num(key / Math.LN2),
      'PyTorch’s losses use the natural log; the base-2 log makes the loss larger by a factor 1/ln 2 ≈ 1.443.',
      'natural-log',
    ),
    wrong(
      'bce-dropped-negative-term',
      num(bceLoss(z, t, { posWeight: pw, dropNegative: true })),
      'A target of 0 is charged too: its term is $-\\ln(1 - \\sigma(z))$, large when the model gives it a high probability.',
    ),
    weighted
      ? wrong(
          'pos-weight-on-negatives',
          num(bceLoss(z, t, { posWeight: 1, negWeight: pw })),
          'pos_weight scales the positive term $t \\ln \\sigma(z)$ only, so that rare positives count more; the negatives keep weight 1.',
          'pos-weight-positive-term',
        )
      : undefined,
    weighted
      ? wrong(
          'pos-weight-ignored',
          num(bceLoss(z, t, { posWeight: 1 })),
          `With pos_weight ${fmt(pw)} every positive element’s loss is multiplied by ${fmt(pw)}.`,
        )
      : undefined,
    wrong(
      'summed-not-averaged',
      num(bceLoss(z, t, { posWeight: pw, sum: true })),
      "The default reduction='mean' divides the summed element losses by their number.",
      'loss-mean-reduction',
    ),
  ]);
  const parts: ProblemPart[] = [
    {
      id: 'first-probability',
      prompt: `The sigmoid probability of element 1, $\\sigma(z_1) = 1 / (1 + e^{-z_1})$ with $z_1 = ${fmt(z[0], 2)}$.`,
      answer: num(sigmoid(z[0])),
      hint: 'σ(0) = 0.5; positive logits give more than 0.5.',
    },
    {
      id: 'first-element-loss',
      prompt: `The loss of element 1 alone (target ${t[0]}), natural log${weighted && t[0] === 1 ? ', pos_weight included' : ''}.`,
      answer: num(terms[0]),
      hint:
        t[0] === 1
          ? 'A positive target costs −ln σ(z) (times pos_weight, if any).'
          : 'A negative target costs −ln(1 − σ(z)).',
    },
  ];
  return finishDraw(
    {
      stem,
      answer: num(key),
      needs: [spread('the targets', t)],
      distractors,
      correctFeedback:
        'Right: σ of each raw logit, −ln of the probability of its own label' +
        (weighted ? ' (positives times pos_weight)' : '') +
        ', averaged over the elements.',
      explanation:
        'Binary cross-entropy charges each element $-\\ln \\sigma(z)$ when its target is 1 and $-\\ln(1 - \\sigma(z))$ when it is 0. ' +
        '`BCEWithLogitsLoss` takes the raw logit and computes this with the log-sum-exp trick, which stays accurate for large $|z|$ ' +
        '(a separate `torch.sigmoid` followed by `nn.BCELoss` can saturate to 0 or 1 and lose precision). ' +
        (weighted
          ? '`pos_weight` multiplies only the positive term, the usual fix for rare positives: with $n_{neg}/n_{pos}$ as its value, positives and negatives contribute equally on average. '
          : '') +
        "With reduction='mean' the element losses are averaged, so the loss does not grow with the batch size.",
      steps,
      parts,
      hints: {
        nudge:
          'Turn each logit into a probability with the sigmoid, then charge −ln of the probability of its own label.',
        formula: weighted
          ? '$L = \\frac{1}{N}\\sum_i -[p\\, t_i \\ln \\sigma(z_i) + (1 - t_i) \\ln(1 - \\sigma(z_i))]$'
          : '$L = \\frac{1}{N}\\sum_i -[t_i \\ln \\sigma(z_i) + (1 - t_i) \\ln(1 - \\sigma(z_i))]$',
      },
    },
    { fixed: fixed !== undefined },
  );
}

// ---------------------------------------------------------------------------------------------
// CrossEntropyLoss with label smoothing or class weights

interface Example {
  readonly z: readonly number[];
  readonly y: number;
}

/** A cross-entropy rule, possibly mistaken. */
interface CeRule {
  readonly eps: number;
  /** How ε is shared (the key: `torch`, ε/K to every class). */
  readonly smoothing?: 'torch' | 'target-only' | 'others-only';
  /** What turns logits into probabilities (the key: softmax). */
  readonly probs?: 'softmax' | 'softmax-twice' | 'sigmoid';
  readonly logScale?: number;
}

/** The smoothed target distribution of class y over K classes under a smoothing rule. */
export function smoothedTarget(
  k: number,
  y: number,
  eps: number,
  smoothing: CeRule['smoothing'] = 'torch',
): number[] {
  const q = new Array<number>(k);
  for (let c = 0; c < k; c++) {
    if (smoothing === 'target-only') q[c] = c === y ? 1 - eps : 0;
    else if (smoothing === 'others-only') q[c] = c === y ? 1 - eps : eps / (k - 1);
    else q[c] = c === y ? 1 - eps + eps / k : eps / k;
  }
  return q;
}

/** softmax(z), max-shifted (the drawn logits are small; no argument checks needed). */
function probabilities(z: readonly number[]): number[] {
  let max = -Infinity;
  for (const v of z) max = Math.max(max, v);
  const p = z.map((v) => Math.exp(v - max));
  let total = 0;
  for (const v of p) total += v;
  for (let c = 0; c < p.length; c++) p[c] /= total;
  return p;
}

/** One example with its probabilities under each way of turning logits into them. */
interface Scored extends Example {
  readonly softmax: readonly number[];
  readonly softmaxTwice: readonly number[];
  readonly sigmoid: readonly number[];
}

function scored(e: Example): Scored {
  const p = probabilities(e.z);
  return { ...e, softmax: p, softmaxTwice: probabilities(p), sigmoid: e.z.map(sigmoid) };
}

/** −Σ_k q_k ln p_k of one example under `rule`. */
export function ceExample(e: Scored, rule: CeRule): number {
  const k = e.z.length;
  const p =
    rule.probs === 'sigmoid'
      ? e.sigmoid
      : rule.probs === 'softmax-twice'
        ? e.softmaxTwice
        : e.softmax;
  const q = smoothedTarget(k, e.y, rule.eps, rule.smoothing);
  let loss = 0;
  for (let c = 0; c < k; c++) if (q[c] !== 0) loss -= q[c] * Math.log(p[c]);
  return loss / (rule.logScale ?? 1);
}

/** How the per-example losses are reduced (the key: Σ wℓ / Σ w). */
type Divisor = 'weights' | 'n' | 'k' | 'none';

function reduce(
  losses: readonly number[],
  weights: readonly number[],
  divisor: Divisor,
  k: number,
): number {
  const total = losses.reduce((acc, l, i) => acc + weights[i] * l, 0);
  switch (divisor) {
    case 'weights':
      return total / weights.reduce((a, b) => a + b, 0);
    case 'n':
      return total / losses.length;
    case 'k':
      return total / k;
    default:
      return total;
  }
}

function drawExamples(rng: Rng, p: ParamBag, count: number, classes: number): Example[] {
  const given = givenTogether(p.matrix('logits'), p.numbers('targets'), 'logits and targets');
  if (given !== undefined) {
    const [fixed, fixedT] = given;
    if (fixed.length !== fixedT.length)
      throw new TemplateError('param targets: one class index per row of logits');
    return fixed.map((z, i) => {
      const y = fixedT[i];
      if (!Number.isInteger(y) || y < 0 || y >= z.length)
        throw new TemplateError(`param targets: a class index below ${z.length}`);
      return { z, y };
    });
  }
  // A batch holds distinct classes, so class weights change the mean.
  const first = rng.int(0, classes - 1);
  return Array.from({ length: count }, (_, i) => ({
    z: rng.decimals(classes, -1, 3, 1),
    y: (first + i * rng.int(1, classes - 1)) % classes,
  }));
}

function drawCe(rng: Rng, p: ParamBag, kind: 'ce-smoothing' | 'ce-weighted'): Problem {
  const smoothing = kind === 'ce-smoothing';
  const examples = drawExamples(rng, p, smoothing ? 1 : 2, smoothing ? rng.pick([3, 4]) : 3).map(
    scored,
  );
  const fixed = p.matrix('logits') !== undefined;
  const k = examples[0].z.length;
  if (examples.some((e) => e.z.length !== k))
    throw new TemplateError('param logits: every row needs the same number of classes');
  const eps = smoothing ? (p.num('epsilon') ?? rng.pick([0.1, 0.2, 0.3])) : 0;
  const classWeights = smoothing
    ? undefined
    : (p.numbers('weights') ?? rng.shuffle(WEIGHT_CHOICES).slice(0, k));
  if (classWeights !== undefined && classWeights.length !== k)
    throw new TemplateError(`param weights: one weight per class (${k})`);
  const w = examples.map((e) => classWeights?.[e.y] ?? 1);
  const n = examples.length;
  const reduceWith = (rule: CeRule, divisor: Divisor = 'weights', weights = w) =>
    reduce(
      examples.map((e) => ceExample(e, rule)),
      weights,
      divisor,
      k,
    );
  const rule: CeRule = { eps };
  const per = examples.map((e) => ceExample(e, rule));
  const key = reduceWith(rule);
  const probs = examples.map((e) => e.softmax);
  const exampleText = (e: Example, i: number) =>
    `${n > 1 ? `example ${i + 1} has ` : ''}logits $z = ${fmtRow(e.z, 2)}$ and true class $y = ${e.y}$`;
  const call = smoothing
    ? `\`nn.CrossEntropyLoss(label_smoothing=${fmt(eps, 2)})\``
    : `\`nn.CrossEntropyLoss(weight=torch.tensor([${classWeights!.map((v) => fmt(v, 2)).join(', ')}]))\``;
  const stem =
    `A classifier over ${k} classes (numbered from 0) is trained with ${call}, which takes raw logits and class indices, applies log-softmax itself and uses the natural log. ` +
    (smoothing
      ? `Label smoothing $\\varepsilon = ${fmt(eps, 2)}$ shares $\\varepsilon$ uniformly over every class, the target included, and the loss is $-\\sum_k q_k \\ln p_k$ against that smoothed target $q$. ` +
        `The default reduction='mean' takes the mean over the batch; here the batch holds one example: its ${exampleText(examples[0], 0)}. `
      : `Class $c$ has weight $w_c$ as listed, and reduction='mean' takes the weighted mean over the batch: $\\sum_i w_{y_i} \\ell_i$ divided by the sum of the weights of the targets. ` +
        `In a batch of ${n}, ${examples.map(exampleText).join('; ')}. `) +
    'What is the loss?';
  const targetQ = smoothedTarget(k, examples[0].y, eps);
  const steps: string[] = [];
  examples.forEach((e, i) => {
    const label = n > 1 ? `Example ${i + 1}: ` : '';
    const pr = probs[i];
    steps.push(
      `${label}softmax of $${fmtRow(e.z, 2)}$ is $${fmtRow(pr, 4)}$, so $p_{${e.y}} = ${fmt(pr[e.y], 4)}$.`,
    );
    if (smoothing) {
      steps.push(
        `Smoothed target: $q_{${e.y}} = 1 - ${fmt(eps, 2)} + ${fmt(eps, 2)}/${k} = ${fmt(targetQ[e.y], 4)}$ and $${fmt(eps, 2)}/${k} = ${fmt(eps / k, 4)}$ for each other class.`,
        `$L = -\\sum_k q_k \\ln p_k = ${targetQ.map((q, c) => `${fmt(q, 4)} \\cdot ${term(-Math.log(pr[c]), 4)}`).join(' + ')} \\approx ${fmt(per[i], 4)}$.`,
      );
    } else {
      steps.push(
        `${label}$\\ell_${i + 1} = -\\ln ${fmt(pr[e.y], 4)} = ${fmt(per[i], 4)}$, weight $w_{${e.y}} = ${fmt(w[i], 2)}$.`,
      );
    }
  });
  if (!smoothing) {
    const sumW = w.reduce((a, b) => a + b, 0);
    steps.push(
      `Weighted mean: $(${per.map((l, i) => `${fmt(w[i], 2)} \\cdot ${fmt(l, 4)}`).join(' + ')}) / (${w.map((v) => fmt(v, 2)).join(' + ')}) = ${fmt(key * sumW, 4)} / ${fmt(sumW, 2)} \\approx ${fmt(key, DECIMALS)}$.`,
    );
  }
  const distractors = present([
    smoothing
      ? wrong(
          'smoothing-target-only',
          num(reduceWith({ eps, smoothing: 'target-only' })),
          `PyTorch's smoothing keeps the target a distribution: the target gets $1 - \\varepsilon + \\varepsilon/K$ and every other class $\\varepsilon/K$, not $1 - \\varepsilon$ and 0.`,
          'label-smoothing-uniform',
        )
      : undefined,
    smoothing
      ? wrong(
          'smoothing-other-classes-only',
          num(reduceWith({ eps, smoothing: 'others-only' })),
          'nn.CrossEntropyLoss spreads ε over all K classes, the target included (ε/K each), not over the K − 1 other classes.',
          'label-smoothing-uniform',
        )
      : undefined,
    smoothing
      ? wrong(
          'smoothing-ignored',
          num(reduceWith({ eps: 0 })),
          'This is the loss without smoothing; label_smoothing moves probability mass from the target to the other classes, which raises the loss of a confident right answer.',
        )
      : undefined,
    smoothing
      ? undefined
      : wrong(
          'weighted-mean-over-n',
          num(reduceWith(rule, 'n')),
          `With class weights, reduction='mean' divides by the sum of the targets’ weights (${fmt(
            w.reduce((a, b) => a + b, 0),
            1,
          )}), not by the batch size ${n}.`,
          'weighted-mean-by-weights',
        ),
    smoothing
      ? undefined
      : wrong(
          'class-weight-ignored',
          num(
            reduceWith(
              rule,
              'n',
              w.map(() => 1),
            ),
          ),
          'The weight of each example’s true class multiplies its loss, and the mean is taken with those weights.',
        ),
    wrong(
      'ce-softmax-twice',
      num(reduceWith({ eps, probs: 'softmax-twice' })),
      'The loss applies log-softmax to raw logits itself; feeding it probabilities applies softmax a second time and flattens them.',
      'ce-takes-logits',
    ),
    wrong(
      'loss-log2',
      num(key / Math.LN2),
      'PyTorch’s cross-entropy uses the natural log; base 2 makes it larger by 1/ln 2 ≈ 1.443.',
      'natural-log',
    ),
    wrong(
      'ce-mean-over-classes',
      num(reduceWith(rule, 'k')),
      `reduction='mean' averages over the examples of the batch, not over the ${k} classes: the class terms of one example are summed.`,
      'loss-mean-reduction',
    ),
    wrong(
      'sigmoid-instead-of-softmax',
      num(reduceWith({ eps, probs: 'sigmoid' })),
      'A sigmoid per logit ignores the other classes; the softmax normalises the logits over all of them.',
    ),
    smoothing
      ? undefined
      : wrong(
          'summed-not-averaged',
          num(reduceWith(rule, 'none')),
          "This is reduction='sum'; the default 'mean' divides the weighted sum by the sum of the weights.",
          'loss-mean-reduction',
        ),
  ]);
  const parts: ProblemPart[] = [
    {
      id: 'target-probability',
      prompt: `${n > 1 ? 'Example 1: the' : 'The'} softmax probability of the true class, $p_y = e^{z_y} / \\sum_j e^{z_j}$.`,
      answer: num(probs[0][examples[0].y]),
      hint: 'Exponentiate every logit, add them up, and divide the true class’s exponential by the sum.',
    },
    ...(smoothing
      ? [
          {
            id: 'smoothed-target',
            prompt: `The smoothed target's entry for the true class $y = ${examples[0].y}$, $q_y$.`,
            answer: num(targetQ[examples[0].y]),
            hint: 'The target keeps 1 − ε and gets its own share ε/K of the smoothing.',
          },
          {
            id: 'other-class-target',
            prompt: 'The smoothed target’s entry for any other class.',
            answer: num(eps / k),
            hint: 'ε is shared equally by all K classes.',
          },
        ]
      : [
          {
            id: 'first-loss',
            prompt: 'The unweighted loss of example 1, $-\\ln p_y$.',
            answer: num(per[0]),
            hint: 'Minus the natural log of the probability from the previous part.',
          },
          {
            id: 'weight-sum',
            prompt: 'The sum of the weights of the targets, $\\sum_i w_{y_i}$.',
            answer: num(w.reduce((a, b) => a + b, 0)),
            hint: 'Look up each example’s true-class weight and add them.',
          },
        ]),
  ];
  return finishDraw(
    {
      stem,
      answer: num(key),
      needs: examples.map((e, i) => spread(`the logits of example ${i + 1}`, e.z)),
      distractors,
      correctFeedback: smoothing
        ? 'Right: target $1 - \\varepsilon + \\varepsilon/K$, every other class $\\varepsilon/K$, and the cross-entropy against that distribution.'
        : 'Right: each loss times its true class’s weight, divided by the sum of those weights.',
      explanation: smoothing
        ? 'Label smoothing replaces the one-hot target with $q = (1 - \\varepsilon)\\,\\mathrm{onehot}(y) + \\varepsilon/K$: a mixture with the uniform distribution over all $K$ classes. ' +
          'The loss $-\\sum_k q_k \\ln p_k$ is then smallest when $p = q$, not when $p_y = 1$, so the model is discouraged from driving its logits apart without bound; this usually improves calibration. ' +
          'PyTorch and TensorFlow share this convention; some papers spread $\\varepsilon$ over the $K - 1$ other classes instead.'
        : 'A class weight $w_c$ multiplies the loss of every example whose true class is $c$, the usual remedy for class imbalance (weights inversely proportional to class frequency). ' +
          "With reduction='mean' PyTorch divides by $\\sum_i w_{y_i}$, so the loss is a weighted average whose scale does not depend on how large the weights are; dividing by $N$ would change the effective learning rate with the batch's class mix.",
      steps,
      parts,
      hints: {
        nudge: smoothing
          ? 'Build the smoothed target first: the true class keeps most of the mass, and ε is shared equally by all classes.'
          : 'Compute each example’s cross-entropy, weight it by its true class’s weight, and divide by the total weight.',
        formula: smoothing
          ? '$q_y = 1 - \\varepsilon + \\frac{\\varepsilon}{K},\\ q_{k \\neq y} = \\frac{\\varepsilon}{K},\\ L = -\\sum_k q_k \\ln \\operatorname{softmax}(z)_k$'
          : '$L = \\frac{\\sum_i w_{y_i}\\, (-\\ln \\operatorname{softmax}(z_i)_{y_i})}{\\sum_i w_{y_i}}$',
      },
    },
    { fixed },
  );
}

function draw(rng: Rng, p: ParamBag): Problem {
  const fixedKind = p.str('loss') as Kind | undefined;
  const kind: Kind =
    fixedKind ??
    (p.level === 1
      ? 'bce'
      : p.level === 2
        ? rng.pick(['ce-smoothing', 'bce-pos-weight'])
        : 'ce-weighted');
  return kind === 'bce' || kind === 'bce-pos-weight' ? drawBce(rng, p, kind) : drawCe(rng, p, kind);
}

/** BCEWithLogitsLoss (pos_weight) and CrossEntropyLoss (label smoothing, class weights). */
export const classificationLossesTemplate: TemplateDefinition = {
  id: 'classification-losses',
  topic: 'loss-functions',
  title: 'Classification losses: BCEWithLogitsLoss, label smoothing, class weights',
  answerKind: 'number',
  forms: ['mcq', 'numeric'],
  params: {
    loss: {
      kind: 'enum',
      values: KINDS,
      description:
        'which loss (default: bce at level 1, ce-smoothing or bce-pos-weight at level 2, ce-weighted at level 3)',
    },
    logits: {
      kind: 'matrix',
      maxRows: 4,
      maxCols: 6,
      description:
        'raw logits, one row per example (BCE: one row of element logits); give with targets',
    },
    targets: {
      kind: 'numbers',
      minLength: 1,
      maxLength: 6,
      description: 'BCE: 0 or 1 per logit; cross-entropy: a class index per row (give with logits)',
    },
    posWeight: {
      kind: 'number',
      min: 0.1,
      max: 20,
      description: 'pos_weight of bce-pos-weight (default: 2, 3 or 4)',
    },
    epsilon: {
      kind: 'number',
      min: 0.01,
      max: 0.9,
      description: 'label_smoothing ε of ce-smoothing (default: 0.1, 0.2 or 0.3)',
    },
    weights: {
      kind: 'numbers',
      minLength: 2,
      maxLength: 6,
      description: 'class weights of ce-weighted, one per class (default: drawn from 0.5, 1, 2, 3)',
    },
  },
  draw,
};
