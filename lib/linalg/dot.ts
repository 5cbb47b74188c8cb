import type { Matrix } from "mathjs";
import { formatShape } from "../checks";
import { ShapeError } from "../errors";
import { math, matrix, shape, type MatrixLike } from "./matrix";

/** The matrix product a·b, NumPy's `np.dot` of 2-D arrays; inner dimensions must agree. */
export function dot(a: MatrixLike, b: MatrixLike): Matrix {
  const sa = shape(a, "dot: left operand");
  const sb = shape(b, "dot: right operand");
  if (sa[1] !== sb[0]) {
    throw new ShapeError(
      `dot: cannot multiply ${formatShape(sa)} by ${formatShape(sb)}: ` +
        `inner dimensions ${sa[1]} and ${sb[0]} differ`,
    );
  }
  return math.multiply(matrix(a), matrix(b));
}

/** Aᵀ, NumPy's `a.T`. */
export function transpose(a: MatrixLike): Matrix {
  return math.transpose(matrix(a, "transpose"));
}
