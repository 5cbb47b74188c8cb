/**
 * The fused engine (train) against the readable mathjs path (trainingStep per epoch): same weights and
 * histories to 1e-12 relative over random shapes, seeds, learning rates and data; its exp
 * against Math.exp; its Iris-shaped kernel against its general kernel.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { train, type TrainingRun, type TrainOptions } from "../../lib/index";
import { fastExp } from "../../lib/train/fastExp";
import {
  applyGradients,
  createEngineState,
  forwardBackwardAnyShape,
  forwardBackward4x3,
  type EngineState,
} from "../../lib/train/engine";
import { trainReadable } from "../support/readableTraining";

const TOLERANCE = 1e-12;

/**
 * Largest |a − b| / scale over a block of numbers, where scale = max(|a|, |b|) but at least the
 * block's largest magnitude times 1e-3: a weight passing through zero is compared at the scale
 * of its matrix, not at its own vanishing size.
 */
function maxRelativeDifference(a: readonly number[], b: readonly number[]): number {
  assert.equal(a.length, b.length, "blocks differ in length");
  const blockScale = Math.max(...a.map(Math.abs), ...b.map(Math.abs));
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    const scale = Math.max(Math.abs(a[i]), Math.abs(b[i]), blockScale * 1e-3);
    worst = Math.max(worst, Math.abs(a[i] - b[i]) / scale);
  }
  return worst;
}

function compareRuns(engine: TrainingRun, readable: TrainingRun): Record<string, number> {
  assert.deepEqual(engine.options, readable.options);
  return {
    weights1: maxRelativeDifference(engine.weights1.flat(), readable.weights1.flat()),
    weights2: maxRelativeDifference(engine.weights2.flat(), readable.weights2.flat()),
    mse: maxRelativeDifference(engine.history.mse, readable.history.mse),
    accuracy: maxRelativeDifference(engine.history.accuracy, readable.history.accuracy),
  };
}

/** Random training problems: any widths, plus the Iris shape (4 → H → 3) that has its own kernel. */
const problem = fc
  .record({
    rows: fc.integer({ min: 1, max: 40 }),
    nInput: fc.oneof(fc.constant(4), fc.integer({ min: 1, max: 6 })),
    nOutput: fc.oneof(fc.constant(3), fc.integer({ min: 1, max: 4 })),
    nHidden: fc.integer({ min: 1, max: 12 }),
    epochs: fc.integer({ min: 1, max: 60 }),
    learningRate: fc.double({ min: 0.001, max: 5, noNaN: true }),
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    dataSeed: fc.integer({ min: 1, max: 2 ** 31 - 2 }),
    xScale: fc.constantFrom(0.1, 1, 8),
  })
  .map((p): TrainOptions => {
    let state = p.dataSeed; // Park–Miller: data independent of the RandomState under test
    const next = () => (state = (state * 16807) % 2147483647) / 2147483647;
    const x = Array.from({ length: p.rows }, () =>
      Array.from({ length: p.nInput }, () => (next() * 2 - 1) * p.xScale),
    );
    const y = Array.from({ length: p.rows }, () => {
      const label = Math.floor(next() * p.nOutput);
      return Array.from({ length: p.nOutput }, (_, o) => (o === label ? 1 : 0));
    });
    return {
      x,
      y,
      learningRate: p.learningRate,
      epochs: p.epochs,
      nHidden: p.nHidden,
      seed: p.seed,
    };
  });

