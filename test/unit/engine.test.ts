/**
 * The WebAssembly engine (train) against the readable mathjs path (trainReadable): same weights
 * and histories to 1e-12 relative over random shapes, seeds, learning rates and data; its
 * vectorised exp against Math.exp; its 4 → H → 3 kernel against its general kernel; its
 * forward pass (predict) against lib/network's; its heap over 15 000 epochs; its module against
 * what the AssemblyScript source builds.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import {
  dot,
  predict,
  sigmoid,
  toRows,
  train,
  type TrainingRun,
  type TrainOptions,
} from "../../lib/index";
import { trainReadable } from "../../lib/train/trainReadable";
import {
  applyGradients,
  createEngineState,
  engineWeights,
  forwardBackward,
  forwardBackwardAnyShape,
  forwardOutputs,
  kernelExp,
  type EngineState,
} from "../../lib/train/engine";

const ROOT = join(__dirname, "..", "..");

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
  it("train equals trainReadable to 1e-12 relative (weights, MSE and accuracy histories)", () => {
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
  function irisShapedState(nHidden: number, rows: number): EngineState {
    let s = 11;
    const next = () => (s = (s * 16807) % 2147483647) / 2147483647 - 0.5;
    const x = Array.from({ length: rows }, () => [0, 1, 2, 3].map(() => next() * 6));
    const y = x.map((_, i) => [0, 1, 2].map((c) => (c === i % 3 ? 1 : 0)));
    const w1 = [0, 1, 2, 3].map(() => Array.from({ length: nHidden }, next));
    const w2 = Array.from({ length: nHidden }, () => [next(), next(), next()]);
    return createEngineState(x, y, w1, w2);
  }

  it("the 4 → H → 3 kernel gives the same bits as the general kernel", () => {
    for (const [nHidden, rows] of [
      [1, 17],
      [2, 1],
      [5, 17],
      [6, 130],
      [32, 40],
    ]) {
      const special = irisShapedState(nHidden, rows);
      const general = irisShapedState(nHidden, rows);
      for (let epoch = 0; epoch < 20; epoch++) {
        forwardBackward(special);
        forwardBackwardAnyShape(general);
        assert.equal(special.mse, general.mse, `H=${nHidden} epoch ${epoch}`);
        assert.equal(special.accuracy, general.accuracy);
        applyGradients(special, 0.7);
        applyGradients(general, 0.7);
        assert.deepEqual(engineWeights(special), engineWeights(general));
      }
    }
  });

  it("forwardOutputs (predict) equals the lesson's feedforward lines to 1e-13 relative", () => {
    let s = 5;
    const next = () => (s = (s * 16807) % 2147483647) / 2147483647 - 0.5;
    for (const [rows, nInput, nHidden, nOutput] of [
      [20, 4, 6, 3],
      [7, 3, 5, 1],
      [1, 1, 1, 2],
      [9, 4, 32, 3],
    ]) {
      const x = Array.from({ length: rows }, () =>
        Array.from({ length: nInput }, () => next() * 8),
      );
      const w1 = Array.from({ length: nInput }, () => Array.from({ length: nHidden }, next));
      const w2 = Array.from({ length: nHidden }, () => Array.from({ length: nOutput }, next));
      const expected = toRows(sigmoid(dot(sigmoid(dot(x, w1)), w2)));
      const actual = forwardOutputs(x, w1, w2);
      assert.ok(maxRelativeDifference(actual.flat(), expected.flat()) <= 1e-13);
      assert.deepEqual(predict(x, w1, w2), actual);
    }
  });
});

describe("the kernel's exp", () => {
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
    const n = 200_000;
    const xs = Array.from({ length: n }, (_, i) =>
      i % 4 === 0
        ? (next() * 2 - 1) * 750
        : i % 4 === 1
          ? (next() * 2 - 1) * 20
          : i % 4 === 2
            ? (next() * 2 - 1) * 1e-6
            : 700 + next() * 50 * (i % 8 === 3 ? 1 : -1) - (i % 8 === 3 ? 0 : 1400),
    );
    const actual = kernelExp(xs);
    let worst = 0n;
    let differing = 0;
    for (let i = 0; i < n; i++) {
      const d = ulpDistance(actual[i], Math.exp(xs[i]));
      if (d > worst) worst = d;
      if (d > 0n) differing++;
    }
    assert.ok(worst <= 1n, `worst difference ${worst} ulp`);
    assert.ok(differing < n / 4, `${differing} of ${n} differ (expected a minority)`);
  });

  it("handles the edges like Math.exp: overflow, underflow, subnormals, infinities, NaN", () => {
    const edges = [0, -0, 1, -1, 707.9, -707.9, 708, -708, 709.7, 709.78, 709.79, -744, -745.1];
    edges.push(-745.2, 800, -800, 1e300, -1e300, Number.MIN_VALUE, -Number.MIN_VALUE);
    const actual = kernelExp(edges);
    edges.forEach((x, i) => assert.ok(ulpDistance(actual[i], Math.exp(x)) <= 1n, `at ${x}`));
    const [zero, overflow, underflow, inf, negInf, nan] = kernelExp([
      0,
      710,
      -746,
      Infinity,
      -Infinity,
      NaN,
    ]);
    assert.equal(zero, 1);
    assert.equal(overflow, Infinity);
    assert.equal(underflow, 0);
    assert.equal(inf, Infinity);
    assert.equal(negInf, 0);
    assert.ok(Number.isNaN(nan));
    // an odd count leaves the second lane of the last pair unused
    assert.deepEqual(kernelExp([1, 2, 3]), [Math.exp(1), Math.exp(2), Math.exp(3)]);
  });
});

describe("the engine's memory", () => {
  it("keeps the heap flat over 15 000 epochs after a first 15 000 (buffers allocated once per run)", () => {
    const dir = mkdtempSync(join(tmpdir(), "engine-heap-"));
    try {
      const script = join(dir, "heap.ts");
      writeFileSync(
        script,
        `import { createTrainer } from ${JSON.stringify(join(ROOT, "lib", "index"))};
const gc = (globalThis as { gc?: () => void }).gc!;
const x = Array.from({ length: 130 }, (_, i) => [i % 7, (i % 5) * 0.5, (i % 3) * 2, i % 2]);
const y = x.map((_, i) => [0, 1, 2].map((c) => (c === i % 3 ? 1 : 0)));
const trainer = createTrainer({ x, y, learningRate: 0.1, epochs: 31000, nHidden: 6, seed: 1 });
// a first stretch of the same length settles what V8 allocates once (compiled code, feedback)
trainer.run(1000);
trainer.run(15000);
gc();
const before = process.memoryUsage();
trainer.run(15000);
// read before any collection: the young generation is large enough to hold whatever the
// epochs allocated, so the difference is their allocation, not what survived it
const during = process.memoryUsage().heapUsed;
gc();
const after = process.memoryUsage();
console.log(JSON.stringify({
  allocated: during - before.heapUsed,
  heap: after.heapUsed - before.heapUsed,
  external: after.external - before.external,
  arrayBuffers: after.arrayBuffers - before.arrayBuffers,
  epoch: trainer.epoch,
}));
`,
      );
      const child = spawnSync(
        process.execPath,
        ["--expose-gc", "--max-semi-space-size=64", "--import", "tsx", script],
        {
          cwd: ROOT,
          encoding: "utf8",
        },
      );
      assert.equal(child.status, 0, child.stderr);
      const growth = JSON.parse(child.stdout) as Record<string, number>;
      assert.equal(growth.epoch, 31000);
      // nothing retained: 15 000 epochs keeping even one number each would exceed this
      assert.ok(growth.heap < 64 * 1024, `heap grew by ${growth.heap} B`);
      // and no buffers per epoch: V8 may box a number or two where the results cross into
      // JavaScript (≤ 32 B), an array per epoch would cost more
      const perEpoch = growth.allocated / 15000;
      assert.ok(perEpoch <= 32, `the epochs allocated ${perEpoch.toFixed(1)} B each`);
      assert.ok(growth.external <= 0, `external memory grew by ${growth.external} B`);
      assert.ok(growth.arrayBuffers <= 0, `array buffers grew by ${growth.arrayBuffers} B`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the kernel's module", () => {
  it("is what lib/train/wasm/kernel.ts builds with the pinned AssemblyScript", () => {
    const child = spawnSync(process.execPath, [join(ROOT, "lib/train/wasm/build.mjs"), "--check"], {
      encoding: "utf8",
    });
    assert.equal(child.status, 0, child.stderr);
  });
});
