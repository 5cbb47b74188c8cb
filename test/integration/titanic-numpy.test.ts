/**
 * The Titanic notebook against pandas, scikit-learn and NumPy (test/reference/titanic.py): the
 * Arquero cleaning gives pandas' table value for value, the split is train_test_split's, and
 * the engine's 24–4–1 network ends with NumPy's training MSE (12 significant digits), training
 * accuracy and test accuracy (exactly); the committed notebook prints the same numbers.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { accuracy, loadTitanic, predict, train, trainTestSplit } from "../../lib/index";
import { assertClose, repoRoot, runPythonJson } from "../support/python";
import { outputText, printedNumber, readNotebook } from "../support/notebook";
import { cleanTitanic, inputsAndLabels } from "../support/titanic";

interface Reference {
  columns: string[];
  table: number[][];
  trainRows: number[];
  testRows: number[];
  finalMse: number;
  finalAccuracy: number;
  testAccuracy: number;
  testCorrect: number;
}

const ref = runPythonJson<Reference>("test/reference/titanic.py");
const df = cleanTitanic(loadTitanic(join(repoRoot, "data", "Titanic.csv")));
const { X, y } = inputsAndLabels(df);
const split = trainTestSplit(X, y, { testSize: Math.ceil(0.2 * X.length), seed: 0 });

describe("Titanic: cleaning and split against pandas and scikit-learn", () => {
  it("the cleaned table has pandas' columns in pandas' order", () => {
    assert.deepEqual(df.columnNames(), ref.columns);
  });

  it("every value of the cleaned table is pandas' double", () => {
    const rows = (df.objects() as Record<string, number>[]).map((row) =>
      ref.columns.map((name) => row[name]),
    );
    assert.equal(rows.length, 891);
    rows.forEach((row, i) => assert.deepEqual(row, ref.table[i], `row ${i}`));
  });

  it("the split is train_test_split(test_size=0.2, random_state=0): 712 and 179 rows", () => {
    assert.deepEqual(split.trainIndices, ref.trainRows);
    assert.deepEqual(split.testIndices, ref.testRows);
  });
});

describe("Titanic: the 24–4–1 network against NumPy", () => {
  const run = train({
    x: split.xTrain,
    y: split.yTrain,
    learningRate: 0.1,
    epochs: 10000,
    nHidden: 4,
    seed: 10,
  });
  const testAccuracy = accuracy(predict(split.xTest, run.weights1, run.weights2), split.yTest);

  it("final training MSE to 12 significant digits, training accuracy exactly", () => {
    assertClose(run.finalMse, ref.finalMse, "final MSE");
    assert.equal(run.finalAccuracy, ref.finalAccuracy);
  });

  it("test accuracy 146 of 179 = 0.8156424581005587, NumPy's to the last digit", () => {
    assert.equal(testAccuracy, ref.testAccuracy);
    assert.equal(ref.testCorrect, 146);
    assert.equal(String(testAccuracy), "0.8156424581005587");
  });

  it("the committed notebook prints these numbers", () => {
    const nb = readNotebook("15-titanic.ipynb");
    assertClose(printedNumber(nb, "final training MSE"), ref.finalMse, "printed MSE");
    assert.equal(printedNumber(nb, "final training accuracy"), ref.finalAccuracy);
    assert.equal(printedNumber(nb, "test accuracy"), ref.testAccuracy);
    const all = nb.cells.map(outputText).join("\n");
    assert.match(all, /correct of 179 = 146/);
    assert.match(
      all,
      new RegExp(`first test rows \\(positions\\) = ${ref.testRows.slice(0, 10).join(", ")}`),
    );
  });
});
