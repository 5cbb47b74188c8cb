import { ShapeError } from "../errors";
import { formatShape, type Rows } from "../linalg";
import { fastSigmoid } from "./fastExp";
import { checkRows } from "./options";

/**
 * The network's output-layer outputs σ(σ(x·W1)·W2) for each row of x, computed like the engine
 * (same sums, same sigmoid), e.g. to score a trained run on the test set.
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
  const hidden = new Float64Array(nHidden);
  const outputs: number[][] = [];
  for (let i = 0; i < rows; i++) {
    const xi = x[i];
    for (let k = 0; k < nHidden; k++) {
      let z = xi[0] * weights1[0][k];
      for (let j = 1; j < nInput; j++) z += xi[j] * weights1[j][k];
      hidden[k] = fastSigmoid(z);
    }
    const out: number[] = [];
    for (let o = 0; o < nOutput; o++) {
      let z = hidden[0] * weights2[0][o];
      for (let k = 1; k < nHidden; k++) z += hidden[k] * weights2[k][o];
      out.push(fastSigmoid(z));
    }
    outputs.push(out);
  }
  return outputs;
}
