/**
 * An independent oracle: TensorFlow.js (pure-JavaScript CPU backend, float32) differentiates
 * the same network and loss with its own autograd. The library's hand-written backprop
 * (float64) must agree to float32 precision — forward pass, loss and both weight gradients.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { randomNetwork } from "../support/arbitraries";
import * as tf from "@tensorflow/tfjs";
import {
  initWeights,
  matrix,
  meanSquaredError,
  toRows,
  trainingStep,
  type Rows,
} from "../../lib/index";
import { irisX, irisY, numpyTutorialWeights } from "../support/iris";

// tfjs's own test flag: silences its "install tfjs-node" hint and turns on its leak checks.
tf.env().set("IS_TEST", true);

/**
 * float32 rounds every operation by up to u = 2⁻²⁴ ≈ 6e-8, relative to the size of what it
 * adds up, not to the (possibly much smaller) result: a gradient element that is a sum of
 * large terms of both signs carries an error of some u × the sum of the terms' magnitudes.
 * So each element gets the bound TOLERANCE × magnitude, magnitude being the same formula
 * evaluated with absolute values (see `magnitudes`). Over 3,000 random networks the largest
 * error seen was ~20u (1.1e-6 × magnitude); any real mistake (a missing factor, transpose
 * or σ′) is of the order of the magnitude itself.
 */
const TOLERANCE = 2e-5;

interface Gradients {
  output: number[][];
  loss: number;
  dW1: number[][];
  dW2: number[][];
}

/** E = Σ(σ(σ(x·W1)·W2) − y)²/(2N), differentiated by tfjs autograd. */
function tfjsGradients(x: Rows, y: Rows, w1: Rows, w2: Rows): Gradients {
  return tf.tidy(() => {
    const xt = tf.tensor2d(x as number[][]);
    const yt = tf.tensor2d(y as number[][]);
    const forward = (a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D =>
      tf.sigmoid(tf.matMul(tf.sigmoid(tf.matMul(xt, a)), b)) as tf.Tensor2D;
    const loss = (a: tf.Tensor, b: tf.Tensor): tf.Scalar =>
      tf.div<tf.Scalar>(
        tf.sum(tf.square(tf.sub(forward(a as tf.Tensor2D, b as tf.Tensor2D), yt))),
        2 * yt.size,
      );
    const w1t = tf.tensor2d(w1 as number[][]);
    const w2t = tf.tensor2d(w2 as number[][]);
    const [dW1, dW2] = tf.grads(loss)([w1t, w2t]);
    return {
      output: forward(w1t, w2t).arraySync(),
      loss: loss(w1t, w2t).arraySync(),
      dW1: dW1.arraySync() as number[][],
      dW2: dW2.arraySync() as number[][],
    };
  });
}

/** The same quantities from the library's readable path (float64). */
function libraryGradients(x: Rows, y: Rows, w1: Rows, w2: Rows): Gradients {
  const step = trainingStep(x, y, w1, w2, 1);
  return {
    output: toRows(step.outputLayerOutputs),
    loss: meanSquaredError(step.outputLayerOutputs, y),
    dW1: toRows(step.weights1Update),
    dW2: toRows(step.weights2Update),
  };
}

type Plain = number[][];
const product = (a: Plain, b: Plain): Plain =>
  a.map((row) => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));
const transposed = (a: Plain): Plain => a[0].map((_, j) => a.map((row) => row[j]));
const elementwise = (a: Plain, b: Plain, f: (p: number, q: number) => number): Plain =>
  a.map((row, i) => row.map((v, j) => f(v, b[i][j])));
const absolute = (a: Rows): Plain => a.map((row) => row.map(Math.abs));
const sigmoidRows = (a: Plain): Plain => a.map((row) => row.map((v) => 1 / (1 + Math.exp(-v))));

/**
 * Scale of the rounding error of each quantity, in plain float64 JavaScript (independent of
 * the library): the backprop formulas with every sum taken over absolute values and every
 * difference a − b replaced by |a| + |b|. δ₂ = (o − y)∘o∘(1 − o) → (o + |y|)∘o∘(1 + o), etc.
 */
function magnitudes(x: Rows, y: Rows, w1: Rows, w2: Rows): Gradients {
  const h = sigmoidRows(product(x as Plain, w1 as Plain));
  const o = sigmoidRows(product(h, w2 as Plain));
  const N = y.length * y[0].length;
  const outputSum = elementwise(o, y as Plain, (p, q) => p + Math.abs(q));
  const delta2 = elementwise(outputSum, o, (p, q) => p * q * (1 + q));
  const delta1 = elementwise(
    product(delta2, transposed(absolute(w2))),
    h,
    (p, q) => p * q * (1 + q),
  );
  return {
    output: o,
    loss: outputSum.flat().reduce((s, v) => s + v * v, 0) / (2 * N),
    dW1: product(transposed(absolute(x)), delta1).map((row) => row.map((v) => v / N)),
    dW2: product(transposed(h), delta2).map((row) => row.map((v) => v / N)),
  };
}

