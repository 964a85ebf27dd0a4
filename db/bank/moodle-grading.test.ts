/**
 * Option weights and short answers in the pack format: Moodle's rules as validation problems
 * naming their JSON path (qtype_multichoice::save_question_options: a multiple-answer question's
 * positive grades add up to 100 %, rounded to two decimals; qtype_shortanswer needs one answer at
 * 100 %), stored by import, given back by export, versioned when they change.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../connection';
import { loadQuestion } from '../queries/questions';
import { exportPack } from './export';
import { importPack } from './import';
import { bankPackSchema, type BankItemInput } from './schema';
import { samplePack, tempDir } from './test-fixtures';
import { validatePack } from './validate';
import { join } from 'node:path';

const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/** The sample pack with its msq (items[1]: dropout, l2, bigger, aug) weighted, plus a short item. */
function weightedPack(weights: (number | undefined)[] = [0.3333333, 0.3333333, -1, 0.3333333]) {
  const pack = samplePack();
  const msq = pack.items[1];
  if (msq.type !== 'msq') throw new Error('items[1] is the msq');
  msq.options = msq.options.map((o, k) =>
    weights[k] === undefined ? o : { ...o, weight: weights[k] },
  );
  const short: BankItemInput = {
    id: 'ln-name',
    topic: 'sample-norm',
    type: 'short',
    stem: 'Which layer normalises one sample over its features?',
    answer: {
      text: [
        { value: 'layer norm*', feedback: 'Yes.' },
        { value: 'group norm', weight: 0.5 },
        { value: '*', weight: 0, feedback: 'One sample at a time.' },
      ],
    },
    explanation: 'Layer norm.',
    difficulty: 2,
    tags: [],
    source: 'original',
  };
  pack.items.push(short);
  return pack;
}

const problems = (input: unknown) => {
  const result = validatePack(input);
  return result.ok ? [] : result.problems;
};

describe('validation of weights and short answers', () => {
  it('accepts weights that add up to 100 % as Moodle rounds them (3 × 33.33333 %)', () => {
    expect(problems(weightedPack())).toEqual([]);
  });

  it('refuses positive weights adding up to 200 % or 60 %, naming the options', () => {
    expect(problems(weightedPack([1, 1, -1, 0]))).toEqual([
      {
        path: 'items[1].options',
        message:
          'the positive weights add up to 2; expected 1 (100%), as Moodle requires of a multiple-answer question',
      },
      {
        path: 'items[1].answer',
        message:
          'with weights, the key is the options with a positive weight; expected "dropout", "l2"',
      },
    ]);
    expect(problems(weightedPack([0.2, 0.2, 0, 0.2]))[0]).toEqual({
      path: 'items[1].options',
      message:
        'the positive weights add up to 0.6; expected 1 (100%), as Moodle requires of a multiple-answer question',
    });
  });

  it('refuses a weight above 100 %, a missing one, and weights on an mcq', () => {
    expect(problems(weightedPack([1.5, 0, 0, 0]))[0]).toMatchObject({
      path: 'items[1].options[0].weight',
    });
    expect(problems(weightedPack([0.5, 0.5, undefined, 0]))).toEqual([
      {
        path: 'items[1].options[2].weight',
        message:
          'missing; once one option has a weight, expected a weight on every option (3 of 4 have one; give wrong options 0 or a negative weight)',
      },
    ]);
    const mcq = weightedPack();
    const first = mcq.items[0];
    if (first.type !== 'mcq') throw new Error('items[0] is the mcq');
    first.options[0] = { ...first.options[0], weight: 1 };
    expect(problems(mcq)).toEqual([
      {
        path: 'items[0].options[0].weight',
        message:
          'an mcq item scores its one correct option; expected "weight" only on the options of msq items',
      },
    ]);
  });

  it('refuses a short answer without a full-credit answer, or with a blank one', () => {
    const pack = weightedPack();
    const short = pack.items[pack.items.length - 1];
    if (short.type !== 'short') throw new Error('last item is short');
    const at = `items[${pack.items.length - 1}]`;
    short.answer.text = [{ value: 'group norm', weight: 0.5 }];
    expect(problems(pack)).toEqual([
      {
        path: `${at}.answer.text`,
        message:
          'no accepted answer gives full credit; expected one with weight 1 (or no weight), as Moodle needs one answer at 100%',
      },
    ]);
    short.answer.text = [{ value: '   ' }];
    expect(problems(pack)[0]).toMatchObject({ path: `${at}.answer.text[0].value` });
  });
});

describe('import and export of weights and short answers', () => {
  function freshDb(): Db {
    const db = openDatabase(join(tempDir(), 'bank.db'));
    opened.push(db);
    return db;
  }

  it('stores them as written: export gives the pack back, the quiz engine reads them', () => {
    const db = freshDb();
    const pack = weightedPack();
    expect(importPack(db, pack, { now: 1 })).toMatchObject({ ok: true, added: 7 });
    expect(exportPack(db, 'sample-bank')).toEqual(bankPackSchema.parse(pack));
    const id = (item: string) =>
      (db.prepare('SELECT id FROM questions WHERE item_id = ?').get(item) as { id: number }).id;
    expect(loadQuestion(db, id('reg-which'))?.options.map((o) => o.weight)).toEqual([
      0.3333333, 0.3333333, -1, 0.3333333,
    ]);
    expect(loadQuestion(db, id('ln-name'))?.text).toEqual({
      answers: [
        { value: 'layer norm*', weight: 1, feedback: 'Yes.' },
        { value: 'group norm', weight: 0.5 },
        { value: '*', weight: 0, feedback: 'One sample at a time.' },
      ],
      caseSensitive: false,
    });
  });

  it('leaves an unchanged re-import alone and versions a changed weight or answer', () => {
    const db = freshDb();
    importPack(db, weightedPack(), { now: 1 });
    expect(importPack(db, weightedPack(), { now: 2 })).toMatchObject({ updated: 0, unchanged: 7 });
    const changed = weightedPack([0.5, 0.5, -0.5, 0]);
    changed.items[1] = { ...changed.items[1], answer: ['dropout', 'l2'] } as BankItemInput;
    const short = changed.items[6];
    if (short.type !== 'short') throw new Error('short');
    short.answer.caseSensitive = true;
    expect(importPack(db, changed, { now: 3 })).toMatchObject({ updated: 2, unchanged: 5 });
    const id = (
      db.prepare("SELECT id FROM questions WHERE item_id = 'reg-which'").get() as {
        id: number;
      }
    ).id;
    // The attempts made on version 1 keep the weights the learner was graded by.
    expect(loadQuestion(db, id, 1)?.options.map((o) => o.weight)).toEqual([
      0.3333333, 0.3333333, -1, 0.3333333,
    ]);
    expect(loadQuestion(db, id)?.options.map((o) => o.weight)).toEqual([0.5, 0.5, -0.5, 0]);
  });
});
