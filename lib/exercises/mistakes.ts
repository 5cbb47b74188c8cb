/**
 * The usual wrong formulas, one small function each, written with the lesson's operations.
 * A check computes them on the same inputs as the learner's answer: when one of them gives
 * the learner's numbers, its name is the likely cause. (Some only have the right shapes on a
 * square network, where a swapped or missing transpose gives numbers instead of an error.)
 */
import { dot, transpose } from "../linalg/dot";
import { add, divide, map, multiply, square, subtract, sum } from "../linalg/elementwise";
import { shape, size, type Matrix } from "../linalg/matrix";
import { meanSquaredError } from "../network/meanSquaredError";
import { sigmoid } from "../network/sigmoid";
import { trainingStep } from "../network/trainingStep";

/** σ′ written from the sigmoid's output a: a ∘ (1 − a). */
const fromOutput = (a: Matrix): Matrix => multiply(a, subtract(1, a));
const negate = (a: Matrix): Matrix => multiply(-1, a);

export const sigmoidMistakes = {
  /** 1 / (1 + e^(+z)), which is also e^(−z) / (1 + e^(−z)) = 1 − σ(z). */
  signFlipped: (z: Matrix) => map(z, (v) => 1 / (1 + Math.exp(v))),
  derivative: (z: Matrix) => fromOutput(sigmoid(z)),
  plainExponential: (z: Matrix) => map(z, (v) => Math.exp(-v)),
};

export const feedforwardMistakes = {
  weightsSwapped: (x: Matrix, weights1: Matrix, weights2: Matrix) => {
    const hiddenLayerInputs = dot(x, weights2);
    const hiddenLayerOutputs = sigmoid(hiddenLayerInputs);
    const outputLayerInputs = dot(hiddenLayerOutputs, weights1);
    return {
      hiddenLayerInputs,
      hiddenLayerOutputs,
      outputLayerInputs,
      outputLayerOutputs: sigmoid(outputLayerInputs),
    };
  },
  extraTranspose: (x: Matrix, weights1: Matrix, weights2: Matrix) => {
    const hiddenLayerInputs = dot(x, transpose(weights1));
    const hiddenLayerOutputs = sigmoid(hiddenLayerInputs);
    const outputLayerInputs = dot(hiddenLayerOutputs, transpose(weights2));
    return {
      hiddenLayerInputs,
      hiddenLayerOutputs,
      outputLayerInputs,
      outputLayerOutputs: sigmoid(outputLayerInputs),
    };
  },
  /** The output layer fed the hidden layer's inputs z instead of σ(z). */
  hiddenSigmoidSkipped: (x: Matrix, weights1: Matrix, weights2: Matrix) => {
    const hiddenLayerInputs = dot(x, weights1);
    const outputLayerInputs = dot(hiddenLayerInputs, weights2);
    return {
      hiddenLayerInputs,
      hiddenLayerOutputs: sigmoid(hiddenLayerInputs),
      outputLayerInputs,
      outputLayerOutputs: sigmoid(outputLayerInputs),
    };
  },
  outputSigmoidMissing: (x: Matrix, weights1: Matrix, weights2: Matrix) => {
    const hiddenLayerInputs = dot(x, weights1);
    const hiddenLayerOutputs = sigmoid(hiddenLayerInputs);
    const outputLayerInputs = dot(hiddenLayerOutputs, weights2);
    return {
      hiddenLayerInputs,
      hiddenLayerOutputs,
      outputLayerInputs,
      outputLayerOutputs: outputLayerInputs,
    };
  },
};

