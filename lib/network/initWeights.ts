import { checkElementCount, checkInteger } from "../validation";
import { matrix, type Matrix } from "../linalg/matrix";
import { RandomState } from "../random/RandomState";

/**
 * The tutorial's starting weights: `np.random.seed(seed)`, then W1 (nInput × nHidden) and W2
 * (nHidden × nOutput) drawn in that order from a normal distribution N(0, 0.5²).
 */
export function initWeights(
  sizes: { nInput: number; nHidden: number; nOutput: number },
  seed: number,
): { weights1: Matrix; weights2: Matrix } {
  const nInput = checkInteger(sizes?.nInput, "nInput");
  const nHidden = checkInteger(sizes?.nHidden, "nHidden");
  const nOutput = checkInteger(sizes?.nOutput, "nOutput");
  checkElementCount(nInput, nHidden, `weights1 (nInput = ${nInput}, nHidden = ${nHidden})`);
  checkElementCount(nHidden, nOutput, `weights2 (nHidden = ${nHidden}, nOutput = ${nOutput})`);
  const random = new RandomState(seed);
  const weights1 = matrix(random.normal(0, 0.5, [nInput, nHidden]), "weights1");
  const weights2 = matrix(random.normal(0, 0.5, [nHidden, nOutput]), "weights2");
  return { weights1, weights2 };
}
