/**
 * `lr-schedule`: learning-rate schedules of torch.optim.lr_scheduler, stepped once per epoch after
 * that epoch's optimizer.step() calls (epoch 0 trains with the lr the scheduler starts from), and
 * how batch size sets the number of updates. Level 1: StepLR's lr at an epoch, or the optimizer
 * updates of a DataLoader over several epochs (drop_last stated); level 2: CosineAnnealingLR or a
 * LinearLR warm-up at an epoch; level 3: a LinearLR warm-up of a learning rate scaled up by the
 * linear scaling rule for a larger batch.
 */
import { linearScaledLr, scheduledLr, updatesPerEpoch } from '../../kernels';
import { unreachable } from '../../types';
import { numberAnswer, present, wrong } from '../answers';
import { finishDraw } from '../draw-rules';
import { clean, fmt } from '../format';
import type { Rng } from '../rng';
import { Redraw, TemplateError } from '../types';
import type { Distractor, ParamBag, Problem, TemplateDefinition } from '../types';

/** Places a learning rate is given to. */
const LR_DECIMALS = 6;

/** The smallest wrong lr worth offering (anything smaller reads as 0 at six places). */
const VISIBLE = 1e-5;

const SCHEDULES = ['step', 'batches', 'cosine', 'warmup', 'scaled-warmup'] as const;
type Schedule = (typeof SCHEDULES)[number];

const lrAnswer = (x: number) => numberAnswer(clean(x), LR_DECIMALS);

/** An lr misconception, offered only where it reads as a number at six places. */
function wrongLr(
  id: Parameters<typeof wrong>[0],
  value: number,
  feedback: string,
  convention?: Parameters<typeof wrong>[3],
): Distractor | undefined {
  return value >= VISIBLE ? wrong(id, lrAnswer(value), feedback, convention) : undefined;
}

const PER_EPOCH =
  'PyTorch convention: `scheduler.step()` is called once at the end of every epoch, after that ' +
  "epoch's `optimizer.step()` calls, and epochs are counted from epoch 0, which trains with the " +
  "scheduler's starting lr.";

const OFF_BY_ONE =
  'That is the lr of the following epoch: epoch $t$ trains with the lr after $t$ calls of `scheduler.step()`, not $t + 1$.';

function pickSchedule(rng: Rng, p: ParamBag): Schedule {
  const given = p.str('schedule');
  if (given !== undefined) return given as Schedule;
  if (p.level === 1) return rng.chance(0.5) ? 'step' : 'batches';
  if (p.level === 2) return rng.chance(0.5) ? 'cosine' : 'warmup';
  return 'scaled-warmup';
}

function need(p: ParamBag, name: string, drawn: () => number): number {
  return p.num(name) ?? drawn();
}

