/**
 * Part 13 against real NumPy: the library's training step and the numbers the committed
 * notebook prints both equal the project's NumPy reference (test/reference/part13.py) to at
 * least 12 significant digits, and the notebook's own lines equal the library's step exactly.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  RandomState,
  loadIris,
  matrix,
  meanSquaredError,
  oneHot,
  selectRows,
  size,
  toRows,
  trainingStep,
} from "../../lib/index";
import { sigmoid } from "../../lib/network/sigmoid";
import { dot } from "../../lib/linalg/dot";
import { assertClose, repoRoot, runPythonJson } from "../support/python";
import { outputText, printedNumber, readNotebook } from "../support/notebook";

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
  const random = new RandomState(10);
  const weights1 = matrix(random.normal(0, 0.5, [4, 2]));
  const weights2 = matrix(random.normal(0, 0.5, [2, 3]));
  const {
    weights1: after1,
    weights2: after2,
    ...step
  } = trainingStep(x, y, weights1, weights2, 0.1);
  const outputsAfter = sigmoid(dot(sigmoid(dot(x, after1)), after2));
  return {
    x: toRows(x),
    y: toRows(y),
    N: size(y),
    weights1: toRows(weights1),
    weights2: toRows(weights2),
    ...Object.fromEntries(Object.entries(step).map(([k, v]) => [k, toRows(v)])),
    weights1After: toRows(after1),
    weights2After: toRows(after2),
    mseBefore: meanSquaredError(step.outputLayerOutputs, y),
    mseAfter: meanSquaredError(outputsAfter, y),
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
  it("shows that its equations, line by line, give exactly the library's trainingStep", () => {
    const cell = nb.cells.find((c) => (c as { id?: string }).id === "lesson-equals-library");
    assert.ok(cell, "no cell with id lesson-equals-library");
    const lines = outputText(cell).trim().split("\n");
    assert.equal(lines.length, 12, outputText(cell));
    for (const line of lines) assert.match(line, /^\w+\s+\(\d,\d\)\s+identical$/);
  });
  it("prints the MSE before and after the update, equal to NumPy's and the library's", () => {
    const before = printedNumber(nb, "MSE before the update");
    const after = printedNumber(nb, "MSE after the update");
    assertClose(before, reference.mseBefore as number, "printed MSE before");
    assertClose(after, reference.mseAfter as number, "printed MSE after");
    assert.ok(after < before, `second MSE ${after} is not lower than the first ${before}`);
  });
});
