/**
 * Class reports for instructors over xAPI statements (those DeepDrill writes: `answered` per
 * answer, `completed` per quiz). Statements are fed one at a time ({@link ClassReportBuilder}),
 * so a report over millions of them needs memory for the answers' numbers only, never the
 * statements. A statement id seen twice (a learner's export plus an LRS pull) counts once.
 *
 * Figures:
 * - facility of an item = proportion of its answers that were correct (`result.success`);
 * - discrimination = upper-minus-lower 27 % groups: learners ranked by their proportion correct
 *   over all their answers (ties by name), the top and bottom g = max(1, round(0.27·n)) learners
 *   (n ≥ 2 learners), D = facility among the upper group's answers to the item − facility among
 *   the lower group's (null when either group has no answer to it);
 * - distractor use = how many answers picked each option (a multiple-select answer picks each of
 *   its options), with the option's share of the item's answers;
 * - mastery per topic = the mean over learners of each learner's mean score in the topic, beside
 *   the topic's accuracy over all answers;
 * - misconceptions = answers and learners per misconception a wrong answer showed.
 */

/** One option of a choice item with how often it was picked. */
export interface OptionUse {
  readonly id: string;
  readonly text: string;
  readonly correct: boolean;
  readonly picks: number;
  /** picks / answers of the item. */
  readonly share: number;
}

/** Item analysis of one activity (question). */
export interface ItemAnalysis {
  readonly id: string;
  readonly name: string;
  readonly topic: string | null;
  readonly interactionType: string | null;
  readonly answers: number;
  readonly facility: number;
  readonly upperFacility: number | null;
  readonly lowerFacility: number | null;
  readonly discrimination: number | null;
  readonly options: readonly OptionUse[];
}

/** A topic's figures. */
export interface TopicMastery {
  readonly topic: string;
  readonly learners: number;
  readonly answers: number;
  /** Mean score over the topic's answers. */
  readonly accuracy: number;
  /** Mean over learners of their mean score in the topic. */
  readonly mastery: number;
}

/** One learner's totals. */
export interface LearnerSummary {
  readonly name: string;
  readonly answers: number;
  readonly correct: number;
  readonly quizzes: number;
  readonly meanScore: number;
}

/** How often a misconception showed. */
export interface MisconceptionUse {
  readonly id: string;
  readonly label: string;
  readonly answers: number;
  readonly learners: number;
}

/** The whole report. */
export interface ClassReport {
  readonly statements: number;
  readonly duplicates: number;
  /** Statements with another verb, or without an actor or object. */
  readonly ignored: number;
  readonly learners: readonly LearnerSummary[];
  readonly totals: {
    readonly learners: number;
    readonly answers: number;
    readonly quizzes: number;
  };
  readonly topics: readonly TopicMastery[];
  readonly misconceptions: readonly MisconceptionUse[];
  readonly discrimination: { readonly method: 'upper-lower-27'; readonly groupSize: number };
  readonly items: readonly ItemAnalysis[];
}

/** Feeds statements one by one; {@link ClassReportBuilder.finish} computes the report. */
export interface ClassReportBuilder {
  /** Adds one parsed statement (anything that is not an answer or a quiz is counted as ignored). */
  add(statement: unknown): void;
  finish(): ClassReport;
}

interface ItemState {
  readonly id: string;
  name: string;
  topic: string | null;
  interactionType: string | null;
  answers: number;
  correct: number;
  options: Map<string, { text: string; correct: boolean; picks: number }>;
  correctIds: Set<string> | null;
}

interface LearnerState {
  readonly name: string;
  answers: number;
  correct: number;
  scoreSum: number;
  quizzes: number;
}

const ANSWERED = 'http://adlnet.gov/expapi/verbs/answered';
const COMPLETED = 'http://adlnet.gov/expapi/verbs/completed';

type Json = Record<string, unknown>;
const isRecord = (x: unknown): x is Json =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const english = (map: unknown): string | null => {
  if (!isRecord(map)) return null;
  const value = map['en-US'] ?? Object.values(map)[0];
  return typeof value === 'string' ? value : null;
};

function learnerKey(actor: unknown): { key: string; name: string } | null {
  if (!isRecord(actor)) return null;
  const account = actor.account;
  let key: string | null = null;
  let name: string | null = typeof actor.name === 'string' ? actor.name : null;
  if (isRecord(account) && typeof account.name === 'string') {
    key = `account:${String(account.homePage)}|${account.name}`;
    name ??= account.name;
  } else {
    for (const ifi of ['mbox', 'mbox_sha1sum', 'openid'] as const) {
      if (typeof actor[ifi] === 'string') {
        key = `${ifi}:${actor[ifi] as string}`;
        name ??= actor[ifi] as string;
        break;
      }
    }
  }
  return key === null || name === null ? null : { key, name };
}

