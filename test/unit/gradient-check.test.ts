/**
 * Backprop's weight updates are the gradient of the lesson's loss E = Σ(out − y)²/(2N):
 * gradientCheck compares them with central finite differences, which only use the forward
 * pass and the loss, on the Iris cases of both notebooks and on random networks.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { randomNetwork, uniform } from "../support/arbitraries";
import {
  ParameterError,
  ShapeError,
  gradientCheck,
  initWeights,
  matrix,
  toRows,
  trainingStep,
  type GradientCheckReport,
} from "../../lib/index";
import { gradientCheckText } from "../../lib/display/showGradientCheck";
import { MAX_CHECKED, relativeError, samplePositions } from "../../lib/train/gradientCheck";
import { irisX, irisY, numpyTutorialWeights } from "../support/iris";

const TOLERANCE = 1e-7;

function assertAllPass(report: GradientCheckReport, label: string): void {
  assert.deepEqual(
    report.rows.map((r) => r.matrix),
    ["W1", "W2"],
  );
  for (const row of report.rows) {
    assert.ok(
      row.maxRelativeError < TOLERANCE,
      `${label}: ${row.matrix} relative error ${row.maxRelativeError} ≥ ${TOLERANCE}`,
    );
    assert.equal(row.passed, true);
  }
  assert.equal(report.passed, true);
  assert.equal(report.tolerance, TOLERANCE);
}

test("part 13: rows 1, 51, 101 with NumPy's seed-10 weights pass the gradient check", () => {
  const positions = [1, 51, 101];
  const [w1, w2] = numpyTutorialWeights(10);
  const report = gradientCheck(
    positions.map((i) => irisX[i]),
    positions.map((i) => irisY[i]),
    w1,
    w2,
  );
  assertAllPass(report, "part 13");
  assert.deepEqual(
    report.rows.map((r) => r.shape),
    ["(4,2)", "(2,3)"],
  );
});

test("the report's backprop column is the lesson's weight update, bit for bit", () => {
  const [w1, w2] = numpyTutorialWeights(10);
  const x = matrix(irisX.slice(0, 5));
  const y = matrix(irisY.slice(0, 5));
  const updates = trainingStep(x, y, w1, w2, 0.1);
  const report = gradientCheck(x, y, matrix(w1), matrix(w2));
  assert.deepEqual(report.rows[0].backprop, toRows(updates.weights1Update));
  assert.deepEqual(report.rows[1].backprop, toRows(updates.weights2Update));
});

test("full Iris (150 rows): initial weights of several seeds and hidden sizes pass", () => {
  for (const [nHidden, seed] of [
    [2, 10],
    [2, 42],
    [4, 3],
    [8, 7],
  ]) {
    const { weights1, weights2 } = initWeights({ nInput: 4, nHidden, nOutput: 3 }, seed);
    assertAllPass(
      gradientCheck(irisX, irisY, weights1, weights2),
      `Iris nHidden=${nHidden} seed=${seed}`,
    );
  }
});

test("full Iris: weights part-way through training still pass", () => {
  const x = matrix(irisX);
  const y = matrix(irisY);
  let { weights1, weights2 } = initWeights({ nInput: 4, nHidden: 2, nOutput: 3 }, 10);
  for (let epoch = 0; epoch < 300; epoch++) {
    ({ weights1, weights2 } = trainingStep(x, y, weights1, weights2, 0.1));
  }
  assertAllPass(gradientCheck(x, y, weights1, weights2), "Iris after 300 epochs");
});

/** Networks of random shape with inputs, weights and targets in moderate ranges. */
const networks = randomNetwork({ maxInput: 5, xRange: 2, weightRange: 1.5, target: uniform(0, 1) });

