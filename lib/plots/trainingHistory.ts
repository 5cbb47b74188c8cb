import type { TopLevelSpec } from "vega-lite";
import { ParameterError } from "../errors";
import { describeValue, plural } from "../format";
import type { TrainingHistory } from "../train/types";
import { DEFAULT_MAX_POINTS, plotSeries } from "./downsample";

/** A figure's headline and the lines under it. */
export interface FigureLabels {
  title: string;
  caption: string[];
}

export interface HistoryFigureOptions {
  /** Headline, e.g. "Attempt 1: 1000 epochs, 2 hidden nodes" (see runLabels). */
  title: string;
  /** Line(s) under the title: the run's settings, then its progress or final numbers. */
  caption: string | readonly string[];
  /** The run's planned number of epochs: the x axis always spans 0…epochs, also mid-run. */
  epochs: number;
  /** At most this many points per metric (min/max per bucket, see plotSeries). */
  maxPoints?: number;
  /** Hover tooltips and zoom/pan (default true); static SVG renderings leave them out. */
  interactive?: boolean;
}

/** What identifies a training run in a figure's labels. */
export interface RunSettings {
  /** The train/test split's random_state (or any label for the split). */
  split?: number | string;
  seed: number;
  learningRate: number;
  epochs: number;
  nHidden: number;
}

/**
 * Title and settings line of a run's figure, computed from the values the run used, so an
 * edited parameter can never leave a stale label: "Attempt 1: 1000 epochs, 2 hidden nodes" and
 * "split 4 · seed 10 · learning rate 0.1 · 1000 epochs · 2 hidden nodes".
 */
export function runLabels(
  run: RunSettings,
  name = "Training",
): { title: string; settings: string } {
  const [epochs, hidden] = [plural(run.epochs, "epoch"), plural(run.nHidden, "hidden node")];
  const parts = [`seed ${run.seed}`, `learning rate ${run.learningRate}`, epochs, hidden];
  if (run.split !== undefined) parts.unshift(`split ${String(run.split)}`);
  return { title: `${name}: ${epochs}, ${hidden}`, settings: parts.join(" · ") };
}

/** The Vega-Lite 5 schema JupyterLab's renderer (vega-lite 5.6.1) understands. */
export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

const PANELS = {
  // Like matplotlib and Plotly: the MSE axis spans the data (not down to 0).
  mse: { heading: "Mean squared error", label: "MSE", scale: { zero: false }, format: ".6g" },
  accuracy: {
    heading: "Accuracy (training set)",
    label: "accuracy",
    scale: { domain: [0, 1] },
    format: ".4f",
  },
};

const METRICS = ["mse", "accuracy"] as const;

/** One panel: a line of `value` against `epoch`, optionally with hover points and zoom. */
function panel(metric: keyof typeof PANELS, epochs: number, interactive: boolean) {
  const { heading, label, scale, format } = PANELS[metric];
  const x = {
    field: "epoch",
    type: "quantitative" as const,
    title: "epoch",
    scale: { domain: [0, epochs] },
    axis: { tickCount: 5, labelOverlap: true, labelFlush: true },
  };
  const y = { field: "value", type: "quantitative" as const, title: label, scale };
  const zoom = { name: `zoom_${metric}`, select: "interval" as const, bind: "scales" as const };
  const line = {
    mark: { type: "line" as const, strokeWidth: 1.5, clip: true },
    encoding: { x, y },
    ...(interactive ? { params: [zoom] } : {}),
  };
  const hover = {
    params: [
      {
        name: `hover_${metric}`,
        select: {
          type: "point" as const,
          encodings: ["x" as const],
          nearest: true,
          on: "mouseover",
          clear: "mouseout",
        },
      },
    ],
    mark: { type: "point" as const, filled: true, size: 45, clip: true },
    encoding: {
      x,
      y,
      opacity: { condition: { param: `hover_${metric}`, empty: false, value: 1 }, value: 0 },
      tooltip: [
        { field: "epoch", type: "quantitative" as const, title: "epoch" },
        { field: "value", type: "quantitative" as const, title: label, format },
      ],
    },
  };
  return {
    title: heading,
    width: 340,
    height: 220,
    data: { name: metric },
    layer: interactive ? [line, hover] : [line],
  };
}

/**
 * MSE and accuracy per epoch, side by side, as a Vega-Lite 5 spec (a plain JSON object, as the
 * JupyterLab MIME renderer wants). Both panels span epochs 1…`epochs`; accuracy spans 0…1.
 */
export function trainingHistoryVegaLite(
  history: TrainingHistory,
  options: HistoryFigureOptions,
): TopLevelSpec {
  checkHistory(history, options.epochs);
  const interactive = options.interactive ?? true;
  const points = (values: readonly number[]) => {
    const series = plotSeries(values, options.maxPoints ?? DEFAULT_MAX_POINTS);
    return series.epoch.map((epoch, i) => ({ epoch, value: series.value[i] }));
  };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: options.title, subtitle: [options.caption].flat(), anchor: "start" },
    datasets: { mse: points(history.mse), accuracy: points(history.accuracy) },
    hconcat: METRICS.map((metric) => panel(metric, options.epochs, interactive)),
    config: { font: "sans-serif" },
  };
}

/** The metrics (one value each per epoch) and the planned epochs. */
function checkHistory(history: TrainingHistory, epochs: number): void {
  if (!Array.isArray(history?.mse) || !Array.isArray(history?.accuracy)) {
    throw new ParameterError(
      `history must be { mse, accuracy }, one number per epoch each, got ${describeValue(history)}`,
    );
  }
  if (history.mse.length !== history.accuracy.length) {
    throw new ParameterError(
      `history: mse has ${history.mse.length} values but accuracy has ${history.accuracy.length}`,
    );
  }
  if (!Number.isInteger(epochs) || epochs < 1 || history.mse.length > epochs) {
    throw new ParameterError(
      `epochs must be a positive integer ≥ the ${history.mse.length} recorded epochs, got ${String(epochs)}`,
    );
  }
}