function drawStep(rng: Rng, p: ParamBag): Problem {
  // Drawn so that at least three distinct wrong lrs stay visible at six places: with γ = 0.5
  // (where 1 − γ = γ) the every-epoch decay must stay above 1e-5, so the run is shorter.
  const gamma = need(p, 'gamma', () => rng.pick([0.1, 0.2, 0.5]));
  const half = gamma === 0.5;
  const lr0 = need(p, 'lr0', () => rng.pick(half ? [0.1, 0.05, 0.2] : [0.1, 0.05, 0.2, 0.01]));
  const size = need(p, 'step_size', () => rng.pick(half ? [2, 3, 4] : [2, 3, 4, 5]));
  const t = need(p, 'epoch', () => {
    const decays = gamma === 0.2 && lr0 >= 0.05 ? rng.int(2, 3) : 2;
    // Half the draws ask for the last epoch before a decay, where counting one step too many shows.
    const r = size === 2 || rng.chance(0.5) ? size - 1 : rng.int(1, size - 2);
    return decays * size + r;
  });
  if (!Number.isInteger(size) || !Number.isInteger(t))
    throw new TemplateError('step_size and epoch must be integers');
  const schedule = { kind: 'step', stepSize: size, gamma } as const;
  const key = scheduledLr(lr0, schedule, t);
  const k = Math.floor(t / size);
  const distractors = present([
    wrongLr(
      'schedule-off-by-one',
      scheduledLr(lr0, schedule, t + 1),
      OFF_BY_ONE,
      'scheduler-step-per-epoch',
    ),
    wrongLr(
      'step-decay-ceil',
      lr0 * gamma ** Math.ceil(t / size),
      `StepLR decays at epochs ${size}, ${2 * size}, …: after $t = ${t}$ epochs only $\\lfloor ${t}/${size} \\rfloor = ${k}$ decays have happened.`,
    ),
    wrongLr(
      'step-decay-every-epoch',
      lr0 * gamma ** t,
      `That multiplies by $\\gamma$ every epoch (ExponentialLR); StepLR does it once every ${size} epochs.`,
    ),
    k >= 2
      ? wrongLr(
          'decay-applied-once',
          lr0 * gamma,
          `$\\gamma$ is applied at every decay: ${k} decays multiply by $\\gamma^{${k}}$.`,
        )
      : undefined,
    gamma !== 0.5
      ? wrongLr(
          'gamma-as-decay-rate',
          lr0 * (1 - gamma) ** k,
          `gamma=${fmt(gamma, 4)} is the factor the lr is multiplied by, not the fraction taken off.`,
        )
      : undefined,
  ]);
  const stem =
    `An optimizer starts with lr $= ${fmt(lr0, 6)}$ and is wrapped in ` +
    `\`StepLR(optimizer, step_size=${size}, gamma=${fmt(gamma, 4)})\`. ${PER_EPOCH} ` +
    `What learning rate does epoch ${t} train with?`;
  return finishDraw(
    {
      stem,
      answer: lrAnswer(key),
      distractors,
      correctFeedback: `Right: ${k} decays by $\\gamma$ have happened before epoch ${t}.`,
      explanation:
        'StepLR multiplies the lr by $\\gamma$ every `step_size` scheduler steps, so epoch $t$ trains with ' +
        '$\\eta_0 \\gamma^{\\lfloor t / s \\rfloor}$. The lr changes on the boundary epochs $s, 2s, \\ldots$ and stays ' +
        'flat in between, which is why the last epoch before a boundary still has the old value.',
      steps: [
        `Decays before epoch ${t}: $\\lfloor ${t} / ${size} \\rfloor = ${k}$.`,
        `$\\eta = ${fmt(lr0, 6)} \\cdot ${fmt(gamma, 4)}^{${k}} = ${fmt(clean(key), LR_DECIMALS)}$.`,
      ],
      parts: [
        {
          id: 'decays',
          prompt: `How many times has the lr been multiplied by $\\gamma$ before epoch ${t}?`,
          answer: numberAnswer(k),
          hint: 'Divide the epoch number by step_size and round down.',
        },
        {
          id: 'factor',
          prompt: 'The factor $\\gamma^k$ those decays multiply the starting lr by.',
          answer: numberAnswer(clean(gamma ** k), LR_DECIMALS),
          hint: 'Raise gamma to the number of decays.',
        },
      ],
      hints: {
        nudge: 'Count how many decay boundaries lie at or before this epoch.',
        formula: '$\\eta_t = \\eta_0 \\, \\gamma^{\\lfloor t / s \\rfloor}$',
      },
      entryHint: `the learning rate of epoch ${t}`,
    },
    { fixed: p.hasFixed },
  );
}

