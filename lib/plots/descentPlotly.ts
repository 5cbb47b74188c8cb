import { roundSignificant } from "./downsample";
import { describeDescent, markEvery, type DescentFigureOptions } from "./descentVegaLite";
import { parabolaCurve, type DescentPath } from "./gradientDescentPath";
import { PLOTLY_CONFIG, plotlyTitle, type PlotlyFigure } from "./plotlyFigure";

/** The parabola with the gradient-descent steps on it, as an interactive Plotly figure. */
export function descentPlotly(path: DescentPath, options: DescentFigureOptions): PlotlyFigure {
  const curve = parabolaCurve(path);
  const every = markEvery(path.steps);
  const marked = path.x.map((_, k) => k).filter((k) => k % every === 0 || k === path.steps);
  return {
    data: [
      {
        type: "scatter",
        mode: "lines",
        name: "f(x) = x²",
        x: curve.x.map((v) => roundSignificant(v)),
        y: curve.y.map((v) => roundSignificant(v)),
        line: { color: "#9e9e9e", width: 1.5 },
        hoverinfo: "skip",
      },
      {
        type: "scatter",
        mode: "lines",
        name: "path",
        x: path.x.map((v) => roundSignificant(v)),
        y: path.y.map((v) => roundSignificant(v)),
        line: { color: "#d62728", width: 1 },
        hoverinfo: "skip",
      },
      {
        type: "scatter",
        mode: "markers",
        name: "steps",
        x: marked.map((k) => roundSignificant(path.x[k])),
        y: marked.map((k) => roundSignificant(path.y[k])),
        customdata: marked,
        marker: { color: "#d62728", size: 7 },
        hovertemplate: "step %{customdata}<br>x = %{x:.6g}<br>f(x) = %{y:.6g}<extra></extra>",
      },
    ],
    layout: {
      title: plotlyTitle(options.title, options.caption ?? describeDescent(path)),
      xaxis: { title: { text: "x" } },
      yaxis: { title: { text: "f(x) = x²" } },
      showlegend: false,
      hovermode: "closest",
      width: 520,
      height: 380,
      margin: { t: 80, l: 60, r: 20, b: 50 },
    },
    config: PLOTLY_CONFIG,
  };
}
