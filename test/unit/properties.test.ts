/**
 * Properties that must hold for every network, checked with fast-check on random shapes and
 * values (fixed seeds and bounded runs, so failures reproduce and the suite stays fast).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { join } from "node:path";
import { rowsOf, uniform } from "../support/arbitraries";
import {
  loadIris,
  matrix,
  meanSquaredError,
  oneHot,
  shape,
  sigmoid,
  toRows,
  train,
  trainingStep,
  type Matrix,
} from "../../lib/index";
import { trainReadable } from "../../lib/train/trainReadable";

/** σ of one number, through the library's element-wise sigmoid. */
const sigmoidScalar = (z: number): number => toRows(sigmoid([[z]]))[0][0];

interface Network {
  sizes: { nRows: number; nInput: number; nHidden: number; nOutput: number };
  x: number[][];
  y: number[][];
  w1: number[][];
  w2: number[][];
}

/**
 * Random layer sizes, inputs in [−xMax, xMax], weights in [−wMax, wMax], targets in [0, 1]
 * (or one-hot rows when oneHot is set).
 */
function network({ xMax = 3, wMax = 2, oneHot = false } = {}): fc.Arbitrary<Network> {
  return fc
    .record({
      nRows: fc.integer({ min: 1, max: 10 }),
      nInput: fc.integer({ min: 1, max: 6 }),
      nHidden: fc.integer({ min: 1, max: 6 }),
      nOutput: fc.integer({ min: 1, max: 4 }),
    })
    .chain((sizes) => {
      const target = oneHot
        ? fc
            .array(fc.integer({ min: 0, max: sizes.nOutput - 1 }), {
              minLength: sizes.nRows,
              maxLength: sizes.nRows,
            })
            .map((classes) =>
              classes.map((c) =>
                Array.from({ length: sizes.nOutput }, (_, j) => (j === c ? 1 : 0)),
              ),
            )
        : rowsOf(sizes.nRows, sizes.nOutput, uniform(0, 1));
      return fc.record({
        sizes: fc.constant(sizes),
        x: rowsOf(sizes.nRows, sizes.nInput, uniform(-xMax, xMax)),
        y: target,
        w1: rowsOf(sizes.nInput, sizes.nHidden, uniform(-wMax, wMax)),
        w2: rowsOf(sizes.nHidden, sizes.nOutput, uniform(-wMax, wMax)),
      });
    });
}

const allValues = (m: Matrix) => toRows(m).flat();

test("every sigmoid output lies strictly inside (0, 1)", () => {
  // Here |x·W1| ≤ 6·3·2 = 36 and |h·W2| ≤ 6·2 = 12. Beyond |z| ≈ 36.7, float64 rounds
  // σ(z) to exactly 1 (and to 0 below z ≈ −745): "strictly inside" is a property of the
  // reals that float64 keeps only for |z| < 36.
  fc.assert(
    fc.property(network(), ({ x, y, w1, w2 }) => {
      const forward = trainingStep(x, y, w1, w2, 0.1);
      for (const v of [
        ...allValues(forward.hiddenLayerOutputs),
        ...allValues(forward.outputLayerOutputs),
      ]) {
        assert.ok(v > 0 && v < 1, `output ${v} outside (0, 1)`);
      }
    }),
    { numRuns: 200, seed: 1 },
  );
  fc.assert(
    fc.property(uniform(-36, 36), (z) => {
      const s = sigmoidScalar(z);
      assert.ok(s > 0 && s < 1, `σ(${z}) = ${s}`);
    }),
    { numRuns: 1000, seed: 2 },
  );
});

test("σ(−z) = 1 − σ(z) to within one unit in the last place of 1", () => {
  fc.assert(
    fc.property(
      fc.oneof(uniform(-40, 40), fc.double({ min: -700, max: 700, noNaN: true })),
      (z) => {
        const difference = Math.abs(sigmoidScalar(-z) - (1 - sigmoidScalar(z)));
        assert.ok(difference <= Number.EPSILON, `z = ${z}: difference ${difference}`);
      },
    ),
    { numRuns: 2000, seed: 3 },
  );
  // The matrix version applies the same function to every element.
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 5 }).chain((c) => rowsOf(3, c, uniform(-20, 20))),
      (z) => {
        const negated = toRows(sigmoid(matrix(z.map((r) => r.map((v) => -v)))));
        toRows(sigmoid(matrix(z))).forEach((row, i) =>
          row.forEach((s, j) => assert.ok(Math.abs(negated[i][j] - (1 - s)) <= Number.EPSILON)),
        );
      },
    ),
    { numRuns: 100, seed: 4 },
  );
});

