/**
 * The `compute` ops of the design: op names and JSON arguments mapped onto the numeric kernels.
 * Arguments arrive as `unknown` JSON; every one is checked (names, presence, types, shapes)
 * before a kernel runs, and every failure names the argument.
 */
import {
  batchNormStats,
  conv1d,
  conv2d,
  convOutputSize,
  convTranspose1d,
  convTranspose2d,
  dice,
  iou,
  layerNormStats,
  leakyRelu,
  maxPool2d,
  maxUnpool2d,
  regularizedStep,
  softmax,
  tripletLoss,
} from './kernels';
import {
  KernelArgError,
  describeValue,
  requireFiniteNumber,
  requireMatrix,
  requireMatrixOrTensor4,
  requireNonNegativeInt,
  requireOneOf,
  requirePositiveInt,
  requireVector,
  requireVectorOrMatrix,
} from './kernels/validate';

/** A `compute` request that is wrong as a whole: unknown op, unknown or missing argument. */
export class ComputeError extends Error {
  override name = 'ComputeError';
  /** The argument the error is about, when there is one. */
  readonly arg: string | undefined;

  constructor(message: string, arg?: string) {
    super(message);
    this.arg = arg;
  }
}

type Args = Readonly<Record<string, unknown>>;

interface OpSpec {
  readonly required: readonly string[];
  readonly optional: readonly string[];
  readonly run: (args: Args) => Record<string, unknown>;
}

/** An optional argument: `undefined` when absent (so the kernel's default applies). */
function optional<T>(
  args: Args,
  name: string,
  check: (arg: string, v: unknown) => T,
): T | undefined {
  return args[name] === undefined ? undefined : check(name, args[name]);
}

function outputShape(value: unknown): [number, number] {
  if (!Array.isArray(value) || value.length !== 2) {
    throw new KernelArgError(
      'outputShape',
      `must be [height, width], got ${Array.isArray(value) ? `${value.length} values` : describeValue(value)}`,
    );
  }
  return [requirePositiveInt('outputShape', value[0]), requirePositiveInt('outputShape', value[1])];
}

