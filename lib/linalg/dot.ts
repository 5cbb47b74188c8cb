import type { Matrix } from "mathjs";
import { ShapeError } from "../errors";
import { math } from "./math";
import { formatShape, shapeOf } from "./shape";

/**
 * Matrix product a·b (NumPy's `np.dot` for 2-D arrays); inner dimensions must agree.
 * `operation` names the product in errors, e.g. "feedforward: x·weights1".
 */
export function dot(a: Matrix, b: Matrix, operation = "dot"): Matrix {
  const sa = shapeOf(a, `${operation}: left operand`);
  const sb = shapeOf(b, `${operation}: right operand`);
  if (sa[1] !== sb[0]) {
    throw new ShapeError(
      `${operation}: cannot multiply ${formatShape(sa)} by ${formatShape(sb)}: ` +
        `inner dimensions ${sa[1]} and ${sb[0]} differ`,
    );
  }
  return math.multiply(a, b);
}
