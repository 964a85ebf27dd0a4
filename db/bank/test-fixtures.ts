/**
 * Test-only helpers for the bank pack tests (db, cli, service, integration): a small pack with
 * every item type, temp database files, byte snapshots of a database, and the corpus of
 * malformed and hostile pack files that must all be refused.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BankItemInput, BankPackInput } from './schema';

/** A fresh temp folder. */
export function tempDir(prefix = 'deepdrill-bank-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A small valid pack: mcq, msq, scalar and vector numeric, two template items. */
export function samplePack(): BankPackInput & { items: BankItemInput[] } {
  return {
    format: 'deepdrill-bank',
    version: 1,
    id: 'sample-bank',
    title: 'Sample bank',
    license: 'CC-BY-4.0',
    description: 'A pack for the tests.',
    topics: [
      { id: 'sample-norm', title: 'Normalisation' },
      { id: 'sample-conv', title: 'Convolution arithmetic' },
    ],
    items: [
      {
        id: 'bn-test-time',
        topic: 'sample-norm',
        type: 'mcq',
        stem: 'At **test** time, which statistics does batch norm use? $\\mu$ and $\\sigma^2$ of…',
        options: [
          {
            id: 'a',
            text: 'the current test batch',
            misconception: { id: 'bn-test-batch', label: 'Uses test-batch statistics' },
            feedback: 'That would make a prediction depend on the other test samples.',
          },
          {
            id: 'b',
            text: 'running averages collected during training',
            feedback: 'Right: fixed at inference.',
          },
          { id: 'c', text: 'a single test sample' },
        ],
        answer: ['b'],
        explanation: 'Inference uses the running mean and variance accumulated in training.',
        difficulty: 2,
        tags: ['batch-norm', 'inference'],
        source: 'Week 5 quiz, Q1',
      },
      {
        id: 'reg-which',
        topic: 'sample-norm',
        type: 'msq',
        stem: 'Which of these reduce over-fitting?',
        options: [
          { id: 'dropout', text: 'Dropout' },
          { id: 'l2', text: 'L2 weight decay' },
          {
            id: 'bigger',
            text: 'A much larger model with no other change',
            misconception: { id: 'capacity-helps', label: 'More capacity fixes over-fitting' },
          },
          { id: 'aug', text: 'Data augmentation' },
        ],
        answer: ['dropout', 'l2', 'aug'],
        explanation: 'Dropout, weight decay and augmentation all regularise.',
        difficulty: 1,
        tags: [],
        source: 'original',
      },
      {
        id: 'bn-mean',
        topic: 'sample-norm',
        type: 'numeric',
        stem: 'A neuron outputs 4, 0 and 8 on a batch of three. What mean does batch norm subtract?',
        answer: { value: 4, tolerance: { abs: 0.01 } },
        explanation: '$(4 + 0 + 8) / 3 = 4$.',
        difficulty: 1,
        tags: ['batch-norm'],
        source: 'Week 5 quiz, Q2',
      },
      {
        id: 'tconv-out',
        topic: 'sample-conv',
        type: 'numeric',
        stem: 'Transposed convolution of $[1, 2]$ with $[1, 1]$, stride 2. Give the output.',
        answer: { value: [1, 1, 2, 2], tolerance: { abs: 0.001, rel: 0.01 } },
        answerFormat: 'comma-separated',
        explanation: 'Each input scales the filter; stride 2 places the copies side by side.',
        difficulty: 3,
        tags: ['transposed-conv', 'upsampling'],
        source: 'Week 5 quiz, Q10',
      },
      {
        id: 'conv-size-numeric',
        topic: 'sample-conv',
        type: 'template',
        template: 'conv-output-size',
        form: 'numeric',
        params: { level: 2 },
        stem: 'Mind the padding.',
        difficulty: 3,
        tags: ['conv'],
        source: 'generated',
      },
      {
        id: 'conv-size-mcq',
        topic: 'sample-conv',
        type: 'template',
        template: 'conv-output-size',
        difficulty: 2,
        tags: [],
        source: 'generated',
      },
    ],
  };
}

/**
 * The sample pack with tutoring: a hint ladder on the mcq, the scalar numeric and a template
 * item, and parts (one with its own format and hint, one vector part) on both numeric items.
 */
export function tutoringPack(): BankPackInput & { items: BankItemInput[] } {
  const pack = samplePack();
  const [mcq, msq, mean, tconv, templateNumeric, templateMcq] = pack.items;
  pack.items = [
    {
      ...mcq,
      hints: [
        'Think about what a prediction for **one** image may depend on.',
        'Inference uses $\\hat\\mu$ and $\\hat\\sigma^2$ fixed after training.',
      ],
    } as BankItemInput,
    msq,
    {
      ...mean,
      hints: [
        'Batch norm averages one neuron over the examples.',
        '$\\mu = \\frac{1}{m}\\sum_i x_i$',
        'The sum is $4 + 0 + 8 = 12$.',
      ],
      parts: [
        {
          id: 'sum',
          prompt: 'Add the three outputs.',
          answer: { value: 12, tolerance: { abs: 0 } },
          answerFormat: 'a whole number',
          hint: 'Zero counts too.',
        },
        {
          id: 'mean',
          prompt: 'Divide by the batch size.',
          answer: { value: 4, tolerance: { rel: 0.01 } },
        },
      ],
    } as BankItemInput,
    {
      ...tconv,
      parts: [
        {
          id: 'first-copy',
          prompt: 'The copy of the filter placed by the input $1$.',
          answer: { value: [1, 1], tolerance: { abs: 0.001 } },
        },
        {
          id: 'second-copy',
          prompt: 'The copy placed by the input $2$.',
          answer: { value: [2, 2], tolerance: { abs: 0.001, rel: 0.01 } },
        },
      ],
    } as BankItemInput,
    { ...templateNumeric, hints: ['Use the output-size formula.'] } as BankItemInput,
    templateMcq,
  ];
  return pack;
}

/**
 * The SHA-256 of a database file and of its `-wal` / `-shm` companions (null when absent):
 * equal digests mean byte-for-byte equal files (and compare fast, unlike big buffers).
 */
export function databaseBytes(file: string): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const suffix of ['', '-wal', '-shm']) {
    const path = file + suffix;
    out[suffix === '' ? 'db' : suffix] = existsSync(path)
      ? createHash('sha256').update(readFileSync(path)).digest('hex')
      : null;
  }
  return out;
}

