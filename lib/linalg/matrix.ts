import { isMatrix, type Matrix } from "mathjs";
import { checkMatrix, checkRows, type Rows } from "../checks";
import { math } from "./math";

export type { Matrix, Rows };

/** What the operations accept: a mathjs matrix, or rows of numbers (`[[1, 2], [3, 4]]`). */
export type MatrixLike = Matrix | Rows;

/**
 * Rows of numbers as a dense mathjs matrix of datatype "number" (mathjs then takes its
 * number-only paths). Rejects ragged rows and non-finite values, naming where they are.
 */
export function matrix(rows: MatrixLike, name = "matrix"): Matrix {
  if (isMatrix(rows)) {
    checkMatrix(rows, name);
    return rows;
  }
  checkRows(rows, name);
  return math.matrix(
    (rows as Rows).map((row) => row.slice()),
    "dense",
    "number",
  );
}

/** The rows of a matrix as plain nested arrays (a copy). */
export function toRows(m: MatrixLike): number[][] {
  return (matrix(m).valueOf() as number[][]).map((row) => row.slice());
}

/** (rows, columns), NumPy's `.shape` of a 2-D array. */
export function shape(m: MatrixLike, name = "shape"): [number, number] {
  return isMatrix(m) ? checkMatrix(m, name) : checkRows(m, name);
}

/** Number of elements, NumPy's `.size` (rows × columns). */
export function size(m: MatrixLike): number {
  const [rows, cols] = shape(m, "size");
  return rows * cols;
}

/**
 * DenseMatrix.map with mathjs's third argument `isUnary = true`: the callback then gets the
 * value only (mathjs's typings omit that argument). Without it mathjs also passes the index,
 * which silently breaks functions such as `Math.round(value, index)`.
 */
type UnaryMap = (f: (value: number) => number, skipZeros: boolean, isUnary: boolean) => Matrix;
export function mapValues(a: Matrix, f: (value: number) => number): Matrix {
  return (a.map as unknown as UnaryMap).call(a, f, false, true);
}
