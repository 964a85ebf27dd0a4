/**
 * `mean-iou`: mean IoU over the classes of a semantic-segmentation confusion matrix of pixel
 * counts, TP / (TP + FP + FN) per class averaged with equal weights.
 */
import { confusionMetrics, meanIou } from '../../kernels';
import { numberAnswer, vectorAnswer, wrong } from '../answers';
import { finishDraw } from '../draw-rules';
import { fmt, latexMatrix } from '../format';
import type { Rng } from '../rng';
import { equalsOrApprox } from '../stats-steps';
import type { ParamBag, Problem, TemplateDefinition } from '../types';
import { drawConfusion, fixedConfusion } from './confusion-prf1';
import { TemplateError } from '../types';

const DECIMALS = 3;
const NAMES = ['background', 'road', 'car', 'person'];

function draw(rng: Rng, p: ParamBag): Problem {
  const level = p.level;
  const given = fixedConfusion(p, NAMES.length);
  const classes = given?.length ?? (level === 3 ? 4 : 3);
  const m = given ?? drawConfusion(rng, classes, level === 1 ? 12 : 40);
  if (m.some((row, c) => row[c] === 0 && m.every((r) => r[c] === 0) && row.every((v) => v === 0)))
    throw new TemplateError('matrix: every class must occur or be predicted');
  const metrics = confusionMetrics(m);
  const value = meanIou(m);
  const n = (x: number) => numberAnswer(x, DECIMALS);
  const mean = (xs: readonly number[]) => xs.reduce((a, v) => a + v, 0) / xs.length;
  const rows = m.map((row) => row.reduce((a, v) => a + v, 0));
  const cols = m[0].map((_, c) => m.reduce((a, row) => a + row[c], 0));
  const total = rows.reduce((a, v) => a + v, 0);
  const weighted = metrics.iou.reduce((a, v, c) => a + (rows[c] / total) * v, 0);
  const noReduce = mean(m.map((row, c) => row[c] / (rows[c] + cols[c])));
  const names = NAMES.slice(0, classes);
  const perClass = names.map((name, c) => {
    const tp = m[c][c];
    const denominator = rows[c] + cols[c] - tp;
    return `${name}: $\\frac{${tp}}{${rows[c]} + ${cols[c]} - ${tp}} = \\frac{${tp}}{${denominator}} ${equalsOrApprox(metrics.iou[c], 4)}$`;
  });
  return finishDraw(
    {
      stem:
        `A segmentation network labels every pixel as one of ${classes} classes (${names.join(', ')}, in that order). Over the ` +
        `test images its confusion matrix of pixel counts is (row: true class, column: predicted class)\n\n$$${latexMatrix(m)}$$\n\n` +
        'What is the mean IoU, the unweighted mean over the classes of $\\frac{TP}{TP + FP + FN}$?',
      answer: n(value),
      distractors: [
        wrong(
          'miou-pixel-accuracy',
          n(metrics.accuracy),
          'The share of pixels on the diagonal is the pixel accuracy; it is dominated by the big classes, which is why benchmarks report the mean IoU.',
        ),
        wrong(
          'miou-frequency-weighted',
          n(weighted),
          'Weighting each class IoU by its pixel share gives the frequency-weighted IoU; the mean IoU weighs every class equally.',
        ),
        wrong(
          'miou-union-not-reduced',
          n(noReduce),
          'The row and the column of a class both contain its diagonal entry; the union subtracts it once.',
        ),
        wrong(
          'miou-mean-dice',
          n(mean(metrics.f1)),
          '2TP / (2TP + FP + FN) is the Dice (F1) of a class; the IoU counts the true positives once.',
        ),
        wrong(
          'miou-mean-recall',
          n(mean(metrics.recall)),
          'TP over the row sum is the recall of a class (mean class accuracy); the IoU also charges the false positives in its column.',
        ),
      ],
      correctFeedback:
        'Right: one IoU per class from its row, column and diagonal, then a plain mean.',
      parts: [
        {
          id: 'union-first',
          prompt: `The union $TP + FP + FN$ of the class ${names[0]} (row sum + column sum − diagonal entry).`,
          answer: numberAnswer(rows[0] + cols[0] - m[0][0], 0),
          hint: 'Add its row and its column, then subtract the diagonal entry that both contain.',
        },
        {
          id: 'class-ious',
          prompt: `The IoU of every class, in the order ${names.join(', ')}.`,
          answer: vectorAnswer(metrics.iou, 4),
          hint: 'Diagonal entry over (row sum + column sum − diagonal entry), for each class.',
        },
      ],
      hints: {
        nudge:
          'Each class gets its own IoU from its row (the true pixels) and its column (the predicted pixels).',
        formula:
          '$\\text{IoU}_c = \\frac{m_{cc}}{\\sum_j m_{cj} + \\sum_i m_{ic} - m_{cc}}$, $\\text{mIoU} = \\frac{1}{C}\\sum_c \\text{IoU}_c$',
        firstStep: perClass[0],
      },
      explanation:
        'For each class, the diagonal entry counts the pixels both labelled and predicted as the class (the intersection); ' +
        'its row sum counts the true pixels and its column sum the predicted ones, so the union is row + column − diagonal. ' +
        'The mean IoU averages these class IoUs with equal weight, so a small class that is segmented badly pulls it down ' +
        'as much as a large one. Pixel accuracy and the frequency-weighted IoU are dominated by large classes such as the ' +
        'background; the mean Dice is always at least the mean IoU.',
      steps: [
        'IoU of each class, diagonal over (row + column − diagonal):',
        ...perClass,
        `Mean over ${classes} classes: $\\frac{${metrics.iou.map((v) => fmt(v, 4)).join(' + ')}}{${classes}} ${equalsOrApprox(value, DECIMALS)}$.`,
      ],
    },
    { fixed: given !== undefined },
  );
}

/** Mean IoU of a segmentation confusion matrix. */
export const meanIouTemplate: TemplateDefinition = {
  id: 'mean-iou',
  topic: 'segmentation',
  title: 'Mean IoU over classes from a confusion matrix',
  answerKind: 'number',
  forms: ['mcq', 'numeric'],
  params: {
    matrix: {
      kind: 'matrix',
      maxRows: 4,
      maxCols: 4,
      description: 'confusion matrix of pixel counts, rows = true class (default: drawn)',
    },
  },
  draw,
};