/** One pack file that must be refused, and the path its first problem must name. */
export interface BadPackCase {
  readonly name: string;
  readonly text: () => string;
  /** Exact path of a problem that must be reported. */
  readonly path: string;
  /** What that problem's message must say. */
  readonly message: RegExp;
}

type Mutable = Record<string, unknown> & {
  topics: Record<string, unknown>[];
  items: (Record<string, unknown> & { options?: Record<string, unknown>[] } & {
    answer?: unknown;
  })[];
};

function mutated(change: (pack: Mutable) => void): () => string {
  return () => {
    const pack = samplePack() as unknown as Mutable;
    change(pack);
    return JSON.stringify(pack, null, 2);
  };
}

const numericAnswer = (pack: Mutable) => pack.items[2].answer as Record<string, unknown>;

/** Malformed and hostile pack files; each must be refused with a problem at `path`. */
export const badPacks: readonly BadPackCase[] = [
  {
    name: 'not JSON',
    text: () => 'hello, bank',
    path: 'line 1, column 1',
    message: /not valid JSON.*expected a value/,
  },
  { name: 'empty file', text: () => '', path: 'line 1, column 1', message: /empty/ },
  {
    name: 'truncated',
    text: () => JSON.stringify(samplePack(), null, 2).slice(0, 700),
    path: 'line 30, column 11',
    message: /end of the file/,
  },
  {
    name: 'trailing comma',
    text: () => '{\n  "format": "deepdrill-bank",\n}',
    path: 'line 3, column 1',
    message: /trailing comma/,
  },
  {
    name: 'raw line break inside a string',
    text: () => '{"title": "two\nlines"}',
    path: 'line 1, column 15',
    message: /control character/,
  },
  {
    name: 'two JSON values',
    text: () => '{} {}',
    path: 'line 1, column 4',
    message: /after the end/,
  },
  {
    name: 'top level is an array',
    text: () => '[]',
    path: '(root)',
    message: /expected an object, got an array of 0/,
  },
  {
    name: 'deeply nested arrays (100k levels)',
    text: () => '['.repeat(100_000) + ']'.repeat(100_000),
    path: 'line 1, column 65',
    message: /nested deeper than 64 levels/,
  },
  {
    name: 'deep nesting inside an item',
    text: mutated((p) => {
      let deep: unknown = 'x';
      for (let i = 0; i < 70; i++) deep = [deep];
      p.items[0].tags = deep;
    }),
    path: 'line 110, column 129',
    message: /nested deeper than 64 levels/,
  },
  {
    name: 'huge string (10M characters)',
    text: mutated((p) => {
      p.items[0].stem = 'x'.repeat(10_000_000);
    }),
    path: 'items[0].stem',
    message: /at most 20000 characters, got 10000000/,
  },
  {
    name: '12 MB file (a tag list of a million)',
    text: mutated((p) => {
      p.items[1].tags = Array.from({ length: 1_000_000 }, (_, i) => `t${i}`);
    }),
    path: 'items[1].tags',
    message: /at most 30 items/,
  },
  {
    name: '__proto__ key at the top',
    text: () => JSON.stringify(samplePack()).replace('{', '{"__proto__": {"polluted": true},'),
    path: '__proto__',
    message: /forbidden field "__proto__"/,
  },
  {
    name: '__proto__ key in an option, escaped',
    text: () =>
      JSON.stringify(samplePack()).replace('{"id":"a",', '{"\\u005f_proto__": {"x": 1}, "id":"a",'),
    path: 'items[0].options[0].__proto__',
    message: /forbidden field/,
  },
  {
    name: 'constructor key in an item',
    text: mutated((p) => {
      Object.defineProperty(p.items[1], 'constructor', {
        value: { prototype: {} },
        enumerable: true,
      });
    }),
    path: 'items[1].constructor',
    message: /forbidden field "constructor"/,
  },
  {
    name: 'unpaired surrogate in a stem',
    text: () => JSON.stringify(samplePack()).replace('Which of these', 'Which \\ud800 of these'),
    path: 'items[1].stem',
    message: /unpaired UTF-16 surrogate/,
  },
  {
    name: 'wrong format',
    text: mutated((p) => {
      p.format = 'anki';
    }),
    path: 'format',
    message: /expected "deepdrill-bank", got string "anki"/,
  },
  {
    name: 'wrong version',
    text: mutated((p) => {
      p.version = 2;
    }),
    path: 'version',
    message: /expected 1, got number 2/,
  },
  {
    name: 'missing title',
    text: mutated((p) => {
      delete p.title;
    }),
    path: 'title',
    message: /required field missing/,
  },
  {
    name: 'bad bank id',
    text: mutated((p) => {
      p.id = '-bank';
    }),
    path: 'id',
    message: /expected letters, digits/,
  },
  {
    name: 'unknown top-level field',
    text: mutated((p) => {
      p.author = 'me';
    }),
    path: 'author',
    message: /unknown field "author"/,
  },
  {
    name: 'unknown item field',
    text: mutated((p) => {
      p.items[3].hint = 'think';
    }),
    path: 'items[3].hint',
    message: /unknown field "hint"/,
  },
  {
    name: 'unknown option field',
    text: mutated((p) => {
      p.items[0].options![1].score = 2;
    }),
    path: 'items[0].options[1].score',
    message: /unknown field "score"/,
  },
  {
    name: 'unknown topic field',
    text: mutated((p) => {
      p.topics[1].colour = 'red';
    }),
    path: 'topics[1].colour',
    message: /unknown field "colour"/,
  },
  {
    name: 'duplicate item ids',
    text: mutated((p) => {
      p.items[3].id = 'bn-mean';
    }),
    path: 'items[3].id',
    message: /duplicate item id "bn-mean" \(first used at items\[2\]\)/,
  },
  {
    name: 'duplicate topic ids',
    text: mutated((p) => {
      p.topics[1].id = 'sample-norm';
    }),
    path: 'topics[1].id',
    message: /duplicate topic id/,
  },
  {
    name: 'mcq with two answers',
    text: mutated((p) => {
      p.items[0].answer = ['a', 'b'];
    }),
    path: 'items[0].answer',
    message: /exactly one correct option, got 2/,
  },
  {
    name: 'answer id not among the options',
    text: mutated((p) => {
      p.items[1].answer = ['dropout', 'l1'];
    }),
    path: 'items[1].answer[1]',
    message: /"l1" is not an option of this item; expected one of "dropout", "l2", "bigger", "aug"/,
  },
  {
    name: 'answer listed twice',
    text: mutated((p) => {
      p.items[1].answer = ['l2', 'l2'];
    }),
    path: 'items[1].answer[1]',
    message: /listed twice/,
  },
  {
    name: 'empty answer',
    text: mutated((p) => {
      p.items[1].answer = [];
    }),
    path: 'items[1].answer',
    message: /at least 1 item, got 0/,
  },
  {
    name: 'duplicate option ids',
    text: mutated((p) => {
      p.items[0].options![2].id = 'a';
    }),
    path: 'items[0].options[2].id',
    message: /duplicate option id "a"/,
  },
  {
    name: 'duplicate option texts',
    text: mutated((p) => {
      p.items[1].options![3].text = 'Dropout';
    }),
    path: 'items[1].options[3].text',
    message: /same text as options\[0\]/,
  },
  {
    name: 'misconception on the correct option',
    text: mutated((p) => {
      p.items[0].options![1].misconception = { id: 'x', label: 'X' };
    }),
    path: 'items[0].options[1].misconception',
    message: /correct option cannot stand for a misconception/,
  },
  {
    name: 'pin that is not true or false',
    text: mutated((p) => {
      p.items[0].options![2].pin = 'yes';
    }),
    path: 'items[0].options[2].pin',
    message: /expected true or false, got string "yes"/,
  },
  {
    name: 'pin on a numeric item',
    text: mutated((p) => {
      p.items[2].options = [
        { id: 'x', text: 'X' },
        { id: 'none', text: 'None of these', pin: true },
      ];
    }),
    path: 'items[2].options[1].pin',
    message: /a numeric item has no options to keep in place/,
  },
  {
    name: 'pin on a template item',
    text: mutated((p) => {
      p.items[5].options = [{ id: 'all', text: 'All of the above', pin: true }];
    }),
    path: 'items[5].options[0].pin',
    message: /a template item has no options to keep in place/,
  },
  {
    name: 'one option only',
    text: mutated((p) => {
      p.items[0].options = p.items[0].options!.slice(1, 2);
    }),
    path: 'items[0].options',
    message: /at least 2 items, got 1/,
  },
  {
    name: 'unknown topic',
    text: mutated((p) => {
      p.items[2].topic = 'sample-nrom';
    }),
    path: 'items[2].topic',
    message:
      /unknown topic "sample-nrom"; expected one of the ids in "topics": "sample-norm", "sample-conv"/,
  },
  {
    name: 'unknown item type',
    text: mutated((p) => {
      p.items[0].type = 'essay';
    }),
    path: 'items[0].type',
    message: /expected one of "mcq", "msq", "numeric", "template", "short", got string "essay"/,
  },
  {
    name: 'missing stem',
    text: mutated((p) => {
      delete p.items[2].stem;
    }),
    path: 'items[2].stem',
    message: /required field missing \(expected a string\)/,
  },
  {
    name: 'unknown template',
    text: mutated((p) => {
      p.items[5].template = 'conv-output-sise';
    }),
    path: 'items[5].template',
    message: /unknown template "conv-output-sise"; expected one of .*"conv-output-size"/,
  },
  {
    name: 'template params out of range',
    text: mutated((p) => {
      p.items[4].params = { level: 9 };
    }),
    path: 'items[4].params.level',
    message: /level/,
  },
  {
    name: 'template param unknown',
    text: mutated((p) => {
      p.items[4].params = { level: 1, colour: 'red' };
    }),
    path: 'items[4].params.colour',
    message: /unknown param "colour"/,
  },
  {
    name: 'template form invalid',
    text: mutated((p) => {
      p.items[4].form = 'essay';
    }),
    path: 'items[4].form',
    message: /expected "mcq" or "numeric", got string "essay"/,
  },
  {
    name: 'difficulty 7',
    text: mutated((p) => {
      p.items[0].difficulty = 7;
    }),
    path: 'items[0].difficulty',
    message: /expected a number at most 5, got number 7/,
  },
  {
    name: 'difficulty 2.5',
    text: mutated((p) => {
      p.items[0].difficulty = 2.5;
    }),
    path: 'items[0].difficulty',
    message: /expected a whole number, got number 2.5/,
  },
  {
    name: 'difficulty as a string',
    text: mutated((p) => {
      p.items[1].difficulty = '3';
    }),
    path: 'items[1].difficulty',
    message: /expected a finite number, got string "3"/,
  },
  {
    name: 'negative tolerance',
    text: mutated((p) => {
      numericAnswer(p).tolerance = { abs: -0.1 };
    }),
    path: 'items[2].answer.tolerance.abs',
    message: /expected a number at least 0, got number -0.1/,
  },
  {
    name: 'empty tolerance',
    text: mutated((p) => {
      numericAnswer(p).tolerance = {};
    }),
    path: 'items[2].answer.tolerance',
    message: /give "abs" or "rel"/,
  },
  {
    name: 'NaN as a string',
    text: mutated((p) => {
      numericAnswer(p).value = 'NaN';
    }),
    path: 'items[2].answer.value',
    message: /expected a finite number or an array, got string "NaN"/,
  },
  {
    name: 'number overflowing to Infinity',
    text: () => JSON.stringify(samplePack()).replace('"value":4,', '"value":1e400,'),
    path: 'items[2].answer.value',
    message: /expected a finite number or an array, got number Infinity/,
  },
  {
    name: 'vector with a non-number',
    text: mutated((p) => {
      (p.items[3].answer as Record<string, unknown>).value = [1, 'Infinity', 2];
    }),
    path: 'items[3].answer.value[1]',
    message: /expected a finite number, got string "Infinity"/,
  },
  {
    name: 'item that is not an object',
    text: mutated((p) => {
      (p.items as unknown[])[2] = 'bn-mean';
    }),
    path: 'items[2]',
    message: /expected an object, got string "bn-mean"/,
  },
];

