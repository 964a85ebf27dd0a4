/**
 * "Practise my misconceptions": the slots of a quiz whose questions can show the learner the
 * misconceptions they showed most (the dashboard's list) again. Fixed items carry one on an
 * option; template items name a template whose mistaken rules produce one. When fewer match
 * than asked for, the quiz is topped up from the topics those questions belong to.
 */
import { Rng, type DifficultyRange, type QuizSlot } from '../../../core/selection';
import { generateWithProblem, listTemplates } from '../../../core/templates';
import {
  questionsOfTemplates,
  questionsWithOptionMisconceptions,
  type MisconceptionQuestionRecord,
} from '../../../db/queries/misconception-questions';
import { topMisconceptions } from '../../../db/queries/progress';
import { TOP_MISCONCEPTIONS } from '../dashboard';
import type { ServiceDeps } from '../deps';
import { ServiceError } from '../errors';

/** Seeds and levels drawn per template to learn which misconceptions its wrong answers name. */
const SAMPLE_SEEDS = 4;
const SAMPLE_LEVELS = [1, 2, 3] as const;

let templateMisconceptions: ReadonlyMap<string, ReadonlySet<string>> | null = null;

/** Template id → the misconceptions its distractors name (sampled once, then kept). */
function misconceptionsByTemplate(): ReadonlyMap<string, ReadonlySet<string>> {
  if (templateMisconceptions !== null) return templateMisconceptions;
  const map = new Map<string, Set<string>>();
  for (const template of listTemplates()) {
    const ids = new Set<string>();
    for (let seed = 0; seed < SAMPLE_SEEDS; seed++) {
      for (const level of SAMPLE_LEVELS) {
        try {
          const { problem } = generateWithProblem(template.id, seed, { params: { level } });
          for (const d of problem.distractors) ids.add(d.misconception.id);
        } catch {
          // A level or seed this template cannot draw: the other draws still count.
        }
      }
    }
    map.set(template.id, ids);
  }
  templateMisconceptions = map;
  return map;
}

/** The templates whose wrong answers can show one of `misconceptionIds`. */
export function templatesShowing(misconceptionIds: readonly string[]): string[] {
  const wanted = new Set(misconceptionIds);
  return [...misconceptionsByTemplate()]
    .filter(([, ids]) => [...ids].some((id) => wanted.has(id)))
    .map(([templateId]) => templateId);
}

/** What a misconceptions quiz asks first, and the topics it is topped up from. */
export interface MisconceptionPlan {
  readonly slots: QuizSlot[];
  /** Topics of the matching questions, for filling the quiz when too few match. */
  readonly topics: string[];
}

/**
 * Up to `count` questions that can show the learner's most frequent misconceptions, taken in
 * turn for each misconception (most frequent first) so every one gets asked about; within one,
 * a seeded shuffle. `topics`, when not empty, narrows the questions to those topics.
 */
export function planMisconceptionQuiz(
  deps: ServiceDeps,
  input: { readonly count: number; readonly topics: readonly string[] },
  range: DifficultyRange,
  seed: number,
): MisconceptionPlan {
  const seen = topMisconceptions(deps.db, deps.learnerId, TOP_MISCONCEPTIONS);
  if (seen.length === 0) {
    throw new ServiceError(
      'invalid-input',
      'No misconception has been seen yet: wrong answers that show a typical mistake are collected as you practise.',
    );
  }
  const ids = seen.map((m) => m.id);
  const byTemplate = misconceptionsByTemplate();
  const inTopics = (r: MisconceptionQuestionRecord) =>
    input.topics.length === 0 || input.topics.includes(r.topicId);
  const rows = [
    ...questionsWithOptionMisconceptions(deps.db, ids, range),
    ...questionsOfTemplates(deps.db, templatesShowing(ids), range),
  ].filter(inTopics);
  if (rows.length === 0) {
    throw new ServiceError(
      'invalid-input',
      'No question in the bank can show the misconceptions you showed most (their questions may have been retired).',
    );
  }
  const rng = new Rng(seed, 0x3c0f);
  // One queue per misconception: its fixed items and the items of templates naming it.
  const queues = ids.map((id) =>
    rng.shuffle(
      rows.filter((r) => !r.retired && (r.via === id || byTemplate.get(r.via)?.has(id) === true)),
    ),
  );
  const slots: QuizSlot[] = [];
  const used = new Set<number>();
  while (slots.length < input.count && queues.some((q) => q.length > 0)) {
    for (const queue of queues) {
      if (slots.length >= input.count) break;
      let next = queue.shift();
      while (next !== undefined && used.has(next.questionId)) next = queue.shift();
      if (next === undefined) continue;
      used.add(next.questionId);
      slots.push({ kind: 'review', questionId: next.questionId, topicId: next.topicId });
    }
  }
  return { slots, topics: [...new Set(rows.map((r) => r.topicId))] };
}
