export { sendBundle, newDisplayId, inKernel } from "./bundle";
export type { MimeBundle, SendOptions } from "./bundle";
export { formatNumber, matrixText, matrixHtml } from "./format";
export { show } from "./show";
export type { Showable } from "./show";
export { showGradientCheck, gradientCheckText } from "./gradientCheck";
export { newDisplay, DisplayHandle, useDisplayWriter } from "./bundle";
export type { DisplayMessage, DisplayWriter } from "./bundle";
export { vegaLiteBundle, plotlyBundle, VEGA_LITE_MIME, PLOTLY_MIME, SVG_MIME } from "./plotBundles";
export {
  historyBundles,
  historyVegaLiteBundle,
  historyPlotlyBundle,
  historyFigureOptions,
} from "./plotHistory";
export type { PlottableRun, PlotLibrary, PlotRunOptions } from "./plotHistory";
export { plotTrainingHistory, plotGradientDescent } from "./plot";
export type { DescentPlotOptions } from "./plot";
export { progressLine, finalLine, formatElapsed, Throttle } from "./progress";
export type { ProgressState } from "./progress";
export { trainLive, nextChunkSize } from "./trainLive";
export type { TrainLiveOptions } from "./trainLive";
export {
  recordRunResults,
  recordedRunResults,
  clearRunResults,
  exportRunResults,
} from "./runResults";