/** A valid pack of `count` generated choice and numeric items over 10 topics (bulk tests). */
export function syntheticPack(count: number, id = 'synthetic'): BankPackInput {
  const topics = Array.from({ length: 10 }, (_, t) => ({ id: `${id}-t${t}`, title: `Topic ${t}` }));
  const items: BankItemInput[] = [];
  for (let i = 0; i < count; i++) {
    const common = {
      id: `q${i}`,
      topic: topics[i % topics.length].id,
      difficulty: 1 + (i % 5),
      tags: ['synthetic', `group-${i % 7}`],
      source: 'generated for the tests',
    };
    if (i % 3 === 2) {
      items.push({
        ...common,
        type: 'numeric',
        stem: `Question ${i}: compute $2 \\times ${i}$.`,
        answer: { value: 2 * i, tolerance: { abs: 0.5 } },
        explanation: `Twice ${i} is ${2 * i}.`,
      });
    } else {
      items.push({
        ...common,
        type: i % 3 === 0 ? 'mcq' : 'msq',
        stem: `Question ${i}: which statement holds?`,
        options: [
          { id: 'a', text: `Statement A of ${i}`, feedback: 'Because A.' },
          { id: 'b', text: `Statement B of ${i}` },
          {
            id: 'c',
            text: `Statement C of ${i}`,
            misconception: { id: 'mixup', label: 'Mixes up B and C' },
          },
          { id: 'd', text: `Statement D of ${i}` },
        ],
        answer: i % 3 === 0 ? ['b'] : ['a', 'b'],
        explanation: `B holds for ${i}.`,
      });
    }
  }
  return {
    format: 'deepdrill-bank',
    version: 1,
    id,
    title: 'Synthetic bank',
    license: 'CC0-1.0',
    topics,
    items,
  };
}
