/**
 * Part 14 against real NumPy: the five training attempts of the tutorial, computed with the
 * project's NumPy reference (test/reference/part14.py), against the library's split, training
 * loop, metrics and prediction, and against the numbers and figures of the committed notebook.
 * Every recorded MSE, every weight and every printed number agrees to ≥ 12 significant digits;
 * accuracies are ratios of counts and agree exactly.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  accuracy,
  loadIris,
  oneHot,
  predict,
  size,
  train,
  trainTestSplit,
  type TrainingRun,
} from "../../lib/index";
import { roundSignificant } from "../../lib/format";
import { trainReadable } from "../../lib/train/trainReadable";
import { assertClose, repoRoot, runPythonJson } from "../support/python";
import { outputText, readNotebook, type NotebookCell } from "../support/notebook";

interface ReferenceAttempt {
  split: number;
  seed: number;
  learningRate: number;
  epochs: number;
  nHidden: number;
  N: number;
  permutation: number[];
  initialWeights1: number[][];
  initialWeights2: number[][];
  mse: number[];
  accuracy: number[];
  finalMse: number;
  finalAccuracy: number;
  weights1: number[][];
  weights2: number[][];
  testAccuracy: number;
}

const reference = runPythonJson<{ attempts: Record<string, ReferenceAttempt> }>(
  "test/reference/part14.py",
).attempts;
const ATTEMPTS = ["1", "2", "3", "4", "5"];

const iris = loadIris(join(repoRoot, "data", "Iris.csv"));
const x = iris.features;
const { y } = oneHot(iris.species);

function splitOf(seed: number) {
  return trainTestSplit(x, y, { testSize: 20, seed });
}

function trainAttempt(ref: ReferenceAttempt, engine = train): TrainingRun {
  const { xTrain, yTrain } = splitOf(ref.split);
  return engine({
    x: xTrain,
    y: yTrain,
    learningRate: ref.learningRate,
    epochs: ref.epochs,
    nHidden: ref.nHidden,
    seed: ref.seed,
  });
}

function testAccuracy(run: TrainingRun, split: number): number {
  const { xTest, yTest } = splitOf(split);
  return accuracy(predict(xTest, run.weights1, run.weights2), yTest);
}

describe("part 14: the train-test split equals scikit-learn's", () => {
  for (const seed of [4, 7]) {
    it(`random_state=${seed}: first 20 of RandomState(${seed}).permutation(150) are the test set`, () => {
      const ref = reference[seed === 4 ? "1" : "4"];
      const split = splitOf(seed);
      assert.deepEqual(split.testIndices, ref.permutation.slice(0, 20));
      assert.deepEqual(split.trainIndices, ref.permutation.slice(20));
      assert.equal(split.xTrain.length, 130);
      assert.equal(size(split.yTrain), 390);
      assert.equal(ref.N, 390);
    });
  }
});

describe("part 14: the five attempts equal NumPy", () => {
  const runs = new Map<string, TrainingRun>();
  const runOf = (n: string) => {
    if (!runs.has(n)) runs.set(n, trainAttempt(reference[n]));
    return runs.get(n)!;
  };

  for (const n of ATTEMPTS) {
    const ref = reference[n];
    const name =
      `attempt ${n} (split ${ref.split}, seed ${ref.seed}, lr ${ref.learningRate}, ` +
      `${ref.epochs} epochs, ${ref.nHidden} hidden)`;

    it(`${name}: every epoch's MSE to 12 digits, every accuracy exactly`, () => {
      const run = runOf(n);
      assert.equal(run.history.mse.length, ref.epochs);
      assertClose(run.history.mse, ref.mse, `attempt ${n} history.mse`);
      assert.deepEqual(run.history.accuracy, ref.accuracy);
    });

    it(`${name}: final weights, final MSE/accuracy and test accuracy`, () => {
      const run = runOf(n);
      assertClose(run.weights1, ref.weights1, `attempt ${n} weights1`);
      assertClose(run.weights2, ref.weights2, `attempt ${n} weights2`);
      assertClose(run.finalMse, ref.finalMse, `attempt ${n} finalMse`);
      assert.equal(run.finalAccuracy, ref.finalAccuracy);
      assert.equal(testAccuracy(run, ref.split), ref.testAccuracy);
    });
  }

  it("attempt 4 is stuck near 0.35 while attempt 5 (6 hidden nodes) learns", () => {
    assert.ok(Math.abs(runOf("4").finalAccuracy - 0.35) < 0.01);
    assert.ok(runOf("5").finalAccuracy > 0.95);
  });

  it("the readable mathjs path (trainingStep per epoch) trains attempt 1 to the same numbers", () => {
    const run = trainAttempt(reference["1"], trainReadable);
    assertClose(run.history.mse, reference["1"].mse, "trainReadable history.mse");
    assert.deepEqual(run.history.accuracy, reference["1"].accuracy);
    assertClose(run.weights1, reference["1"].weights1, "trainReadable weights1");
  });
});

describe("part 14: the committed notebook shows the original's numbers and curves", () => {
  const nb = readNotebook("14-training.ipynb");
  const cell = (id: string): NotebookCell => {
    const found = nb.cells.find((c) => (c as NotebookCell & { id?: string }).id === id);
    if (!found) throw new Error(`14-training.ipynb has no cell with id "${id}"`);
    return found;
  };
  const printed = (id: string, label: string): number => {
    const match = outputText(cell(id)).match(new RegExp(`${label} = (\\S+)`));
    if (!match) throw new Error(`cell ${id} prints no "${label} = …"`);
    return Number(match[1]);
  };

  for (const n of ATTEMPTS) {
    it(`attempt ${n} prints its final training MSE and accuracy`, () => {
      const ref = reference[n];
      assertClose(printed(`attempt-${n}-train`, "final training MSE"), ref.finalMse, "MSE");
      assert.equal(printed(`attempt-${n}-train`, "final training accuracy"), ref.finalAccuracy);
    });

    it(`attempt ${n}'s one figure (Vega-Lite, SVG fallback) draws NumPy's curves`, () => {
      const ref = reference[n];
      const outputs = cell(`attempt-${n}-train`).outputs!;
      const figures = outputs.filter((o) => o.data?.["application/vnd.vegalite.v5+json"]);
      assert.equal(figures.length, 1, "one figure per attempt");
      assert.equal(outputs.filter((o) => o.data?.["application/vnd.plotly.v1+json"]).length, 0);
      const vegaLite = figures[0].data!["application/vnd.vegalite.v5+json"] as {
        datasets: Record<"mse" | "accuracy", { epoch: number; value: number }[]>;
        title: { text: string };
      };
      assert.equal(
        vegaLite.title.text,
        `Attempt ${n}: ${ref.epochs} epochs, ${ref.nHidden} hidden nodes`,
      );
      for (const metric of ["mse", "accuracy"] as const) {
        const points = vegaLite.datasets[metric];
        assert.ok(points.length > 0);
        assert.equal(points[points.length - 1].epoch, ref.epochs);
        for (const { epoch, value } of points) {
          assert.equal(value, roundSignificant(ref[metric][epoch - 1]), `${metric} @ ${epoch}`);
        }
      }
      assert.ok(figures[0].data!["image/svg+xml"], "a static SVG for GitHub and nbconvert");
    });
  }

  it("attempt 1 with the notebook's own loop prints NumPy's numbers", () => {
    const ref = reference["1"];
    assertClose(printed("attempt-1-loop", "final training MSE"), ref.finalMse, "loop MSE");
    assert.equal(printed("attempt-1-loop", "final training accuracy"), ref.finalAccuracy);
    // The two paths' e^x differ within an ulp, so the notebook states the bound, not the bits.
    assert.match(
      outputText(cell("attempt-1-train")),
      /^largest MSE difference from the loop = below 1e-12$/m,
    );
  });

  for (const n of ["3", "5"]) {
    it(`after attempt ${n} it prints the test accuracy`, () => {
      assert.equal(printed(`attempt-${n}-test`, "test accuracy"), reference[n].testAccuracy);
    });
  }
});

describe("the bench's NumPy side", () => {
  it("runs the NumPy reference loop and ends on the engine's MSE", () => {
    const ref = reference["1"];
    const { xTrain, yTrain } = splitOf(ref.split);
    const epochs = 20;
    const { learningRate, nHidden, seed } = ref;
    const run = train({ x: xTrain, y: yTrain, learningRate, epochs, nHidden, seed });
    const folder = mkdtempSync(join(tmpdir(), "bench-numpy-"));
    try {
      const cases = join(folder, "cases.json");
      const theCase = {
        name: "attempt-1",
        x: xTrain,
        y: yTrain,
        weights1: ref.initialWeights1,
        weights2: ref.initialWeights2,
        learningRate: ref.learningRate,
        epochs,
      };
      writeFileSync(cases, JSON.stringify({ repetitions: 1, cases: [theCase] }));
      const out = runPythonJson<{
        results: { name: string; usPerEpoch: number; finalMse: number }[];
      }>("bench/numpy_epoch.py", [cases]);
      assert.equal(out.results.length, 1);
      assert.ok(out.results[0].usPerEpoch > 0);
      assertClose(out.results[0].finalMse, run.finalMse, "bench NumPy final MSE");
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