const specs = {
  batchnorm: {
    required: ['x'],
    optional: [],
    run: (a) => ({ ...batchNormStats(requireMatrixOrTensor4('x', a.x)) }),
  },
  layernorm: {
    required: ['x'],
    optional: [],
    run: (a) => ({ ...layerNormStats(requireMatrixOrTensor4('x', a.x)) }),
  },
  conv1d: {
    required: ['x', 'w'],
    optional: ['stride', 'padding'],
    run: (a) => ({
      y: conv1d(
        requireVector('x', a.x),
        requireVector('w', a.w),
        optional(a, 'stride', requirePositiveInt),
        optional(a, 'padding', requireNonNegativeInt),
      ),
    }),
  },
  conv2d: {
    required: ['x', 'w'],
    optional: ['stride', 'padding'],
    run: (a) => ({
      y: conv2d(
        requireMatrix('x', a.x),
        requireMatrix('w', a.w),
        optional(a, 'stride', requirePositiveInt),
        optional(a, 'padding', requireNonNegativeInt),
      ),
    }),
  },
  'conv-transpose1d': {
    required: ['x', 'w', 'stride'],
    optional: ['padding'],
    run: (a) => ({
      y: convTranspose1d(
        requireVector('x', a.x),
        requireVector('w', a.w),
        requirePositiveInt('stride', a.stride),
        optional(a, 'padding', requireNonNegativeInt),
      ),
    }),
  },
  'conv-transpose2d': {
    required: ['x', 'w', 'stride'],
    optional: ['padding'],
    run: (a) => ({
      y: convTranspose2d(
        requireMatrix('x', a.x),
        requireMatrix('w', a.w),
        requirePositiveInt('stride', a.stride),
        optional(a, 'padding', requireNonNegativeInt),
      ),
    }),
  },
  maxpool2d: {
    required: ['x', 'kernel', 'stride'],
    optional: [],
    run: (a) => ({
      ...maxPool2d(
        requireMatrix('x', a.x),
        requirePositiveInt('kernel', a.kernel),
        requirePositiveInt('stride', a.stride),
      ),
    }),
  },
  maxunpool2d: {
    required: ['y', 'indices', 'outputShape'],
    optional: [],
    run: (a) => ({
      x: maxUnpool2d(
        requireMatrix('y', a.y),
        requireMatrix('indices', a.indices),
        outputShape(a.outputShape),
      ),
    }),
  },
  dice: {
    required: ['a', 'b'],
    optional: [],
    run: (a) => ({ dice: dice(requireMatrix('a', a.a), requireMatrix('b', a.b)) }),
  },
  iou: {
    required: ['a', 'b'],
    optional: [],
    run: (a) => ({ iou: iou(requireMatrix('a', a.a), requireMatrix('b', a.b)) }),
  },
  softmax: {
    required: ['z'],
    optional: ['temperature'],
    run: (a) => ({
      p: softmax(requireVector('z', a.z), optional(a, 'temperature', requireFiniteNumber)),
    }),
  },
  'leaky-relu': {
    required: ['x', 'alpha'],
    optional: [],
    run: (a) => ({
      y: leakyRelu(requireVectorOrMatrix('x', a.x), requireFiniteNumber('alpha', a.alpha)),
    }),
  },
  'triplet-loss': {
    required: ['anchor', 'positive', 'negative', 'margin'],
    optional: ['distance'],
    run: (a) => ({
      loss: tripletLoss(
        requireVector('anchor', a.anchor),
        requireVector('positive', a.positive),
        requireVector('negative', a.negative),
        requireFiniteNumber('margin', a.margin),
        optional(a, 'distance', (name, v) =>
          requireOneOf(name, v, ['euclidean', 'squared'] as const),
        ),
      ),
    }),
  },
  'regularized-step': {
    required: ['w', 'grad', 'lr', 'lambda', 'kind'],
    optional: [],
    run: (a) => ({
      w: regularizedStep(
        requireVector('w', a.w),
        requireVector('grad', a.grad),
        requireFiniteNumber('lr', a.lr),
        requireFiniteNumber('lambda', a.lambda),
        requireOneOf('kind', a.kind, ['l1', 'l2'] as const),
      ),
    }),
  },
  'conv-output-size': {
    required: ['in', 'kernel'],
    optional: ['stride', 'padding', 'dilation'],
    run: (a) => ({
      out: convOutputSize(
        requirePositiveInt('in', a.in),
        requirePositiveInt('kernel', a.kernel),
        optional(a, 'stride', requirePositiveInt),
        optional(a, 'padding', requireNonNegativeInt),
        optional(a, 'dilation', requirePositiveInt),
      ),
    }),
  },
} as const satisfies Readonly<Record<string, OpSpec>>;

/** The op names `compute` accepts, in the design's order. */
export const computeOps: readonly string[] = Object.keys(specs);

function isOp(op: string): op is keyof typeof specs {
  return Object.hasOwn(specs, op);
}

/**
 * Runs one `compute` op on JSON arguments and returns the design's result object
 * (`{mean, var}`, `{y}`, `{y, indices}`, `{x}`, `{dice}`, `{iou}`, `{p}`, `{y}`, `{loss}`, `{w}`,
 * `{out}`). Optional arguments left out take the kernel defaults (stride 1, padding 0,
 * dilation 1, temperature 1, distance `euclidean`). Throws {@link ComputeError} for an unknown op
 * or an unknown/missing argument, and `KernelArgError` for a bad value; both messages name the
 * argument.
 */
export function runComputeOp(op: string, args: unknown): Record<string, unknown> {
  if (typeof op !== 'string' || !isOp(op)) {
    throw new ComputeError(
      `unknown op ${typeof op === 'string' ? JSON.stringify(op) : describeValue(op)}; valid ops: ${computeOps.join(', ')}`,
      'op',
    );
  }
  const spec: OpSpec = specs[op];
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    throw new ComputeError(`args: must be a JSON object, got ${describeValue(args)}`, 'args');
  }
  const record = args as Args;
  const known = [...spec.required, ...spec.optional];
  const expected = `${op} takes ${spec.required.join(', ')}${spec.optional.length > 0 ? `; optional ${spec.optional.join(', ')}` : ''}`;
  for (const name of Object.keys(record)) {
    if (!known.includes(name)) {
      throw new ComputeError(`${name}: unknown argument (${expected})`, name);
    }
  }
  for (const name of spec.required) {
    if (record[name] === undefined) {
      throw new ComputeError(`${name}: missing argument (${expected})`, name);
    }
  }
  return spec.run(record);
}
