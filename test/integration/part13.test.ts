/**
 * Part 13 against real NumPy: the library's step-by-step computation and the numbers the
 * committed notebook prints both equal the original NumPy equations (test/reference/part13.py)
 * to at least 12 significant digits.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  RandomState,
  backpropagate,
  feedforward,
  gradientStep,
  loadIris,
  matrix,
  meanSquaredError,
  oneHot,
  selectRows,
  sizeOf,
  toRows,
  weightUpdates,
} from "../../lib/index";
import { assertClose, repoRoot, runPythonJson } from "../support/python";
import { printedNumber, readNotebook } from "../support/notebook";

interface Reference {
  x: number[][];
  y: number[][];
  N: number;
  weights1: number[][];
  weights2: number[][];
  [name: string]: number[][] | number;
}

const reference = runPythonJson<Reference>("test/reference/part13.py");

function libraryRun() {
  const iris = loadIris(join(repoRoot, "data", "Iris.csv"));
  const positions = [1, 51, 101];
  const y = matrix(oneHot(selectRows(iris.species, positions)).y);
  const x = matrix(selectRows(iris.features, positions));
  const N = sizeOf(y);
  const random = new RandomState(10);
  let weights1 = matrix(random.normal(0, 0.5, [4, 2]));
  let weights2 = matrix(random.normal(0, 0.5, [2, 3]));
  const initial = { weights1: toRows(weights1), weights2: toRows(weights2) };
  const forward = feedforward(x, weights1, weights2);
  const backward = backpropagate(y, forward, weights2);
  const updates = weightUpdates(x, forward, backward, N);
  weights2 = gradientStep(weights2, updates.weights2Update, 0.1);
  weights1 = gradientStep(weights1, updates.weights1Update, 0.1);
  const after = feedforward(x, weights1, weights2);
  return {
    x: toRows(x),
    y: toRows(y),
    N,
    ...initial,
    ...Object.fromEntries(
      Object.entries({ ...forward, ...backward, ...updates }).map(([k, v]) => [k, toRows(v)]),
    ),
    weights1After: toRows(weights1),
    weights2After: toRows(weights2),
    mseBefore: meanSquaredError(forward.outputLayerOutputs, y),
    mseAfter: meanSquaredError(after.outputLayerOutputs, y),
  };
}

describe("part 13 equals NumPy", () => {
  const lib = libraryRun();

  it("has the same data, labels and N = y.size = 9", () => {
    assert.deepEqual(lib.x, reference.x);
    assert.deepEqual(lib.y, reference.y);
    assert.equal(lib.N, 9);
    assert.equal(reference.N, 9);
  });

  it("draws bit-identical initial weights with seed 10", () => {
    assert.deepEqual(lib.weights1, reference.weights1);
    assert.deepEqual(lib.weights2, reference.weights2);
  });

  for (const name of [
    "hiddenLayerInputs",
    "hiddenLayerOutputs",
    "outputLayerInputs",
    "outputLayerOutputs",
    "outputLayerError",
    "outputLayerDelta",
    "hiddenLayerError",
    "hiddenLayerDelta",
    "weights1Update",
    "weights2Update",
    "weights1After",
    "weights2After",
    "mseBefore",
    "mseAfter",
  ]) {
    it(`${name} matches to 12 significant digits`, () => {
      assertClose((lib as Record<string, number | number[][]>)[name], reference[name], name);
    });
  }

  it("the step lowers the MSE", () => {
    assert.ok(lib.mseAfter < lib.mseBefore);
  });
});

describe("the committed part-13 notebook prints the original's numbers", () => {
  const nb = readNotebook("13-backpropagation.ipynb");
  it("prints the MSE before and after the update, equal to NumPy's and the library's", () => {
    const before = printedNumber(nb, "MSE before the update");
    const after = printedNumber(nb, "MSE after the update");
    assertClose(before, reference.mseBefore as number, "printed MSE before");
    assertClose(after, reference.mseAfter as number, "printed MSE after");
    assert.ok(after < before, `second MSE ${after} is not lower than the first ${before}`);
  });
});
