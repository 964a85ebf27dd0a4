/**
 * `training-curves`: reading training and validation curves drawn from a seeded model of a run
 * that overfits (the validation curve turns at a drawn epoch, with noise). Asks where early
 * stopping with patience P stops, or which epoch's weights it restores. The stem shows the
 * curves as a figure and lists the values in a table, so the question can be answered from the
 * words alone.
 */
import { curvesFigure } from '../../figures';
import { earlyStopping } from '../../kernels';
import { numberAnswer, present, wrong } from '../answers';
import { finishDraw } from '../draw-rules';
import { fmt, plural } from '../format';
import type { Rng } from '../rng';
import { Redraw, TemplateError } from '../types';
import type { ParamBag, Problem, ProblemPart, TemplateDefinition } from '../types';

/** The monitored metric: validation loss (lower is better) or accuracy in percent (higher). */
type Metric = 'loss' | 'accuracy';
type Ask = 'stop' | 'restore';

/** A drawn run: one value per epoch for each curve. */
export interface Run {
  readonly train: number[];
  readonly validation: number[];
}

/**
 * An overfitting run of `epochs` epochs: the training loss falls towards a floor; the
 * validation loss follows it with a gap until `turn`, then rises; both carry noise. Loss values
 * are in hundredths; accuracy is 100·(1 − loss/3) rounded to whole percent.
 */
export function drawRun(rng: Rng, epochs: number, turn: number, metric: Metric): Run {
  const start = rng.int(180, 260);
  const floor = rng.int(5, 30);
  const tau = rng.int(25, 45) / 10;
  const gap = rng.int(5, 15);
  const rise = rng.int(4, 9);
  const noise = metric === 'loss' ? 2 : 1;
  const train: number[] = [];
  const validation: number[] = [];
  for (let e = 1; e <= epochs; e++) {
    const base = floor + (start - floor) * Math.exp(-(e - 1) / tau);
    const t = Math.round(base) + rng.int(-noise, noise);
    const after = Math.max(0, e - turn);
    const v = Math.round(base + gap + rise * after + 1.5 * after * after) + rng.int(-4, 4);
    train.push(t);
    validation.push(v);
  }
  if (metric === 'loss') {
    return { train: train.map((t) => t / 100), validation: validation.map((v) => v / 100) };
  }
  const percent = (hundredths: number) => Math.max(1, Math.round(100 - hundredths / 3));
  return { train: train.map(percent), validation: validation.map(percent) };
}

/** The epoch of the best value of a curve (lowest loss, highest accuracy); the first on ties. */
function bestOf(values: readonly number[], metric: Metric): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) {
    if (metric === 'loss' ? values[i] < values[best] : values[i] > values[best]) best = i;
  }
  return best + 1;
}

