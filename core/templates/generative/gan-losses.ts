/**
 * `gan-losses`: the discriminator loss and the minimax and non-saturating generator losses of one
 * batch, from the discriminator's outputs on real and generated samples (nn.BCELoss: natural log,
 * mean over the batch).
 */
import { ganLosses } from '../../kernels';
import { numberAnswer, wrong } from '../answers';
import { finishDraw } from '../draw-rules';
import { fmt, fmtRow } from '../format';
import type { Rng } from '../rng';
import { equalsOrApprox } from '../stats-steps';
import { TemplateError } from '../types';
import type { Distractor, ParamBag, Problem, ProblemPart, TemplateDefinition } from '../types';

const DECIMALS = 4;

type Loss = 'generator-ns' | 'generator-minimax' | 'discriminator';
const LOSSES: readonly Loss[] = ['generator-ns', 'generator-minimax', 'discriminator'];

const mean = (xs: readonly number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
const sum = (xs: readonly number[]) => xs.reduce((s, v) => s + v, 0);

function draw(rng: Rng, p: ParamBag): Problem {
  const level = p.level;
  const loss =
    (p.str('loss') as Loss | undefined) ??
    (level === 1
      ? rng.pick<Loss>(['generator-ns', 'generator-minimax'])
      : level === 2
        ? 'discriminator'
        : rng.pick(LOSSES));
  const size = level === 3 ? 4 : level === 2 ? 3 : 2;
  const fixedReal = p.numbers('d_real');
  const fixedFake = p.numbers('d_fake');
  const fixed = fixedReal !== undefined && fixedFake !== undefined;
  if (!fixed && (fixedReal ?? fixedFake) !== undefined)
    throw new TemplateError('give both d_real and d_fake');
  const real = fixedReal?.slice() ?? rng.decimals(size, 0.3, 0.95, 2);
  const fake = fixedFake?.slice() ?? rng.decimals(size, 0.05, 0.7, 2);
  const l = ganLosses(real, fake);
  const n = (x: number) => numberAnswer(x, DECIMALS);
  const ln = Math.log;
  const lg = Math.log10;
  const logFake = mean(fake.map(ln));
  const logOneMinusFake = mean(fake.map((d) => ln(1 - d)));
  const logReal = mean(real.map(ln));
  const shown =
    `On a batch of ${real.length} real images the discriminator outputs $D(x) = ${fmtRow(real, 2)}$, and on ` +
    `${fake.length} generated images $D(G(z)) = ${fmtRow(fake, 2)}$ (probabilities of "real"). Losses use ` +
    '`nn.BCELoss`: natural logarithms, mean over the batch.';
  let ask: string;
  let key: number;
  let distractors: Distractor[];
  let parts: ProblemPart[];
  let formula: string;
  let steps: string[];
  const fakePart: ProblemPart = {
    id: 'mean-log-fake',
    prompt: 'The mean of $\\ln D(G(z))$ over the generated images.',
    answer: n(logFake),
    hint: 'Take the natural log of each output on a generated image, then average.',
  };
  const oneMinusPart: ProblemPart = {
    id: 'mean-log-one-minus-fake',
    prompt: 'The mean of $\\ln(1 - D(G(z)))$ over the generated images.',
    answer: n(logOneMinusFake),
    hint: 'Subtract each output from 1 first, then take logs and average.',
  };
  switch (loss) {
    case 'generator-ns':
      ask =
        "What is the generator's non-saturating loss (the one used in practice, which trains the generator to make $D$ call its images real)?";
      key = l.generatorNonSaturating;
      formula = '$L_G = -\\frac1m \\sum \\ln D(G(z))$ = BCE(D(G(z)), 1)';
      steps = [
        `$\\frac1m \\sum \\ln D(G(z)) = ${fmt(logFake, 6)}$.`,
        `$L_G = -(${fmt(logFake, 6)}) ${equalsOrApprox(key, DECIMALS)}$.`,
      ];
      parts = [
        fakePart,
        {
          ...oneMinusPart,
          id: 'minimax-value',
          prompt: 'For comparison, the minimax form $\\frac1m \\sum \\ln(1 - D(G(z)))$.',
        },
      ];
      distractors = [
        wrong(
          'gan-minimax-for-ns',
          n(l.generatorMinimax),
          'That is the minimax form, which saturates when $D$ rejects the fakes; the non-saturating loss is $-\\ln D(G(z))$.',
        ),
        wrong(
          'gan-loss-sign',
          n(-key),
          'A loss to minimise: $-\\ln D(G(z))$ is positive and falls as $D(G(z))$ rises.',
        ),
        wrong(
          'gan-log-base-10',
          n(-mean(fake.map(lg))),
          '`nn.BCELoss` uses natural logarithms.',
          'bce-mean-natural-log',
        ),
        wrong(
          'gan-used-real-scores',
          n(-logReal),
          'The generator loss only involves its own samples, $D(G(z))$.',
        ),
        wrong(
          'gan-summed-not-averaged',
          n(-sum(fake.map(ln))),
          '`nn.BCELoss` averages over the batch by default.',
          'bce-mean-natural-log',
        ),
      ];
      break;
    case 'generator-minimax':
      ask =
        "What is the generator's loss in the original minimax form, $\\frac1m \\sum \\ln(1 - D(G(z)))$, which the generator minimises?";
      key = l.generatorMinimax;
      formula = '$L_G = \\frac1m \\sum \\ln(1 - D(G(z)))$';
      steps = [
        `$1 - D(G(z)) = ${fmtRow(
          fake.map((d) => 1 - d),
          2,
        )}$.`,
        `Mean of the logs: $L_G ${equalsOrApprox(key, DECIMALS)}$.`,
      ];
      parts = [{ ...oneMinusPart, hint: oneMinusPart.hint }, fakePart];
      distractors = [
        wrong(
          'gan-ns-for-minimax',
          n(l.generatorNonSaturating),
          'That is the non-saturating loss $-\\ln D(G(z))$; the question asks for the minimax form.',
        ),
        wrong(
          'gan-loss-sign',
          n(-key),
          'The minimax generator objective $\\ln(1 - D(G(z)))$ is negative; it is minimised as it stands.',
        ),
        wrong(
          'gan-log-base-10',
          n(mean(fake.map((d) => lg(1 - d)))),
          '`nn.BCELoss` and the GAN objective use natural logarithms.',
          'bce-mean-natural-log',
        ),
        wrong(
          'gan-summed-not-averaged',
          n(sum(fake.map((d) => ln(1 - d)))),
          'The objective is an expectation: average over the batch.',
          'bce-mean-natural-log',
        ),
        wrong(
          'gan-used-real-scores',
          n(mean(real.map((d) => ln(1 - d)))),
          'The generator’s loss involves only $D(G(z))$, its own samples.',
        ),
      ];
      break;
    case 'discriminator':
      ask =
        "The discriminator's loss is the sum of the two BCE terms, real images labelled 1 and generated ones labelled 0: " +
        '$\\mathrm{BCE}(D(x), 1) + \\mathrm{BCE}(D(G(z)), 0)$. What is it?';
      key = l.discriminator;
      formula = '$L_D = -\\frac1m \\sum \\ln D(x) - \\frac1m \\sum \\ln(1 - D(G(z)))$';
      steps = [
        `Real term: $-\\frac1m \\sum \\ln D(x) = ${fmt(-logReal, 6)}$.`,
        `Generated term: $-\\frac1m \\sum \\ln(1 - D(G(z))) = ${fmt(-logOneMinusFake, 6)}$.`,
        `$L_D = ${fmt(-logReal, 6)} + ${fmt(-logOneMinusFake, 6)} ${equalsOrApprox(key, DECIMALS)}$.`,
      ];
      parts = [
        {
          id: 'real-term',
          prompt: 'The real term $\\mathrm{BCE}(D(x), 1)$.',
          answer: n(-logReal),
          hint: 'With label 1, BCE is $-\\ln D(x)$, averaged.',
        },
        {
          id: 'fake-term',
          prompt: 'The generated term $\\mathrm{BCE}(D(G(z)), 0)$.',
          answer: n(-logOneMinusFake),
          hint: 'With label 0, BCE is $-\\ln(1 - D)$, averaged.',
        },
      ];
      distractors = [
        wrong(
          'gan-d-fake-term-dropped',
          n(-logReal),
          'The discriminator must also learn to reject generated images: the term with label 0 counts.',
        ),
        wrong(
          'gan-d-labels-swapped',
          n(-mean(real.map((d) => ln(1 - d))) - logFake),
          'Real images carry label 1 and generated ones label 0.',
        ),
        wrong(
          'gan-d-averaged-terms',
          n(key / 2),
          'The two BCE terms are added, not averaged.',
          'gan-d-loss-sum',
        ),
        wrong(
          'gan-log-base-10',
          n(key / Math.LN10),
          '`nn.BCELoss` uses natural logarithms.',
          'bce-mean-natural-log',
        ),
        wrong(
          'gan-summed-not-averaged',
          n(-sum(real.map(ln)) - sum(fake.map((d) => ln(1 - d)))),
          '`nn.BCELoss` averages each term over its batch.',
          'bce-mean-natural-log',
        ),
      ];
      break;
    default:
      throw new TemplateError(`unknown loss ${String(loss)}`);
  }
  return finishDraw(
    {
      stem: `${shown}\n\n${ask}`,
      answer: n(key),
      distractors,
      correctFeedback: 'Right.',
      explanation:
        'The GAN game is $\\min_G \\max_D\\ \\mathbb E[\\ln D(x)] + \\mathbb E[\\ln(1 - D(G(z)))]$. The discriminator ' +
        'maximises it, which is the same as minimising binary cross-entropy with real samples labelled 1 and generated ' +
        'ones labelled 0. In the minimax form the generator minimises $\\ln(1 - D(G(z)))$, whose gradient vanishes early ' +
        'in training, when $D(G(z)) \\approx 0$; the non-saturating loss $-\\ln D(G(z))$ (BCE with the generated samples ' +
        'labelled 1) has the same fixed point but strong gradients exactly then, which is why it is used in practice.',
      steps,
      parts,
      hints: {
        nudge:
          loss === 'discriminator'
            ? 'The discriminator is a binary classifier: real images should score 1, generated ones 0.'
            : 'The generator loss looks only at the discriminator’s outputs on generated images.',
        formula,
        firstStep: steps[0],
      },
      entryHint: 'the loss',
    },
    { fixed },
  );
}

/** GAN discriminator and generator losses of one batch. */
export const ganLossesTemplate: TemplateDefinition = {
  id: 'gan-losses',
  topic: 'gans',
  title: 'GAN losses: discriminator, minimax and non-saturating generator',
  answerKind: 'number',
  forms: ['mcq', 'numeric'],
  params: {
    loss: { kind: 'enum', values: LOSSES, description: 'which loss (default: drawn by level)' },
    d_real: {
      kind: 'numbers',
      minLength: 1,
      maxLength: 8,
      description: 'D(x) on real samples, in (0, 1)',
    },
    d_fake: {
      kind: 'numbers',
      minLength: 1,
      maxLength: 8,
      description: 'D(G(z)) on generated samples, in (0, 1)',
    },
  },
  draw,
};
