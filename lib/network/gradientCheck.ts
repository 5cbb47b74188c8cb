import { checkNetworkShapes, checkPositive, formatShape } from "../checks";
import { ShapeError } from "../errors";
import { matrix, shape, toRows, type Matrix, type MatrixLike, type Rows } from "../linalg/matrix";
import { meanSquaredError } from "./meanSquaredError";
import { trainingStep } from "./trainingStep";

/** One line of the gradient-check table: how far backprop is from finite differences for one matrix. */
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

export interface GradientCheckOptions {
  /** Step of the central difference (default 1e-5, see `gradientCheck`). */
  epsilon?: number;
  /** Largest relative error that still passes (default 1e-7). */
  tolerance?: number;
}

/** Below this, |a| + |n| counts as zero: two gradients that are both exactly 0 agree. */
const TINY = 1e-300;

/**
 * Relative error of a gradient estimate n against a (equal shapes):
 * max |a − n| / max(max |a| + max |n|, tiny). It is 0 when the two agree exactly, at most 1,
 * and independent of the gradient's scale. The differences are measured against the largest
 * gradient of the matrix rather than element by element: an element whose true gradient is
 * ≈ 0 (a saturated sigmoid) is pure rounding noise on both sides, and its ratio says nothing.
 */
export function relativeError(a: Rows, n: Rows): number {
  const sa = [a.length, a[0]?.length ?? 0];
  const sn = [n.length, n[0]?.length ?? 0];
  if (sa[0] !== sn[0] || sa[1] !== sn[1] || a.some((row, i) => row.length !== n[i].length)) {
    throw new ShapeError(`relativeError: shapes ${formatShape(sa)} and ${formatShape(sn)} differ`);
  }
  let difference = 0;
  let largestA = 0;
  let largestN = 0;
  a.forEach((row, i) =>
    row.forEach((value, j) => {
      difference = Math.max(difference, Math.abs(value - n[i][j]));
      largestA = Math.max(largestA, Math.abs(value));
      largestN = Math.max(largestN, Math.abs(n[i][j]));
    }),
  );
  // Math.max propagates NaN, and NaN < tolerance is false: a NaN anywhere fails the check.
  return difference / Math.max(largestA + largestN, TINY);
}

/**
 * Checks backpropagation against the definition of a derivative. For every weight w, the
 * loss E = Σ(out − y)²/(2N) (N = y.size, the lesson's MSE) is evaluated at w + ε and w − ε,
 * and (E(w+ε) − E(w−ε)) / 2ε is compared with backprop's ∂E/∂w, matrix by matrix.
 * All in float64. The estimate has two errors: truncation ≈ ε²·E‴/6 and rounding
 * ≈ 1e-16·E/ε; ε = 1e-5 balances them (on Iris: max errors ~1e-10 relative, against
 * ~1e-9 with ε = 1e-6 and ~1e-8 with ε = 1e-4). So a relative error below 1e-7 means
 * backprop is the gradient; a wrong transpose, sign or factor gives errors near 1.
 */
export function gradientCheck(
  x: MatrixLike,
  y: MatrixLike,
  weights1: MatrixLike,
  weights2: MatrixLike,
  options: GradientCheckOptions = {},
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
  const numeric1 = centralDifferences(w1, epsilon, (w) => loss(w, w2));
  const numeric2 = centralDifferences(w2, epsilon, (w) => loss(w1, w));

  const rows = [
    compare("W1", w1, toRows(step.weights1Update), numeric1, tolerance),
    compare("W2", w2, toRows(step.weights2Update), numeric2, tolerance),
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
  return base.map((row, i) =>
    row.map((value, j) => {
      const shifted = (delta: number): number => {
        const rows = base.map((r) => r.slice());
        rows[i][j] = value + delta;
        return f(matrix(rows));
      };
      return (shifted(epsilon) - shifted(-epsilon)) / (2 * epsilon);
    }),
  );
}

function compare(
  name: "W1" | "W2",
  weights: Matrix,
  backprop: number[][],
  finiteDifferences: number[][],
  tolerance: number,
): GradientCheckRow {
  const maxRelativeError = relativeError(backprop, finiteDifferences);
  const differences = backprop.flatMap((row, i) =>
    row.map((a, j) => Math.abs(a - finiteDifferences[i][j])),
  );
  return {
    matrix: name,
    shape: formatShape(shape(weights, name)),
    maxRelativeError,
    maxAbsoluteError: Math.max(...differences),
    passed: maxRelativeError < tolerance,
    backprop,
    finiteDifferences,
  };
}
