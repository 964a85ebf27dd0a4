/**
 * `activation-chain-rule`: a derivative through sigmoid and tanh units by the chain rule:
 * ∂σ(wx + b)/∂w = σ(z)(1 − σ(z))·x (level 1), ∂tanh(wx + b)/∂(w or x) = (1 − tanh²z)·(x or w)
 * (level 2), and ∂σ(v·tanh(wx))/∂w through both units (level 3).
 */
import { sigmoid } from '../../kernels';
import { numberAnswer, present, wrong } from '../answers';
import { finishDraw } from '../draw-rules';
import { fmt, term } from '../format';
import type { Rng } from '../rng';
import { Redraw } from '../types';
import type { ParamBag, Problem, ProblemPart, TemplateDefinition } from '../types';

const DECIMALS = 4;

/** Inputs and weights: never ±1 or 0, so every factor of the chain shows. */
const VALUES = [-2, -1.5, -0.5, 0.5, 1.5, 2, 3];

function draw(rng: Rng, params: ParamBag): Problem {
  const level = params.level;
  const num = (v: number) => numberAnswer(v, DECIMALS);
  if (level === 3) {
    // Away from saturation, so every factor of the chain shows at four decimals.
    const w = rng.pick(VALUES);
    const x = rng.pick(VALUES.filter((c) => Math.abs(w * c) <= 1.5));
    const v = rng.pick([-2, -1.5, 1.5, 2, 3].filter((c) => Math.abs(c * Math.tanh(w * x)) <= 2.5));
    const z = w * x;
    const t = Math.tanh(z);
    const u = v * t;
    const s = sigmoid(u);
    const outer = s * (1 - s);
    const inner = 1 - t * t;
    const key = outer * v * inner * x;
    if (Math.abs(key) < 0.01) throw new Redraw('a vanishing gradient');
    const parts: ProblemPart[] = [
      {
        id: 'inner-value',
        prompt: 'The hidden value $h = \\tanh(wx)$.',
        answer: num(t),
        hint: 'Multiply $w$ by $x$ and take the tanh.',
      },
      {
        id: 'outer-slope',
        prompt:
          "The sigmoid's slope at its input, $\\sigma'(u) = \\sigma(u)(1 - \\sigma(u))$ with $u = v h$.",
        answer: num(outer),
        hint: 'Compute $u = v h$, then $s = \\sigma(u)$, then $s(1 - s)$.',
      },
      {
        id: 'inner-slope',
        prompt: "The tanh's slope $1 - \\tanh^2(wx)$.",
        answer: num(inner),
        hint: 'Square the hidden value and subtract it from 1.',
      },
    ];
    return finishDraw(
      {
        stem:
          `Two units are stacked: $h = \\tanh(w x)$ and $y = \\sigma(v h)$, with the logistic sigmoid $\\sigma$, ` +
          `$w = ${fmt(w, 4)}$, $x = ${fmt(x, 4)}$ and $v = ${fmt(v, 4)}$. What is $\\partial y / \\partial w$?`,
        answer: num(key),
        distractors: present([
          wrong(
            'sigmoid-derivative-as-sigmoid',
            num(s * v * inner * x),
            "The sigmoid's slope is $\\sigma(u)(1 - \\sigma(u))$, not $\\sigma(u)$.",
          ),
          wrong(
            'tanh-derivative-not-squared',
            num(outer * v * (1 - t) * x),
            "The tanh's slope is $1 - \\tanh^2(z)$: the tanh is squared.",
          ),
          wrong(
            'chain-forgot-inner-derivative',
            num(outer * v * inner),
            `$z = wx$ depends on $w$ with slope $x = ${fmt(x, 4)}$; that last factor of the chain is missing.`,
          ),
          wrong(
            'derivative-at-preactivation',
            num(u * (1 - u) * v * inner * x),
            "$s(1 - s)$ takes the sigmoid's output $s = \\sigma(u)$, not its input $u$.",
          ),
        ]),
        correctFeedback:
          "Right: the sigmoid's slope, times $v$, times the tanh's slope, times $x$.",
        explanation: chainExplanation,
        parts,
        hints: {
          nudge:
            'Work from the outside in: each unit contributes its own slope, evaluated where it sits.',
          formula:
            "$\\frac{\\partial y}{\\partial w} = \\sigma'(v h) \\cdot v \\cdot (1 - \\tanh^2(w x)) \\cdot x$",
        },
        steps: [
          `$z = w x = ${fmt(z, 4)}$, $h = \\tanh(z) ${approx(t)}$; $u = v h ${approx(u)}$, $y = \\sigma(u) ${approx(s)}$.`,
          `$\\sigma'(u) = y(1 - y) ${approx(outer)}$; $1 - h^2 ${approx(inner)}$.`,
          `$\\partial y/\\partial w = ${fmt(outer, 4)} \\cdot ${term(v, 4)} \\cdot ${fmt(inner, 4)} \\cdot ${term(x, 4)} ${approx(key)}$.`,
        ],
      },
      { fixed: false },
    );
  }
  const tanh = level === 2;
  // x ≠ w, so the two factors of wx can be told apart; |z| ≤ 2 keeps the unit unsaturated, and
  // z ≠ 0 keeps 1 − tanh(z) apart from 1 − tanh²(z).
  const w = rng.pick(VALUES);
  const b = rng.pick([-1, -0.5, 0, 0.5, 1]);
  const xs = VALUES.filter(
    (c) => c !== w && Math.abs(w * c + b) <= 2 && Math.abs(w * c + b) >= 0.25,
  );
  if (xs.length === 0) throw new Redraw('no input keeps the unit unsaturated');
  const x = rng.pick(xs);
  const z = w * x + b;
  const f = tanh ? Math.tanh(z) : sigmoid(z);
  const slope = tanh ? 1 - f * f : f * (1 - f);
  // Level 1 asks for ∂/∂w (inner factor x); level 2 for ∂/∂w or ∂/∂x (inner factor w).
  const byX = tanh && rng.chance(0.5);
  const innerName = byX ? 'w' : 'x';
  const innerFactor = byX ? w : x;
  const key = slope * innerFactor;
  if (Math.abs(key) < 0.01) throw new Redraw('a vanishing gradient');
  const fName = tanh ? '\\tanh' : '\\sigma';
  const variable = byX ? 'x' : 'w';
  const slopeFormula = tanh ? '1 - \\tanh^2(z)' : '\\sigma(z)(1 - \\sigma(z))';
  return finishDraw(
    {
      stem:
        `A unit computes $y = ${fName}(w x + b)$${tanh ? '' : ' with the logistic sigmoid $\\sigma(z) = 1/(1 + e^{-z})$'}, ` +
        `where $w = ${fmt(w, 4)}$, $x = ${fmt(x, 4)}$ and $b = ${fmt(b, 4)}$. What is $\\partial y / \\partial ${variable}$?`,
      answer: num(key),
      distractors: present([
        tanh
          ? wrong(
              'tanh-derivative-not-squared',
              num((1 - f) * innerFactor),
              "The tanh's slope is $1 - \\tanh^2(z)$: the tanh is squared.",
            )
          : wrong(
              'sigmoid-derivative-as-sigmoid',
              num(f * innerFactor),
              "The sigmoid's slope is $\\sigma(z)(1 - \\sigma(z))$; $\\sigma(z)$ alone is its value.",
            ),
        wrong(
          'chain-forgot-inner-derivative',
          num(slope),
          `$z = wx + b$ changes with $${variable}$ at the rate $${innerName} = ${fmt(innerFactor, 4)}$; the chain rule multiplies by it.`,
        ),
        wrong(
          'derivative-at-preactivation',
          num((tanh ? 1 - z * z : z * (1 - z)) * innerFactor),
          tanh
            ? '$1 - \\tanh^2(z)$ squares the tanh of $z$, not $z$ itself.'
            : '$s(1 - s)$ takes the output $s = \\sigma(z)$, not the pre-activation $z$.',
        ),
        wrong(
          'backprop-wrong-input',
          num(slope * (byX ? x : w)),
          `Differentiating $wx$ with respect to $${variable}$ leaves the other factor, $${innerName}$, not $${variable}$ itself.`,
        ),
      ]),
      correctFeedback: `Right: the ${tanh ? 'tanh' : 'sigmoid'}'s slope at $z$, times $${innerName}$.`,
      explanation: chainExplanation,
      parts: [
        {
          id: 'preactivation',
          prompt: 'The pre-activation $z = w x + b$.',
          answer: num(z),
          hint: 'Multiply $w$ by $x$ and add $b$.',
        },
        {
          id: 'local-slope',
          prompt: `The ${tanh ? 'tanh' : 'sigmoid'}'s slope at $z$, $${slopeFormula}$.`,
          answer: num(slope),
          hint: tanh
            ? 'Take $\\tanh(z)$, square it and subtract from 1.'
            : 'Take $s = \\sigma(z)$ and multiply $s$ by $1 - s$.',
        },
      ],
      hints: {
        nudge: `The outer function's slope is evaluated at $z$; then multiply by how $z$ changes with $${variable}$.`,
        formula: `$\\frac{\\partial y}{\\partial ${variable}} = ${tanh ? '(1 - \\tanh^2(z))' : '\\sigma(z)(1 - \\sigma(z))'} \\cdot ${innerName}$`,
      },
      steps: [
        `$z = ${term(w, 4)} \\cdot ${term(x, 4)} + ${term(b, 4)} = ${fmt(z, 4)}$, $y = ${fName}(z) ${approx(f)}$.`,
        `Slope: $${tanh ? '1 - y^2' : 'y(1 - y)'} ${approx(slope)}$.`,
        `$\\partial y/\\partial ${variable} = ${fmt(slope, 4)} \\cdot ${term(innerFactor, 4)} ${approx(key)}$.`,
      ],
    },
    { fixed: false },
  );
}

/** `≈ v` or `= v` at the working precision. */
function approx(v: number): string {
  const shown = fmt(v, DECIMALS);
  return Number(shown) === v ? `= ${shown}` : `\\approx ${shown}`;
}

const chainExplanation =
  'The chain rule multiplies local slopes along the path. The sigmoid’s slope is $\\sigma(z)(1 - \\sigma(z))$, ' +
  'at most 0.25 (at $z = 0$); the tanh’s is $1 - \\tanh^2(z)$, at most 1. Both are evaluated from the unit’s ' +
  'output, and both shrink towards 0 when the unit saturates. That is why a deep stack of sigmoids multiplies ' +
  'many factors of at most 0.25 and its gradients vanish. The argument $wx + b$ contributes its own slope: ' +
  '$x$ with respect to $w$, or $w$ with respect to $x$.';

/** Chain-rule derivatives through sigmoid and tanh units. */
export const activationChainRuleTemplate: TemplateDefinition = {
  id: 'activation-chain-rule',
  topic: 'backpropagation',
  title: 'Chain rule through sigmoid and tanh units',
  answerKind: 'number',
  forms: ['mcq', 'numeric'],
  params: {},
  draw,
};