export const outputLayerMistakes = {
  signFlipped: (y: Matrix, outputLayerInputs: Matrix, outputLayerOutputs: Matrix) => {
    const outputLayerError = subtract(y, outputLayerOutputs);
    return {
      outputLayerError,
      outputLayerDelta: multiply(outputLayerError, fromOutput(outputLayerOutputs)),
    };
  },
  derivativeMissing: (y: Matrix, outputLayerInputs: Matrix, outputLayerOutputs: Matrix) => {
    const outputLayerError = subtract(outputLayerOutputs, y);
    return { outputLayerError, outputLayerDelta: outputLayerError };
  },
  derivativeFromZ: (y: Matrix, outputLayerInputs: Matrix, outputLayerOutputs: Matrix) => {
    const outputLayerError = subtract(outputLayerOutputs, y);
    return {
      outputLayerError,
      outputLayerDelta: multiply(outputLayerError, fromOutput(outputLayerInputs)),
    };
  },
  sigmoidTwice: (y: Matrix, outputLayerInputs: Matrix, outputLayerOutputs: Matrix) => {
    const outputLayerError = subtract(outputLayerOutputs, y);
    return {
      outputLayerError,
      outputLayerDelta: multiply(outputLayerError, fromOutput(sigmoid(outputLayerOutputs))),
    };
  },
};

type HiddenArgs = [Matrix, Matrix, Matrix, Matrix, Matrix];

/** The hidden layer with a given error; the delta as the lesson has it. */
function withError(hiddenLayerError: Matrix, hiddenLayerOutputs: Matrix) {
  return {
    hiddenLayerError,
    hiddenLayerDelta: multiply(hiddenLayerError, fromOutput(hiddenLayerOutputs)),
  };
}

export const hiddenLayerMistakes = {
  transposeMissing: (...[delta, , weights2, , h]: HiddenArgs) => withError(dot(delta, weights2), h),
  weightsSwapped: (...[delta, weights1, , , h]: HiddenArgs) =>
    withError(dot(delta, transpose(weights1)), h),
  /** W2 · δᵀ: the right numbers, transposed. */
  factorsReversed: (...[delta, , weights2, , h]: HiddenArgs) => {
    const hiddenLayerError = dot(weights2, transpose(delta));
    return {
      hiddenLayerError,
      hiddenLayerDelta: multiply(hiddenLayerError, fromOutput(transpose(h))),
    };
  },
  signFlipped: (...[delta, , weights2, , h]: HiddenArgs) =>
    withError(negate(dot(delta, transpose(weights2))), h),
  derivativeMissing: (...[delta, , weights2]: HiddenArgs) => {
    const hiddenLayerError = dot(delta, transpose(weights2));
    return { hiddenLayerError, hiddenLayerDelta: hiddenLayerError };
  },
  derivativeFromZ: (...[delta, , weights2, z]: HiddenArgs) => {
    const hiddenLayerError = dot(delta, transpose(weights2));
    return { hiddenLayerError, hiddenLayerDelta: multiply(hiddenLayerError, fromOutput(z)) };
  },
  sigmoidTwice: (...[delta, , weights2, , h]: HiddenArgs) => {
    const hiddenLayerError = dot(delta, transpose(weights2));
    return {
      hiddenLayerError,
      hiddenLayerDelta: multiply(hiddenLayerError, fromOutput(sigmoid(h))),
    };
  },
};

type UpdateArgs = [Matrix, Matrix, Matrix, Matrix, Matrix];

function updates(
  [x, , h, outputDelta, hiddenDelta]: UpdateArgs,
  divisor: number,
  factor: (input: Matrix, delta: Matrix) => Matrix = (input, delta) => dot(transpose(input), delta),
) {
  return {
    weights1Update: divide(factor(x, hiddenDelta), divisor),
    weights2Update: divide(factor(h, outputDelta), divisor),
  };
}

export const weightUpdatesMistakes = {
  divisionMissing: (...args: UpdateArgs) => updates(args, 1),
  dividedByRows: (...args: UpdateArgs) => updates(args, shape(args[1])[0]),
  dividedByColumns: (...args: UpdateArgs) => updates(args, shape(args[1])[1]),
  transposeOnDelta: (...args: UpdateArgs) =>
    updates(args, size(args[1]), (input, delta) => dot(transpose(delta), input)),
  transposeMissing: (...args: UpdateArgs) =>
    updates(args, size(args[1]), (input, delta) => dot(input, delta)),
  updatesSwapped: (...args: UpdateArgs) => {
    const right = updates(args, size(args[1]));
    return { weights1Update: right.weights2Update, weights2Update: right.weights1Update };
  },
  deltasSwapped: (...[x, y, h, outputDelta, hiddenDelta]: UpdateArgs) =>
    updates([x, y, h, hiddenDelta, outputDelta], size(y)),
  signFlipped: (...args: UpdateArgs) => {
    const right = updates(args, size(args[1]));
    return {
      weights1Update: negate(right.weights1Update),
      weights2Update: negate(right.weights2Update),
    };
  },
};

