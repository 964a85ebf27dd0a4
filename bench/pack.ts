/**
 * A synthetic bank pack of any size, deterministic by seed: topics `bench-t00…`, and items of
 * every type in bank-like proportions and sizes (Markdown stems with LaTeX, four options with
 * feedback, misconceptions on wrong options, numeric keys, template items over every core
 * template). The benchmark imports it and the data generator builds the history on top of it.
 */
import type { BankItemInput, BankPackInput } from '../db/bank/schema';
import { listTemplates } from '../core/templates';
import { Rng } from '../core/selection';

/** Share of each item type (the rest are templates). */
const MCQ_SHARE = 0.55;
const MSQ_SHARE = 0.15;
const NUMERIC_SHARE = 0.2;

/** Misconceptions the synthetic wrong options name. */
export const MISCONCEPTION_COUNT = 40;

/** The id and label of synthetic misconception `k`. */
export function misconception(k: number): { id: string; label: string } {
  const id = `bench-misc-${String(k).padStart(2, '0')}`;
  return { id, label: `Synthetic misconception ${k}: confuses two related quantities` };
}

/** What the generator needs to answer an item the way a learner would (1-based question id). */
export interface ItemKey {
  readonly topic: number;
  readonly difficulty: number;
  readonly type: 'mcq' | 'msq' | 'numeric' | 'template';
  /** Correct option ids (choice items). */
  readonly correct: readonly string[];
  /** Wrong option ids with their misconception index (or -1). */
  readonly wrong: readonly (readonly [string, number])[];
}

/** A pack plus the key of every item, in pack order (question id = index + 1 on a fresh DB). */
export interface SyntheticPack {
  readonly pack: BankPackInput;
  readonly keys: readonly ItemKey[];
  /** Choice options in the pack (rows of `question_options`). */
  readonly optionCount: number;
}

const WORDS =
  'gradient batch layer kernel stride padding channel feature activation logit weight bias loss epoch minibatch variance mean tensor filter pooling dropout norm'.split(
    ' ',
  );

function makeSentence(rng: Rng, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(rng.pick(WORDS));
  const text = out.join(' ');
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

/** Sentences drawn once per length and then picked from: pack building stays cheap. */
const POOL_SIZE = 512;
const pools = new Map<number, string[]>();

function sentence(rng: Rng, words: number): string {
  let pool = pools.get(words);
  if (pool === undefined) {
    const poolRng = new Rng(words, 0x5e7);
    pool = Array.from({ length: POOL_SIZE }, () => makeSentence(poolRng, words));
    pools.set(words, pool);
  }
  return pool[rng.nextUint32() % POOL_SIZE];
}

function stem(rng: Rng, n: number): string {
  const a = rng.int(2, 9);
  const b = rng.int(2, 9);
  return `${sentence(rng, 14)} Consider $x \\in \\mathbb{R}^{${a}\\times ${b}}$ with $\\mu = \\frac{1}{N}\\sum_i x_i$ (item ${n}). ${sentence(rng, 12)} Which statement holds?`;
}

function explanation(rng: Rng): string {
  return `${sentence(rng, 16)}\n\n$$\\hat{x} = \\frac{x - \\mu}{\\sqrt{\\sigma^2 + \\epsilon}}$$\n\n${sentence(rng, 20)} ${sentence(rng, 14)}`;
}

/**
 * A pack of `questions` items over `topics` topics. Same arguments, same pack (byte for byte
 * once serialised).
 */
export function syntheticPack(questions: number, topics: number, seed: number): SyntheticPack {
  const rng = new Rng(seed, 0xba4c);
  const templates = listTemplates();
  const topicList = Array.from({ length: topics }, (_, t) => ({
    id: `bench-t${String(t).padStart(2, '0')}`,
    title: `Synthetic topic ${t + 1}`,
  }));
  const items: BankItemInput[] = [];
  const keys: ItemKey[] = [];
  let optionCount = 0;
  for (let n = 0; n < questions; n++) {
    const topic = n % topics;
    // Explicit properties, not `...common`: spreading made building a 100k pack GC-bound.
    const id = `bench-${String(n).padStart(6, '0')}`;
    const topicId = topicList[topic].id;
    const difficulty = rng.int(1, 5);
    const tag = rng.pick(WORDS);
    const tag2 = rng.pick(WORDS);
    const tags = tag === tag2 ? [tag] : [tag, tag2];
    const source = 'DeepDrill benchmark (synthetic)';
    const r = rng.next();
    if (r < MCQ_SHARE + MSQ_SHARE) {
      const msq = r >= MCQ_SHARE;
      const ids = ['a', 'b', 'c', 'd'];
      const correct = msq ? ids.filter((_, i) => i === 0 || rng.chance(0.4)) : ['a'];
      const shuffled = rng.shuffle(ids);
      const wrong: [string, number][] = [];
      const options = shuffled.map((optionId, i) => {
        const isCorrect = correct.includes(optionId);
        const misc = isCorrect || rng.chance(0.2) ? -1 : rng.int(0, MISCONCEPTION_COUNT - 1);
        if (!isCorrect) wrong.push([optionId, misc]);
        const text = `${sentence(rng, 6)} (${n}.${i})`;
        const feedback = sentence(rng, 12);
        return misc < 0
          ? { id: optionId, text, feedback }
          : { id: optionId, text, feedback, misconception: misconception(misc) };
      });
      optionCount += options.length;
      items.push({
        id,
        topic: topicId,
        difficulty,
        tags,
        source,
        type: msq ? 'msq' : 'mcq',
        stem: stem(rng, n),
        options,
        answer: correct,
        explanation: explanation(rng),
      });
      keys.push({ topic, difficulty, type: msq ? 'msq' : 'mcq', correct, wrong });
    } else if (r < MCQ_SHARE + MSQ_SHARE + NUMERIC_SHARE) {
      items.push({
        id,
        topic: topicId,
        difficulty,
        tags,
        source,
        type: 'numeric',
        stem: stem(rng, n),
        answer: { value: rng.int(-500, 500) / 10, tolerance: { abs: 0.05 } },
        explanation: explanation(rng),
      });
      keys.push({ topic, difficulty, type: 'numeric', correct: [], wrong: [] });
    } else {
      const template = templates[n % templates.length];
      const level = rng.int(1, 3);
      const form = rng.pick(template.forms);
      const base = { id, topic: topicId, difficulty, tags, source, type: 'template' as const };
      items.push(
        level === 1
          ? { ...base, template: template.id, form }
          : { ...base, template: template.id, form, params: { level } },
      );
      keys.push({ topic, difficulty, type: 'template', correct: [], wrong: [] });
    }
  }
  const pack: BankPackInput = {
    format: 'deepdrill-bank',
    version: 1,
    id: 'bench-bank',
    title: 'Synthetic benchmark bank',
    license: 'CC0-1.0',
    description: `${questions} synthetic items over ${topics} topics (seed ${seed})`,
    topics: topicList,
    items,
  };
  return { pack, keys, optionCount };
}
