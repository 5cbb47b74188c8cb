import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  accuracy,
  divide,
  dot,
  initWeights,
  matrix,
  meanSquaredError,
  multiply,
  shape,
  sigmoid,
  size,
  subtract,
  toRows,
  trainingStep,
  transpose,
  type MatrixLike,
  type TrainingStep,
} from "../../lib/index";
import { argmaxRows, classOfRows } from "../../lib/network/accuracy";
import { randomNetwork, uniform } from "../support/arbitraries";
import { irisX, irisY } from "../support/iris";

describe("sigmoid", () => {
  it("is 1/2 at 0, 3/4 at ln 3, and approaches 0 and 1", () => {
    const [[zero, ln3, big, small]] = toRows(sigmoid([[0, Math.log(3), 40, -40]]));
    assert.equal(zero, 0.5);
    assert.ok(Math.abs(ln3 - 0.75) < 1e-15); // 1 / (1 + 1/3)
    assert.ok(big > 1 - 1e-15);
    assert.ok(small < 1e-15);
  });

  it("applies element by element", () => {
    const a = sigmoid(matrix([[0, 2]]));
    assert.deepEqual(toRows(a), [[0.5, 1 / (1 + Math.exp(-2))]]);
  });
});

describe("metrics", () => {
  it("MSE is Σ(p − l)² / (2 · labels.size)", () => {
    const p = matrix([
      [1, 0],
      [0.5, 0.5],
    ]);
    const l = matrix([
      [0, 0],
      [1, 0],
    ]);
    // squared differences 1 + 0 + 0.25 + 0.25 = 1.5; 1.5 / (2·4) = 0.1875
    assert.equal(meanSquaredError(p, l), 0.1875);
  });

  it("with one output column a row's class is 1 above 0.5, else 0 (NumPy's round)", () => {
    assert.deepEqual(classOfRows([[0.2], [0.5], [0.5000001], [0.97]]), [0, 0, 1, 1]);
    assert.deepEqual(classOfRows([[0.2, 0.7]]), [1]);
    // 3 of 4 right: 0.7→1 (1), 0.4→0 (0), 0.5→0 (1 ✗), 0.1→0 (0)
    assert.equal(accuracy([[0.7], [0.4], [0.5], [0.1]], [[1], [0], [1], [0]]), 0.75);
  });

  it("accuracy compares the argmax of each row; ties go to the first column", () => {
    assert.deepEqual(argmaxRows([[0.2, 0.2, 0.1]]), [0]);
    assert.deepEqual(argmaxRows([[0.1, 0.3, 0.3]]), [1]);
    const p = matrix([
      [0.9, 0.1, 0.0],
      [0.2, 0.7, 0.1],
      [0.3, 0.3, 0.4],
      [0.6, 0.2, 0.2],
    ]);
    const l = matrix([
      [1, 0, 0],
      [0, 1, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    assert.equal(accuracy(p, l), 0.5);
  });

  it("metrics refuse mismatched shapes", () => {
    assert.throws(
      () => meanSquaredError(matrix([[1, 2]]), matrix([[1], [2]])),
      /meanSquaredError: shapes \(1,2\) and \(2,1\)/,
    );
    assert.throws(() => accuracy([[1, 2]], [[1, 2, 3]]), /accuracy: shapes \(1,2\) and \(1,3\)/);
  });
});

describe("initWeights", () => {
  it("draws W1 (nInput × nHidden) then W2 (nHidden × nOutput) with sd 0.5", () => {
    const { weights1, weights2 } = initWeights({ nInput: 4, nHidden: 2, nOutput: 3 }, 10);
    assert.deepEqual(shape(weights1), [4, 2]);
    assert.deepEqual(shape(weights2), [2, 3]);
    const again = initWeights({ nInput: 4, nHidden: 2, nOutput: 3 }, 10);
    assert.deepStrictEqual(toRows(again.weights1), toRows(weights1));
    assert.deepStrictEqual(toRows(again.weights2), toRows(weights2));
    const other = initWeights({ nInput: 4, nHidden: 2, nOutput: 3 }, 11);
    assert.notDeepEqual(toRows(other.weights1), toRows(weights1));
  });

  it("rejects bad sizes and seeds by name", () => {
    assert.throws(
      () => initWeights({ nInput: 4, nHidden: 0, nOutput: 3 }, 1),
      /nHidden must be a positive integer, got 0/,
    );
    assert.throws(
      () => initWeights({ nInput: 4, nHidden: 2, nOutput: 3 }, -1),
      /seed must be an integer in \[0, 2\^32\), got -1/,
    );
  });
});

/** The tutorial's lines of one training step, written with the library's operations. */
function tutorialLines(
  x: MatrixLike,
  y: MatrixLike,
  weights1: MatrixLike,
  weights2: MatrixLike,
  learningRate: number,
): Record<keyof TrainingStep, number[][]> {
  const N = size(y);
  const hiddenLayerInputs = dot(x, weights1);
  const hiddenLayerOutputs = sigmoid(hiddenLayerInputs);
  const outputLayerInputs = dot(hiddenLayerOutputs, weights2);
  const outputLayerOutputs = sigmoid(outputLayerInputs);
  const outputLayerError = subtract(outputLayerOutputs, y);
  const outputLayerDelta = multiply(
    outputLayerError,
    outputLayerOutputs,
    subtract(1, outputLayerOutputs),
  );
  const hiddenLayerError = dot(outputLayerDelta, transpose(weights2));
  const hiddenLayerDelta = multiply(
    hiddenLayerError,
    hiddenLayerOutputs,
    subtract(1, hiddenLayerOutputs),
  );
  const weights2Update = divide(dot(transpose(hiddenLayerOutputs), outputLayerDelta), N);
  const weights1Update = divide(dot(transpose(x), hiddenLayerDelta), N);
  const steps = {
    hiddenLayerInputs,
    hiddenLayerOutputs,
    outputLayerInputs,
    outputLayerOutputs,
    outputLayerError,
    outputLayerDelta,
    hiddenLayerError,
    hiddenLayerDelta,
    weights1Update,
    weights2Update,
    weights2: subtract(weights2, multiply(learningRate, weights2Update)),
    weights1: subtract(weights1, multiply(learningRate, weights1Update)),
  };
  return Object.fromEntries(Object.entries(steps).map(([name, m]) => [name, toRows(m)])) as Record<
    keyof TrainingStep,
    number[][]
  >;
}

function stepRows(step: TrainingStep): Record<string, number[][]> {
  return Object.fromEntries(Object.entries(step).map(([name, m]) => [name, toRows(m)]));
}

describe("trainingStep", () => {
  // A 2-1-1 network small enough to differentiate by hand.
  const x = matrix([[1, 2]]);
  const y = matrix([[1]]);
  const w1 = matrix([[0.5], [-0.25]]); // x·W1 = 0 → h = 0.5
  const w2 = matrix([[Math.log(3) / 0.5]]); // h·W2 = ln 3 → out = 0.75

  it("keeps every feedforward intermediate with the right shapes", () => {
    const s = trainingStep(x, y, w1, w2, 1);
    assert.deepEqual(toRows(s.hiddenLayerInputs), [[0]]);
    assert.deepEqual(toRows(s.hiddenLayerOutputs), [[0.5]]);
    assert.ok(Math.abs(toRows(s.outputLayerOutputs)[0][0] - 0.75) < 1e-15);
    assert.deepEqual(shape(s.outputLayerInputs), [1, 1]);
  });

  it("gives the hand-derived deltas and gradients", () => {
    const s = trainingStep(x, y, w1, w2, 1);
    const out = toRows(s.outputLayerOutputs)[0][0];
    const delta2 = (out - 1) * out * (1 - out);
    assert.ok(Math.abs(toRows(s.outputLayerDelta)[0][0] - delta2) < 1e-15);
    const delta1 = delta2 * (Math.log(3) / 0.5) * 0.5 * 0.5;
    assert.ok(Math.abs(toRows(s.hiddenLayerDelta)[0][0] - delta1) < 1e-15);
    assert.ok(Math.abs(toRows(s.weights2Update)[0][0] - 0.5 * delta2) < 1e-15);
    const update1 = toRows(s.weights1Update).map((r) => r[0]);
    assert.ok(Math.abs(update1[0] - delta1) < 1e-15);
    assert.ok(Math.abs(update1[1] - 2 * delta1) < 1e-15);
  });

  it("moves the weights against the gradient, scaled by the learning rate", () => {
    const s = trainingStep(x, y, w1, w2, 0.1);
    const u1 = toRows(s.weights1Update);
    const u2 = toRows(s.weights2Update);
    assert.deepStrictEqual(toRows(s.weights1), [[0.5 - 0.1 * u1[0][0]], [-0.25 - 0.1 * u1[1][0]]]);
    assert.deepStrictEqual(toRows(s.weights2), [[Math.log(3) / 0.5 - 0.1 * u2[0][0]]]);
    // the output was too small (0.75 < 1): W2 grows
    assert.ok(toRows(s.weights2)[0][0] > Math.log(3) / 0.5);
    // the inputs are left alone
    assert.deepEqual(toRows(w1), [[0.5], [-0.25]]);
  });

  it("validates the learning rate, naming it and its value", () => {
    for (const bad of [0, -0.1, NaN, Infinity]) {
      assert.throws(() => trainingStep(x, y, w1, w2, bad), {
        name: "ParameterError",
        message: `learningRate must be a finite positive number, got ${bad}`,
      });
    }
  });

  it("equals the tutorial's lines on Iris, every matrix bit for bit", () => {
    const { weights1, weights2 } = initWeights({ nInput: 4, nHidden: 2, nOutput: 3 }, 10);
    const step = trainingStep(irisX, irisY, weights1, weights2, 0.1);
    assert.deepStrictEqual(stepRows(step), tutorialLines(irisX, irisY, weights1, weights2, 0.1));
  });

  it("equals the tutorial's lines on random networks, every matrix bit for bit", () => {
    fc.assert(
      fc.property(
        randomNetwork({ maxInput: 5, xRange: 3, weightRange: 2, target: uniform(0, 1) }),
        uniform(0.01, 2),
        ({ x, y, weights1, weights2 }, learningRate) => {
          const step = trainingStep(x, y, weights1, weights2, learningRate);
          assert.deepStrictEqual(
            stepRows(step),
            tutorialLines(x, y, weights1, weights2, learningRate),
          );
        },
      ),
      { numRuns: 50 },
    );
  });
});