function drawBatches(rng: Rng, p: ParamBag): Problem {
  const n = need(p, 'samples', () => rng.pick([50000, 60000, 10000, 1000, 2500]));
  const batch = need(p, 'batch_size', () => {
    const uneven = [64, 128, 256, 48, 96].filter((b) => n % b !== 0);
    if (uneven.length === 0) throw new Redraw('every batch size divides the samples');
    return rng.pick(uneven);
  });
  const epochs = need(p, 'epochs', () => rng.pick([3, 5, 10, 20]));
  const dropLast = p.bool('drop_last') ?? rng.chance(0.5);
  if (![n, batch, epochs].every(Number.isInteger))
    throw new TemplateError('samples, batch_size and epochs must be integers');
  const perEpoch = updatesPerEpoch(n, batch, dropLast);
  const key = epochs * perEpoch;
  const round = dropLast ? Math.floor : Math.ceil;
  const count = (x: number) => numberAnswer(x);
  const distractors = present([
    wrong(
      'batches-rounding-swapped',
      count(epochs * updatesPerEpoch(n, batch, !dropLast)),
      dropLast
        ? 'With drop_last=True the last, smaller batch is dropped: round the batch count down.'
        : 'With drop_last=False the last, smaller batch is still a batch and gets its own update: round up.',
      'drop-last-stated',
    ),
    wrong(
      'batches-forgot-epochs',
      count(perEpoch),
      `That is one epoch; training runs ${epochs} of them.`,
    ),
    wrong(
      'batches-rounded-once',
      count(round((n * epochs) / batch)),
      'Batches do not run across epochs: each epoch rounds its own batch count, so multiply after rounding.',
    ),
    wrong(
      'batches-one-per-sample',
      count(n * epochs),
      'The optimizer steps once per batch, on the mean loss of its samples, not once per sample.',
    ),
  ]);
  const rest = n % batch;
  const stem =
    `A training set of ${n} samples is loaded with \`DataLoader(dataset, batch_size=${batch}, shuffle=True, ` +
    `drop_last=${dropLast ? 'True' : 'False'})\`, and the loop calls \`optimizer.step()\` once per batch. ` +
    `How many optimizer updates do ${epochs} epochs of training make?`;
  return finishDraw(
    {
      stem,
      answer: count(key),
      distractors,
      correctFeedback: `Right: ${perEpoch} updates per epoch, ${epochs} times.`,
      explanation:
        'Each batch gives one `optimizer.step()`, so an epoch makes as many updates as the loader has batches: ' +
        '$\\lceil N/B \\rceil$ when the last, smaller batch is kept (drop_last=False, the default) and ' +
        '$\\lfloor N/B \\rfloor$ when it is dropped. A larger batch means fewer, less noisy updates per epoch; ' +
        'a schedule that steps per iteration must count these updates, not epochs.',
      steps: [
        `$${n} = ${Math.floor(n / batch)} \\cdot ${batch} + ${rest}$: ${Math.floor(n / batch)} full batches and one of ${rest} samples, which is ${dropLast ? 'dropped' : 'kept'}.`,
        `${perEpoch} updates per epoch; $${epochs} \\cdot ${perEpoch} = ${key}$.`,
      ],
      parts: [
        {
          id: 'full-batches',
          prompt: `How many full batches of ${batch} does one epoch hold?`,
          answer: count(Math.floor(n / batch)),
          hint: 'Divide the number of samples by the batch size and round down.',
        },
        {
          id: 'updates-per-epoch',
          prompt: 'How many optimizer updates does one epoch make?',
          answer: count(perEpoch),
          hint: 'Decide whether the leftover samples form a batch of their own.',
        },
      ],
      hints: {
        nudge: 'One update per batch; count the batches of one epoch first.',
        formula:
          '$\\text{updates} = E \\cdot \\lceil N/B \\rceil$, or $E \\cdot \\lfloor N/B \\rfloor$ with drop_last=True',
      },
      entryHint: 'the number of optimizer updates',
    },
    { fixed: p.hasFixed },
  );
}

