import { dot, scale, subtract, transpose, type Matrix } from "../linalg";
import { ParameterError } from "../errors";
import { describeValue } from "../linalg/describe";
import type { BackwardPass } from "./backpropagate";
import type { ForwardPass } from "./feedforward";
import { checkLearningRate } from "./parameters";

export interface WeightUpdates {
  weights1Update: Matrix;
  weights2Update: Matrix;
}

/**
 * The gradients of the MSE with respect to each weight matrix:
 * ∂E/∂W2 = hᵀ·δ₂ / N and ∂E/∂W1 = xᵀ·δ₁ / N, with N = y.size as in the tutorial.
 */
export function weightUpdates(
  x: Matrix,
  forward: ForwardPass,
  backward: BackwardPass,
  N: number,
): WeightUpdates {
  if (typeof N !== "number" || !Number.isFinite(N) || N <= 0) {
    throw new ParameterError(`N must be a positive number (y.size), got ${describeValue(N)}`);
  }
  const weights2Update = scale(
    dot(
      transpose(forward.hiddenLayerOutputs),
      backward.outputLayerDelta,
      "weightUpdates: hiddenᵀ·outputLayerDelta",
    ),
    1 / N,
  );
  const weights1Update = scale(
    dot(transpose(x), backward.hiddenLayerDelta, "weightUpdates: xᵀ·hiddenLayerDelta"),
    1 / N,
  );
  return { weights1Update, weights2Update };
}

/** One gradient-descent step: W − η · ∂E/∂W. */
export function gradientStep(weights: Matrix, update: Matrix, learningRate: number): Matrix {
  const step = scale(update, checkLearningRate(learningRate));
  return subtract(weights, step, "gradientStep: weights − learningRate·update");
}
