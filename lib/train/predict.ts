import { checkNetworkShapes, checkRows } from "../checks";
import { matrix, toRows, type MatrixLike } from "../linalg/matrix";
import { forwardOutputs } from "./engine";

/**
 * The network's output-layer outputs σ(σ(x·W1)·W2) for each row of x, computed by the training
 * engine's forward pass, e.g. to score a trained run on the test set.
 */
export function predict(x: MatrixLike, weights1: MatrixLike, weights2: MatrixLike): number[][] {
  const names = ["x", "weights1", "weights2"];
  const rows = [x, weights1, weights2].map((m, i) => toRows(matrix(m, `predict: ${names[i]}`)));
  const [sx, s1, s2] = rows.map((r, i) => checkRows(r, `predict: ${names[i]}`));
  checkNetworkShapes("predict", sx, s1, s2);
  return forwardOutputs(rows[0], rows[1], rows[2]);
}
