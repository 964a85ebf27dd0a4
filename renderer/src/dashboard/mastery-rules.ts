/**
 * "How mastery works" in words, built from core's own constants and functions (`core/mastery`),
 * so what the dashboard explains is what the mastery update does.
 */
import {
  ACCURACY_FLOORS,
  accuracyLowerBound,
  BKT,
  evidenceWeight,
  HINT_PENALTY,
  LEVEL_THRESHOLDS,
  MASTERED_MIN_ATTEMPTS,
  masteryLevel,
  MIN_HINT_FACTOR,
  PROFICIENT_MIN_ATTEMPTS,
  RETRY_FACTOR,
  updateMastery,
} from '../../../core/mastery';
import type { MasteryLevel, TopicMastery } from '../../../electron/contract';
import { percent } from '../lib/format';
import { levelLabel, levelSteps } from './dashboard';

/** The bar's value, 0–100: empty until the first answer (the model's prior is not knowledge). */
export function meterPercent(topic: Pick<TopicMastery, 'attempts' | 'pKnown'>): number {
  return topic.attempts === 0 ? 0 : Math.round(topic.pKnown * 100);
}

/** The bar's value in words for assistive technology ("45%, Familiar"; "Not started"). */
export function meterText(topic: Pick<TopicMastery, 'attempts' | 'pKnown' | 'level'>): string {
  if (topic.attempts === 0) return levelLabel('not-started');
  return `${meterPercent(topic)}%, ${levelLabel(topic.level)}`;
}

/**
 * The fewest answers that reach `level` when every answer is right and counts fully (each one a
 * first answer of a new question, no hints): P(known) from BKT's prior, step by step.
 */
export function fewestAnswersFor(level: MasteryLevel, limit = 100): number | null {
  if (level === 'not-started') return 0;
  let p: number = BKT.pInit;
  for (let n = 1; n <= limit; n++) {
    p = updateMastery(p, 1);
    if (levelSteps(masteryLevel(p, n, n)) >= levelSteps(level)) return n;
  }
  return null;
}

export interface LevelRule {
  readonly level: MasteryLevel;
  readonly label: string;
  /** When a topic is at this level, in words. */
  readonly rule: string;
  /** Fewest answers (all right) to get there, or null for "not started". */
  readonly fewest: number | null;
}

const pct = (fraction: number) => percent(fraction);

/** Every level, lowest first, with its thresholds. */
export function levelRules(): readonly LevelRule[] {
  const rule = (level: MasteryLevel, text: string): LevelRule => ({
    level,
    label: levelLabel(level),
    rule: text,
    fewest: level === 'not-started' ? null : fewestAnswersFor(level),
  });
  return [
    rule('not-started', 'No answers yet. The bar stays empty.'),
    rule(
      'attempted',
      `At least one answer, and the estimate that you know the topic is below ${pct(LEVEL_THRESHOLDS.familiar)}.`,
    ),
    rule('familiar', `The estimate is at least ${pct(LEVEL_THRESHOLDS.familiar)}.`),
    rule(
      'proficient',
      `The estimate is at least ${pct(LEVEL_THRESHOLDS.proficient)}, after at least ` +
        `${PROFICIENT_MIN_ATTEMPTS} answers, and the cautious accuracy is at least ` +
        `${pct(ACCURACY_FLOORS.proficient)}.`,
    ),
    rule(
      'mastered',
      `The estimate is at least ${pct(LEVEL_THRESHOLDS.mastered)}, after at least ` +
        `${MASTERED_MIN_ATTEMPTS} answers, and the cautious accuracy is at least ` +
        `${pct(ACCURACY_FLOORS.mastered)}.`,
    ),
  ];
}

/** The estimate and the cautious accuracy, explained with figures from the model. */
export function estimateNotes(): readonly string[] {
  const afterRight = updateMastery(BKT.pInit, 1);
  const afterWrong = updateMastery(BKT.pInit, 0);
  return [
    `The bar is the estimated chance that you know the topic (Bayesian Knowledge Tracing). ` +
      `Before any answer the model assumes ${pct(BKT.pInit)}; a first right answer takes it to ` +
      `${pct(afterRight)}, a first wrong one to ${pct(afterWrong)}. It allows for lucky guesses ` +
      `and careless slips.`,
    `The cautious accuracy is the low end of a 95% range around your share of right answers: ` +
      `3 right out of 3 gives only ${pct(accuracyLowerBound(3, 3))}, 5 out of 5 gives ` +
      `${pct(accuracyLowerBound(5, 5))}. So a short lucky streak is not enough for a high level.`,
  ];
}

/** What makes an answer count less toward mastery, with the model's factors. */
export function weightNotes(): readonly string[] {
  const retry = RETRY_FACTOR === 0.5 ? 'halves' : `multiplies by ${RETRY_FACTOR}`;
  return [
    `Repeats count less: the second answer to the same question, or to any variant of the same ` +
      `generated question, counts ${pct(evidenceWeight(1, 0, 0))}, the third ` +
      `${pct(evidenceWeight(2, 0, 0))}, and so on: ten variants of one question do not prove a topic.`,
    `Each hint you reveal lowers what that answer counts by ${pct(HINT_PENALTY)} of full credit, ` +
      `to no less than ${pct(MIN_HINT_FACTOR)}.`,
    `“Try again” (the same question once more) ${retry} what that try counts.`,
    `These multiply: a second variant answered with one hint counts ` +
      `${pct(evidenceWeight(1, 1, 0))}. Checking step-by-step parts does not lower anything, and ` +
      `a partly right answer counts as the share it earned.`,
  ];
}
