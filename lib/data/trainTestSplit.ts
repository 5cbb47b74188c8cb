import { ParameterError, ShapeError } from "../errors";
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
export function trainTestSplit<X, Y>(
  x: readonly X[],
  y: readonly Y[],
  { testSize, seed }: SplitOptions,
): Split<X, Y> {
  if (x.length !== y.length) {
    throw new ShapeError(
      `x and y must have the same number of rows: x has ${x.length}, y has ${y.length}`,
    );
  }
  const n = x.length;
  if (!Number.isInteger(testSize) || testSize < 1 || testSize >= n) {
    throw new ParameterError(
      `testSize must be an integer in [1, ${n - 1}] (there are ${n} rows), got ${testSize}`,
    );
  }
  const order = new RandomState(seed).permutation(n);
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
