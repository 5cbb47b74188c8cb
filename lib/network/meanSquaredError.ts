import { checkSameShape } from "../validation";
import { square, subtract, sum } from "../linalg/elementwise";
import { matrix, size, type MatrixLike } from "../linalg/matrix";

/** The tutorial's loss: E = Σ (prediction − label)² / (2 · labels.size). */
export function meanSquaredError(predictions: MatrixLike, labels: MatrixLike): number {
  const p = matrix(predictions, "meanSquaredError: predictions");
  const l = matrix(labels, "meanSquaredError: labels");
  checkSameShape("meanSquaredError", p, l);
  return sum(square(subtract(p, l))) / (2 * size(l));
}
