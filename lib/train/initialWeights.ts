import { toRows } from "../linalg";
import { initWeights } from "../network";
import type { TrainingRunOptions } from "./types";

/**
 * The starting weights of a run, drawn exactly as lib/network's initWeights (RandomState(seed),
 * normal(0, 0.5), W1 then W2), so the engine and the mathjs path start from the same numbers.
 */
export function initialWeights(options: TrainingRunOptions): {
  weights1: number[][];
  weights2: number[][];
} {
  const { weights1, weights2 } = initWeights(options, options.seed);
  return { weights1: toRows(weights1), weights2: toRows(weights2) };
}