test("random networks: backprop agrees with finite differences to < 1e-7", () => {
  let checked = 0;
  let skipped = 0;
  fc.assert(
    fc.property(networks, ({ x, y, weights1, weights2 }) => {
      const report = gradientCheck(x, y, weights1, weights2);
      for (const row of report.rows) {
        // A gradient that is all but zero (saturated or perfectly fitted network) is rounding
        // noise on both sides (~1e-13 here); no relative measure is meaningful there.
        const largest = Math.max(...row.backprop.flat().map(Math.abs));
        if (largest < 1e-5) {
          skipped++;
          continue;
        }
        checked++;
        assert.ok(
          row.maxRelativeError < TOLERANCE,
          `${row.matrix}: relative error ${row.maxRelativeError}, largest gradient ${largest}`,
        );
      }
    }),
    { numRuns: 200, seed: 20240613 },
  );
  assert.ok(skipped < checked / 20, `${skipped} of ${checked + skipped} matrices skipped`);
});

test("the check fails for the usual backprop mistakes", () => {
  const [w1, w2] = numpyTutorialWeights(10);
  const x = matrix(irisX.slice(0, 20));
  const y = matrix(irisY.slice(0, 20));
  const report = gradientCheck(x, y, w1, w2);
  const [row1, row2] = report.rows;
  const times = (m: number[][], f: number) => m.map((r) => r.map((v) => v * f));

  // Forgetting ÷N (N = y.size = 60) or a wrong sign: errors near 1, far above the tolerance.
  assert.ok(relativeError(times(row2.backprop, 60), row2.finiteDifferences) > 0.9);
  assert.ok(relativeError(times(row1.backprop, -1), row1.finiteDifferences) === 1);
  // Dropping σ′ of the output layer in δ₂: ∂E/∂W2 = hᵀ·(out − y)/N.
  const forward = trainingStep(x, y, w1, w2, 0.1);
  const outputError = toRows(forward.outputLayerOutputs).map((r, i) =>
    r.map((v, j) => v - toRows(y)[i][j]),
  );
  const h = toRows(forward.hiddenLayerOutputs);
  const noDerivative = h[0].map((_, a) =>
    outputError[0].map((_, b) => h.reduce((s, row, i) => s + row[a] * outputError[i][b], 0) / 60),
  );
  assert.ok(relativeError(noDerivative, row2.finiteDifferences) > 0.1);
  // And the report turns red when the tolerance is below what float64 can deliver.
  const strict = gradientCheck(x, y, w1, w2, { tolerance: 1e-300 });
  assert.equal(strict.passed, false);
  assert.ok(strict.rows.every((r) => !r.passed));
});

test("finite differences converge to backprop like ε² until rounding takes over", () => {
  const [w1, w2] = numpyTutorialWeights(10);
  const x = irisX.slice(0, 30);
  const y = irisY.slice(0, 30);
  const error = (epsilon: number) => gradientCheck(x, y, w1, w2, { epsilon }).rows[0];
  const coarse = error(1e-3).maxRelativeError;
  const finer = error(1e-4).maxRelativeError;
  // Ten times smaller ε, about a hundred times smaller truncation error.
  assert.ok(coarse / finer > 50 && coarse / finer < 200, `ratio ${coarse / finer}`);
  assert.ok(coarse > 1e-7, "a crude ε must be visible in the error");
});

test("relativeError: 0 for equal gradients, symmetric, at most 1, NaN fails", () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 3, maxLength: 3 }),
        {
          minLength: 1,
          maxLength: 4,
        },
      ),
      fc.double({ min: -10, max: 10, noNaN: true }),
      (a, shift) => {
        const n = a.map((r) => r.map((v) => v + shift));
        assert.equal(relativeError(a, a), 0);
        assert.equal(relativeError(a, n), relativeError(n, a));
        assert.ok(relativeError(a, n) <= 1);
      },
    ),
    { numRuns: 100, seed: 7 },
  );
  assert.equal(relativeError([[0, 0]], [[0, 0]]), 0);
  assert.ok(Number.isNaN(relativeError([[1, NaN]], [[1, 2]])));
  assert.equal(relativeError([[1, NaN]], [[1, 2]]) < TOLERANCE, false);
});

