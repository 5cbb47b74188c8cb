import { dot, hadamard, subtract, transpose, type Matrix } from "../linalg";
import type { ForwardPass } from "./feedforward";
import { sigmoidDerivativeFromOutput } from "./sigmoid";

/** The errors and deltas of both layers, named as in the tutorial. */
export interface BackwardPass {
  outputLayerError: Matrix;
  outputLayerDelta: Matrix;
  hiddenLayerError: Matrix;
  hiddenLayerDelta: Matrix;
}

/**
 * Sends the output error back through the network:
 * δ₂ = (out − y) ∘ out ∘ (1 − out),  δ₁ = (δ₂·W2ᵀ) ∘ h ∘ (1 − h).
 */
export function backpropagate(y: Matrix, forward: ForwardPass, weights2: Matrix): BackwardPass {
  const outputLayerError = subtract(forward.outputLayerOutputs, y, "backpropagate: output − y");
  const outputLayerDelta = hadamard(
    outputLayerError,
    sigmoidDerivativeFromOutput(forward.outputLayerOutputs),
  );
  const hiddenLayerError = dot(
    outputLayerDelta,
    transpose(weights2),
    "backpropagate: outputLayerDelta·weights2ᵀ",
  );
  const hiddenLayerDelta = hadamard(
    hiddenLayerError,
    sigmoidDerivativeFromOutput(forward.hiddenLayerOutputs),
  );
  return { outputLayerError, outputLayerDelta, hiddenLayerError, hiddenLayerDelta };
}