function drawCosine(rng: Rng, p: ParamBag): Problem {
  const lr0 = need(p, 'lr0', () => rng.pick([0.1, 0.05, 0.2, 0.01]));
  const tMax = need(p, 'T_max', () => rng.pick([10, 20, 30, 50, 100]));
  const etaMin = need(p, 'eta_min', () => rng.pick([0, 0, 0.001, 0.0001]));
  const t = need(p, 'epoch', () => rng.int(Math.ceil(tMax / 10), Math.floor((9 * tMax) / 10)));
  if (!Number.isInteger(tMax) || !Number.isInteger(t) || t < 1 || t >= tMax)
    throw new TemplateError('T_max and epoch must be integers with 1 ≤ epoch < T_max');
  const schedule = { kind: 'cosine', tMax, etaMin } as const;
  const key = scheduledLr(lr0, schedule, t);
  const span = lr0 - etaMin;
  const linear = etaMin + span * (1 - t / tMax);
  const distractors = present([
    wrongLr(
      'cosine-no-half',
      etaMin + span * Math.cos((Math.PI * t) / tMax),
      'The cosine runs from 1 to −1; CosineAnnealingLR maps it onto $[\\eta_{min}, \\eta_0]$ with $(1 + \\cos)/2$.',
    ),
    wrongLr(
      'cosine-no-pi',
      etaMin + (span * (1 + Math.cos(t / tMax))) / 2,
      'The angle is $\\pi t / T_{max}$: half a cosine period over $T_{max}$ epochs.',
    ),
    Math.abs(linear - key) > 1e-9
      ? wrongLr(
          'cosine-linear',
          linear,
          'That is a straight line from $\\eta_0$ to $\\eta_{min}$; the cosine stays high longer at the start and flattens at the end.',
        )
      : undefined,
    t + 1 <= tMax
      ? wrongLr(
          'schedule-off-by-one',
          scheduledLr(lr0, schedule, t + 1),
          OFF_BY_ONE,
          'scheduler-step-per-epoch',
        )
      : undefined,
  ]);
  const factor = (1 + Math.cos((Math.PI * t) / tMax)) / 2;
  const stem =
    `An optimizer starts with lr $= ${fmt(lr0, 6)}$ and is wrapped in ` +
    `\`CosineAnnealingLR(optimizer, T_max=${tMax}, eta_min=${fmt(etaMin, 6)})\`, which gives epoch $t$ ` +
    `the lr $\\eta_{min} + (\\eta_0 - \\eta_{min}) \\cdot \\tfrac{1}{2}(1 + \\cos(\\pi t / T_{max}))$. ${PER_EPOCH} ` +
    `What learning rate does epoch ${t} train with (to 6 decimal places)?`;
  return finishDraw(
    {
      stem,
      answer: lrAnswer(key),
      distractors,
      correctFeedback:
        'Right: half of one plus the cosine, scaled onto the range from η_min to η_0.',
      explanation:
        'CosineAnnealingLR lowers the lr along half a cosine period: $\\tfrac{1}{2}(1 + \\cos(\\pi t / T_{max}))$ ' +
        'falls from 1 at $t = 0$ through 0.5 at $t = T_{max}/2$ to 0 at $t = T_{max}$, and is scaled onto ' +
        '$[\\eta_{min}, \\eta_0]$. Compared with a straight line it keeps the lr high for longer and then spends ' +
        'many epochs at small rates. (PyTorch computes it recursively from the previous lr; inside ' +
        '$[0, T_{max}]$ that gives the same values as this closed form.)',
      steps: [
        `$\\pi t / T_{max} = \\pi \\cdot ${t}/${tMax}$; $\\tfrac{1}{2}(1 + \\cos(\\pi \\cdot ${t}/${tMax})) \\approx ${fmt(clean(factor), 6)}$.`,
        `$\\eta = ${fmt(etaMin, 6)} + ${fmt(clean(span), 6)} \\cdot ${fmt(clean(factor), 6)} \\approx ${fmt(clean(key), LR_DECIMALS)}$.`,
      ],
      parts: [
        {
          id: 'cosine-factor',
          prompt: `The factor $\\tfrac{1}{2}(1 + \\cos(\\pi t / T_{max}))$ at epoch ${t}.`,
          answer: numberAnswer(clean(factor), 6),
          hint: 'Take the cosine of π·t/T_max in radians, add 1 and halve.',
        },
        {
          id: 'range',
          prompt: 'The range $\\eta_0 - \\eta_{min}$ the factor scales.',
          answer: numberAnswer(clean(span), LR_DECIMALS),
          hint: 'Subtract eta_min from the starting lr.',
        },
      ],
      hints: {
        nudge: 'Find how far along the half cosine epoch t is, then scale onto the lr range.',
        formula:
          '$\\eta_t = \\eta_{min} + (\\eta_0 - \\eta_{min}) \\cdot \\tfrac{1}{2}\\left(1 + \\cos\\frac{\\pi t}{T_{max}}\\right)$',
      },
      entryHint: `the learning rate of epoch ${t}`,
    },
    { fixed: p.hasFixed },
  );
}

/** The LinearLR warm-up factor s + (1 − s)·min(t, T)/T (end_factor 1). */
function warmupFactor(s: number, total: number, t: number): number {
  return s + ((1 - s) * Math.min(t, total)) / total;
}

