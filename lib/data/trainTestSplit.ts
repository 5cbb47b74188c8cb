import type { Matrix } from "mathjs";
import { ParameterError } from "../errors";
import { checkSameRows, rowArray } from "../validation";
import { RandomState } from "../random/RandomState";

export interface SplitOptions {
  /** number of test rows: a positive integer below the number of rows */
  testSize: number;
  /** NumPy legacy seed (sklearn's random_state) */
  seed: number;
}

export interface Split<X, Y> {
  xTrain: X[];
  xTest: X[];
  yTrain: Y[];
  yTest: Y[];
  /** 0-based row positions of the training rows, in the (shuffled) order used */
  trainIndices: number[];
  /** 0-based row positions of the test rows, in the (shuffled) order used */
  testIndices: number[];
}

/**
 * sklearn's `train_test_split(x, y, test_size=testSize, random_state=seed)`: the first testSize
 * positions of `RandomState(seed).permutation(n)` are the test rows, the rest the training rows.
 */
export function trainTestSplit<X = number[], Y = number[]>(
  xRows: readonly X[] | Matrix,
  yRows: readonly Y[] | Matrix,
  { testSize, seed }: SplitOptions,
): Split<X, Y> {
  const [x, y] = [rowArray(xRows, "x"), rowArray(yRows, "y")];
  checkSameRows("trainTestSplit", [x.length], [y.length]);
  checkTestSize(testSize, x.length);
  const order = new RandomState(seed).permutation(x.length);
  const testIndices = order.slice(0, testSize);
  const trainIndices = order.slice(testSize);
  return {
    xTrain: trainIndices.map((i) => x[i]),
    xTest: testIndices.map((i) => x[i]),
    yTrain: trainIndices.map((i) => y[i]),
    yTest: testIndices.map((i) => y[i]),
    trainIndices,
    testIndices,
  };
}

/** At least one test row and one training row out of `rows`. */
function checkTestSize(testSize: number, rows: number): void {
  if (!Number.isInteger(testSize) || testSize < 1 || testSize >= rows) {
    throw new ParameterError(
      `testSize must be an integer in [1, ${rows - 1}] (there are ${rows} rows), got ${testSize}`,
    );
  }
}
