import { mapElements, type Matrix } from "../linalg";

/** σ(z) = 1 / (1 + e^(−z)) for one number. */
export function sigmoidScalar(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** σ applied element by element. */
export function sigmoid(z: Matrix): Matrix {
  return mapElements(z, sigmoidScalar);
}

/**
 * σ′ expressed through the sigmoid's own output a = σ(z): σ′(z) = a ∘ (1 − a).
 * Backpropagation has a at hand from the forward pass, so z is never needed again.
 */
export function sigmoidDerivativeFromOutput(a: Matrix): Matrix {
  return mapElements(a, (v) => v * (1 - v));
}