function drawWarmup(rng: Rng, p: ParamBag, scaled: boolean): Problem {
  const base = need(p, 'lr0', () => rng.pick(scaled ? [0.1, 0.05, 0.2] : [0.1, 0.4, 0.2, 0.05]));
  const s = need(p, 'start_factor', () => rng.pick([0.1, 0.25, 0.2, 0.5]));
  const total = need(p, 'total_iters', () => rng.pick([4, 5, 10]));
  const t = need(p, 'epoch', () => rng.int(1, total - 1));
  if (!Number.isInteger(total) || !Number.isInteger(t) || t < 1 || t >= total)
    throw new TemplateError('total_iters and epoch must be integers with 1 ≤ epoch < total_iters');
  const baseBatch = scaled ? need(p, 'base_batch', () => rng.pick([256, 128])) : 1;
  const batch = scaled ? need(p, 'batch_size', () => baseBatch * rng.pick([2, 4, 8])) : 1;
  if (scaled && !(Number.isInteger(baseBatch) && Number.isInteger(batch)))
    throw new TemplateError('base_batch and batch_size must be integers');
  const lr0 = scaled ? linearScaledLr(base, baseBatch, batch) : base;
  const warm = { kind: 'warmup', startFactor: s, totalIters: total } as const;
  const key = scheduledLr(lr0, warm, t);
  const f = warmupFactor(s, total, t);
  const ratio = batch / baseBatch;
  const distractors = present([
    scaled
      ? wrongLr(
          'scaling-ignored',
          base * f,
          `The linear scaling rule first multiplies the lr by $B/B_0 = ${fmt(ratio, 4)}$; the warm-up then scales that.`,
          'linear-scaling-rule',
        )
      : undefined,
    wrongLr(
      'warmup-from-zero',
      lr0 * (t / total),
      `LinearLR starts at start_factor times the lr, $${fmt(s, 4)} \\cdot \\eta$, not at 0.`,
    ),
    scaled
      ? wrongLr(
          'scaling-sqrt',
          base * Math.sqrt(ratio) * f,
          'That is the square-root rule; the linear scaling rule multiplies by $B/B_0$ itself.',
          'linear-scaling-rule',
        )
      : undefined,
    wrongLr(
      'schedule-off-by-one',
      scheduledLr(lr0, warm, t + 1),
      OFF_BY_ONE,
      'scheduler-step-per-epoch',
    ),
    scaled
      ? wrongLr(
          'scaling-inverted',
          base * (baseBatch / batch) * f,
          `A larger batch gets a larger lr: multiply by $B/B_0 = ${fmt(ratio, 4)}$, not by $B_0/B$.`,
          'linear-scaling-rule',
        )
      : undefined,
    wrongLr(
      'warmup-forgot-one-minus-start',
      lr0 * (s + t / total),
      'The factor climbs from start_factor to 1, so the progress $t/T$ is weighted by $1 - s$.',
    ),
  ]);
  const sched = `\`LinearLR(optimizer, start_factor=${fmt(s, 4)}, total_iters=${total})\` (end_factor 1)`;
  const stem = scaled
    ? `A recipe trains with lr $= ${fmt(base, 6)}$ at batch size ${baseBatch}. You train with batch size ${batch} ` +
      `and follow the linear scaling rule to set the optimizer's lr, then warm it up with ${sched}. ${PER_EPOCH} ` +
      `What learning rate does epoch ${t} train with?`
    : `An optimizer is created with lr $= ${fmt(base, 6)}$ and wrapped in ${sched}, a linear warm-up. ${PER_EPOCH} ` +
      `What learning rate does epoch ${t} train with?`;
  const parts = [
    ...(scaled
      ? [
          {
            id: 'scaled-lr',
            prompt: "The optimizer's lr after the linear scaling rule.",
            answer: numberAnswer(clean(lr0), LR_DECIMALS),
            hint: `Multiply ${fmt(base, 6)} by ${batch}/${baseBatch}.`,
          },
        ]
      : [
          {
            id: 'first-lr',
            prompt: 'The learning rate of epoch 0.',
            answer: numberAnswer(clean(lr0 * s), LR_DECIMALS),
            hint: 'Epoch 0 trains with start_factor times the lr.',
          },
        ]),
    {
      id: 'warmup-factor',
      prompt: `The factor $s + (1 - s)\\,t/T$ LinearLR applies at epoch ${t}.`,
      answer: numberAnswer(clean(f), 6),
      hint: 'The factor rises in equal steps of (1 − s)/T from s to 1.',
    },
  ];
  return finishDraw(
    {
      stem,
      answer: lrAnswer(key),
      distractors,
      correctFeedback: scaled
        ? 'Right: scale the lr with the batch size, then apply the warm-up factor of this epoch.'
        : 'Right: the warm-up factor of this epoch times the lr.',
      explanation:
        'LinearLR multiplies the lr by a factor that rises in equal steps from start_factor $s$ (at epoch 0) to 1 ' +
        '(at epoch $T$ = total_iters and after): $s + (1 - s) \\min(t, T)/T$. A warm-up keeps the first updates ' +
        'small while the weights and the optimiser statistics are still far from settled.' +
        (scaled
          ? ' The linear scaling rule (Goyal et al., 2017) multiplies the lr by the factor the batch grew by, ' +
            'keeping the update per sample about the same; it is exactly the large early steps of such a scaled lr ' +
            'that the warm-up protects against.'
          : ''),
      steps: [
        ...(scaled
          ? [
              `Linear scaling: $${fmt(base, 6)} \\cdot ${batch}/${baseBatch} = ${fmt(clean(lr0), LR_DECIMALS)}$.`,
            ]
          : []),
        `Factor at epoch ${t}: $${fmt(s, 4)} + (1 - ${fmt(s, 4)}) \\cdot ${t}/${total} = ${fmt(clean(f), 6)}$.`,
        `$\\eta = ${fmt(clean(lr0), LR_DECIMALS)} \\cdot ${fmt(clean(f), 6)} = ${fmt(clean(key), LR_DECIMALS)}$.`,
      ],
      parts,
      hints: {
        nudge: scaled
          ? 'First scale the lr for the larger batch; then find the warm-up factor of this epoch.'
          : 'Find the warm-up factor of this epoch; it starts at start_factor and reaches 1 at total_iters.',
        formula: scaled
          ? '$\\eta_t = \\eta_0 \\frac{B}{B_0} \\left(s + (1 - s) \\frac{t}{T}\\right)$'
          : '$\\eta_t = \\eta_0 \\left(s + (1 - s) \\frac{t}{T}\\right)$',
      },
      entryHint: `the learning rate of epoch ${t}`,
    },
    { fixed: p.hasFixed },
  );
}

