import { isMatrix } from "mathjs";
import { matrix, toRows, type MatrixLike, type Rows } from "../linalg/matrix";
import { checkNetworkShapes, checkRows } from "../validation";
import { forwardOutputs } from "./engine";

/**
 * The network's output-layer outputs σ(σ(x·W1)·W2) for each row of x, computed by the training
 * engine's forward pass, e.g. to score a trained run on the test set.
 */
export function predict(x: MatrixLike, weights1: MatrixLike, weights2: MatrixLike): number[][] {
  const names = ["x", "weights1", "weights2"];
  // rows are checked and read as they are; a mathjs matrix is checked, then read out once
  const [rx, r1, r2] = [x, weights1, weights2].map((m, i): Rows => {
    const name = `predict: ${names[i]}`;
    if (isMatrix(m)) return toRows(matrix(m, name));
    checkRows(m, name);
    return m as Rows;
  });
  const shape = (r: Rows): [number, number] => [r.length, r[0].length];
  checkNetworkShapes("predict", shape(rx), shape(r1), shape(r2));
  return forwardOutputs(rx, r1, r2);
}
