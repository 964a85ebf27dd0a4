/**
 * `two-layer-backprop`: ∂L/∂w for one named weight of a network with 2–3 inputs, two hidden
 * units and one output: ReLU hidden units and the squared error (ŷ − t)² (levels 1–2), or sigmoid
 * hidden units and binary cross-entropy on the output logit (level 3, a first-layer or an output
 * weight). The parts are the forward values and the local gradients on the way back.
 */
import { twoLayerBackprop, type TwoLayerNet, type TwoLayerPass } from '../../kernels';
import { numberAnswer, present, wrong } from '../answers';
import { finishDraw } from '../draw-rules';
import { fmt, fmtRow, latexMatrix, term } from '../format';
import type { Rng } from '../rng';
import { Redraw } from '../types';
import type { Distractor, ParamBag, Problem, ProblemPart, TemplateDefinition } from '../types';

interface Setup {
  readonly net: TwoLayerNet;
  readonly x: number[];
  readonly t: number;
}

function drawSetup(rng: Rng, level: 1 | 2 | 3): Setup {
  const nonZero = (lo: number, hi: number) => rng.nonZeroInt(lo, hi);
  if (level === 1) {
    return {
      x: rng.ints(2, -2, 3),
      net: {
        w1: [rng.ints(2, -2, 2), rng.ints(2, -2, 2)],
        // Half-integer biases keep every pre-activation off the ReLU's kink at 0.
        b1: [rng.pick([-0.5, 0.5, 1.5]), rng.pick([-0.5, 0.5, 1.5])],
        v: [nonZero(-2, 2), nonZero(-2, 2)],
        c: rng.int(-1, 1),
        activation: 'relu',
        loss: 'squared',
      },
      t: rng.int(-2, 3),
    };
  }
  if (level === 2) {
    return {
      x: rng.decimals(3, -1, 2, 1),
      net: {
        w1: [rng.decimals(3, -1, 1, 1), rng.decimals(3, -1, 1, 1)],
        b1: rng.decimals(2, -0.5, 0.5, 1),
        v: [nonZero(-2, 2), nonZero(-2, 2)],
        c: rng.decimals(1, -0.5, 0.5, 1)[0],
        activation: 'relu',
        loss: 'squared',
      },
      t: rng.decimals(1, -1, 2, 1)[0],
    };
  }
  const inputs = rng.int(2, 3);
  return {
    x: rng.ints(inputs, -2, 2),
    net: {
      w1: [rng.decimals(inputs, -1, 1, 1), rng.decimals(inputs, -1, 1, 1)],
      b1: rng.decimals(2, -0.5, 0.5, 1),
      v: [nonZero(-2, 2), nonZero(-2, 2)],
      c: rng.decimals(1, -0.5, 0.5, 1)[0],
      activation: 'sigmoid',
      loss: 'bce',
    },
    t: rng.int(0, 1),
  };
}

/** The asked weight: first-layer w_{k i} (unit k from input i) or output weight v_k (0-based). */
type Asked =
  | { readonly layer: 'hidden'; readonly k: number; readonly i: number }
  | { readonly layer: 'output'; readonly k: number };

