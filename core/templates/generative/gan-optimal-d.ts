/**
 * `gan-optimal-d`: the optimal discriminator for a fixed generator, D*(x) = p_data / (p_data + p_g),
 * at a few points: of two discrete distributions (levels 1–2) or of two unit-variance Gaussians
 * (level 3).
 */
import { optimalDiscriminator } from '../../kernels';
import { numberAnswer, vectorAnswer, wrong } from '../answers';
import { distinct, finishDraw } from '../draw-rules';
import { fmt, fmtList, fmtRow } from '../format';
import type { Rng } from '../rng';
import { TemplateError } from '../types';
import type { ParamBag, Problem, TemplateDefinition } from '../types';

const DECIMALS = 3;

interface Setup {
  readonly pData: number[];
  readonly pG: number[];
  /** The question's description of the two distributions. */
  readonly given: string;
  readonly where: string;
}

/** A distribution over `n` points in multiples of 0.05, every probability at least 0.05. */
function discrete(rng: Rng, n: number): number[] {
  const cuts = new Set<number>();
  while (cuts.size < n - 1) cuts.add(rng.int(1, 19));
  const sorted = [...cuts].sort((a, b) => a - b);
  return [...sorted, 20].map((c, i) => (c - (i === 0 ? 0 : sorted[i - 1])) / 20);
}

const gauss = (x: number, m: number) => Math.exp(-((x - m) ** 2) / 2) / Math.sqrt(2 * Math.PI);

function drawSetup(rng: Rng, level: 1 | 2 | 3): Setup {
  if (level < 3) {
    const n = level + 2;
    const pData = discrete(rng, n);
    const pG = discrete(rng, n);
    const points = Array.from({ length: n }, (_, i) => i + 1);
    return {
      pData,
      pG,
      given:
        `The data and the generator put these probabilities on the ${n} possible outputs $x = ${fmtList(points)}$: ` +
        `$p_{\\text{data}} = ${fmtRow(pData, 2)}$ and $p_g = ${fmtRow(pG, 2)}$.`,
      where: `at each of the ${n} outputs`,
    };
  }
  const mData = rng.int(-1, 1);
  const mG = mData + rng.pick([-2, -1, 1, 2]);
  const xs = [...new Set(rng.ints(3, -2, 2))].sort((a, b) => a - b);
  while (xs.length < 3) xs.push(xs[xs.length - 1] + 1);
  return {
    pData: xs.map((x) => gauss(x, mData)),
    pG: xs.map((x) => gauss(x, mG)),
    given: `The data density is $\\mathcal N(${mData}, 1)$ and the generator's is $\\mathcal N(${mG}, 1)$.`,
    where: `at $x = ${fmtList(xs)}$`,
  };
}

function fixedSetup(pData: number[], pG: number[]): Setup {
  if (pData.length !== pG.length) throw new TemplateError('p_data and p_g need the same length');
  const points = Array.from({ length: pData.length }, (_, i) => i + 1);
  return {
    pData,
    pG,
    given:
      `The data and the generator put these probabilities on the ${pData.length} possible outputs $x = ${fmtList(points)}$: ` +
      `$p_{\\text{data}} = ${fmtRow(pData, 4)}$ and $p_g = ${fmtRow(pG, 4)}$.`,
    where: `at each of the ${pData.length} outputs`,
  };
}

