/**
 * Figures of a finished (or running) training run, named so that a screenshot explains itself:
 * the title, then split · seed · learning rate · epochs · hidden nodes, then the final numbers.
 */
import {
  describeRun,
  trainingHistoryPlotly,
  trainingHistoryVegaLite,
  type HistoryFigureOptions,
  type MetricHistory,
} from "../plots";
import type { MimeBundle } from "./bundle";
import { plotlyBundle, vegaLiteBundle } from "./plotBundles";
import { finalLine } from "./progress";

/** What a figure needs from a TrainingRun (lib/train's TrainingRun has all of it). */
export interface PlottableRun {
  options: { seed: number; learningRate: number; epochs: number; nHidden: number };
  history: MetricHistory;
  finalMse: number;
  finalAccuracy: number;
}

export type PlotLibrary = "vega-lite" | "plotly" | "both";

export interface PlotRunOptions {
  /** Headline, e.g. "Attempt 3: 15 000 epochs" (default "Training"). */
  title?: string;
  /** The train/test split's random_state, shown in the caption. */
  split?: number | string;
  /** Which interactive figure(s) to show (default "plotly"). */
  library?: PlotLibrary;
}

/** Title, caption lines and x extent for the figures of `run`. */
export function historyFigureOptions(
  run: PlottableRun,
  options: PlotRunOptions,
  extraLine?: string,
): HistoryFigureOptions {
  const { seed, learningRate, epochs, nHidden } = run.options;
  return {
    title: options.title ?? "Training",
    caption: [
      describeRun({ split: options.split, seed, learningRate, epochs, nHidden }),
      extraLine ?? finalLine(run.history.mse.length, run.finalMse, run.finalAccuracy),
    ],
    epochs,
  };
}

/** The text/plain part: the same three lines as the figure's title and caption. */
function captionText(figure: HistoryFigureOptions): string {
  return [figure.title, ...figure.caption].join("\n");
}

/** Vega-Lite bundle of the run's MSE and accuracy, side by side. */
export async function historyVegaLiteBundle(
  run: PlottableRun,
  options: PlotRunOptions = {},
): Promise<MimeBundle> {
  const figure = historyFigureOptions(run, options);
  return vegaLiteBundle(
    trainingHistoryVegaLite(run.history, figure),
    trainingHistoryVegaLite(run.history, { ...figure, interactive: false }),
    captionText(figure),
  );
}

/** Plotly bundle of the run's MSE and accuracy, side by side. */
export async function historyPlotlyBundle(
  run: PlottableRun,
  options: PlotRunOptions = {},
): Promise<MimeBundle> {
  const figure = historyFigureOptions(run, options);
  return plotlyBundle(
    trainingHistoryPlotly(run.history, figure),
    trainingHistoryVegaLite(run.history, { ...figure, interactive: false }),
    captionText(figure),
  );
}

/** The bundles `plotTrainingHistory` shows, in order. */
export async function historyBundles(
  run: PlottableRun,
  options: PlotRunOptions = {},
): Promise<MimeBundle[]> {
  const library = options.library ?? "plotly";
  const bundles: MimeBundle[] = [];
  if (library === "plotly" || library === "both")
    bundles.push(await historyPlotlyBundle(run, options));
  if (library === "vega-lite" || library === "both") {
    bundles.push(await historyVegaLiteBundle(run, options));
  }
  return bundles;
}
