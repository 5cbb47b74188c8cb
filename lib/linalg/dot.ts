import type { Matrix } from "mathjs";
import { ShapeError } from "../errors";
import { formatShape } from "../format";
import { math, matrix, shape, type MatrixLike } from "./matrix";

/** The matrix product a·b, NumPy's `np.dot` of 2-D arrays; inner dimensions must agree. */
export function dot(a: MatrixLike, b: MatrixLike): Matrix {
  checkInnerDimensions(shape(a, "dot: left operand"), shape(b, "dot: right operand"));
  return math.multiply(matrix(a), matrix(b));
}

/** Aᵀ, NumPy's `a.T`. */
export function transpose(a: MatrixLike): Matrix {
  return math.transpose(matrix(a, "transpose"));
}

/** a's columns must match b's rows. */
function checkInnerDimensions(a: readonly number[], b: readonly number[]): void {
  if (a[1] !== b[0]) {
    throw new ShapeError(
      `dot: cannot multiply ${formatShape(a)} by ${formatShape(b)}: ` +
        `inner dimensions ${a[1]} and ${b[0]} differ`,
    );
  }
}