describe("engine vs the mathjs path", () => {
  it("train equals the trainingStep loop to 1e-12 relative (weights, MSE and accuracy histories)", () => {
    fc.assert(
      fc.property(problem, (options) => {
        const differences = compareRuns(train(options), trainReadable(options));
        for (const [what, difference] of Object.entries(differences)) {
          assert.ok(
            difference <= TOLERANCE,
            `${what} differ by ${difference} (relative) for ${JSON.stringify({ ...options, x: undefined, y: undefined })}`,
          );
        }
      }),
      { numRuns: 40, seed: 20260514 },
    );
  });

  it("stays within 1e-12 over a long Iris-shaped run (4 → 6 → 3, 1 500 epochs)", () => {
    const x = Array.from({ length: 30 }, (_, i) => [
      4 + (i % 5) * 0.4,
      2 + (i % 3) * 0.5,
      1 + (i % 7) * 0.8,
      (i % 4) * 0.6,
    ]);
    const y = x.map((_, i) => [0, 1, 2].map((c) => (c === i % 3 ? 1 : 0)));
    const options = { x, y, learningRate: 0.5, epochs: 1500, nHidden: 6, seed: 3 };
    const differences = compareRuns(train(options), trainReadable(options));
    for (const [what, difference] of Object.entries(differences)) {
      assert.ok(difference <= TOLERANCE, `${what} differ by ${difference}`);
    }
  });
});

describe("engine kernels", () => {
  function irisShapedState(nHidden: number): EngineState {
    let s = 11;
    const next = () => (s = (s * 16807) % 2147483647) / 2147483647 - 0.5;
    const x = Array.from({ length: 17 }, () => [0, 1, 2, 3].map(() => next() * 6));
    const y = x.map((_, i) => [0, 1, 2].map((c) => (c === i % 3 ? 1 : 0)));
    const w1 = [0, 1, 2, 3].map(() => Array.from({ length: nHidden }, next));
    const w2 = Array.from({ length: nHidden }, () => [next(), next(), next()]);
    return createEngineState(x, y, w1, w2);
  }

  it("the unrolled 4 → H → 3 kernel gives the same bits as the general kernel", () => {
    for (const nHidden of [1, 2, 5, 32]) {
      const unrolled = irisShapedState(nHidden);
      const general = irisShapedState(nHidden);
      for (let epoch = 0; epoch < 20; epoch++) {
        forwardBackward4x3(unrolled);
        forwardBackwardAnyShape(general);
        assert.equal(unrolled.mse, general.mse);
        assert.equal(unrolled.accuracy, general.accuracy);
        assert.deepEqual(unrolled.gradient1T, general.gradient1T);
        assert.deepEqual(unrolled.gradient2, general.gradient2);
        applyGradients(unrolled, 0.7);
        applyGradients(general, 0.7);
      }
      assert.deepEqual(unrolled.weights1T, general.weights1T);
      assert.deepEqual(unrolled.weights2, general.weights2);
    }
  });
});

describe("fastExp", () => {
  const f64 = new Float64Array(1);
  const i64 = new BigInt64Array(f64.buffer);
  const ulpDistance = (a: number, b: number): bigint => {
    f64[0] = a;
    const ia = i64[0];
    f64[0] = b;
    const d = ia - i64[0];
    return d < 0n ? -d : d;
  };

  it("is within 1 ulp of Math.exp on the whole finite range", () => {
    let s = 5;
    const next = () => (s = (s * 16807) % 2147483647) / 2147483647;
    let worst = 0n;
    let differing = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const x =
        i % 3 === 0 ? (next() * 2 - 1) * 745 : i % 3 === 1 ? (next() * 2 - 1) * 20 : next() * 1e-6;
      const d = ulpDistance(fastExp(x), Math.exp(x));
      if (d > worst) worst = d;
      if (d > 0n) differing++;
    }
    assert.ok(worst <= 1n, `worst difference ${worst} ulp`);
    assert.ok(differing < n / 4, `${differing} of ${n} differ (expected a minority)`);
  });

  it("handles the edges like Math.exp", () => {
    for (const x of [0, -0, 1, -1, 707.9, -707.9, 708, -708, 709.7, -745, 800, -800]) {
      assert.ok(ulpDistance(fastExp(x), Math.exp(x)) <= 1n, `at ${x}`);
    }
    assert.equal(fastExp(0), 1);
    assert.equal(fastExp(Infinity), Infinity);
    assert.equal(fastExp(-Infinity), 0);
    assert.ok(Number.isNaN(fastExp(NaN)));
  });
});
