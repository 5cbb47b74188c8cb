import type { Matrix } from "mathjs";
import { checkInnerDimensions } from "../checks";
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
