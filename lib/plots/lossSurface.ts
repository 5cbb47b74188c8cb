/**
 * The loss as a landscape: the MSE of part 13's network over two of its weights (the two with
 * the steepest slope), all other weights held at their starting values, with the starting point
 * and the direction of the gradient step drawn on it. Plotly, because turning the surface in 3-D
 * is what shows "downhill"; a Vega-Lite heatmap of the same grid is the static fallback.
 */
import type { Config, Data, Layout } from "plotly.js-dist";
import type { TopLevelSpec } from "vega-lite";
import { checkInteger, checkNetworkShapes, checkPositive } from "../checks";
import { matrix, shape, toRows, type MatrixLike } from "../linalg/matrix";
import { meanSquaredError } from "../network/meanSquaredError";
import { trainingStep } from "../network/trainingStep";
import { roundSignificant } from "./downsample";
import { VEGA_LITE_SCHEMA } from "./trainingHistory";

/** The arguments of `Plotly.react(node, data, layout, config)`. */
export interface PlotlyFigure {
  data: Data[];
  layout: Partial<Layout>;
  config: Partial<Config>;
}

/** One weight of the network: "weights1[2][0]" is W1's row 2, column 0. */
export interface WeightAxis {
  label: string;
  start: number;
  gradient: number;
  values: number[];
}

export interface LossSurface {
  a: WeightAxis;
  b: WeightAxis;
  /** mse[i][j] at a.values[j], b.values[i] (Plotly's z layout: rows follow y) */
  mse: number[][];
  startMse: number;
  learningRate: number;
  /** How much longer than one step the drawn step arrow is, so that it can be seen. */
  arrowScale: number;
}

export interface LossSurfaceOptions {
  /** Half-width of the grid around each starting weight (default 3). */
  radius?: number;
  /** Grid points per axis (default 41). */
  points?: number;
}

/** The loss over the two steepest weights around the current ones (see the module comment). */
export function lossSurface(
  x: MatrixLike,
  y: MatrixLike,
  weights1: MatrixLike,
  weights2: MatrixLike,
  learningRate: number,
  options: LossSurfaceOptions = {},
): LossSurface {
  const radius = checkPositive(options.radius ?? 3, "lossSurface: radius");
  const points = checkInteger(options.points ?? 41, "lossSurface: points", 3);
  const xm = matrix(x, "lossSurface: x");
  const ym = matrix(y, "lossSurface: y");
  const w = [toRows(weights1), toRows(weights2)];
  checkNetworkShapes("lossSurface", shape(xm), shape(w[0]), shape(w[1]), shape(ym));
  const step = trainingStep(xm, ym, w[0], w[1], learningRate);
  const gradients = [toRows(step.weights1Update), toRows(step.weights2Update)];
  const all = gradients.flatMap((g, m) =>
    g.flatMap((row, i) => row.map((v, j) => ({ m, i, j, v }))),
  );
  all.sort((p, q) => Math.abs(q.v) - Math.abs(p.v));
  const axis = ({ m, i, j, v }: (typeof all)[number]): WeightAxis => {
    const start = w[m][i][j];
    const values = Array.from(
      { length: points },
      (_, k) => start - radius + (2 * radius * k) / (points - 1),
    );
    return { label: `weights${m + 1}[${i}][${j}]`, start, gradient: v, values };
  };
  const [pa, pb] = [all[0], all[1]];
  const a = axis(pa);
  const b = axis(pb);
  const loss = (va: number, vb: number): number => {
    const trial = w.map((rows) => rows.map((row) => row.slice()));
    trial[pa.m][pa.i][pa.j] = va;
    trial[pb.m][pb.i][pb.j] = vb;
    return meanSquaredError(
      trainingStep(xm, ym, trial[0], trial[1], learningRate).outputLayerOutputs,
      ym,
    );
  };
  const mse = b.values.map((vb) => a.values.map((va) => loss(va, vb)));
  const stepLength = learningRate * Math.hypot(a.gradient, b.gradient);
  const arrowScale = stepLength > 0 ? Math.max(1, (0.25 * radius) / stepLength) : 1;
  return { a, b, mse, startMse: loss(a.start, b.start), learningRate, arrowScale };
}

function arrowEnd(s: LossSurface): [number, number] {
  const k = s.learningRate * s.arrowScale;
  return [s.a.start - k * s.a.gradient, s.b.start - k * s.b.gradient];
}

