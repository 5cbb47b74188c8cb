/**
 * Notebook-facing plot functions: each call adds its figure(s) to the cell's output.
 */
import { descentPlotly, descentVegaLite, describeDescent, gradientDescentPath } from "../plots";
import { sendBundle } from "./bundle";
import { plotlyBundle, vegaLiteBundle } from "./plotBundles";
import {
  historyBundles,
  type PlotLibrary,
  type PlotRunOptions,
  type PlottableRun,
} from "./plotHistory";

/**
 * MSE and accuracy per epoch side by side — the tutorial's plot cell. Plotly by default
 * (hover for epoch and value, drag to zoom, double-click to reset).
 */
export async function plotTrainingHistory(
  run: PlottableRun,
  options: PlotRunOptions = {},
): Promise<void> {
  for (const bundle of await historyBundles(run, options)) sendBundle(bundle);
}

export interface DescentPlotOptions {
  /** Headline, e.g. "Learning rate 0.2: about right". */
  title?: string;
  /** Which interactive figure(s) to show (default "vega-lite"). */
  library?: PlotLibrary;
  /** Where gradient descent starts (default 5, as in the tutorial). */
  start?: number;
}

/**
 * Gradient descent on f(x) = x² from x = 5 with the given learning rate, drawn as steps on the
 * parabola. Returns nothing, so the cell shows only the figures (the caption says where it ended).
 */
export async function plotGradientDescent(
  learningRate: number,
  steps: number,
  options: DescentPlotOptions = {},
): Promise<void> {
  const path = gradientDescentPath(learningRate, steps, options.start);
  const title = options.title ?? `Learning rate ${learningRate}, ${steps} steps`;
  const figure = { title };
  const staticSpec = descentVegaLite(path, { ...figure, interactive: false });
  const caption = `${title}\n${describeDescent(path)}`;
  const library = options.library ?? "vega-lite";
  if (library === "vega-lite" || library === "both") {
    sendBundle(await vegaLiteBundle(descentVegaLite(path, figure), staticSpec, caption));
  }
  if (library === "plotly" || library === "both") {
    sendBundle(await plotlyBundle(descentPlotly(path, figure), staticSpec, caption));
  }
}
