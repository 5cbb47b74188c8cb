/**
 * Figures in the notebook. Each output carries one interactive figure (Vega-Lite, or Plotly
 * where turning it teaches), a static SVG drawn in Node for viewers without JavaScript (GitHub,
 * nbconvert), and a text caption. JupyterLab picks the interactive one: Plotly (rank 2) and
 * Vega-Lite (rank 57) both come before SVG (rank 80). The SVG renderer (Vega) is loaded when
 * the first figure is drawn, not when the library is imported.
 */
import type { TopLevelSpec } from "vega-lite";
import type { MatrixLike } from "../linalg/matrix";
import type { LossSurfaceOptions, PlotlyFigure } from "../plots/lossSurface";
import type { RunSettings } from "../plots/trainingHistory";
import type { TrainingRun } from "../train/types";
import { sendBundle, type MimeBundle } from "./kernel";
import { formatNumber } from "./show";

/** JupyterLab 4's built-in renderer (vega-lite 5); there is no v6 MIME type. */
export const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";
/** The jupyterlab-plotly renderer from the Python plotly package. */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";
export const SVG_MIME = "image/svg+xml";

async function svg(spec: TopLevelSpec): Promise<string> {
  const { vegaLiteToSvg } = await import("../plots/renderSvg");
  return vegaLiteToSvg(spec);
}

/** A Vega-Lite figure: `spec` for JupyterLab, `staticSpec` (no hover/zoom) as SVG elsewhere. */
export async function vegaLiteBundle(
  spec: TopLevelSpec,
  staticSpec: TopLevelSpec,
  caption: string,
): Promise<MimeBundle> {
  return { [VEGA_LITE_MIME]: spec, [SVG_MIME]: await svg(staticSpec), "text/plain": caption };
}

/** A Plotly figure; plotly.js needs a browser to draw, so the SVG comes from `staticSpec`. */
export async function plotlyBundle(
  figure: PlotlyFigure,
  staticSpec: TopLevelSpec,
  caption: string,
): Promise<MimeBundle> {
  return { [PLOTLY_MIME]: figure, [SVG_MIME]: await svg(staticSpec), "text/plain": caption };
}

export interface RunFigureOptions {
  /** What the run is called in the title, e.g. "Attempt 3" (default "Training"). */
  name?: string;
  /** The train/test split's random_state, named in the caption. */
  split?: number | string;
}

/** "final (epoch 1000): MSE 0.0938264 · training accuracy 0.6308" */
export function finalLine(run: TrainingRun): string {
  const epochs = run.history.mse.length;
  return `final (epoch ${epochs}): MSE ${formatNumber(run.finalMse, 6)} · training accuracy ${run.finalAccuracy.toFixed(4)}`;
}

/** Title and caption lines of a run's figure, from the values the run used. */
export async function runFigureLabels(
  run: TrainingRun,
  options: RunFigureOptions,
  status?: string,
): Promise<{ title: string; caption: string[] }> {
  const { runLabels } = await import("../plots/trainingHistory");
  const settings: RunSettings = { ...run.options, split: options.split };
  const { title, settings: line } = runLabels(settings, options.name);
  return { title, caption: [line, status ?? finalLine(run)] };
}

/** The MSE and the accuracy per epoch, side by side (Vega-Lite). */
export async function trainingHistoryBundle(
  run: TrainingRun,
  options: RunFigureOptions = {},
): Promise<MimeBundle> {
  const { trainingHistoryVegaLite } = await import("../plots/trainingHistory");
  const labels = await runFigureLabels(run, options);
  const figure = { ...labels, epochs: run.options.epochs };
  return vegaLiteBundle(
    trainingHistoryVegaLite(run.history, figure),
    trainingHistoryVegaLite(run.history, { ...figure, interactive: false }),
    [labels.title, ...labels.caption].join("\n"),
  );
}

/** Shows a run's MSE and accuracy per epoch — the tutorial's plot cell. */
export async function plotTrainingHistory(
  run: TrainingRun,
  options: RunFigureOptions = {},
): Promise<void> {
  sendBundle(await trainingHistoryBundle(run, options));
}

/**
 * Gradient descent on f(x) = x² from `start` (default 5, as in the tutorial) with the given
 * learning rate, drawn as steps on the parabola. Returns nothing, so the cell shows only the
 * figure; its title and caption come from the path itself.
 */
export async function plotGradientDescent(
  learningRate: number,
  steps: number,
  start = 5,
): Promise<void> {
  const { descentVegaLite, describeDescent, gradientDescentPath } = await import(
    "../plots/gradientDescent"
  );
  const path = gradientDescentPath(learningRate, steps, start);
  const spec = descentVegaLite(path);
  const title = (spec.title as { text: string }).text;
  sendBundle(
    await vegaLiteBundle(spec, descentVegaLite(path, false), `${title}\n${describeDescent(path)}`),
  );
}

/**
 * The MSE over the two weights with the steepest slope, around the current weights, with the
 * gradient step drawn on it: a 3-D surface to turn and hover (Plotly).
 */
export async function plotLossSurface(
  x: MatrixLike,
  y: MatrixLike,
  weights1: MatrixLike,
  weights2: MatrixLike,
  learningRate: number,
  options: LossSurfaceOptions = {},
): Promise<void> {
  const plots = await import("../plots/lossSurface");
  const surface = plots.lossSurface(x, y, weights1, weights2, learningRate, options);
  const { title, caption } = plots.lossSurfaceLabels(surface);
  sendBundle(
    await plotlyBundle(
      plots.lossSurfacePlotly(surface),
      plots.lossSurfaceVegaLite(surface),
      [title, ...caption].join("\n"),
    ),
  );
}