test("one gradient step with a small learning rate lowers the MSE by about η·‖∇E‖²", () => {
  const learningRate = 1e-3;
  fc.assert(
    fc.property(network(), ({ x, y, w1, w2 }) => {
      const xm = matrix(x);
      const ym = matrix(y);
      const W1 = matrix(w1);
      const W2 = matrix(w2);
      const updates = trainingStep(xm, ym, W1, W2, learningRate);
      const before = meanSquaredError(updates.outputLayerOutputs, ym);
      const squaredNorm = [
        ...allValues(updates.weights1Update),
        ...allValues(updates.weights2Update),
      ]
        .map((g) => g * g)
        .reduce((s, v) => s + v, 0);
      // A vanishing gradient (everything saturated or fitted) cannot show a decrease above
      // the rounding of the MSE itself.
      fc.pre(learningRate * squaredNorm > 1e-12 * before);
      const after = meanSquaredError(
        trainingStep(xm, ym, updates.weights1, updates.weights2, learningRate).outputLayerOutputs,
        ym,
      );
      assert.ok(after < before, `MSE rose from ${before} to ${after}`);
      // First-order Taylor: E(W − η∇E) ≈ E − η‖∇E‖². A wrong sign, factor or transpose in
      // the updates would break this ratio even where the MSE happens to fall.
      const ratio = (before - after) / (learningRate * squaredNorm);
      assert.ok(ratio > 0.99 && ratio < 1.01, `decrease / (η‖∇E‖²) = ${ratio}`);
    }),
    { numRuns: 200, seed: 5 },
  );
});

test("every intermediate has the shape the layer sizes dictate", () => {
  fc.assert(
    fc.property(network(), ({ sizes, x, y, w1, w2 }) => {
      const { nRows: n, nInput, nHidden, nOutput } = sizes;
      const step = trainingStep(x, y, w1, w2, 0.1);
      const expected: [string, Matrix, [number, number]][] = [
        ["hiddenLayerInputs", step.hiddenLayerInputs, [n, nHidden]],
        ["hiddenLayerOutputs", step.hiddenLayerOutputs, [n, nHidden]],
        ["outputLayerInputs", step.outputLayerInputs, [n, nOutput]],
        ["outputLayerOutputs", step.outputLayerOutputs, [n, nOutput]],
        ["outputLayerError", step.outputLayerError, [n, nOutput]],
        ["outputLayerDelta", step.outputLayerDelta, [n, nOutput]],
        ["hiddenLayerError", step.hiddenLayerError, [n, nHidden]],
        ["hiddenLayerDelta", step.hiddenLayerDelta, [n, nHidden]],
        ["weights1Update", step.weights1Update, [nInput, nHidden]],
        ["weights2Update", step.weights2Update, [nHidden, nOutput]],
        ["weights1", step.weights1, [nInput, nHidden]],
        ["weights2", step.weights2, [nHidden, nOutput]],
      ];
      for (const [name, value, want] of expected) {
        assert.deepEqual(shape(value), want, name);
        assert.equal(toRows(value).flat().length, want[0] * want[1], `${name} size`);
      }
    }),
    { numRuns: 150, seed: 6 },
  );
});

/** Largest |a − b| relative to the largest |b| (≥ 1e-300), over two equally shaped blocks. */
function maxRelativeDifference(a: readonly number[], b: readonly number[]): number {
  assert.equal(a.length, b.length);
  const scale = Math.max(1e-300, ...b.map(Math.abs));
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]))) / scale;
}

test("the readable mathjs path and the fused training engine compute the same run", () => {
  // The engine sums in the same order but has its own e^x (within 1 ulp of Math.exp), so the
  // two agree to rounding, not bit for bit: ≤ 2e-15 relative seen over 400 random runs.
  const options = fc.record({
    data: network({ xMax: 3, oneHot: true }),
    learningRate: uniform(0.01, 1),
    epochs: fc.integer({ min: 1, max: 60 }),
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  });
  fc.assert(
    fc.property(options, ({ data, learningRate, epochs, seed }) => {
      const run = { x: data.x, y: data.y, learningRate, epochs, nHidden: data.sizes.nHidden, seed };
      const fast = train(run);
      const readable = trainReadable(run);
      assert.deepEqual(fast.options, readable.options);
      assert.equal(fast.history.mse.length, epochs);
      assert.equal(readable.history.mse.length, epochs);
      const tolerance = 1e-12;
      for (const [what, a, b] of [
        ["weights1", fast.weights1.flat(), readable.weights1.flat()],
        ["weights2", fast.weights2.flat(), readable.weights2.flat()],
        ["mse", fast.history.mse, readable.history.mse],
      ] as const) {
        const difference = maxRelativeDifference(a, b);
        assert.ok(difference < tolerance, `${what}: relative difference ${difference}`);
      }
      // Accuracy counts argmax hits: equal unless two outputs tie to within ~1e-15.
      assert.deepEqual(fast.history.accuracy, readable.history.accuracy);
    }),
    { numRuns: 60, seed: 7 },
  );
});

test("on Iris (the 4-H-3 kernel the notebooks use) both engines agree over 500 epochs", () => {
  const iris = loadIris(join(__dirname, "../../data/Iris.csv"));
  const { y } = oneHot(iris.species);
  for (const [nHidden, seed, learningRate] of [
    [2, 10, 0.1],
    [4, 42, 0.5],
    [8, 3, 1],
  ]) {
    const run = { x: iris.features, y, learningRate, epochs: 500, nHidden, seed };
    const fast = train(run);
    const readable = trainReadable(run);
    const label = `nHidden ${nHidden}, seed ${seed}`;
    assert.ok(maxRelativeDifference(fast.weights1.flat(), readable.weights1.flat()) < 1e-12, label);
    assert.ok(maxRelativeDifference(fast.weights2.flat(), readable.weights2.flat()) < 1e-12, label);
    assert.ok(maxRelativeDifference(fast.history.mse, readable.history.mse) < 1e-12, label);
    assert.deepEqual(fast.history.accuracy, readable.history.accuracy, label);
  }
});
