/**
 * `anchor-count`: how many anchor boxes a detector places: (locations) × (scales × aspect ratios)
 * on one feature map (levels 1–2; level 2 derives the map from the image size and the stride),
 * summed over the levels of a feature pyramid at level 3.
 */
import { numberAnswer, wrong } from '../answers';
import { finishDraw } from '../draw-rules';
import { fmt } from '../format';
import type { Rng } from '../rng';
import { TemplateError } from '../types';
import type { Distractor, ParamBag, Problem, TemplateDefinition } from '../types';

interface Setup {
  readonly image?: readonly [number, number];
  /** One entry per feature map: its stride (if derived from the image) and its size. */
  readonly maps: readonly { readonly stride?: number; readonly h: number; readonly w: number }[];
  readonly scales: number;
  readonly ratios: number;
}

function setup(rng: Rng, level: 1 | 2 | 3, p: ParamBag): Setup {
  const fs = p.int('scales');
  const fr = p.int('ratios');
  const fh = p.int('height');
  const fw = p.int('width');
  if (fs !== undefined && fr !== undefined && fh !== undefined && fw !== undefined)
    return { maps: [{ h: fh, w: fw }], scales: fs, ratios: fr };
  if ((fs ?? fr ?? fh ?? fw) !== undefined)
    throw new TemplateError('give scales, ratios, height and width together');
  const scales = rng.int(level === 3 ? 1 : 2, 3);
  // 2 + 2 = 2 × 2: two scales come with three or five ratios, so adding them is never right.
  const ratios = scales === 2 ? rng.pick([3, 5]) : rng.pick([2, 3, 5]);
  if (level === 1) {
    return { maps: [{ h: rng.int(4, 20), w: rng.int(4, 20) }], scales, ratios };
  }
  const image: [number, number] = [
    rng.pick([256, 320, 384, 512, 640]),
    rng.pick([256, 384, 512, 640]),
  ];
  if (level === 2) {
    const stride = rng.pick([8, 16, 32]);
    return {
      image,
      maps: [{ stride, h: image[0] / stride, w: image[1] / stride }],
      scales,
      ratios,
    };
  }
  const strides = rng.pick([
    [8, 16, 32],
    [16, 32, 64],
    [8, 16, 32, 64],
  ]);
  return {
    image,
    maps: strides.map((stride) => ({ stride, h: image[0] / stride, w: image[1] / stride })),
    scales,
    ratios,
  };
}

