import { DivergenceError } from "../errors";

/**
 * The error for a run whose MSE left the finite numbers. After some epochs that means the
 * weights overshot and grew without bound (a learning rate too large); at epoch 1 no update has
 * happened yet, so the data itself is out of range (e.g. targets so large their squares overflow).
 */
export function divergenceError(
  epoch: number,
  mse: number,
  lastFiniteMse: number | undefined,
  learningRate: number,
): DivergenceError {
  const where = `training diverged at epoch ${epoch}: the MSE became ${mse}`;
  if (lastFiniteMse === undefined) {
    return new DivergenceError(
      `${where} before any weight update; check that x and y hold finite, reasonably scaled ` +
        `numbers (y one-hot) — if they do, try a smaller learningRate than ${learningRate}`,
    );
  }
  return new DivergenceError(
    `${where} (the last finite MSE was ${lastFiniteMse} at epoch ${epoch - 1}); ` +
      `try a smaller learningRate than ${learningRate}`,
  );
}
