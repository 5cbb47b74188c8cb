/**
 * The words of a live training display. Pure: the clock is passed in, so tests can check
 * the throttle and the text without waiting.
 */
import { formatNumber } from "./format";

export interface ProgressState {
  /** Epochs done so far. */
  epoch: number;
  /** Epochs planned. */
  epochs: number;
  /** MSE and accuracy of the latest recorded epoch (absent before the first). */
  mse?: number;
  accuracy?: number;
  /** Wall-clock time since the run started; only interim displays show it. */
  elapsedMs?: number;
}

/** "1.2 s", "2 min 05 s" */
export function formatElapsed(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${String(Math.floor(seconds - 60 * minutes)).padStart(2, "0")} s`;
}

/** "epoch 2500/15000 (17%) · MSE 0.0912345 · accuracy 0.6846 · 1.2 s" */
export function progressLine(state: ProgressState): string {
  const percent = Math.floor((100 * state.epoch) / state.epochs);
  const parts = [`epoch ${state.epoch}/${state.epochs} (${percent}%)`];
  if (state.mse !== undefined) parts.push(`MSE ${formatNumber(state.mse, 6)}`);
  if (state.accuracy !== undefined) parts.push(`accuracy ${state.accuracy.toFixed(4)}`);
  if (state.elapsedMs !== undefined) parts.push(formatElapsed(state.elapsedMs));
  return parts.join(" · ");
}

/** "final (epoch 1000): MSE 0.0938264 · training accuracy 0.6308" — no clock, so reproducible. */
export function finalLine(epochs: number, mse: number, accuracy: number): string {
  return `final (epoch ${epochs}): MSE ${formatNumber(mse, 6)} · training accuracy ${accuracy.toFixed(4)}`;
}

/**
 * Lets an update through at most every `intervalMs` (the first one always): a few redraws a
 * second look live without flooding the notebook with messages.
 */
export class Throttle {
  private last = -Infinity;

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** True (and the clock restarts) when the interval has passed since the last true. */
  ready(): boolean {
    const t = this.now();
    if (t - this.last < this.intervalMs) return false;
    this.last = t;
    return true;
  }
}