function draw(rng: Rng, params: ParamBag): Problem {
  const level = params.level;
  const { net, x, t } = drawSetup(rng, level);
  const pass: TwoLayerPass = twoLayerBackprop(net, x, t);
  const relu = net.activation === 'relu';
  if (relu && pass.z.some((z) => z === 0)) throw new Redraw('a ReLU at its kink');
  if (pass.dO === 0) throw new Redraw('the prediction equals the target');
  const units = [0, 1].filter((k) => !relu || pass.z[k] > 0);
  const inputs = x.map((_, i) => i).filter((i) => x[i] !== 0);
  if (units.length === 0 || inputs.length === 0) throw new Redraw('no gradient flows');
  const k = rng.pick(units);
  const asked: Asked =
    level === 3 && rng.chance(0.5)
      ? { layer: 'output', k }
      : { layer: 'hidden', k, i: rng.pick(inputs) };
  const decimals = level === 3 ? 4 : 3;
  const num = (v: number) => numberAnswer(v, decimals);
  const other = 1 - k;
  const squared = net.loss === 'squared';
  const sig = (u: number) => 1 / (1 + Math.exp(-u));
  const outSlope = sig(pass.o) * (1 - sig(pass.o));
  const act = relu ? '\\text{ReLU}' : '\\sigma';
  const weightName =
    asked.layer === 'hidden' ? `w_{${asked.k + 1}${asked.i + 1}}` : `v_{${asked.k + 1}}`;
  let key: number;
  const candidates: (Distractor | undefined)[] = [];
  if (asked.layer === 'hidden') {
    const { i } = asked;
    key = pass.dW1[k][i];
    const otherInput = x.findIndex((xj, j) => j !== i && xj !== x[i]);
    candidates.push(
      relu
        ? undefined
        : wrong(
            'backprop-forgot-activation-derivative',
            num(pass.dO * net.v[k] * x[i]),
            `On the way back through hidden unit ${k + 1} the gradient is multiplied by $\\sigma'(z_${k + 1}) = h_${k + 1}(1 - h_${k + 1})$.`,
          ),
      relu
        ? undefined
        : wrong(
            'sigmoid-derivative-as-sigmoid',
            num(pass.dO * net.v[k] * pass.h[k] * x[i]),
            `$\\sigma'(z) = \\sigma(z)(1 - \\sigma(z))$: the factor $1 - h_${k + 1}$ is missing.`,
          ),
      otherInput >= 0
        ? wrong(
            'backprop-wrong-input',
            num(pass.dZ[k] * x[otherInput]),
            `The weight $${weightName}$ multiplies input $x_${i + 1}$, so its gradient is $\\partial L/\\partial z_${k + 1}$ times $x_${i + 1}$.`,
          )
        : undefined,
      net.v[other] !== net.v[k]
        ? wrong(
            'backprop-wrong-output-weight',
            num(pass.dO * net.v[other] * pass.actGrad[k] * x[i]),
            `Hidden unit ${k + 1} reaches the output through $v_${k + 1}$; $v_${other + 1}$ belongs to the other unit.`,
          )
        : undefined,
    );
  } else {
    key = pass.dV[k];
    candidates.push(
      pass.h[other] !== pass.h[k]
        ? wrong(
            'backprop-wrong-output-weight',
            num(pass.dO * pass.h[other]),
            `The weight $v_${k + 1}$ multiplies $h_${k + 1}$, so its gradient is $\\partial L/\\partial o$ times $h_${k + 1}$.`,
          )
        : undefined,
      wrong(
        'backprop-used-preactivation',
        num(pass.dO * pass.z[k]),
        `The output reads the activation $h_${k + 1} = \\sigma(z_${k + 1})$, not the pre-activation $z_${k + 1}$.`,
      ),
    );
  }
  candidates.push(
    squared
      ? wrong(
          'backprop-forgot-factor-2',
          num(key / 2),
          'The derivative of $(\\hat y - t)^2$ is $2(\\hat y - t)$: the 2 stays, since the loss has no factor 1/2.',
          'squared-error-no-half',
        )
      : wrong(
          'backprop-bce-extra-sigmoid-derivative',
          num(key * outSlope),
          'Binary cross-entropy on the logit has $\\partial L/\\partial o = \\sigma(o) - t$; the sigmoid’s slope is already inside that.',
        ),
    wrong(
      'backprop-sign-flipped',
      num(-key),
      `The loss grows with $\\hat y - t$ (here ${fmt(pass.yhat - t, 4)}), so $\\partial L/\\partial ${squared ? '\\hat y' : 'o'}$ has its sign, not the opposite.`,
    ),
  );
  const xText = `$x = ${fmtRow(x, 4)}$`;
  const lossText = squared
    ? 'a linear output $\\hat y = v_1 h_1 + v_2 h_2 + c$, and the squared error $L = (\\hat y - t)^2$ with no factor 1/2 (as `nn.MSELoss` gives on one value)'
    : 'an output logit $o = v_1 h_1 + v_2 h_2 + c$ with prediction $\\hat y = \\sigma(o)$, and the binary cross-entropy $L = -[t \\ln \\hat y + (1 - t)\\ln(1 - \\hat y)]$ taken on the logit (as `nn.BCEWithLogitsLoss`)';
  const stem =
    `A network takes the input ${xText}. Its hidden layer has two ${relu ? 'ReLU' : 'sigmoid'} units, $h = ${act}(z)$ with $z = Wx + b$, ` +
    `$W = ${latexMatrix(net.w1, 4)}$ (row $k$ feeds hidden unit $k$, so $w_{ki}$ connects input $x_i$ to unit $k$) and $b = ${fmtRow(net.b1, 4)}$. ` +
    `It has ${lossText}, with $v = ${fmtRow(net.v, 4)}$, $c = ${fmt(net.c, 4)}$ and target $t = ${fmt(t, 4)}$. ` +
    `What is $\\partial L / \\partial ${weightName}$?`;
  const dName = squared ? '\\hat y' : 'o';
  const zText = pass.z
    .map(
      (z, u) =>
        `z_${u + 1} = ${net.w1[u].map((w, i) => `${term(w, 4)} \\cdot ${term(x[i], 4)}`).join(' + ')} + ${term(net.b1[u], 4)} = ${fmt(z, 4)}`,
    )
    .join(', \\; ');
  const steps = [
    `Forward: $${zText}$; $h = ${fmtRow(pass.h, 4)}$.`,
    squared
      ? `$\\hat y = ${term(net.v[0])} \\cdot ${term(pass.h[0], 4)} + ${term(net.v[1])} \\cdot ${term(pass.h[1], 4)} + ${term(net.c, 4)} = ${fmt(pass.yhat, 4)}$, $L = (${fmt(pass.yhat, 4)} - ${term(t, 4)})^2 = ${fmt(pass.loss, 4)}$.`
      : `$o = ${fmt(pass.o, 4)}$, $\\hat y = \\sigma(o) = ${fmt(pass.yhat, 4)}$, $L = ${fmt(pass.loss, 4)}$.`,
    squared
      ? `Backward: $\\partial L/\\partial \\hat y = 2(\\hat y - t) = ${fmt(pass.dO, 4)}$.`
      : `Backward: $\\partial L/\\partial o = \\hat y - t = ${fmt(pass.dO, 4)}$.`,
  ];
  const parts: ProblemPart[] = [
    {
      id: 'prediction',
      prompt: squared
        ? 'The prediction $\\hat y$ of the forward pass.'
        : 'The prediction $\\hat y = \\sigma(o)$ of the forward pass.',
      answer: numberAnswer(pass.yhat, 4),
      hint: `Compute $z = Wx + b$, apply the ${relu ? 'ReLU' : 'sigmoid'}, then $v \\cdot h + c$${squared ? '' : ' and the sigmoid'}.`,
    },
    {
      id: 'output-gradient',
      prompt: `The gradient at the output, $\\partial L / \\partial ${dName}$.`,
      answer: numberAnswer(pass.dO, 4),
      hint: squared
        ? 'Differentiate $(\\hat y - t)^2$ with respect to $\\hat y$.'
        : 'For binary cross-entropy on the logit it is the prediction minus the target.',
    },
  ];
  if (asked.layer === 'hidden') {
    const { i } = asked;
    steps.push(
      `$\\partial L/\\partial h_${k + 1} = \\partial L/\\partial ${dName} \\cdot v_${k + 1} = ${fmt(pass.dO, 4)} \\cdot ${term(net.v[k])} = ${fmt(pass.dH[k], 4)}$.`,
      relu
        ? `$z_${k + 1} = ${fmt(pass.z[k], 4)} > 0$, so $\\text{ReLU}'(z_${k + 1}) = 1$ and $\\partial L/\\partial z_${k + 1} = ${fmt(pass.dZ[k], 4)}$.`
        : `$\\sigma'(z_${k + 1}) = h_${k + 1}(1 - h_${k + 1}) = ${fmt(pass.actGrad[k], 4)}$, so $\\partial L/\\partial z_${k + 1} = ${fmt(pass.dH[k], 4)} \\cdot ${fmt(pass.actGrad[k], 4)} = ${fmt(pass.dZ[k], 4)}$.`,
      `$\\partial L/\\partial ${weightName} = \\partial L/\\partial z_${k + 1} \\cdot x_${i + 1} = ${fmt(pass.dZ[k], 4)} \\cdot ${term(x[i], 4)} = ${fmt(key, 4)}$.`,
    );
    parts.push({
      id: 'hidden-gradient',
      prompt: `The gradient at hidden unit ${k + 1}'s pre-activation, $\\partial L / \\partial z_${k + 1}$.`,
      answer: numberAnswer(pass.dZ[k], 4),
      hint: `Go back through $v_${k + 1}$, then multiply by the ${relu ? 'ReLU' : 'sigmoid'}'s slope at $z_${k + 1}$.`,
    });
  } else {
    steps.push(
      `$\\partial L/\\partial v_${k + 1} = \\partial L/\\partial o \\cdot h_${k + 1} = ${fmt(pass.dO, 4)} \\cdot ${fmt(pass.h[k], 4)} = ${fmt(key, 4)}$.`,
    );
    parts.push({
      id: 'hidden-activation',
      prompt: `The activation $h_${k + 1}$ that $v_${k + 1}$ multiplies.`,
      answer: numberAnswer(pass.h[k], 4),
      hint: `Apply the sigmoid to $z_${k + 1}$.`,
    });
  }
  return finishDraw(
    {
      stem,
      answer: num(key),
      distractors: present(candidates),
      correctFeedback: `Right: the chain rule from the loss back to $${weightName}$, one local derivative per step.`,
      explanation:
        'Backpropagation applies the chain rule along the path from the loss to the weight, one local derivative ' +
        'at a time: the loss’s derivative at the output, the output weight that leads to the hidden unit, the hidden ' +
        'activation’s slope at its pre-activation (1 or 0 for ReLU, $h(1 - h)$ for a sigmoid), and finally the input ' +
        'the weight multiplies. An output weight’s gradient is the output gradient times the activation it reads. ' +
        'Binary cross-entropy taken on the logit gives the simple output gradient $\\sigma(o) - t$, so no extra ' +
        'sigmoid slope appears there.',
      parts,
      hints: {
        nudge: `Follow the path from $L$ back to $${weightName}$ and multiply the local derivatives you meet.`,
        formula:
          asked.layer === 'hidden'
            ? `$\\frac{\\partial L}{\\partial w_{ki}} = \\frac{\\partial L}{\\partial ${dName}} \\, v_k \\, ${relu ? '\\text{ReLU}' : '\\sigma'}'(z_k) \\, x_i$`
            : '$\\frac{\\partial L}{\\partial v_k} = \\frac{\\partial L}{\\partial o} \\, h_k$',
      },
      steps,
    },
    { fixed: false },
  );
}

/** ∂L/∂w of one weight of a two-layer network, by backpropagation. */
export const twoLayerBackpropTemplate: TemplateDefinition = {
  id: 'two-layer-backprop',
  topic: 'backpropagation',
  title: 'Backpropagation: the gradient of one weight of a two-layer network',
  answerKind: 'number',
  forms: ['mcq', 'numeric'],
  params: {},
  draw,
};