/** |actual − expected| ≤ TOLERANCE × magnitude, element by element. */
function assertClose(actual: Plain, expected: Plain, magnitude: Plain, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: row count`);
  actual.forEach((row, i) => {
    assert.equal(row.length, expected[i].length, `${what}: row ${i} length`);
    row.forEach((value, j) => {
      const difference = Math.abs(value - expected[i][j]);
      assert.ok(
        difference <= TOLERANCE * magnitude[i][j],
        `${what}[${i}][${j}]: library ${value}, tfjs ${expected[i][j]} ` +
          `(difference ${difference.toExponential(2)}, magnitude ${magnitude[i][j].toExponential(2)})`,
      );
    });
  });
}

function assertAgree(x: Rows, y: Rows, w1: Rows, w2: Rows, label: string): void {
  const ours = libraryGradients(x, y, w1, w2);
  const oracle = tfjsGradients(x, y, w1, w2);
  const scale = magnitudes(x, y, w1, w2);
  assertClose(ours.output, oracle.output, scale.output, `${label} output`);
  assertClose([[ours.loss]], [[oracle.loss]], [[scale.loss]], `${label} loss`);
  assertClose(ours.dW1, oracle.dW1, scale.dW1, `${label} ∂E/∂W1`);
  assertClose(ours.dW2, oracle.dW2, scale.dW2, `${label} ∂E/∂W2`);
}

test("tfjs agrees with the library: part 13 (rows 1, 51, 101, NumPy seed-10 weights)", () => {
  const positions = [1, 51, 101];
  const [w1, w2] = numpyTutorialWeights(10);
  assertAgree(
    positions.map((i) => irisX[i]),
    positions.map((i) => irisY[i]),
    w1,
    w2,
    "part 13",
  );
});

test("tfjs agrees with the library: full Iris, several seeds and hidden sizes", () => {
  for (const [nHidden, seed] of [
    [2, 10],
    [3, 42],
    [8, 1],
  ]) {
    const { weights1, weights2 } = initWeights({ nInput: 4, nHidden, nOutput: 3 }, seed);
    assertAgree(irisX, irisY, toRows(weights1), toRows(weights2), `Iris H=${nHidden} s=${seed}`);
  }
});

test("tfjs agrees after 200 gradient steps (weights away from their initial values)", () => {
  const x = matrix(irisX);
  const y = matrix(irisY);
  let { weights1, weights2 } = initWeights({ nInput: 4, nHidden: 3, nOutput: 3 }, 4);
  for (let epoch = 0; epoch < 200; epoch++) {
    ({ weights1, weights2 } = trainingStep(x, y, weights1, weights2, 0.5));
  }
  assertAgree(irisX, irisY, toRows(weights1), toRows(weights2), "Iris after 200 steps");
});

test("a gradient step equals tfjs's W − η·∂E/∂W", () => {
  const [w1, w2] = numpyTutorialWeights(42);
  const x = irisX.slice(40, 60);
  const y = irisY.slice(40, 60);
  const oracle = tfjsGradients(x, y, w1, w2);
  const learningRate = 0.3;
  const step = trainingStep(x, y, w1, w2, learningRate);
  const stepped = toRows(step.weights2);
  const expected = w2.map((row, i) => row.map((v, j) => v - learningRate * oracle.dW2[i][j]));
  const magnitude = magnitudes(x, y, w1, w2).dW2.map((row) => row.map((v) => learningRate * v));
  assertClose(stepped, expected, magnitude, "W2 after one step");
  const expected1 = w1.map((row, i) => row.map((v, j) => v - learningRate * oracle.dW1[i][j]));
  const magnitude1 = magnitudes(x, y, w1, w2).dW1.map((row) => row.map((v) => learningRate * v));
  assertClose(toRows(step.weights1), expected1, magnitude1, "W1 after one step");
});

test("tfjs agrees on random networks (shapes 1–8 rows, 1–6 inputs/hidden, 1–4 outputs)", () => {
  const network = randomNetwork({
    maxInput: 6,
    xRange: 3,
    weightRange: 2,
    target: fc.constantFrom(0, 1),
  });
  fc.assert(
    fc.property(network, ({ x, y, weights1, weights2 }) => {
      assertAgree(x, y, weights1, weights2, "random network");
    }),
    { numRuns: 150, seed: 6 },
  );
});

test("the oracle notices a wrong gradient (the comparison can fail)", () => {
  const [w1, w2] = numpyTutorialWeights(10);
  const x = irisX.slice(0, 10);
  const y = irisY.slice(0, 10);
  const ours = libraryGradients(x, y, w1, w2);
  const oracle = tfjsGradients(x, y, w1, w2);
  const scale = magnitudes(x, y, w1, w2);
  // Off by one in N (y.size − 1 = 29) is a 3 % error: caught, with the element named.
  const offByOne = ours.dW2.map((r) => r.map((v) => (v * 30) / 29));
  assert.throws(
    () => assertClose(offByOne, oracle.dW2, scale.dW2, "dW2"),
    /dW2\[\d\]\[\d\]: library/,
  );
  // Dropping σ′ at the hidden layer (δ₁ = δ₂·W2ᵀ) changes ∂E/∂W1 well beyond the bound.
  const delta2 = toRows(trainingStep(x, y, w1, w2, 1).outputLayerDelta);
  const noDerivative = product(transposed(x), product(delta2, transposed(w2))).map((r) =>
    r.map((v) => v / 30),
  );
  assert.throws(() => assertClose(noDerivative, oracle.dW1, scale.dW1, "dW1"), /dW1/);
  // float32 noise alone is accepted, float32 rounding of the library's own result included.
  assertClose(
    ours.dW2.map((r) => r.map(Math.fround)),
    oracle.dW2,
    scale.dW2,
    "dW2 rounded",
  );
});
