import { ShapeError } from "../errors";
import { formatShape } from "../format";
import { checkNetworkShapes, checkPositive } from "../validation";
import { matrix, shape, toRows, type Matrix, type MatrixLike, type Rows } from "../linalg/matrix";
import { meanSquaredError } from "./meanSquaredError";
import { trainingStep } from "./trainingStep";

/** One line of the gradient-check table: how far backprop is from finite differences. */
export interface GradientCheckRow {
  /** "W1" (input → hidden) or "W2" (hidden → output). */
  matrix: "W1" | "W2";
  /** The matrix's shape as NumPy prints it, e.g. "(4,2)". */
  shape: string;
  /** max |backprop − fin. diff.| / (max |backprop| + max |fin. diff.|), see `relativeError`. */
  maxRelativeError: number;
  /** max |backprop − finite difference| over the matrix's elements. */
  maxAbsoluteError: number;
  /** maxRelativeError < tolerance. */
  passed: boolean;
  /** ∂E/∂W as backpropagation computes it (the weight update of the lesson). */
  backprop: number[][];
  /** ∂E/∂W estimated by central finite differences of the loss. */
  finiteDifferences: number[][];
}

/** The whole check, ready to show as a table (one row per weight matrix). */
export interface GradientCheckReport {
  rows: GradientCheckRow[];
  /** Every row passed. */
  passed: boolean;
  tolerance: number;
  epsilon: number;
}

/** Below this, |a| + |n| counts as zero: two gradients that are both exactly 0 agree. */
const TINY = 1e-300;

/** max |v| (0 for none); NaN anywhere gives NaN. */
const largest = (values: number[]): number => Math.max(0, ...values.map(Math.abs));

/** The element-wise differences a − n of two gradients of equal shape. */
const differences = (a: Rows, n: Rows): number[] =>
  a.flatMap((row, i) => row.map((v, j) => v - n[i][j]));

/**
 * max |a − n| / max(max |a| + max |n|, tiny) for gradients of equal shape: 0 when they agree,
 * at most 1, independent of scale. Measured against the matrix's largest gradient, not element
 * by element: where the true gradient is ≈ 0 (a saturated sigmoid) both sides are rounding noise.
 */
export function relativeError(a: Rows, n: Rows): number {
  checkGradientShapes(a, n);
  // Math.max propagates NaN, and NaN < tolerance is false: a NaN anywhere fails the check.
  return largest(differences(a, n)) / Math.max(largest(a.flat()) + largest(n.flat()), TINY);
}

/**
 * Checks backpropagation against the definition of a derivative: for every weight w,
 * (E(w+ε) − E(w−ε)) / 2ε of the lesson's MSE E is compared with backprop's ∂E/∂w. The default
 * ε = 1e-5 balances truncation (≈ ε²·E‴/6) against rounding (≈ 1e-16·E/ε), so a relative error
 * below the default tolerance 1e-7 means backprop is the gradient; a wrong transpose, sign or
 * factor gives errors near 1.
 */
export function gradientCheck(
  x: MatrixLike,
  y: MatrixLike,
  weights1: MatrixLike,
  weights2: MatrixLike,
  options: { epsilon?: number; tolerance?: number } = {},
): GradientCheckReport {
  const epsilon = checkPositive(options.epsilon ?? 1e-5, "gradientCheck: epsilon");
  const tolerance = checkPositive(options.tolerance ?? 1e-7, "gradientCheck: tolerance");
  const xm = matrix(x, "gradientCheck: x");
  const ym = matrix(y, "gradientCheck: y");
  const w1 = matrix(weights1, "gradientCheck: weights1");
  const w2 = matrix(weights2, "gradientCheck: weights2");
  checkNetworkShapes("gradientCheck", shape(xm), shape(w1), shape(w2), shape(ym));

  // any positive rate: only the gradients (the updates before the step) are read
  const step = trainingStep(xm, ym, w1, w2, 1);
  const loss = (a: Matrix, b: Matrix): number =>
    meanSquaredError(trainingStep(xm, ym, a, b, 1).outputLayerOutputs, ym);
  const check = (
    name: "W1" | "W2",
    weights: Matrix,
    update: Matrix,
    lossAt: (w: Matrix) => number,
  ): GradientCheckRow => {
    const backprop = toRows(update);
    const finiteDifferences = centralDifferences(weights, epsilon, lossAt);
    const maxRelativeError = relativeError(backprop, finiteDifferences);
    return {
      matrix: name,
      shape: formatShape(shape(weights)),
      maxRelativeError,
      maxAbsoluteError: largest(differences(backprop, finiteDifferences)),
      passed: maxRelativeError < tolerance,
      backprop,
      finiteDifferences,
    };
  };
  const rows = [
    check("W1", w1, step.weights1Update, (w) => loss(w, w2)),
    check("W2", w2, step.weights2Update, (w) => loss(w1, w)),
  ];
  return { rows, passed: rows.every((r) => r.passed), tolerance, epsilon };
}

/** (f(W + ε·e_ij) − f(W − ε·e_ij)) / 2ε for every element (i, j) of W. */
function centralDifferences(
  weights: Matrix,
  epsilon: number,
  f: (w: Matrix) => number,
): number[][] {
  const base = toRows(weights);
  const shifted = (i: number, j: number, value: number): number => {
    const rows = base.map((row) => row.slice());
    rows[i][j] = value;
    return f(matrix(rows));
  };
  return base.map((row, i) =>
    row.map(
      (value, j) =>
        (shifted(i, j, value + epsilon) - shifted(i, j, value - epsilon)) / (2 * epsilon),
    ),
  );
}

/** relativeError's gradients: equal shapes, element by element. */
function checkGradientShapes(a: Rows, n: Rows): void {
  if (a.length !== n.length || a.some((row, i) => row.length !== n[i].length)) {
    const shapeOf = (m: Rows) => formatShape([m.length, m[0]?.length ?? 0]);
    throw new ShapeError(`relativeError: shapes ${shapeOf(a)} and ${shapeOf(n)} differ`);
  }
}
