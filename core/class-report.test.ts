import { describe, expect, it } from 'vitest';
import { createClassReportBuilder } from './class-report';

const HOME = 'https://lms.example.edu';
const ext = (name: string) => `${HOME}/deepdrill/xapi/extensions/${name}`;
let nextId = 0;
const id = () => `00000000-0000-5000-8000-${String(++nextId).padStart(12, '0')}`;

const Q1 = {
  id: `${HOME}/deepdrill/banks/b/items/q1`,
  definition: {
    name: { 'en-US': 'b/q1' },
    interactionType: 'choice',
    correctResponsesPattern: ['a'],
    choices: [
      { id: 'a', description: { 'en-US': 'running averages' } },
      { id: 'b', description: { 'en-US': 'batch statistics' } },
      { id: 'c', description: { 'en-US': 'none' } },
    ],
  },
};
const Q2 = {
  id: `${HOME}/deepdrill/banks/b/items/q2`,
  definition: { name: { 'en-US': 'b/q2' }, interactionType: 'numeric' },
};
const Q3 = {
  id: `${HOME}/deepdrill/banks/b/items/q3`,
  definition: { name: { 'en-US': 'b/q3' }, interactionType: 'numeric' },
};
const M1 = { id: 'bn-test-batch-stats', label: 'Uses batch statistics at test time' };

function answer(
  learner: string,
  item: typeof Q1 | typeof Q2 | typeof Q3,
  topic: string,
  right: boolean,
  response: string,
  misconception?: typeof M1,
) {
  return {
    id: id(),
    actor: { objectType: 'Agent', name: learner, account: { homePage: HOME, name: learner } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/answered' },
    object: { objectType: 'Activity', ...item },
    result: { score: { scaled: right ? 1 : 0 }, success: right, response },
    context: {
      extensions: {
        [ext('topic')]: topic,
        ...(misconception ? { [ext('misconception')]: misconception } : {}),
      },
    },
  };
}

describe('class report', () => {
  it('counts learners, topics, misconceptions and item figures worked out by hand', () => {
    // A: q1 ✓ ✓, q2 ✓, q3 ✗ (3/4)   B: q1 ✓, q2 ✗ m1 (1/2)
    // C: q1 ✗ b m1, q2 ✓ (1/2)       D: q1 ✗ c, q2 ✗, q3 ✓ (1/3)
    const first = answer('A', Q1, 'norm', true, 'a');
    const statements: unknown[] = [
      first,
      answer('A', Q1, 'norm', true, 'a'),
      answer('A', Q2, 'reg', true, '3'),
      answer('A', Q3, 'norm', false, '7'),
      answer('B', Q1, 'norm', true, 'a'),
      answer('B', Q2, 'reg', false, '2', M1),
      answer('C', Q1, 'norm', false, 'b', M1),
      answer('C', Q2, 'reg', true, '3'),
      answer('D', Q1, 'norm', false, 'c'),
      answer('D', Q2, 'reg', false, '4'),
      answer('D', Q3, 'norm', true, '5'),
      first, // the same statement from a second file
      {
        id: id(),
        actor: { name: 'A', account: { homePage: HOME, name: 'A' } },
        verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
        object: { id: `${HOME}/deepdrill/quizzes/x` },
      },
      {
        id: id(),
        actor: { name: 'A', account: { homePage: HOME, name: 'A' } },
        verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
        object: { id: `${HOME}/page` },
      },
    ];
    const builder = createClassReportBuilder();
    for (const s of statements) builder.add(s);
    const report = builder.finish();

    expect(report.statements).toBe(14);
    expect(report.duplicates).toBe(1);
    expect(report.ignored).toBe(1);
    expect(report.totals).toEqual({ learners: 4, answers: 11, quizzes: 1 });
    expect(report.learners).toEqual([
      { name: 'A', answers: 4, correct: 3, quizzes: 1, meanScore: 0.75 },
      { name: 'B', answers: 2, correct: 1, quizzes: 0, meanScore: 0.5 },
      { name: 'C', answers: 2, correct: 1, quizzes: 0, meanScore: 0.5 },
      { name: 'D', answers: 3, correct: 1, quizzes: 0, meanScore: 1 / 3 },
    ]);
    // norm: answers A 1,1,0  B 1  C 0  D 0,1 → accuracy 4/7; learner means 2/3, 1, 0, 1/2.
    // reg: A 1, B 0, C 1, D 0 → 1/2 both ways.
    expect(report.topics).toHaveLength(2);
    expect(report.topics[0]).toMatchObject({ topic: 'norm', learners: 4, answers: 7 });
    expect(report.topics[0].accuracy).toBeCloseTo(4 / 7, 12);
    expect(report.topics[0].mastery).toBeCloseTo((2 / 3 + 1 + 0 + 1 / 2) / 4, 12);
    expect(report.topics[1]).toEqual({
      topic: 'reg',
      learners: 4,
      answers: 4,
      accuracy: 0.5,
      mastery: 0.5,
    });
    expect(report.misconceptions).toEqual([{ ...M1, answers: 2, learners: 2 }]);

    // 4 learners → groups of round(0.27·4) = 1: upper A (3/4), lower D (1/3).
    expect(report.discrimination).toEqual({ method: 'upper-lower-27', groupSize: 1 });
    const [q1, q2, q3] = report.items;
    expect(q1).toMatchObject({
      id: Q1.id,
      name: 'b/q1',
      topic: 'norm',
      answers: 5,
      facility: 0.6,
      upperFacility: 1,
      lowerFacility: 0,
      discrimination: 1,
    });
    expect(q1.options).toEqual([
      { id: 'a', text: 'running averages', correct: true, picks: 3, share: 0.6 },
      { id: 'b', text: 'batch statistics', correct: false, picks: 1, share: 0.2 },
      { id: 'c', text: 'none', correct: false, picks: 1, share: 0.2 },
    ]);
    expect(q2).toMatchObject({ answers: 4, facility: 0.5, discrimination: 1 });
    // q3: A (upper) wrong, D (lower) right: the item favours the weaker learner.
    expect(q3).toMatchObject({
      answers: 2,
      facility: 0.5,
      upperFacility: 0,
      lowerFacility: 1,
      discrimination: -1,
    });
  });

  it('gives no discrimination with one learner and ignores what is not a statement', () => {
    const builder = createClassReportBuilder();
    builder.add(answer('Solo', Q2, 'reg', true, '3'));
    builder.add('not a statement');
    builder.add({ verb: { id: 'http://adlnet.gov/expapi/verbs/answered' }, object: Q2 });
    const report = builder.finish();
    expect(report.ignored).toBe(2);
    expect(report.discrimination.groupSize).toBe(0);
    expect(report.items[0]).toMatchObject({ facility: 1, discrimination: null });
  });
});
