import { DivergenceError } from "../errors";

/**
 * The error for a run whose MSE left the finite numbers: almost always a learning rate so large
 * that the weights overshoot, grow without bound and end as ∞ − ∞ = NaN.
 */
export function divergenceError(
  epoch: number,
  mse: number,
  lastFiniteMse: number | undefined,
  learningRate: number,
): DivergenceError {
  const last =
    lastFiniteMse === undefined
      ? "no finite MSE was recorded before it"
      : `the last finite MSE was ${lastFiniteMse} at epoch ${epoch - 1}`;
  return new DivergenceError(
    `training diverged at epoch ${epoch}: the MSE became ${mse} (${last}); ` +
      `try a smaller learningRate than ${learningRate}`,
  );
}
