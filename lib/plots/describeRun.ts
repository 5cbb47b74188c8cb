/**
 * The words under every figure. A screenshot of a chart should say which run it shows: the
 * train/test split, the weights' seed, the learning rate, the epochs and the hidden nodes.
 */

/** What identifies a training run in a caption. */
export interface RunDescription {
  /** The split's random_state (or any label for the split). */
  split?: number | string;
  seed: number;
  learningRate: number;
  epochs: number;
  nHidden: number;
}

/** "split 4 · seed 10 · learning rate 0.1 · 1000 epochs · 2 hidden nodes" */
export function describeRun(run: RunDescription): string {
  const parts = [
    run.split === undefined ? undefined : `split ${String(run.split)}`,
    `seed ${run.seed}`,
    `learning rate ${run.learningRate}`,
    `${run.epochs} epoch${run.epochs === 1 ? "" : "s"}`,
    `${run.nHidden} hidden node${run.nHidden === 1 ? "" : "s"}`,
  ];
  return parts.filter((p): p is string => p !== undefined).join(" · ");
}
