import { mapValues, matrix, type Matrix, type MatrixLike } from "../linalg/matrix";

/** σ(z) = 1 / (1 + e^(−z)), element by element. */
export function sigmoid(z: MatrixLike): Matrix {
  return mapValues(matrix(z, "sigmoid"), (v) => 1 / (1 + Math.exp(-v)));
}
