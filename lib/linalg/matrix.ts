import {
  addDependencies,
  create,
  dotDivideDependencies,
  dotMultiplyDependencies,
  isMatrix,
  matrixDependencies,
  multiplyDependencies,
  subtractDependencies,
  transposeDependencies,
  type Matrix,
} from "mathjs";
import { checkMatrix, checkRows } from "../validation";

export type { Matrix };

/** A matrix given as rows of numbers, e.g. `[[1, 2], [3, 4]]`. */
export type Rows = readonly (readonly number[])[];

/** What the operations accept: a mathjs matrix, or rows of numbers (`[[1, 2], [3, 4]]`). */
export type MatrixLike = Matrix | Rows;

/** The mathjs the library computes with: only the functions used, plain numbers, dense matrices. */
export const math = create(
  {
    addDependencies,
    dotDivideDependencies,
    dotMultiplyDependencies,
    matrixDependencies,
    multiplyDependencies,
    subtractDependencies,
    transposeDependencies,
  },
  { matrix: "Matrix", number: "number" },
);

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
  const copy = rows.map((row) => row.slice());
  return math.matrix(copy, "dense", "number");
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

/** f applied to every element; f gets the value only (mathjs's `map` would also pass the index). */
export function mapValues(a: Matrix, f: (value: number) => number): Matrix {
  const values = (a.valueOf() as number[][]).map((row) => row.map((value) => f(value)));
  return math.matrix(values, "dense", "number");
}
