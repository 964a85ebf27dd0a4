/**
 * `beam-search`: one step of beam search. Every kept sequence is extended by every token, each
 * candidate scored by its summed natural log-probability, and the B best of all B·V candidates
 * are kept. Asks for the kept scores, best first.
 */
import { beamSearchStep, type Beam } from '../../kernels';
import { numberAnswer, vectorAnswer, wrong } from '../answers';
import { finishDraw } from '../draw-rules';
import { fmt, term } from '../format';
import type { Rng } from '../rng';
import { Redraw, TemplateError } from '../types';
import type { ParamBag, Problem, TemplateDefinition } from '../types';

const DECIMALS = 2;
const VOCAB = ['cat', 'dog', 'sat', 'ran', 'home'] as const;
const PREFIXES = ['the', 'a', 'my', 'one'] as const;

interface Setup {
  readonly beams: Beam[];
  /** Rounded natural log-probabilities, one row per beam. */
  readonly logProbs: number[][];
}

/** `v` positive integers summing to `total`, each at least 1. */
function partition(rng: Rng, total: number, v: number): number[] {
  const cuts = new Set<number>();
  while (cuts.size < v - 1) cuts.add(rng.int(1, total - 1));
  const sorted = [...cuts].sort((a, b) => a - b);
  return [...sorted, total].map((c, i) => c - (i === 0 ? 0 : sorted[i - 1]));
}

function drawSetup(rng: Rng, level: 1 | 2 | 3): Setup {
  const [b, v] = level === 1 ? [3, 3] : level === 2 ? [3, 4] : [4, 4];
  const scores = new Set<number>();
  while (scores.size < b) scores.add(-rng.int(2, 25) / 10);
  const sorted = [...scores].sort((x, y) => y - x);
  const beams = sorted.map((score, i) => ({ tokens: [i], score }));
  const logProbs = beams.map(() =>
    partition(rng, 40, v).map((k) => Math.round(Math.log(k / 40) * 100) / 100),
  );
  return { beams, logProbs };
}

const round = (x: number) => Math.round(x * 1e9) / 1e9;
const desc = (xs: readonly number[]) => [...xs].sort((a, b) => b - a);

function fixedSetup(scores: readonly number[], logProbs: readonly (readonly number[])[]): Setup {
  if (scores.length > PREFIXES.length) throw new TemplateError(`at most ${PREFIXES.length} beams`);
  if (logProbs.length !== scores.length)
    throw new TemplateError('log_probs needs one row per beam');
  if (logProbs[0].length > VOCAB.length) throw new TemplateError(`at most ${VOCAB.length} tokens`);
  return {
    beams: scores.map((score, i) => ({ tokens: [i], score })),
    logProbs: logProbs.map((row) => [...row]),
  };
}

