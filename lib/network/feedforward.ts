import { dot, type Matrix } from "../linalg";
import { sigmoid } from "./sigmoid";

/** Every intermediate of one forward pass, named as in the tutorial. */
export interface ForwardPass {
  hiddenLayerInputs: Matrix;
  hiddenLayerOutputs: Matrix;
  outputLayerInputs: Matrix;
  outputLayerOutputs: Matrix;
}

/** x → σ(x·W1) → σ(h·W2); no biases, as in the tutorial. */
export function feedforward(x: Matrix, weights1: Matrix, weights2: Matrix): ForwardPass {
  const hiddenLayerInputs = dot(x, weights1, "feedforward: x·weights1");
  const hiddenLayerOutputs = sigmoid(hiddenLayerInputs);
  const outputLayerInputs = dot(hiddenLayerOutputs, weights2, "feedforward: hidden·weights2");
  const outputLayerOutputs = sigmoid(outputLayerInputs);
  return { hiddenLayerInputs, hiddenLayerOutputs, outputLayerInputs, outputLayerOutputs };
}
