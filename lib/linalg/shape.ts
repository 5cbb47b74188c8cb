import { isMatrix, type Matrix } from "mathjs";
import { ShapeError } from "../errors";
import { describeValue } from "./describe";

/** (rows, columns) of a 2-D matrix; anything else is a ShapeError. */
export function shapeOf(m: Matrix, name = "matrix"): [number, number] {
  if (!isMatrix(m)) {
    throw new ShapeError(
      `${name}: expected a matrix, got ${describeValue(m)}` +
        (Array.isArray(m) ? "; wrap rows with matrix(rows)" : ""),
    );
  }
  const size = m.size();
  if (size.length !== 2) {
    throw new ShapeError(`${name}: expected a 2-D matrix, got shape (${size.join(",")})`);
  }
  return [size[0], size[1]];
}

/** "(3,4)", the way NumPy prints a shape. */
export function formatShape(shape: readonly number[]): string {
  return `(${shape.join(",")})`;
}

/** Number of elements, like NumPy's `.size` (rows × columns). */
export function sizeOf(m: Matrix): number {
  const [rows, cols] = shapeOf(m);
  return rows * cols;
}

/**
 * Element-wise operations need equal shapes. mathjs would silently broadcast (3,1) with (1,3)
 * to (3,3); here that is an error naming both shapes.
 */
export function assertSameShape(operation: string, a: Matrix, b: Matrix): [number, number] {
  const sa = shapeOf(a, `${operation}: left operand`);
  const sb = shapeOf(b, `${operation}: right operand`);
  if (sa[0] !== sb[0] || sa[1] !== sb[1]) {
    throw new ShapeError(
      `${operation}: shapes ${formatShape(sa)} and ${formatShape(sb)} differ; ` +
        `an element-wise operation needs equal shapes (no broadcasting)`,
    );
  }
  return sa;
}