function draw(rng: Rng, p: ParamBag): Problem {
  const s = setup(rng, p.level, p);
  // How the maps were given: one map (1), from the image and a stride (2), a pyramid (3).
  const level = s.image === undefined ? 1 : s.maps.length > 1 ? 3 : 2;
  const fixed = p.hasFixed;
  const k = s.scales * s.ratios;
  const locations = s.maps.reduce((a, m) => a + m.h * m.w, 0);
  const total = locations * k;
  const n = (x: number) => numberAnswer(x, 0);
  const mapText = (m: Setup['maps'][number]) => `${m.h} \\times ${m.w}`;
  const distractors: Distractor[] = [
    wrong(
      'anchors-scales-plus-ratios',
      n(locations * (s.scales + s.ratios)),
      'Every scale is combined with every aspect ratio, so each location has scales × ratios anchors, not scales + ratios.',
    ),
    wrong(
      'anchors-locations-only',
      n(locations),
      `That counts the feature-map locations; each of them carries ${k} anchors.`,
    ),
    wrong(
      'anchors-per-location-only',
      n(k),
      'That is the number of anchors at one location; they are repeated at every cell of the feature map.',
    ),
  ];
  if (s.image !== undefined) {
    distractors.unshift(
      wrong(
        'anchors-image-pixels',
        n(s.image[0] * s.image[1] * k),
        'Anchors sit at the cells of the feature map, one cell per stride × stride block of the image, not at every pixel.',
      ),
    );
  }
  if (level === 3) {
    const finest = s.maps[0];
    distractors.unshift(
      wrong(
        'anchors-one-level',
        n(finest.h * finest.w * k),
        'Every pyramid level carries its own anchors; the counts of all levels add up.',
      ),
    );
  }
  const perMap = s.maps.map((m) =>
    m.stride === undefined
      ? `Feature map: $${mapText(m)} = ${m.h * m.w}$ cells.`
      : `Stride ${m.stride}: $\\frac{${s.image![0]}}{${m.stride}} \\times \\frac{${s.image![1]}}{${m.stride}} = ${mapText(m)} = ${m.h * m.w}$ cells.`,
  );
  const setting =
    level === 1
      ? `Its head runs on a feature map of $${mapText(s.maps[0])}$ cells`
      : level === 2
        ? `The input image is $${s.image![0]} \\times ${s.image![1]}$ pixels and the head runs on the feature map of stride ${s.maps[0].stride} (one cell per ${s.maps[0].stride} × ${s.maps[0].stride} pixels)`
        : `The input image is $${s.image![0]} \\times ${s.image![1]}$ pixels and a feature pyramid puts the head on the maps of strides ${s.maps.map((m) => m.stride).join(', ')} (one cell per stride × stride pixels)`;
  return finishDraw(
    {
      stem:
        `An anchor-based detector (as in Faster R-CNN's region proposal network or RetinaNet) places, at every feature-map cell, ` +
        `one anchor box for each combination of ${s.scales} ${s.scales === 1 ? 'scale' : 'scales'} and ${s.ratios} aspect ratios. ` +
        `${setting}. How many anchor boxes does it place in total?`,
      answer: n(total),
      distractors,
      correctFeedback:
        'Right: anchors per location times the number of locations, summed over the maps.',
      parts: [
        {
          id: 'per-location',
          prompt: 'How many anchors sit at one feature-map cell?',
          answer: n(k),
          hint: 'Each scale is paired with each aspect ratio.',
        },
        {
          id: 'locations',
          prompt:
            level === 3
              ? 'How many feature-map cells are there over all pyramid levels together?'
              : 'How many cells does the feature map have?',
          answer: n(locations),
          hint:
            level === 1
              ? 'Height times width.'
              : 'Each map is the image size divided by its stride, in both directions.',
        },
      ],
      hints: {
        nudge: 'Count the anchors at one cell, then count the cells.',
        formula:
          '$N = \\sum_{\\text{maps}} H \\cdot W \\cdot (\\text{scales} \\times \\text{ratios})$',
        firstStep: `${s.scales} × ${s.ratios} = ${k} anchors per cell.`,
      },
      explanation:
        'Anchor-based detectors tile the image with reference boxes: at every cell of a feature map they place one anchor ' +
        'per (scale, aspect ratio) pair, and the head predicts for each anchor a class score and four box offsets. The ' +
        'number of anchors is therefore cells × scales × ratios per map; a feature pyramid repeats this at each level, ' +
        'where a map of stride $s$ has $(H/s)(W/s)$ cells. Faster R-CNN uses 3 scales × 3 ratios = 9 anchors per cell on ' +
        'one map; RetinaNet uses 9 per cell on each of five levels. That is why the anchor count runs into the tens of ' +
        'thousands, and most anchors are background.',
      steps: [
        `Anchors per cell: ${s.scales} × ${s.ratios} = ${k}.`,
        ...perMap,
        `Total: $${fmt(locations)} \\cdot ${k} = ${fmt(total)}$.`,
      ],
    },
    { fixed },
  );
}

/** Anchor boxes of a detector head. */
export const anchorCount: TemplateDefinition = {
  id: 'anchor-count',
  topic: 'object-detection',
  title: 'Number of anchor boxes of a detector',
  answerKind: 'number',
  forms: ['mcq', 'numeric'],
  params: {
    scales: {
      kind: 'int',
      min: 1,
      max: 5,
      description: 'anchor scales (default: drawn; fixes a single map)',
    },
    ratios: { kind: 'int', min: 1, max: 5, description: 'aspect ratios (default: drawn)' },
    height: { kind: 'int', min: 1, max: 200, description: 'feature-map height (default: drawn)' },
    width: { kind: 'int', min: 1, max: 200, description: 'feature-map width (default: drawn)' },
  },
  draw,
};