test("relativeError and gradientCheck reject bad arguments by name", () => {
  assert.throws(() => relativeError([[1, 2]], [[1], [2]]), {
    name: "ShapeError",
    message: /\(1,2\) and \(2,1\)/,
  });
  assert.throws(() => relativeError([[1, 2]], [[1, 2]].concat([[3, 4]])), ShapeError);
  const [w1, w2] = numpyTutorialWeights(10);
  const x = irisX.slice(0, 3);
  const y = irisY.slice(0, 3);
  for (const epsilon of [0, -1e-5, NaN, Infinity]) {
    assert.throws(() => gradientCheck(x, y, w1, w2, { epsilon }), {
      name: "ParameterError",
      message: new RegExp(`epsilon must be a finite positive number, got ${epsilon}`),
    });
  }
  assert.throws(() => gradientCheck(x, y, w1, w2, { tolerance: 0 }), ParameterError);
  // W2 of the wrong height, y of the wrong length: the error names the matrix and both shapes.
  assert.throws(() => gradientCheck(x, y, w1, [[1, 2, 3]]), {
    name: "ShapeError",
    message: /^gradientCheck: weights2 has shape \(1,3\), expected \(2,nOutput\)/,
  });
  assert.throws(() => gradientCheck(x, [[1, 0, 0]], w1, w2), {
    name: "ShapeError",
    message: /^gradientCheck: x has shape \(3,4\) and y has shape \(1,3\); they need the same/,
  });
});

test("a wide network is checked on a seeded random sample of each matrix, and says so", () => {
  const { weights1, weights2 } = initWeights({ nInput: 4, nHidden: 150, nOutput: 3 }, 10);
  const report = gradientCheck(irisX.slice(0, 3), irisY.slice(0, 3), weights1, weights2);
  assertAllPass(report, "150 hidden nodes");
  assert.deepEqual(
    report.rows.map((r) => [r.checked, r.weights]),
    [
      [MAX_CHECKED, 600],
      [MAX_CHECKED, 450],
    ],
  );
  for (const row of report.rows) {
    const estimated = row.finiteDifferences.flat().filter((v) => !Number.isNaN(v));
    assert.equal(estimated.length, MAX_CHECKED);
  }
  const again = gradientCheck(irisX.slice(0, 3), irisY.slice(0, 3), weights1, weights2);
  assert.deepEqual(again.rows[0].finiteDifferences, report.rows[0].finiteDifferences);
  assert.deepEqual(gradientCheckText(report).split("\n").slice(-2), [
    "W1: checked 200 of 600 weights, chosen at random",
    "W2: checked 200 of 450 weights, chosen at random",
  ]);
  const small = gradientCheck(irisX.slice(0, 3), irisY.slice(0, 3), ...numpyTutorialWeights(10));
  assert.doesNotMatch(gradientCheckText(small), /chosen at random/);
});

test("a sampled check fails where finite differences disagree (a coarse ε)", () => {
  const { weights1, weights2 } = initWeights({ nInput: 4, nHidden: 150, nOutput: 3 }, 10);
  const report = gradientCheck(irisX.slice(0, 3), irisY.slice(0, 3), weights1, weights2, {
    epsilon: 0.5,
    tolerance: 1e-12,
  });
  assert.equal(report.passed, false);
});

test("samplePositions: distinct, sorted, in range, all when the count allows", () => {
  assert.deepEqual(samplePositions(5, 200), [0, 1, 2, 3, 4]);
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 300 }), (n, k) => {
      const p = samplePositions(n, k);
      assert.equal(p.length, Math.min(n, k));
      assert.ok(
        p.every((v, i) => Number.isInteger(v) && v >= 0 && v < n && (i === 0 || v > p[i - 1])),
      );
      assert.deepEqual(samplePositions(n, k), p);
    }),
  );
});