function draw(rng: Rng, p: ParamBag): Problem {
  const level = p.level;
  const metric = (p.str('metric') ??
    (level === 1 ? 'loss' : rng.pick(['loss', 'accuracy']))) as Metric;
  const ask = (p.str('ask') ?? rng.pick(['stop', 'restore'])) as Ask;
  const epochs = rng.int(12, 16);
  const patience = p.int('patience') ?? (level === 1 ? rng.int(2, 3) : rng.int(2, 4));
  const minDelta =
    level === 3 ? (metric === 'loss' ? rng.pick([0.02, 0.03]) : rng.pick([1, 2])) : 0;
  const turn = rng.int(4, epochs - patience - 3);
  const fixedTrain = p.numbers('train');
  const fixedValidation = p.numbers('validation');
  const fixed = fixedTrain !== undefined && fixedValidation !== undefined;
  if ((fixedTrain === undefined) !== (fixedValidation === undefined)) {
    throw new TemplateError('give both train and validation, or neither');
  }
  if (fixed && fixedTrain.length !== fixedValidation.length) {
    throw new TemplateError('params train and validation need one value per epoch each');
  }
  const run = fixed
    ? { train: [...fixedTrain], validation: [...fixedValidation] }
    : drawRun(rng, epochs, turn, metric);
  const shownEpochs = run.train.length;
  const mode = metric === 'loss' ? 'min' : 'max';
  const es = earlyStopping(run.validation, patience, minDelta, mode);
  // The stop must fall inside the run with at least two epochs after it, after a real descent.
  if (fixed && es.stopEpoch === null) {
    throw new TemplateError('with these curves early stopping never stops');
  }
  if (!fixed && (es.stopEpoch === null || es.stopEpoch > epochs - 2 || es.bestEpoch < 3)) {
    throw new Redraw('early stopping does not stop inside the drawn run');
  }
  if (es.stopEpoch === null) throw new Redraw('no stop');
  const stop = es.stopEpoch;
  const best = es.bestEpoch;
  const decimals = metric === 'loss' ? 2 : 0;
  const unit = metric === 'loss' ? '' : '%';
  const v = (x: number) => `${fmt(x, decimals)}${unit}`;
  const name = metric === 'loss' ? 'loss' : 'accuracy';
  const better = metric === 'loss' ? 'lower' : 'higher';
  const trainName = `training ${name}`;
  const valName = `validation ${name}`;
  const figure = curvesFigure(`${name}${metric === 'accuracy' ? ' (%)' : ''}`, [
    { name: trainName, role: 'train', values: run.train },
    { name: valName, role: 'validation', values: run.validation },
  ]);
  const header = `| epoch | ${run.train.map((_, i) => i + 1).join(' | ')} |`;
  const table = [
    header,
    `|---|${run.train.map(() => '---').join('|')}|`,
    `| training | ${run.train.map((x) => x.toFixed(decimals)).join(' | ')} |`,
    `| validation | ${run.validation.map((x) => x.toFixed(decimals)).join(' | ')} |`,
  ].join('\n');
  const deltaText =
    minDelta > 0
      ? `by more than $\\delta = ${v(minDelta)}$ (\`min_delta\`)`
      : '(any amount; a tie is no improvement)';
  const rule =
    `An epoch counts as an improvement when its ${valName} is ${better} than the best so far ${deltaText}. ` +
    `Training stops after ${plural(patience, 'epoch')} in a row without an improvement (patience ${patience}), ` +
    `and the weights of the last improving epoch are restored, as Keras's \`EarlyStopping(restore_best_weights=True)\` does.`;
  const question =
    ask === 'stop'
      ? 'After which epoch would training have stopped?'
      : 'Which epoch’s weights would be restored at the end?';
  const stem =
    `The figure shows the ${trainName} and ${valName} of a network trained for ${shownEpochs} epochs without early stopping` +
    `${metric === 'accuracy' ? ' (accuracy in percent)' : ''}; the table lists the same values.\n\n${table}\n\n` +
    `Suppose early stopping had monitored the ${valName}. ${rule} ${question}`;

  const trainBest = bestOf(run.train, metric);
  const plain = minDelta > 0 ? earlyStopping(run.validation, patience, 0, mode) : undefined;
  const differs = (x: number | null | undefined, key: number): x is number =>
    x !== null && x !== undefined && x !== key && x >= 1 && x <= shownEpochs;
  const key = ask === 'stop' ? stop : best;
  const distractors = present(
    ask === 'stop'
      ? [
          differs(best, key)
            ? wrong(
                'early-stop-at-best',
                numberAnswer(best),
                `Epoch ${best} is the best epoch, whose weights are restored; training goes on for ${plural(patience, 'more epoch')} waiting for an improvement.`,
                'early-stopping-patience',
              )
            : undefined,
          differs(stop + 1, key)
            ? wrong(
                'early-stop-patience-exceeded',
                numberAnswer(stop + 1),
                `That waits for a ${patience + 1}th epoch without improvement; training stops as soon as ${plural(patience, 'epoch')} in a row have not improved.`,
                'early-stopping-patience',
              )
            : undefined,
          differs(best + 1, key)
            ? wrong(
                'early-stop-first-worse',
                numberAnswer(best + 1),
                `Epoch ${best + 1} is the first epoch after the best one; with patience ${patience} a single worse epoch does not stop training.`,
                'early-stopping-patience',
              )
            : undefined,
          differs(plain?.stopEpoch, key)
            ? wrong(
                'early-stop-ignored-min-delta',
                numberAnswer(plain?.stopEpoch ?? 0),
                `That counts every ${better} value as an improvement; with \`min_delta\` ${v(minDelta)} a gain must be larger than that.`,
              )
            : undefined,
          differs(trainBest, key)
            ? wrong(
                'early-stop-read-training-curve',
                numberAnswer(trainBest),
                `Epoch ${trainBest} is where the ${trainName} is best: early stopping watches the ${valName}, since the training curve keeps improving as the network overfits.`,
              )
            : undefined,
          differs(shownEpochs, key)
            ? wrong(
                'early-stop-ran-to-end',
                numberAnswer(shownEpochs),
                `Epoch ${shownEpochs} is the end of the run without early stopping.`,
              )
            : undefined,
        ]
      : [
          differs(stop, key)
            ? wrong(
                'early-stop-no-restore',
                numberAnswer(stop),
                `Epoch ${stop} is where training stops, but the weights of the best epoch, ${best}, are restored.`,
                'early-stopping-patience',
              )
            : undefined,
          differs(plain?.bestEpoch, key)
            ? wrong(
                'early-stop-ignored-min-delta',
                numberAnswer(plain?.bestEpoch ?? 0),
                `That epoch's ${valName} beats the previous best by no more than \`min_delta\` ${v(minDelta)}, so it does not count as an improvement.`,
              )
            : undefined,
          differs(trainBest, key)
            ? wrong(
                'early-stop-read-training-curve',
                numberAnswer(trainBest),
                `Epoch ${trainBest} is where the ${trainName} is best: early stopping watches the ${valName}.`,
              )
            : undefined,
          differs(best + 1, key)
            ? wrong(
                'early-stop-first-worse',
                numberAnswer(best + 1),
                `Epoch ${best + 1} is the first epoch after the best one, and its ${valName} is not better.`,
              )
            : undefined,
          differs(shownEpochs, key)
            ? wrong(
                'early-stop-ran-to-end',
                numberAnswer(shownEpochs),
                `Epoch ${shownEpochs} is the last epoch of the run; early stopping would have ended it at epoch ${stop} and restored epoch ${best}.`,
                'early-stopping-patience',
              )
            : undefined,
        ],
  );
  const improvementText = es.improvements
    .map((e) => `${e} (${v(run.validation[e - 1])})`)
    .join(', ');
  const waiting = Array.from({ length: patience }, (_, i) => best + 1 + i)
    .map((e) => `${e} (${v(run.validation[e - 1])})`)
    .join(', ');
  const steps = [
    `Follow the ${valName} epoch by epoch, keeping the best value so far. Improvements at epochs ${improvementText}.`,
    `After epoch ${best} (best ${v(es.bestValue)}), epoch${patience === 1 ? '' : 's'} ${waiting} ${patience === 1 ? 'does' : 'do'} not improve on it${minDelta > 0 ? ` by more than ${v(minDelta)}` : ''}: that is ${plural(patience, 'epoch')} in a row, the patience.`,
    `So training stops after epoch ${stop} and the weights of epoch ${best} are restored.`,
  ];
  const solutionFigure = curvesFigure(figure.yLabel, figure.series, [
    { epoch: best, label: 'best epoch, weights restored' },
    { epoch: stop, label: `stop, patience ${patience} used up` },
  ]);
  const parts: ProblemPart[] = [
    {
      id: 'best-value',
      prompt: `The best ${valName} reached before training stops${minDelta > 0 ? ' (counting only improvements larger than δ)' : ''}.`,
      answer: numberAnswer(es.bestValue, decimals),
      hint: `Go along the ${valName} row and keep the ${metric === 'loss' ? 'lowest' : 'highest'} value so far.`,
    },
    ask === 'stop'
      ? {
          id: 'best-epoch',
          prompt: 'The epoch whose weights are restored (the last improvement).',
          answer: numberAnswer(best),
          hint: 'The epoch where that best value was reached.',
        }
      : {
          id: 'stop-epoch',
          prompt: 'The epoch after which training stops.',
          answer: numberAnswer(stop),
          hint: `Count ${patience} epochs without improvement after the best one.`,
        },
  ];
  return finishDraw(
    {
      stem,
      figure,
      solutionFigure,
      answer: numberAnswer(key),
      distractors,
      correctFeedback: `Right: the last improvement is at epoch ${best}; ${plural(patience, 'epoch')} later, after epoch ${stop}, patience runs out and epoch ${best}'s weights come back.`,
      explanation:
        'Early stopping watches a validation metric because the training metric keeps improving while the network ' +
        'starts to memorise the training set: the gap between the curves widens and the validation curve turns. ' +
        'Patience tolerates a few noisy epochs without improvement; when it runs out, training stops, and restoring ' +
        'the best weights undoes the epochs spent waiting. The stopping epoch is therefore always the last ' +
        'improvement plus the patience, and the restored checkpoint is the last improvement itself, not the epoch ' +
        'where training happened to stop.',
      steps,
      parts,
      hints: {
        nudge: `Track only the ${valName}: find the last epoch that improved on the best so far, then count the patience.`,
        formula:
          '$e_{\\text{stop}} = e^{*} + P$, where $e^{*}$ is the last epoch that improved on the best so far; the weights of $e^{*}$ are restored',
        firstStep: steps[0],
      },
      entryHint: 'the epoch number',
    },
    { fixed },
  );
}

/** Early stopping read off training and validation curves. */
export const trainingCurvesTemplate: TemplateDefinition = {
  id: 'training-curves',
  topic: 'training-diagnostics',
  title: 'Training curves: where early stopping stops and what it restores',
  answerKind: 'number',
  forms: ['mcq', 'numeric'],
  params: {
    ask: {
      kind: 'enum',
      values: ['stop', 'restore'],
      description:
        'stop: the epoch training stops after; restore: the epoch restored (default: drawn)',
    },
    metric: {
      kind: 'enum',
      values: ['loss', 'accuracy'],
      description: 'the monitored curve (default: loss at level 1, drawn above)',
    },
    patience: {
      kind: 'int',
      min: 1,
      max: 4,
      description: 'epochs without improvement before stopping (default 2–3 at level 1, 2–4 above)',
    },
    train: {
      kind: 'numbers',
      minLength: 4,
      maxLength: 30,
      description: 'the training curve, one value per epoch (default: drawn; give with validation)',
    },
    validation: {
      kind: 'numbers',
      minLength: 4,
      maxLength: 30,
      description: 'the validation curve, one value per epoch (default: drawn)',
    },
  },
  draw,
};
