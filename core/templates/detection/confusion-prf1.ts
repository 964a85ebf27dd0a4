/**
 * `confusion-prf1`: precision, recall and F1 of one class read off a confusion matrix (rows: true
 * class, columns: predicted class, as scikit-learn's `confusion_matrix` lays it out).
 */
import { confusionMetrics } from '../../kernels';
import { numberAnswer, vectorAnswer, wrong } from '../answers';
import { finishDraw } from '../draw-rules';
import { latexMatrix } from '../format';
import type { Rng } from '../rng';
import { equalsOrApprox } from '../stats-steps';
import { Redraw, TemplateError } from '../types';
import type { ParamBag, Problem, TemplateDefinition } from '../types';

const DECIMALS = 3;
const NAMES = ['cat', 'dog', 'bird', 'fish'];

/** The confusion matrix the caller fixed (square, counts), or undefined. */
export function fixedConfusion(p: ParamBag, classes: number): number[][] | undefined {
  const m = p.matrix('matrix');
  if (m === undefined) return undefined;
  if (m.length < 2 || m.length > classes || m.some((row) => row.length !== m.length))
    throw new TemplateError(`matrix: must be square, 2×2 to ${classes}×${classes}`);
  if (m.some((row) => row.some((v) => !Number.isInteger(v) || v < 0)))
    throw new TemplateError('matrix: entries are counts (integers ≥ 0)');
  return m.map((row) => [...row]);
}

/** A C×C matrix of counts with a heavy diagonal. */
export function drawConfusion(rng: Rng, classes: number, max: number): number[][] {
  return Array.from({ length: classes }, (_, r) =>
    Array.from({ length: classes }, (_, c) => (r === c ? rng.int(4, max) : rng.int(0, 4))),
  );
}

function draw(rng: Rng, p: ParamBag): Problem {
  const level = p.level;
  const given = fixedConfusion(p, NAMES.length);
  const classes = given?.length ?? level + 1;
  const m = given ?? drawConfusion(rng, classes, level === 1 ? 20 : 30);
  const fixedClass = p.int('class');
  if (fixedClass !== undefined && fixedClass >= classes)
    throw new TemplateError(`class: the matrix has classes 0 to ${classes - 1}`);
  const c = fixedClass ?? rng.int(0, classes - 1);
  const fixed = given !== undefined && fixedClass !== undefined;
  const tp = m[c][c];
  const col = m.reduce((a, row) => a + row[c], 0);
  const row = m[c].reduce((a, v) => a + v, 0);
  const fp = col - tp;
  const fn = row - tp;
  if (fp === 0 || fn === 0) {
    if (fixed) throw new TemplateError('the class needs false positives and false negatives');
    throw new Redraw('need both false positives and false negatives');
  }
  const metrics = confusionMetrics(m);
  const [precision, recall, f1] = [metrics.precision[c], metrics.recall[c], metrics.f1[c]];
  const v = (xs: number[]) => vectorAnswer(xs, DECIMALS);
  const name = NAMES[c];
  const labels = NAMES.slice(0, classes).join(', ');
  return finishDraw(
    {
      stem:
        `A classifier of ${classes} classes (${labels}, in that order) gives this confusion matrix on a test set; row $r$, column $j$ ` +
        `counts the test items of true class $r$ predicted as class $j$ (scikit-learn's layout):\n\n$$${latexMatrix(m)}$$\n\n` +
        `What are the precision, the recall and the F1 score of the class **${name}**? Answer as $[P, R, F_1]$.`,
      answer: v([precision, recall, f1]),
      entryHint: 'three numbers P, R, F1, comma-separated, to 3 decimals',
      distractors: [
        wrong(
          'precision-recall-swapped',
          v([recall, precision, f1]),
          `Precision divides the ${tp} hits by everything predicted as ${name} (its column); recall divides them by everything that truly is ${name} (its row).`,
        ),
        wrong(
          'f1-arithmetic-mean',
          v([precision, recall, (precision + recall) / 2]),
          'F1 is the harmonic mean $2PR/(P + R)$, which is pulled towards the smaller of the two; the arithmetic mean is not.',
        ),
        wrong(
          'f1-as-iou',
          v([precision, recall, metrics.iou[c]]),
          'TP / (TP + FP + FN) is the IoU (Jaccard index) of the class; F1 counts the hits twice: 2TP / (2TP + FP + FN).',
        ),
      ],
      correctFeedback: 'Right: column for precision, row for recall, harmonic mean for F1.',
      parts: [
        {
          id: 'false-positives',
          prompt: `How many items were predicted as ${name} but belong to another class (false positives)?`,
          answer: numberAnswer(fp, 0),
          hint: `The ${name} column, without its diagonal entry.`,
        },
        {
          id: 'false-negatives',
          prompt: `How many ${name} items were predicted as another class (false negatives)?`,
          answer: numberAnswer(fn, 0),
          hint: `The ${name} row, without its diagonal entry.`,
        },
      ],
      hints: {
        nudge:
          'The diagonal holds the hits; the class column holds everything predicted as the class, its row everything that is the class.',
        formula:
          '$P = \\frac{TP}{TP + FP}$, $R = \\frac{TP}{TP + FN}$, $F_1 = \\frac{2PR}{P + R} = \\frac{2TP}{2TP + FP + FN}$',
        firstStep: `$TP = ${tp}$ (the diagonal entry of ${name}).`,
      },
      explanation:
        'In a confusion matrix with true classes in rows and predictions in columns, the diagonal entry of a class counts ' +
        'its true positives, the rest of its column the false positives (other classes predicted as it) and the rest of its ' +
        'row the false negatives (its items predicted as something else). Precision asks how many predictions of the ' +
        'class were right, recall how many of its items were found, and F1 is their harmonic mean, equal to ' +
        '$2TP/(2TP + FP + FN)$: the Dice coefficient of the class. The IoU $TP/(TP + FP + FN)$ is smaller, and the ' +
        'arithmetic mean of P and R overstates a lopsided pair.',
      steps: [
        `$TP = ${tp}$; column sum $${col}$, so $FP = ${col} - ${tp} = ${fp}$; row sum $${row}$, so $FN = ${row} - ${tp} = ${fn}$.`,
        `$P = \\frac{${tp}}{${col}} ${equalsOrApprox(precision, DECIMALS)}$, $R = \\frac{${tp}}{${row}} ${equalsOrApprox(recall, DECIMALS)}$.`,
        `$F_1 = \\frac{2 \\cdot ${tp}}{2 \\cdot ${tp} + ${fp} + ${fn}} = \\frac{${2 * tp}}{${2 * tp + fp + fn}} ${equalsOrApprox(f1, DECIMALS)}$.`,
      ],
    },
    { fixed },
  );
}

/** Precision, recall and F1 of one class from a confusion matrix. */
export const confusionPrf1: TemplateDefinition = {
  id: 'confusion-prf1',
  topic: 'detection-metrics',
  title: 'Precision, recall and F1 from a confusion matrix',
  answerKind: 'vector',
  forms: ['mcq', 'numeric'],
  params: {
    matrix: {
      kind: 'matrix',
      maxRows: 4,
      maxCols: 4,
      description: 'confusion matrix of counts, rows = true class (default: drawn)',
    },
    class: { kind: 'int', min: 0, max: 3, description: 'the class asked about (default: drawn)' },
  },
  draw,
};
