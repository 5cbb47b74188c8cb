import { ShapeError } from "../errors";
import { formatShape, type Rows } from "../linalg";
import { forwardOutputs } from "./engine";
import { checkRows } from "./options";

/**
 * The network's output-layer outputs σ(σ(x·W1)·W2) for each row of x, computed by the training
 * engine's kernel (same sums, same sigmoid), e.g. to score a trained run on the test set.
 */
export function predict(x: Rows, weights1: Rows, weights2: Rows): number[][] {
  const [rows, nInput] = checkRows(x, "predict: x");
  const [w1Rows, nHidden] = checkRows(weights1, "predict: weights1");
  const [w2Rows, nOutput] = checkRows(weights2, "predict: weights2");
  if (w1Rows !== nInput) {
    throw new ShapeError(
      `predict: x has shape ${formatShape([rows, nInput])} but weights1 has shape ` +
        `${formatShape([w1Rows, nHidden])}; weights1 needs one row per input column`,
    );
  }
  if (w2Rows !== nHidden) {
    throw new ShapeError(
      `predict: weights1 has shape ${formatShape([w1Rows, nHidden])} but weights2 has shape ` +
        `${formatShape([w2Rows, nOutput])}; weights2 needs one row per hidden unit`,
    );
  }
  return forwardOutputs(x, weights1, weights2);
}