const TOPIC = '/xapi/extensions/topic';
const MISCONCEPTION = '/xapi/extensions/misconception';

/** The first topic and misconception extensions (by key suffix), in one pass over the keys. */
function answerExtensions(extensions: unknown): { topic: unknown; misconception: unknown } {
  let topic: unknown;
  let misconception: unknown;
  if (!isRecord(extensions)) return { topic, misconception };
  let haveTopic = false;
  let haveMisconception = false;
  for (const k of Object.keys(extensions)) {
    if (!haveTopic && k.endsWith(TOPIC)) {
      haveTopic = true;
      topic = extensions[k];
    } else if (!haveMisconception && k.endsWith(MISCONCEPTION)) {
      haveMisconception = true;
      misconception = extensions[k];
    }
  }
  return { topic, misconception };
}

/** A new, empty report builder. */
export function createClassReportBuilder(): ClassReportBuilder {
  const seen = new Set<string>();
  let statements = 0;
  let duplicates = 0;
  let ignored = 0;
  let quizzes = 0;
  const learners = new Map<string, number>();
  const learnerStates: LearnerState[] = [];
  const items = new Map<string, number>();
  const itemStates: ItemState[] = [];
  // One entry per answer: which item, which learner, right or not, its score, its topic.
  const answerItem: number[] = [];
  const answerLearner: number[] = [];
  const answerCorrect: number[] = [];
  const topicScores = new Map<
    string,
    { answers: number; scoreSum: number; byLearner: Map<number, { n: number; sum: number }> }
  >();
  const misconceptions = new Map<
    string,
    { label: string; answers: number; learners: Set<number> }
  >();

  const learnerIndex = (actor: unknown): number | null => {
    const who = learnerKey(actor);
    if (who === null) return null;
    let index = learners.get(who.key);
    if (index === undefined) {
      index = learnerStates.length;
      learners.set(who.key, index);
      learnerStates.push({ name: who.name, answers: 0, correct: 0, scoreSum: 0, quizzes: 0 });
    }
    return index;
  };

  const addAnswer = (s: Json, learner: number, object: Json) => {
    const id = object.id;
    if (typeof id !== 'string') {
      ignored++;
      return;
    }
    const definition = isRecord(object.definition) ? object.definition : {};
    const context = isRecord(s.context) ? s.context : {};
    const { topic: topicValue, misconception } = answerExtensions(context.extensions);
    const topic = typeof topicValue === 'string' ? topicValue : null;
    let index = items.get(id);
    if (index === undefined) {
      index = itemStates.length;
      items.set(id, index);
      itemStates.push({
        id,
        name: english(definition.name) ?? id,
        topic,
        interactionType:
          typeof definition.interactionType === 'string' ? definition.interactionType : null,
        answers: 0,
        correct: 0,
        options: new Map(),
        correctIds: null,
      });
    }
    const item = itemStates[index];
    if (item.correctIds === null && Array.isArray(definition.correctResponsesPattern)) {
      const first = definition.correctResponsesPattern[0];
      if (typeof first === 'string') item.correctIds = new Set(first.split('[,]'));
    }
    if (item.options.size === 0) {
      if (Array.isArray(definition.choices)) {
        for (const c of definition.choices) {
          if (isRecord(c) && typeof c.id === 'string') {
            item.options.set(c.id, {
              text: english(c.description) ?? c.id,
              correct: false,
              picks: 0,
            });
          }
        }
      } else if (definition.interactionType === 'true-false') {
        item.options.set('true', { text: 'True', correct: false, picks: 0 });
        item.options.set('false', { text: 'False', correct: false, picks: 0 });
      }
    }
    const result = isRecord(s.result) ? s.result : {};
    const score =
      isRecord(result.score) && typeof result.score.scaled === 'number'
        ? result.score.scaled
        : null;
    const correct = result.success === true || (result.success === undefined && score === 1);
    const value = score ?? (correct ? 1 : 0);
    item.answers++;
    if (correct) item.correct++;
    const choice = item.interactionType === 'choice' || item.interactionType === 'true-false';
    if (choice && typeof result.response === 'string' && result.response !== '') {
      for (const picked of result.response.split('[,]')) {
        const option = item.options.get(picked);
        if (option !== undefined) option.picks++;
        else item.options.set(picked, { text: picked, correct: false, picks: 1 });
      }
    }
    const l = learnerStates[learner];
    l.answers++;
    l.scoreSum += value;
    if (correct) l.correct++;
    answerItem.push(index);
    answerLearner.push(learner);
    answerCorrect.push(correct ? 1 : 0);
    const topicKey = topic ?? item.topic ?? '(no topic)';
    let t = topicScores.get(topicKey);
    if (t === undefined)
      topicScores.set(topicKey, (t = { answers: 0, scoreSum: 0, byLearner: new Map() }));
    t.answers++;
    t.scoreSum += value;
    const mine = t.byLearner.get(learner);
    if (mine === undefined) t.byLearner.set(learner, { n: 1, sum: value });
    else {
      mine.n++;
      mine.sum += value;
    }
    if (isRecord(misconception) && typeof misconception.id === 'string') {
      let m = misconceptions.get(misconception.id);
      if (m === undefined) {
        m = {
          label: typeof misconception.label === 'string' ? misconception.label : misconception.id,
          answers: 0,
          learners: new Set(),
        };
        misconceptions.set(misconception.id, m);
      }
      m.answers++;
      m.learners.add(learner);
    }
  };

  return {
    add(statement) {
      statements++;
      if (!isRecord(statement)) {
        ignored++;
        return;
      }
      if (typeof statement.id === 'string') {
        if (seen.has(statement.id)) {
          duplicates++;
          return;
        }
        seen.add(statement.id);
      }
      const verb = isRecord(statement.verb) ? statement.verb.id : undefined;
      const learner = learnerIndex(statement.actor);
      if (learner === null || !isRecord(statement.object)) {
        ignored++;
        return;
      }
      if (verb === ANSWERED) addAnswer(statement, learner, statement.object);
      else if (verb === COMPLETED) {
        quizzes++;
        learnerStates[learner].quizzes++;
      } else ignored++;
    },

    finish() {
      const n = learnerStates.length;
      const groupSize = n >= 2 ? Math.max(1, Math.round(0.27 * n)) : 0;
      const ranked = learnerStates
        .map((l, i) => ({ i, p: l.answers > 0 ? l.correct / l.answers : 0, name: l.name }))
        .filter((_, i) => learnerStates[i].answers > 0)
        .sort((a, b) => b.p - a.p || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const group = new Int8Array(n); // 1 upper, -1 lower
      const size = Math.min(groupSize, Math.floor(ranked.length / 2));
      for (let k = 0; k < size; k++) {
        group[ranked[k].i] = 1;
        group[ranked[ranked.length - 1 - k].i] = -1;
      }
      const upper = new Float64Array(itemStates.length * 2);
      const lower = new Float64Array(itemStates.length * 2);
      for (let a = 0; a < answerItem.length; a++) {
        const g = group[answerLearner[a]];
        if (g === 0) continue;
        const target = g === 1 ? upper : lower;
        target[answerItem[a] * 2] += answerCorrect[a];
        target[answerItem[a] * 2 + 1] += 1;
      }
      const ratio = (x: Float64Array, i: number) =>
        x[i * 2 + 1] > 0 ? x[i * 2] / x[i * 2 + 1] : null;
      const itemList: ItemAnalysis[] = itemStates.map((item, i) => {
        const up = ratio(upper, i);
        const low = ratio(lower, i);
        return {
          id: item.id,
          name: item.name,
          topic: item.topic,
          interactionType: item.interactionType,
          answers: item.answers,
          facility: item.answers > 0 ? item.correct / item.answers : 0,
          upperFacility: up,
          lowerFacility: low,
          discrimination: up !== null && low !== null ? up - low : null,
          options: [...item.options].map(([id, o]) => ({
            id,
            text: o.text,
            correct: item.correctIds?.has(id) ?? false,
            picks: o.picks,
            share: item.answers > 0 ? o.picks / item.answers : 0,
          })),
        };
      });
      const topics: TopicMastery[] = [...topicScores]
        .map(([topic, t]) => {
          let sum = 0;
          for (const v of t.byLearner.values()) sum += v.sum / v.n;
          return {
            topic,
            learners: t.byLearner.size,
            answers: t.answers,
            accuracy: t.scoreSum / t.answers,
            mastery: sum / t.byLearner.size,
          };
        })
        .sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
      return {
        statements,
        duplicates,
        ignored,
        learners: learnerStates.map((l) => ({
          name: l.name,
          answers: l.answers,
          correct: l.correct,
          quizzes: l.quizzes,
          meanScore: l.answers > 0 ? l.scoreSum / l.answers : 0,
        })),
        totals: { learners: n, answers: answerItem.length, quizzes },
        topics,
        misconceptions: [...misconceptions]
          .map(([id, m]) => ({ id, label: m.label, answers: m.answers, learners: m.learners.size }))
          .sort((a, b) => b.answers - a.answers || (a.id < b.id ? -1 : 1)),
        discrimination: { method: 'upper-lower-27', groupSize: size },
        items: itemList,
      };
    },
  };
}
