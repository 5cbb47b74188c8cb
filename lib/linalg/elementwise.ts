import type { Matrix } from "mathjs";
import { ParameterError } from "../errors";
import { describeValue } from "./describe";
import { math } from "./math";
import { assertSameShape, shapeOf } from "./shape";

/**
 * DenseMatrix.map with mathjs's third argument `isUnary = true`: the callback then gets the
 * value only and mathjs skips building index arrays (its typings omit that argument).
 */
type UnaryMap = (f: (value: number) => number, skipZeros: boolean, isUnary: boolean) => Matrix;
function mapValues(a: Matrix, f: (value: number) => number): Matrix {
  return (a.map as unknown as UnaryMap).call(a, f, false, true);
}

/** a − b, element by element; shapes must be equal. `operation` names it in errors. */
export function subtract(a: Matrix, b: Matrix, operation = "subtract"): Matrix {
  assertSameShape(operation, a, b);
  return math.subtract(a, b);
}

/** a + b, element by element; shapes must be equal. */
export function add(a: Matrix, b: Matrix): Matrix {
  assertSameShape("add", a, b);
  return math.add(a, b);
}

/** a ∘ b, the element-wise (Hadamard) product, NumPy's `a * b`; shapes must be equal. */
export function hadamard(a: Matrix, b: Matrix): Matrix {
  assertSameShape("hadamard", a, b);
  return math.dotMultiply(a, b);
}

/** s · a for a scalar s. */
export function scale(a: Matrix, s: number): Matrix {
  if (typeof s !== "number" || !Number.isFinite(s)) {
    throw new ParameterError(`scale: factor must be a finite number, got ${describeValue(s)}`);
  }
  shapeOf(a, "scale");
  return mapValues(a, (v) => v * s);
}

/** 1 − a, element by element (the `(1 - out)` of the sigmoid derivative). */
export function oneMinus(a: Matrix): Matrix {
  shapeOf(a, "oneMinus");
  return mapValues(a, (v) => 1 - v);
}

/**
 * Applies f to every element. f receives the value only: mathjs's own map also passes the
 * index and the matrix, which silently breaks functions such as Math.round(value, index).
 */
export function mapElements(a: Matrix, f: (value: number) => number): Matrix {
  shapeOf(a, "mapElements");
  // mapValues already calls f with the value alone, so f is passed as is (no wrapper call)
  return mapValues(a, f);
}

/** Aᵀ. */
export function transpose(a: Matrix): Matrix {
  shapeOf(a, "transpose");
  return math.transpose(a);
}

/**
 * Σ of all elements, row by row from the first element: math.sum's order, but a plain loop, as
 * math.sum dispatches a typed `add` per element (about 10× slower on a 130×3 matrix).
 */
export function sum(a: Matrix): number {
  shapeOf(a, "sum");
  let total: number | undefined;
  for (const row of a.valueOf() as number[][]) {
    for (const value of row) total = total === undefined ? value : total + value;
  }
  return total ?? 0;
}
