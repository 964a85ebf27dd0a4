/**
 * training-curves: the curves are read back from the stem's table, early stopping is run on them
 * by a separate loop written here, and the key, every misconception and both parts are checked
 * against it over hundreds of seeds; plus a case worked by hand.
 */
import { describe, expect, it } from 'vitest';
import { answerValues } from '../format';
import { generateWithProblem } from '../registry';
import type { ParamInput, Problem } from '../types';

const ID = 'training-curves';

function drawn(seed: number, params: Readonly<Record<string, ParamInput>> = {}): Problem {
  const level = 1 + (seed % 3);
  return generateWithProblem(ID, seed, { form: 'numeric', params: { level, ...params } }).problem;
}

/** The table row whose first cell is `label`, as numbers. */
function row(stem: string, label: string): number[] {
  const line = stem.split('\n').find((l) => l.startsWith(`| ${label} |`));
  if (line === undefined) throw new Error(`no ${label} row`);
  return line
    .split('|')
    .slice(2, -1)
    .map((c) => Number(c.trim()));
}

/** Early stopping as described in the stem, written as plainly as possible. */
function reference(values: number[], patience: number, delta: number, higher: boolean) {
  let best = values[0];
  let bestEpoch = 1;
  let bad = 0;
  for (let epoch = 2; epoch <= values.length; epoch++) {
    const gain = higher ? values[epoch - 1] - best : best - values[epoch - 1];
    if (gain > delta + 1e-12) {
      best = values[epoch - 1];
      bestEpoch = epoch;
      bad = 0;
    } else {
      bad += 1;
      if (bad === patience) return { stop: epoch, bestEpoch, best };
    }
  }
  return { stop: null, bestEpoch, best };
}

const num = (problem: Problem, id: string): number | undefined => {
  const d = problem.distractors.find((x) => x.misconception.id === id);
  return d === undefined ? undefined : answerValues(d.value)[0];
};
const partOf = (problem: Problem, id: string) =>
  answerValues(problem.parts?.find((p) => p.id === id)?.answer ?? { kind: 'choice', text: '' })[0];

describe('training-curves against a separate early-stopping loop', () => {
  it('key, misconceptions and parts agree over 600 seeds', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 600; seed++) {
      const problem = drawn(seed);
      const stem = problem.stem;
      const train = row(stem, 'training');
      const validation = row(stem, 'validation');
      const higher = stem.includes('validation accuracy');
      const patience = Number(/\(patience (\d+)\)/.exec(stem)?.[1]);
      const deltaMatch = /\\delta = ([\d.]+)%?\$/.exec(stem);
      const delta = deltaMatch === null ? 0 : Number(deltaMatch[1]);
      const run = reference(validation, patience, delta, higher);
      const plainRun = reference(validation, patience, 0, higher);
      if (run.stop === null) throw new Error(`seed ${seed}: no stop`);
      const askStop = stem.endsWith('stopped?');
      const key = answerValues(problem.answer)[0];
      expect(key, `seed ${seed} key`).toBe(askStop ? run.stop : run.bestEpoch);
      // Train-curve best epoch, by a plain scan.
      let trainBest = 1;
      train.forEach((t, i) => {
        if (higher ? t > train[trainBest - 1] : t < train[trainBest - 1]) trainBest = i + 1;
      });
      const expected: Record<string, number> = askStop
        ? {
            'early-stop-at-best': run.bestEpoch,
            'early-stop-patience-exceeded': run.stop + 1,
            'early-stop-first-worse': run.bestEpoch + 1,
            'early-stop-ignored-min-delta': plainRun.stop ?? -1,
            'early-stop-read-training-curve': trainBest,
            'early-stop-ran-to-end': train.length,
          }
        : {
            'early-stop-no-restore': run.stop,
            'early-stop-ignored-min-delta': plainRun.bestEpoch,
            'early-stop-read-training-curve': trainBest,
            'early-stop-first-worse': run.bestEpoch + 1,
            'early-stop-ran-to-end': train.length,
          };
      for (const d of problem.distractors) {
        const id = d.misconception.id;
        expect(expected, `seed ${seed}: unexpected ${id}`).toHaveProperty(id);
        expect(num(problem, id), `seed ${seed} ${id}`).toBe(expected[id]);
        expect(num(problem, id)).not.toBe(key);
        seen.add(id);
      }
      expect(partOf(problem, 'best-value')).toBeCloseTo(run.best, 9);
      if (askStop) expect(partOf(problem, 'best-epoch')).toBe(run.bestEpoch);
      else expect(partOf(problem, 'stop-epoch')).toBe(run.stop);
      // The stem figure carries the same curves; the markers are in the solution figure only.
      expect(problem.figure).toMatchObject({ kind: 'curves' });
      if (problem.figure?.kind !== 'curves') continue;
      expect(problem.figure.series.map((s) => s.values)).toEqual([train, validation]);
      expect(problem.figure.markers).toBeUndefined();
      expect(problem.solutionFigure).toMatchObject({
        markers: [{ epoch: run.bestEpoch }, { epoch: run.stop }],
      });
    }
    expect(seen.size).toBe(7);
  });

  it('works a run by hand', () => {
    // Validation loss 1.00, 0.80, 0.70, 0.72, 0.69, 0.75, 0.78, 0.81, patience 2:
    // best so far 1.00 (e1), 0.80 (e2), 0.70 (e3); e4 = 0.72 is worse (1 epoch waiting);
    // e5 = 0.69 < 0.70 is a new best (counter back to 0); e6 = 0.75 and e7 = 0.78 are worse:
    // 2 in a row → training stops after epoch 7 and the weights of epoch 5 are restored.
    const params = {
      level: 1,
      patience: 2,
      train: '0.95,0.70,0.55,0.45,0.40,0.36,0.33,0.31',
      validation: '1.00,0.80,0.70,0.72,0.69,0.75,0.78,0.81',
    };
    const stop = drawn(0, { ...params, ask: 'stop' });
    expect(answerValues(stop.answer)).toEqual([7]);
    // Stopping at the best epoch (5), one late (8), at the first worse epoch (6), or reading the
    // training curve (its minimum 0.31 is at epoch 8, the same as one late).
    expect(num(stop, 'early-stop-at-best')).toBe(5);
    expect(num(stop, 'early-stop-first-worse')).toBe(6);
    expect(num(stop, 'early-stop-patience-exceeded')).toBe(8);
    const restore = drawn(0, { ...params, ask: 'restore' });
    expect(answerValues(restore.answer)).toEqual([5]);
    expect(num(restore, 'early-stop-no-restore')).toBe(7);
    expect(partOf(restore, 'best-value')).toBe(0.69);
    expect(restore.figure?.alt).toContain(
      'validation loss: 1, 0.8, 0.7, 0.72, 0.69, 0.75, 0.78, 0.81',
    );
  });

  it('refuses curves of different lengths', () => {
    expect(() => drawn(0, { train: '1,0.9,0.8,0.7', validation: '1,0.9,0.8,0.7,0.6' })).toThrow(
      /one value per epoch/,
    );
  });
});