/** "the step −η·∇E, drawn 1200× longer" */
function stepLabel(s: LossSurface): string {
  const scale = roundSignificant(s.arrowScale, 2);
  return scale > 1 ? `gradient step −η·∇E, drawn ${scale}× longer` : "gradient step −η·∇E";
}

/** Title and caption from the surface's own values. */
export function lossSurfaceLabels(s: LossSurface): { title: string; caption: string } {
  return {
    title: `The MSE over ${s.a.label} and ${s.b.label}`,
    caption:
      `other weights fixed · start MSE ${roundSignificant(s.startMse, 6)} · ` +
      `learning rate ${s.learningRate} · ${stepLabel(s)}`,
  };
}

/** The surface in 3-D with the starting point and the step on it. */
export function lossSurfacePlotly(s: LossSurface): PlotlyFigure {
  const { title, caption } = lossSurfaceLabels(s);
  const round = (v: number) => roundSignificant(v, 6);
  const [endA, endB] = arrowEnd(s);
  return {
    data: [
      {
        type: "surface",
        x: s.a.values.map(round),
        y: s.b.values.map(round),
        z: s.mse.map((row) => row.map(round)),
        colorscale: "Viridis",
        opacity: 0.9,
        colorbar: { title: { text: "MSE" } },
        hovertemplate: `${s.a.label} %{x}<br>${s.b.label} %{y}<br>MSE %{z}<extra></extra>`,
      },
      {
        type: "scatter3d",
        mode: "lines+markers",
        name: stepLabel(s),
        x: [round(s.a.start), round(endA)],
        y: [round(s.b.start), round(endB)],
        z: [round(s.startMse), round(s.startMse)],
        line: { color: "#d62728", width: 6 },
        marker: { size: [6, 2], color: "#d62728" },
      },
    ],
    layout: {
      title: { text: `${title}<br><sub>${caption}</sub>`, x: 0.02, xanchor: "left" },
      width: 720,
      height: 560,
      showlegend: true,
      legend: { x: 0, y: 0 },
      scene: {
        xaxis: { title: { text: s.a.label } },
        yaxis: { title: { text: s.b.label } },
        zaxis: { title: { text: "MSE" } },
      },
      margin: { l: 0, r: 0, t: 60, b: 0 },
    },
    config: { responsive: true, displaylogo: false, showSendToCloud: false },
  };
}

/** The same grid as a heatmap with the step as an arrow: the static fallback (SVG). */
export function lossSurfaceVegaLite(s: LossSurface): TopLevelSpec {
  const { title, caption } = lossSurfaceLabels(s);
  // every other grid point: the SVG stays light, the picture the same
  const cells = s.mse.flatMap((row, i) =>
    row.flatMap((mse, j) =>
      i % 2 || j % 2
        ? []
        : [
            {
              a: roundSignificant(s.a.values[j], 6),
              b: roundSignificant(s.b.values[i], 6),
              mse: roundSignificant(mse, 6),
            },
          ],
    ),
  );
  const [endA, endB] = arrowEnd(s);
  const a = { field: "a", type: "quantitative" as const, title: s.a.label };
  const b = { field: "b", type: "quantitative" as const, title: s.b.label };
  const halfA = s.a.values[1] - s.a.values[0];
  const halfB = s.b.values[1] - s.b.values[0];
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: title, subtitle: caption, anchor: "start" },
    width: 360,
    height: 320,
    layer: [
      {
        data: { values: cells },
        transform: [
          { calculate: `datum.a - ${halfA}`, as: "a1" },
          { calculate: `datum.a + ${halfA}`, as: "a2" },
          { calculate: `datum.b - ${halfB}`, as: "b1" },
          { calculate: `datum.b + ${halfB}`, as: "b2" },
        ],
        mark: { type: "rect" },
        encoding: {
          x: { ...a, field: "a1" },
          x2: { field: "a2" },
          y: { ...b, field: "b1" },
          y2: { field: "b2" },
          color: { field: "mse", type: "quantitative", title: "MSE", scale: { scheme: "viridis" } },
        },
      },
      {
        data: {
          values: [
            { a: roundSignificant(s.a.start, 6), b: roundSignificant(s.b.start, 6) },
            { a: roundSignificant(endA, 6), b: roundSignificant(endB, 6) },
          ],
        },
        mark: { type: "line", color: "#d62728", strokeWidth: 3, point: { color: "#d62728" } },
        encoding: { x: a, y: b },
      },
    ],
    config: { font: "sans-serif" },
  };
}
