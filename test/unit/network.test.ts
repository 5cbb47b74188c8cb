import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  accuracy,
  argmaxRows,
  backpropagate,
  feedforward,
  gradientStep,
  matrix,
  meanSquaredError,
  shapeOf,
  sigmoid,
  sigmoidDerivativeFromOutput,
  sigmoidScalar,
  toRows,
  weightUpdates,
} from "../../lib/index";

describe("sigmoid", () => {
  it("is 1/2 at 0 and approaches 0 and 1", () => {
    assert.equal(sigmoidScalar(0), 0.5);
    assert.ok(sigmoidScalar(40) > 1 - 1e-15);
    assert.ok(sigmoidScalar(-40) < 1e-15);
    assert.ok(Math.abs(sigmoidScalar(Math.log(3)) - 0.75) < 1e-15); // 1 / (1 + 1/3)
  });

  it("applies element by element and its derivative is a(1 − a)", () => {
    const a = sigmoid(matrix([[0, 2]]));
    const s2 = 1 / (1 + Math.exp(-2));
    assert.deepEqual(toRows(a), [[0.5, s2]]);
    assert.deepEqual(toRows(sigmoidDerivativeFromOutput(a)), [[0.25, s2 * (1 - s2)]]);
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

  it("accuracy compares the argmax of each row; ties go to the first column", () => {
    assert.deepEqual(argmaxRows(matrix([[0.2, 0.2, 0.1]])), [0]);
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
      /shapes \(1,2\) and \(2,1\)/,
    );
  });
});

describe("one backpropagation step", () => {
  // A 2-1-1 network small enough to differentiate by hand.
  const x = matrix([[1, 2]]);
  const y = matrix([[1]]);
  const w1 = matrix([[0.5], [-0.25]]); // x·W1 = 0 → h = 0.5
  const w2 = matrix([[Math.log(3) / 0.5]]); // h·W2 = ln 3 → out = 0.75

  it("feedforward keeps every intermediate with the right shapes", () => {
    const f = feedforward(x, w1, w2);
    assert.deepEqual(toRows(f.hiddenLayerInputs), [[0]]);
    assert.deepEqual(toRows(f.hiddenLayerOutputs), [[0.5]]);
    assert.ok(Math.abs(toRows(f.outputLayerOutputs)[0][0] - 0.75) < 1e-15);
    assert.deepEqual(shapeOf(f.outputLayerInputs), [1, 1]);
  });

  it("backpropagate and weightUpdates give the hand-derived gradients", () => {
    const f = feedforward(x, w1, w2);
    const out = toRows(f.outputLayerOutputs)[0][0];
    const b = backpropagate(y, f, w2);
    const delta2 = (out - 1) * out * (1 - out);
    assert.ok(Math.abs(toRows(b.outputLayerDelta)[0][0] - delta2) < 1e-15);
    const delta1 = delta2 * (Math.log(3) / 0.5) * 0.5 * 0.5;
    assert.ok(Math.abs(toRows(b.hiddenLayerDelta)[0][0] - delta1) < 1e-15);
    const u = weightUpdates(x, f, b, 1);
    assert.ok(Math.abs(toRows(u.weights2Update)[0][0] - 0.5 * delta2) < 1e-15);
    assert.deepEqual(
      toRows(u.weights1Update).map((r) => r[0]),
      [1 * delta1, 2 * delta1],
    );
  });

  it("gradientStep moves against the gradient and validates the learning rate", () => {
    const w = matrix([[1, 2]]);
    const g = matrix([[10, -10]]);
    assert.deepEqual(toRows(gradientStep(w, g, 0.1)), [[0, 3]]);
    for (const bad of [0, -0.1, NaN, Infinity]) {
      assert.throws(
        () => gradientStep(w, g, bad),
        new RegExp(`learningRate must be a finite positive number, got ${bad}`),
      );
    }
  });
});
