import { matrix, type Matrix } from "../linalg";
import { RandomState } from "../random";
import { checkPositiveInteger } from "./parameters";

export interface LayerSizes {
  nInput: number;
  nHidden: number;
  nOutput: number;
}

export interface Weights {
  /** input → hidden, shape (nInput, nHidden) */
  weights1: Matrix;
  /** hidden → output, shape (nHidden, nOutput) */
  weights2: Matrix;
}

/**
 * The tutorial's initialisation: `np.random.seed(seed)`, then W1 and W2 drawn in that order
 * from a normal distribution with mean 0 and standard deviation `scale` (0.5).
 */
export function initWeights(sizes: LayerSizes, seed: number, scale = 0.5): Weights {
  const nInput = checkPositiveInteger(sizes.nInput, "nInput");
  const nHidden = checkPositiveInteger(sizes.nHidden, "nHidden");
  const nOutput = checkPositiveInteger(sizes.nOutput, "nOutput");
  const random = new RandomState(seed);
  const weights1 = matrix(random.normal(0, scale, [nInput, nHidden]), "weights1");
  const weights2 = matrix(random.normal(0, scale, [nHidden, nOutput]), "weights2");
  return { weights1, weights2 };
}