function draw(rng: Rng, p: ParamBag): Problem {
  const givenData = p.numbers('p_data');
  const givenG = p.numbers('p_g');
  const fixed = givenData !== undefined && givenG !== undefined;
  if (!fixed && (givenData ?? givenG) !== undefined)
    throw new TemplateError('give both p_data and p_g');
  const setup = fixed ? fixedSetup([...givenData], [...givenG]) : drawSetup(rng, p.level);
  const { pData, pG } = setup;
  const d = optimalDiscriminator(pData, pG);
  const vec = (xs: readonly number[]) => vectorAnswer(xs, DECIMALS);
  const steps = [
    ...pData.map(
      (pd, i) =>
        `Point ${i + 1}: $D^* = \\frac{${fmt(pd, 4)}}{${fmt(pd, 4)} + ${fmt(pG[i], 4)}} = ${fmt(d[i], 4)}$.`,
    ),
  ];
  return finishDraw(
    {
      stem: `${setup.given} The generator is held fixed. What does the optimal discriminator $D^*(x)$ output ${setup.where}, in that order?`,
      answer: vec(d),
      distractors: [
        wrong(
          'gan-dstar-inverted',
          vec(pData.map((pd, i) => pG[i] / (pd + pG[i]))),
          'The discriminator gives the probability that $x$ is real, so $p_{\\text{data}}$ goes on top.',
        ),
        wrong(
          'gan-dstar-ratio',
          vec(pData.map((pd, i) => pd / pG[i])),
          'A ratio can exceed 1; $D^*$ is a probability, $p_{\\text{data}} / (p_{\\text{data}} + p_g)$.',
        ),
        wrong(
          'gan-dstar-half',
          vec(pData.map(() => 0.5)),
          '½ everywhere is the optimum only when the generator already matches the data; here $p_g \\ne p_{\\text{data}}$.',
        ),
        wrong(
          'gan-dstar-data-only',
          vec(pData),
          'How likely a sample is to be real depends on how often the generator produces it too.',
        ),
      ],
      correctFeedback: 'Right: D*(x) = p_data(x) / (p_data(x) + p_g(x)).',
      explanation:
        'For a fixed generator the discriminator maximises $\\mathbb E_{p_{\\text{data}}}[\\log D] + \\mathbb E_{p_g}[\\log(1 - D)]$, ' +
        'pointwise $p_{\\text{data}}(x)\\log D + p_g(x)\\log(1 - D)$, which is largest at $D = p_{\\text{data}} / (p_{\\text{data}} + p_g)$. ' +
        'It is the posterior probability that $x$ came from the data when both sources are equally likely: above ½ where the ' +
        'data is more likely, below where the generator over-produces, and ½ everywhere once $p_g = p_{\\text{data}}$. ' +
        'Plugging it back in turns the GAN objective into $2\\,\\mathrm{JSD}(p_{\\text{data}} \\| p_g) - \\log 4$.',
      steps,
      parts: [
        {
          id: 'total-1',
          prompt: '$p_{\\text{data}} + p_g$ at the first point.',
          answer: numberAnswer(pData[0] + pG[0], 4),
          hint: 'Add the two probabilities (or densities) of that point.',
        },
        {
          id: 'd-1',
          prompt: '$D^*$ at the first point.',
          answer: numberAnswer(d[0], DECIMALS),
          hint: 'Divide $p_{\\text{data}}$ by that sum.',
        },
      ],
      hints: {
        nudge:
          'The best discriminator reports how much of the probability at x comes from the data.',
        formula: '$D^*(x) = \\frac{p_{\\text{data}}(x)}{p_{\\text{data}}(x) + p_g(x)}$',
        firstStep: steps[0],
      },
      entryHint: `the ${d.length} outputs of D*`,
      needs: [distinct('p_data and p_g', [pData, pG])],
    },
    { fixed },
  );
}

/** The optimal GAN discriminator. */
export const ganOptimalD: TemplateDefinition = {
  id: 'gan-optimal-d',
  topic: 'gans',
  title: 'The optimal discriminator D* = p_data / (p_data + p_g)',
  answerKind: 'vector',
  forms: ['mcq', 'numeric'],
  params: {
    p_data: {
      kind: 'numbers',
      minLength: 2,
      maxLength: 6,
      description: 'data probabilities (default: drawn)',
    },
    p_g: {
      kind: 'numbers',
      minLength: 2,
      maxLength: 6,
      description: 'generator probabilities, same length',
    },
  },
  draw,
};
