/**
 * Figures in the notebook. Each output carries an interactive figure (Vega-Lite, or Plotly where
 * turning it teaches; JupyterLab ranks both before SVG), a static SVG drawn in Node for viewers
 * without JavaScript (GitHub, nbconvert), and a text caption. The figure code, and Vega with it,
 * loads at the first figure drawn, not when the library is imported.
 */
import type { TopLevelSpec } from "vega-lite";
import type { lossSurface, PlotlyFigure } from "../plots/lossSurface";
import type { FigureLabels, RunSettings } from "../plots/trainingHistory";
import type { TrainingHistory } from "../train/types";
import { sendBundle, type MimeBundle } from "./kernel";
import { formatAccuracy, formatNumber } from "../format";

/** JupyterLab 4's built-in renderer (vega-lite 5); there is no v6 MIME type. */
export const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";
/** The jupyterlab-plotly renderer from the Python plotly package. */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";
export const SVG_MIME = "image/svg+xml";

/** A figure's text/plain part: its title, then its caption lines. */
export function captionText({ title, caption }: FigureLabels): string {
  return [title, ...caption].join("\n");
}

async function figureBundle(
  mime: string,
  figure: unknown,
  staticSpec: TopLevelSpec,
  caption: string,
): Promise<MimeBundle> {
  const { vegaLiteToSvg } = await import("../plots/renderSvg");
  return { [mime]: figure, [SVG_MIME]: await vegaLiteToSvg(staticSpec), "text/plain": caption };
}

/** A Vega-Lite figure: `spec` for JupyterLab, `staticSpec` (no hover/zoom) as SVG elsewhere. */
export const vegaLiteBundle = (spec: TopLevelSpec, staticSpec: TopLevelSpec, caption: string) =>
  figureBundle(VEGA_LITE_MIME, spec, staticSpec, caption);

/** A Plotly figure; plotly.js needs a browser to draw, so the SVG comes from `staticSpec`. */
export const plotlyBundle = (figure: PlotlyFigure, staticSpec: TopLevelSpec, caption: string) =>
  figureBundle(PLOTLY_MIME, figure, staticSpec, caption);

/** What a training figure says about its run: the values the cell trained with. */
export interface HistoryLabels extends RunSettings {
  /** What the run is called in the title, e.g. "Attempt 3" (default "Training"). */
  name?: string;
}

/** "final (epoch 1000): MSE 0.0938264 · training accuracy 0.6308" */
export function finalLine(history: TrainingHistory): string {
  const epochs = history.mse.length;
  const [mse, accuracy] = [history.mse.at(-1) ?? NaN, history.accuracy.at(-1) ?? NaN];
  return `final (epoch ${epochs}): MSE ${formatNumber(mse, 6)} · training accuracy ${formatAccuracy(accuracy)}`;
}

/** A run's figure from the values it used: title, caption (settings, `status`), epochs planned. */
export async function historyFigure(
  labels: HistoryLabels,
  status: string,
): Promise<FigureLabels & { epochs: number }> {
  const { runLabels } = await import("../plots/trainingHistory");
  const { title, settings } = runLabels(labels, labels.name);
  return { title, caption: [settings, status], epochs: labels.epochs };
}

/** The MSE and the accuracy per epoch, side by side (Vega-Lite). */
export async function trainingHistoryBundle(
  history: TrainingHistory,
  labels: HistoryLabels,
): Promise<MimeBundle> {
  const { trainingHistoryVegaLite } = await import("../plots/trainingHistory");
  const figure = await historyFigure(labels, finalLine(history));
  return vegaLiteBundle(
    trainingHistoryVegaLite(history, figure),
    trainingHistoryVegaLite(history, { ...figure, interactive: false }),
    captionText(figure),
  );
}

/**
 * Shows a history's MSE and accuracy per epoch — the tutorial's plot cell. The labels are the
 * values the cell trained with (seed, learning rate, epochs, hidden nodes, and the split if any).
 */
export async function plotTrainingHistory(
  history: TrainingHistory,
  labels: HistoryLabels,
): Promise<void> {
  sendBundle(await trainingHistoryBundle(history, labels));
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
  const plots = await import("../plots/gradientDescent");
  const path = plots.gradientDescentPath(learningRate, steps, start);
  const caption = captionText(plots.descentLabels(path));
  const [spec, staticSpec] = [plots.descentVegaLite(path), plots.descentVegaLite(path, false)];
  sendBundle(await vegaLiteBundle(spec, staticSpec, caption));
}

/**
 * The MSE over the two weights with the steepest slope, around the current weights, with the
 * gradient step drawn on it: a 3-D surface to turn and hover (Plotly).
 */
export async function plotLossSurface(...args: Parameters<typeof lossSurface>): Promise<void> {
  const plots = await import("../plots/lossSurface");
  const surface = plots.lossSurface(...args);
  const caption = captionText(plots.lossSurfaceLabels(surface));
  const staticSpec = plots.lossSurfaceVegaLite(surface);
  sendBundle(await plotlyBundle(plots.lossSurfacePlotly(surface), staticSpec, caption));
}