function draw(rng: Rng, p: ParamBag): Problem {
  const givenScores = p.numbers('scores');
  const givenLogProbs = p.matrix('log_probs');
  const fixed = givenScores !== undefined && givenLogProbs !== undefined;
  if (!fixed && (givenScores ?? givenLogProbs) !== undefined) {
    throw new TemplateError('give both scores and log_probs');
  }
  const { beams, logProbs } = fixed
    ? fixedSetup(givenScores, givenLogProbs)
    : drawSetup(rng, p.level);
  const width = beams.length;
  const v = logProbs[0].length;
  const all = beamSearchStep(beams, logProbs, width * v);
  const kept = all.slice(0, width);
  // A tie at the cut would make the kept set ambiguous.
  if (Math.abs(all[width - 1].score - all[width].score) < 0.005) {
    if (fixed) throw new TemplateError('the given scores tie at the cut');
    throw new Redraw('tie at the cut');
  }
  const vec = (xs: readonly number[], decimals = DECIMALS) =>
    vectorAnswer(desc(xs.map(round)), decimals);
  const key = kept.map((c) => c.score);
  const greedy = beams.map((beam, i) => beam.score + Math.max(...logProbs[i]));
  const products = beams.flatMap((beam, i) => logProbs[i].map((lp) => beam.score * lp));
  const byNewToken = beams
    .flatMap((beam, i) => logProbs[i].map((lp) => ({ lp, score: beam.score + lp })))
    .sort((a, b) => b.lp - a.lp)
    .slice(0, width)
    .map((c) => c.score);
  const bestOnly = desc(logProbs[0].map((lp) => beams[0].score + lp)).slice(0, width);
  const perBeam = beams.flatMap((beam, i) =>
    desc(logProbs[i].map((lp) => beam.score + lp)).slice(0, width),
  );
  // Cheap screen before any text is built: the usual mistakes must not land on the key.
  const same = (xs: readonly number[]) => desc(xs).every((x, i) => Math.abs(x - key[i]) < 0.005);
  if (same(greedy) || same(bestOnly) || same(byNewToken))
    throw new Redraw('a mistake gives the key');
  const prefix = (i: number) => `"${PREFIXES[i]}"`;
  const header = `| beam (score so far) | ${VOCAB.slice(0, v)
    .map((t) => `"${t}"`)
    .join(' | ')} |`;
  const rule = `|---|${VOCAB.slice(0, v)
    .map(() => '---')
    .join('|')}|`;
  const rows = beams.map(
    (beam, i) =>
      `| ${prefix(i)} (${fmt(beam.score, 2)}) | ${logProbs[i].map((lp) => fmt(lp, 2)).join(' | ')} |`,
  );
  const stem =
    `A decoder runs beam search with beam width ${width}. A sequence's score is its summed natural log-probabilities ` +
    `(no length normalisation). The ${width} beams kept so far and the decoder's log-probabilities of each next token are:\n\n` +
    `${header}\n${rule}\n${rows.join('\n')}\n\n` +
    `Which scores do the ${width} sequences kept after this step have? Give them best first.`;
  const tokenName = (t: number) => `"${VOCAB[t]}"`;
  const steps = [
    `Every beam is extended by every token: ${width} × ${v} = ${width * v} candidates, each scored score so far + log-probability of the token.`,
    ...beams.map(
      (beam, i) =>
        `${prefix(i)}: ${logProbs[i].map((lp, t) => `${tokenName(t)} $${fmt(beam.score, 2)} + ${term(lp, 2)} = ${fmt(beam.score + lp, 2)}$`).join(', ')}.`,
    ),
    `The ${width} best of all candidates: ${kept.map((c) => `${prefix(c.tokens[0])} ${tokenName(c.tokens[1])} (${fmt(c.score, 2)})`).join(', ')}.`,
  ];
  const lastToken = v - 1;
  return finishDraw(
    {
      stem,
      answer: vec(key),
      distractors: [
        wrong(
          'beam-greedy-per-beam',
          vec(greedy),
          'Beam search ranks all continuations of all beams together; one beam may keep two continuations and another none.',
        ),
        wrong(
          'beam-multiplied-log-probs',
          vectorAnswer(desc(products).slice(0, width).map(round), 4),
          'Probabilities multiply, so their logarithms add: the new score is score so far + log-probability.',
          'beam-summed-log-probs',
        ),
        wrong(
          'beam-ignored-prefix-score',
          vec(byNewToken),
          'A candidate is ranked by the score of the whole sequence, so the score so far counts as much as the new token.',
        ),
        wrong(
          'beam-best-beam-only',
          vec(bestOnly),
          'The other beams stay in the race: their continuations compete with those of the best beam.',
        ),
        wrong(
          'beam-per-beam-top-b',
          vec(perBeam),
          `After ranking, only ${width} sequences in all survive, not ${width} per beam.`,
        ),
      ],
      correctFeedback:
        'Right: all continuations scored by summed log-probability, and the best few kept overall.',
      explanation:
        'A beam search keeps the $B$ best partial sequences. At each step it extends every kept sequence by every token, ' +
        'scores each candidate by the log-probability of the whole sequence (the old score plus the new token’s ' +
        'log-probability, since probabilities multiply), and keeps the $B$ best of all $B \\cdot V$ candidates, whichever ' +
        'beams they come from. Greedy decoding is the case $B = 1$; extending each beam greedily never lets one strong beam ' +
        'take two slots or a weak one drop out, so it is not beam search.',
      steps,
      parts: [
        {
          id: 'candidate',
          prompt: `The score of ${prefix(0)} followed by ${tokenName(lastToken)}.`,
          answer: numberAnswer(beams[0].score + logProbs[0][lastToken], DECIMALS),
          hint: 'Add that token’s log-probability to the beam’s score so far.',
        },
        {
          id: 'best',
          prompt: 'The best score among all candidates.',
          answer: numberAnswer(key[0], DECIMALS),
          hint: 'Score every beam–token pair and take the largest (closest to 0).',
        },
      ],
      hints: {
        nudge:
          'Score every beam–token pair as a whole sequence, then keep the best few of them all.',
        formula:
          '$\\text{score}(y_{1:t}) = \\text{score}(y_{1:t-1}) + \\log p(y_t \\mid y_{<t}, x)$; keep the top $B$ of all $B \\cdot V$',
        firstStep: steps[1],
      },
      entryHint: `the ${width} kept scores, best first`,
    },
    { fixed },
  );
}

/** One step of beam search. */
export const beamSearch: TemplateDefinition = {
  id: 'beam-search',
  topic: 'seq2seq',
  title: 'One step of beam search',
  answerKind: 'vector',
  forms: ['mcq', 'numeric'],
  params: {
    scores: {
      kind: 'numbers',
      minLength: 2,
      maxLength: 4,
      description: 'scores of the kept beams, best first',
    },
    log_probs: {
      kind: 'matrix',
      maxRows: 4,
      maxCols: 5,
      description: 'next-token log-probabilities, one row per beam',
    },
  },
  draw,
};
