/**
 * The keys of the fixed object-detection, detection-metrics, interpretability, segmentation and
 * augmentation items written for the detection part of the course, recomputed here from the
 * numbers in their stems with straightforward loops.
 */
import { describe, expect, it } from 'vitest';
import { bankPackSchema, type ChoiceItem } from '../../bank/schema';
import { builtinPack } from '../index';

const items = bankPackSchema.parse(builtinPack).items;

function choice(id: string): ChoiceItem {
  const found = items.find((i) => i.id === id);
  if (found === undefined || (found.type !== 'mcq' && found.type !== 'msq'))
    throw new Error(`no choice item ${id}`);
  return found;
}

/** The numbers written in the key option of an item. */
function keyNumbers(id: string): number[] {
  const i = choice(id);
  const text = i.options.find((o) => o.id === i.answer[0])!.text;
  return [...text.matchAll(/-?\d+(?:\.\d+)?/g)].map(([m]) => Number(m));
}

function iou(a: number[], b: number[]): number {
  let inter = 0;
  let union = 0;
  for (let x = 0; x < 200; x++)
    for (let y = 0; y < 200; y++) {
      const inA = x >= a[0] && x < a[2] && y >= a[1] && y < a[3];
      const inB = x >= b[0] && x < b[2] && y >= b[1] && y < b[3];
      if (inA && inB) inter++;
      if (inA || inB) union++;
    }
  return inter / union;
}

const round = (x: number, d = 3) => Number(x.toFixed(d));

describe('detection items: keys recomputed', () => {
  it('box format bug: IoU of the misread and the converted box', () => {
    const explanation = choice('od-box-format-bug').explanation;
    // Read as corners: [10, 20, 30, 40]; converted: [10, 20, 40, 60].
    expect(explanation).toContain(String(round(iou([10, 20, 30, 40], [12, 22, 40, 60]))));
    expect(explanation).toContain(String(round(iou([10, 20, 40, 60], [12, 22, 40, 60]))));
  });

  it('nms code: keeps [2, 1]', () => {
    const boxes = [
      [0, 0, 10, 10],
      [1, 1, 11, 11],
      [20, 20, 30, 30],
    ];
    const scores = [0.6, 0.8, 0.9];
    const order = [0, 1, 2].sort((i, j) => scores[j] - scores[i]);
    const kept: number[] = [];
    for (const i of order) if (kept.every((k) => iou(boxes[i], boxes[k]) <= 0.5)) kept.push(i);
    expect(keyNumbers('od-nms-code')).toEqual(kept);
    expect(iou(boxes[0], boxes[1])).toBeCloseTo(81 / 119, 12);
  });

  it('rpn outputs, box regression, focal factors and the YOLO tensor', () => {
    expect(keyNumbers('od-rpn-outputs')).toEqual([2 * 9, 4 * 9]);
    expect(keyNumbers('od-box-regression')).toEqual([
      (54 - 50) / 20,
      (40 - 40) / 10,
      round(Math.log(40 / 20)),
      Math.log(10 / 10),
    ]);
    expect(keyNumbers('od-focal-loss')).toEqual([round((1 - 0.9) ** 2, 2), (1 - 0.5) ** 2]);
    expect(keyNumbers('od-yolo-output')).toEqual([7, 7, 2 * 5 + 20]);
  });

  it('F1, mAP, sklearn AP, confusion code', () => {
    expect(keyNumbers('dm-f1-harmonic')).toEqual([round((2 * 0.9 * 0.1) / (0.9 + 0.1), 2)]);
    expect(keyNumbers('dm-map-mean')).toEqual([round((0.8 + 0.6 + 0.4) / 3, 2)]);
    // sklearn: precision at each TP over the 3 positives it sees; VOC: envelope over 5 objects.
    const hits = [1, 0, 1, 1, 0];
    let tp = 0;
    const precision = hits.map((h, k) => (tp += h) / (k + 1));
    const sk = hits.reduce((a, h, k) => a + (h ? precision[k] / 3 : 0), 0);
    const voc = hits.reduce((a, h, k) => a + (h ? Math.max(...precision.slice(k)) / 5 : 0), 0);
    const explanation = choice('dm-sklearn-ap-code').explanation;
    expect(explanation).toContain(`\\approx ${round(sk)}`);
    expect(explanation).toContain(`= ${voc}`);
    // Column 1 of the confusion matrix of y_true/y_pred.
    const yTrue = [0, 0, 1, 1, 1, 2];
    const yPred = [0, 1, 1, 1, 2, 2];
    const predicted1 = yPred.filter((p) => p === 1).length;
    const right1 = yPred.filter((p, i) => p === 1 && yTrue[i] === 1).length;
    expect(keyNumbers('dm-confusion-code')[0]).toBe(round(right1 / predicted1));
  });

  it('occlusion passes and gradient × input', () => {
    let positions = 0;
    for (let start = 0; start + 32 <= 224; start += 16) positions++;
    expect(keyNumbers('int-occlusion-passes')).toEqual([positions * positions]);
    const w = [2, -1, 0.5];
    const x = [1, 4, 2];
    expect(keyNumbers('int-gradient-times-input')).toEqual(w.map((wi, i) => wi * x[i]));
  });

  it('hard Dice of one-hot masks, U-Net concat shape', () => {
    const gt = [0, 1, 1, 2, 2, 1];
    const pred = [0, 1, 2, 2, 2, 1];
    const dice = [0, 1, 2].map((c) => {
      const a = gt.filter((v) => v === c).length;
      const b = pred.filter((v) => v === c).length;
      const both = gt.filter((v, i) => v === c && pred[i] === c).length;
      return round((2 * both) / (a + b));
    });
    expect(keyNumbers('seg-hard-dice-onehot')).toEqual(dice);
    // ConvTranspose2d k = 2, s = 2 on 28: (28 − 1)·2 + 2 = 56; 64 + 64 channels.
    expect(keyNumbers('seg-unet-concat-code')).toEqual([1, 64 + 64, (28 - 1) * 2 + 2, 56]);
  });

  it('flipped box and CutMix label', () => {
    const [x1, y1, x2, y2] = [30, 40, 80, 120];
    expect(keyNumbers('aug-flip-box')).toEqual([200 - x2, y1, 200 - x1, y2]);
    const pasted = (112 * 112) / (224 * 224);
    expect(keyNumbers('aug-cutmix-label')).toEqual([(1 - pasted) * 100, pasted * 100]);
  });

  it('has at least 25 items in each new topic, and code-reading items with python blocks', () => {
    for (const topic of ['object-detection', 'detection-metrics', 'interpretability'])
      expect(items.filter((i) => i.topic === topic).length, topic).toBeGreaterThanOrEqual(25);
    expect(items.filter((i) => i.topic === 'augmentation').length).toBeGreaterThanOrEqual(13);
    const code = items.filter(
      (i) =>
        [
          'object-detection',
          'detection-metrics',
          'interpretability',
          'segmentation',
          'augmentation',
        ].includes(i.topic) && i.tags.includes('code-reading'),
    );
    expect(code.length).toBeGreaterThanOrEqual(8);
    for (const i of code) expect(i.stem, i.id).toContain('```python');
  });
});
