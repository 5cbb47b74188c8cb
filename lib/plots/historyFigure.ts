/**
 * What the MSE/accuracy figures of a training run need besides the numbers themselves.
 * Shared by the Vega-Lite and Plotly builders so both draw the same figure.
 */

/** The per-epoch metrics of a run (index 0 = epoch 1), as recorded by lib/train. */
export interface MetricHistory {
  readonly mse: readonly number[];
  readonly accuracy: readonly number[];
}

export interface HistoryFigureOptions {
  /** Headline, e.g. "Attempt 1: 1000 epochs". */
  title: string;
  /**
   * Line(s) under the title naming the run (see describeRun): split, seed, learning rate,
   * epochs; during training a second line with the progress.
   */
  caption: string | readonly string[];
  /** The run's planned number of epochs: the x axis always spans 0…epochs, also mid-run. */
  epochs: number;
  /** At most this many points per metric (min/max per bucket, see plotSeries). */
  maxPoints?: number;
  /**
   * Hover tooltips and zoom/pan (default true). Static renderings (SVG) leave them out: they
   * only add invisible marks there.
   */
  interactive?: boolean;
}

/** Panel size in pixels (each of the two side-by-side charts). */
export const PANEL_WIDTH = 340;
export const PANEL_HEIGHT = 220;
