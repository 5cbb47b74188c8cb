import { ShapeError } from "../errors";
import { formatShape } from "../format";
import { checkNetworkShapes, checkPositive } from "../validation";
import { matrix, shape, toRows, type Matrix, type MatrixLike, type Rows } from "../linalg/matrix";
import { RandomState } from "../random/RandomState";
import { createEngineState, lossWithWeights, releaseEngineState } from "./engine";
import { trainingStep } from "../network/trainingStep";

/** One line of the gradient-check table: how far backprop is from finite differences. */
export interface GradientCheckRow {
  /** "W1" (input → hidden) or "W2" (hidden → output). */
  matrix: "W1" | "W2";
  /** The matrix's shape as NumPy prints it, e.g. "(4,2)". */
  shape: string;
  /** How many of its weights were checked: all of them, or a seeded random sample. */
  checked: number;
  /** How many weights the matrix has. */
  weights: number;
  /** max |backprop − fin. diff.| / (max |backprop| + max |fin. diff.|) over the checked weights. */
  maxRelativeError: number;
  /** max |backprop − finite difference| over the checked weights. */
  maxAbsoluteError: number;
  /** maxRelativeError < tolerance. */
  passed: boolean;
  /** ∂E/∂W as backpropagation computes it (the weight update of the lesson), every weight. */
  backprop: number[][];
  /** ∂E/∂W estimated by central finite differences of the loss; NaN where not checked. */
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

/** Above this many weights a matrix is checked on this many, chosen at random (seeded). */
export const MAX_CHECKED = 200;
/** The sample's seed: the same network is always checked on the same weights. */
const SAMPLE_SEED = 0;

/** Below this, |a| + |n| counts as zero: two gradients that are both exactly 0 agree. */
const TINY = 1e-300;

/** max |v| (0 for none); NaN anywhere gives NaN. */
const largest = (values: number[]): number => values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

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
 * `count` distinct positions out of 0…n−1 in ascending order: all of them when count ≥ n, else
 * Floyd's sample drawn from a seeded generator (count draws, whatever n).
 */
export function samplePositions(n: number, count: number, seed = SAMPLE_SEED): number[] {
  if (count >= n) return Array.from({ length: n }, (_, i) => i);
  const random = new RandomState(seed);
  const chosen = new Set<number>();
  for (let j = n - count; j < n; j++) {
    const t = random.randomInterval(j);
    chosen.add(chosen.has(t) ? j : t);
  }
  return [...chosen].sort((a, b) => a - b);
}

/**
 * Checks backpropagation against the definition of a derivative: for each weight w,
 * (E(w+ε) − E(w−ε)) / 2ε of the lesson's MSE E is compared with backprop's ∂E/∂w. The default
 * ε = 1e-5 balances truncation (≈ ε²·E‴/6) against rounding (≈ 1e-16·E/ε), so a relative error
 * below the default tolerance 1e-7 means backprop is the gradient; a wrong transpose, sign or
 * factor gives errors near 1. The losses come from the training engine's forward pass; a
 * matrix of more than MAX_CHECKED weights is checked on a seeded random sample of that many,
 * so the check takes about as long for a wide network as for a small one.
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
  const yRows = toRows(ym);
  const engine = createEngineState(toRows(xm), yRows, toRows(w1), toRows(w2));
  const check = (name: "W1" | "W2", weights: Matrix, update: Matrix): GradientCheckRow => {
    const layer = name === "W1" ? 1 : 2;
    const base = toRows(weights);
    const backprop = toRows(update);
    const [rows, cols] = shape(weights);
    const positions = samplePositions(rows * cols, MAX_CHECKED);
    const finiteDifferences = base.map((row) => row.map(() => NaN));
    const checkedBackprop: number[][] = [[]];
    const checkedDifferences: number[][] = [[]];
    for (const position of positions) {
      const [i, j] = [Math.floor(position / cols), position % cols];
      const lossAt = (value: number) => lossWithWeights(engine, yRows, [{ layer, i, j, value }]);
      const value = base[i][j];
      finiteDifferences[i][j] = (lossAt(value + epsilon) - lossAt(value - epsilon)) / (2 * epsilon);
      checkedBackprop[0].push(backprop[i][j]);
      checkedDifferences[0].push(finiteDifferences[i][j]);
    }
    const maxRelativeError = relativeError(checkedBackprop, checkedDifferences);
    return {
      matrix: name,
      shape: formatShape([rows, cols]),
      checked: positions.length,
      weights: rows * cols,
      maxRelativeError,
      maxAbsoluteError: largest(differences(checkedBackprop, checkedDifferences)),
      passed: maxRelativeError < tolerance,
      backprop,
      finiteDifferences,
    };
  };
  const rows = [check("W1", w1, step.weights1Update), check("W2", w2, step.weights2Update)];
  releaseEngineState(engine);
  return { rows, passed: rows.every((r) => r.passed), tolerance, epsilon };
}

/** relativeError's gradients: equal shapes, element by element. */
function checkGradientShapes(a: Rows, n: Rows): void {
  if (a.length !== n.length || a.some((row, i) => row.length !== n[i].length)) {
    const shapeOf = (m: Rows) => formatShape([m.length, m[0]?.length ?? 0]);
    throw new ShapeError(`relativeError: shapes ${shapeOf(a)} and ${shapeOf(n)} differ`);
  }
}