const squaredSum = (predictions: Matrix, y: Matrix) => sum(square(subtract(predictions, y)));

export const meanSquaredErrorMistakes = {
  divisionMissing: (predictions: Matrix, y: Matrix) => squaredSum(predictions, y) / 2,
  dividedByRows: (predictions: Matrix, y: Matrix) => squaredSum(predictions, y) / (2 * shape(y)[0]),
  halfMissing: (predictions: Matrix, y: Matrix) => squaredSum(predictions, y) / size(y),
  squareMissing: (predictions: Matrix, y: Matrix) => sum(subtract(predictions, y)) / (2 * size(y)),
  sqrtOfMean: (predictions: Matrix, y: Matrix) => Math.sqrt(meanSquaredError(predictions, y)),
};

type StepArgs = [Matrix, Matrix, Matrix, Matrix, number];

export const gradientStepMistakes = {
  added: (...[w1, w2, u1, u2, rate]: StepArgs) => ({
    weights1: add(w1, multiply(rate, u1)),
    weights2: add(w2, multiply(rate, u2)),
  }),
  learningRateMissing: (...[w1, w2, u1, u2]: StepArgs) => ({
    weights1: subtract(w1, u1),
    weights2: subtract(w2, u2),
  }),
  weightsSwapped: (...[w1, w2, u1, u2, rate]: StepArgs) => ({
    weights1: subtract(w1, multiply(rate, u2)),
    weights2: subtract(w2, multiply(rate, u1)),
  }),
  resultsSwapped: (...[w1, w2, u1, u2, rate]: StepArgs) => ({
    weights1: subtract(w2, multiply(rate, u2)),
    weights2: subtract(w1, multiply(rate, u1)),
  }),
};

type LoopArgs = [Matrix, Matrix, Matrix, Matrix, number, number];

/**
 * The MSE of every epoch (before its update), as part 14 records it; `sign` −1 adds the
 * updates instead of subtracting them.
 */
export function mseHistory(...[x, y, w1, w2, rate, epochs]: LoopArgs): number[] {
  const history: number[] = [];
  let [weights1, weights2] = [w1, w2];
  for (let epoch = 0; epoch < epochs; epoch++) {
    const step = trainingStep(x, y, weights1, weights2, rate);
    history.push(meanSquaredError(step.outputLayerOutputs, y));
    weights1 = step.weights1;
    weights2 = step.weights2;
  }
  return history;
}

export const trainingLoopMistakes = {
  weightsNotCarried: (...[x, y, w1, w2, rate, epochs]: LoopArgs) =>
    mseHistory(x, y, w1, w2, rate, 1).concat(
      new Array<number>(Math.max(0, epochs - 1)).fill(mseHistory(x, y, w1, w2, rate, 1)[0]),
    ),
  measuredAfterUpdate: (...[x, y, w1, w2, rate, epochs]: LoopArgs) =>
    mseHistory(x, y, w1, w2, rate, epochs + 1).slice(1),
  added: (...[x, y, w1, w2, rate, epochs]: LoopArgs) => {
    const history: number[] = [];
    let [weights1, weights2] = [w1, w2];
    for (let epoch = 0; epoch < epochs; epoch++) {
      const step = trainingStep(x, y, weights1, weights2, rate);
      history.push(meanSquaredError(step.outputLayerOutputs, y));
      weights1 = add(weights1, multiply(rate, step.weights1Update));
      weights2 = add(weights2, multiply(rate, step.weights2Update));
    }
    return history;
  },
  learningRateMissing: (...[x, y, w1, w2, , epochs]: LoopArgs) =>
    mseHistory(x, y, w1, w2, 1, epochs),
};
