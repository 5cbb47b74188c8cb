import { DEFAULT_MAX_POINTS, plotSeries } from "./downsample";
import { PANEL_HEIGHT, type HistoryFigureOptions, type MetricHistory } from "./historyFigure";
import { PLOTLY_CONFIG, plotlyTitle, type PlotlyFigure } from "./plotlyFigure";
import { checkHistory } from "./trainingHistoryVegaLite";

/**
 * MSE and accuracy per epoch, side by side, as a Plotly figure: hover shows the epoch and the
 * value, dragging zooms, double-click resets. Same points and axes as the Vega-Lite figure.
 */
export function trainingHistoryPlotly(
  history: MetricHistory,
  options: HistoryFigureOptions,
): PlotlyFigure {
  checkHistory(history, options.epochs);
  const maxPoints = options.maxPoints ?? DEFAULT_MAX_POINTS;
  const mse = plotSeries(history.mse, maxPoints);
  const accuracy = plotSeries(history.accuracy, maxPoints);
  const epochRange: [number, number] = [0, options.epochs];
  return {
    data: [
      {
        type: "scatter",
        mode: "lines",
        name: "MSE",
        x: mse.epoch,
        y: mse.value,
        xaxis: "x",
        yaxis: "y",
        hovertemplate: "epoch %{x}<br>MSE %{y:.6g}<extra></extra>",
      },
      {
        type: "scatter",
        mode: "lines",
        name: "accuracy",
        x: accuracy.epoch,
        y: accuracy.value,
        xaxis: "x2",
        yaxis: "y2",
        hovertemplate: "epoch %{x}<br>accuracy %{y:.4f}<extra></extra>",
      },
    ],
    layout: {
      title: plotlyTitle(options.title, options.caption),
      grid: { rows: 1, columns: 2, pattern: "independent" },
      xaxis: { title: { text: "epoch" }, range: epochRange },
      yaxis: { title: { text: "MSE" } },
      xaxis2: { title: { text: "epoch" }, range: epochRange },
      yaxis2: { title: { text: "accuracy" }, range: [0, 1] },
      annotations: [
        panelTitle("Mean squared error", "x domain"),
        panelTitle("Accuracy (training set)", "x2 domain"),
      ],
      showlegend: false,
      // Hovering anywhere above an epoch shows that epoch's value in the panel.
      hovermode: "x",
      height: PANEL_HEIGHT + 215,
      margin: { t: 125, l: 60, r: 20, b: 50 },
    },
    config: PLOTLY_CONFIG,
  };
}

function panelTitle(text: string, xref: "x domain" | "x2 domain") {
  return {
    text,
    xref,
    yref: "paper" as const,
    x: 0.5,
    y: 1,
    yanchor: "bottom" as const,
    showarrow: false,
  };
}