function draw(rng: Rng, p: ParamBag): Problem {
  const schedule = pickSchedule(rng, p);
  switch (schedule) {
    case 'step':
      return drawStep(rng, p);
    case 'batches':
      return drawBatches(rng, p);
    case 'cosine':
      return drawCosine(rng, p);
    case 'warmup':
      return drawWarmup(rng, p, false);
    case 'scaled-warmup':
      return drawWarmup(rng, p, true);
    default:
      throw unreachable(schedule);
  }
}

/** Learning-rate schedules (StepLR, CosineAnnealingLR, LinearLR warm-up) and updates per epoch. */
export const lrScheduleTemplate: TemplateDefinition = {
  id: 'lr-schedule',
  topic: 'optimizers',
  title: 'Learning-rate schedules and updates per epoch, as torch.optim.lr_scheduler steps them',
  answerKind: 'number',
  forms: ['mcq', 'numeric'],
  params: {
    schedule: {
      kind: 'enum',
      values: SCHEDULES,
      description:
        'step (StepLR) or batches (updates per epoch) at level 1, cosine or warmup at level 2, scaled-warmup at level 3 (default: drawn by level)',
    },
    lr0: { kind: 'number', min: 0.00001, max: 10, description: 'starting lr (default: drawn)' },
    epoch: { kind: 'int', min: 1, max: 1000, description: 'the epoch asked about, from 0' },
    step_size: { kind: 'int', min: 1, max: 100, description: 'StepLR step_size' },
    gamma: { kind: 'number', min: 0.01, max: 0.99, description: 'StepLR gamma' },
    T_max: { kind: 'int', min: 2, max: 1000, description: 'CosineAnnealingLR T_max' },
    eta_min: { kind: 'number', min: 0, max: 1, description: 'CosineAnnealingLR eta_min' },
    start_factor: { kind: 'number', min: 0.01, max: 1, description: 'LinearLR start_factor' },
    total_iters: { kind: 'int', min: 2, max: 1000, description: 'LinearLR total_iters' },
    samples: { kind: 'int', min: 1, max: 10_000_000, description: 'training-set size' },
    batch_size: { kind: 'int', min: 1, max: 100_000, description: 'batch size' },
    base_batch: {
      kind: 'int',
      min: 1,
      max: 100_000,
      description: 'batch size the lr was tuned at',
    },
    epochs: { kind: 'int', min: 1, max: 1000, description: 'number of epochs' },
    drop_last: { kind: 'boolean', description: 'DataLoader drop_last (default: drawn)' },
  },
  draw,
};
