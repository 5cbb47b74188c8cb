/**
 * The loss as a landscape: the MSE of part 13's network over the two weights with the steepest
 * slope, every other weight held where it is, with the gradient step drawn on the surface.
 * Plotly, because turning the surface in 3-D is what shows "downhill"; a Vega-Lite heatmap of
 * the same grid is the static fallback for viewers without JavaScript.
 */
import type { Config, Data, Layout } from "plotly.js-dist";
import type { TopLevelSpec } from "vega-lite";
import { checkInteger, checkNetworkShapes, checkPositive } from "../validation";
import { matrix, shape, toRows, type MatrixLike } from "../linalg/matrix";
import { trainingStep } from "../network/trainingStep";
import { createEngineState, lossWithWeights, releaseEngineState } from "../train/engine";
import { roundSignificant } from "../format";
import { VEGA_LITE_SCHEMA, type FigureLabels } from "./trainingHistory";

/** The arguments of `Plotly.react(node, data, layout, config)`. */
export interface PlotlyFigure {
  data: Data[];
  layout: Partial<Layout>;
  config: Partial<Config>;
}

/** One weight of the network as an axis: "weights1[2][0]" is W1's row 2, column 0. */
export interface WeightAxis {
  label: string;
  start: number;
  gradient: number;
  values: number[];
}

export interface LossSurface {
  a: WeightAxis;
  b: WeightAxis;
  /** mse[i][j] at (a.values[j], b.values[i]): Plotly's z layout, rows follow y */
  mse: number[][];
  learningRate: number;
  /** Points along the step −η·∇E from the current weights, on the surface. */
  step: { a: number[]; b: number[]; mse: number[] };
  /** How much longer than one step the drawn step is, so that it can be seen. */
  stepScale: number;
}

export interface LossSurfaceOptions {
  /** Half-width of the grid around each current weight (default 3). */
  radius?: number;
  /** Grid points per axis (default 41). */
  points?: number;
}

/** The MSE on a grid over the two weights with the steepest slope, and the step on it. */
export function lossSurface(
  x: MatrixLike,
  y: MatrixLike,
  weights1: MatrixLike,
  weights2: MatrixLike,
  learningRate: number,
  options: LossSurfaceOptions = {},
): LossSurface {
  const radius = checkPositive(options.radius ?? 3, "lossSurface: radius");
  // a 201 × 201 grid is already finer than the figure shows, and each point is a forward pass
  const points = checkInteger(options.points ?? 41, "lossSurface: points", 3, 201);
  const [xm, ym] = [matrix(x, "lossSurface: x"), matrix(y, "lossSurface: y")];
  const w = [toRows(weights1), toRows(weights2)];
  checkNetworkShapes("lossSurface", shape(xm), shape(w[0]), shape(w[1]), shape(ym));
  const step = trainingStep(xm, ym, w[0], w[1], learningRate);
  const steepest = [step.weights1Update, step.weights2Update]
    .flatMap((g, m) => toRows(g).flatMap((row, i) => row.map((v, j) => ({ m, i, j, v }))))
    .sort((p, q) => Math.abs(q.v) - Math.abs(p.v))
    .slice(0, 2);
  const offsets = Array.from({ length: points }, (_, k) => radius * ((2 * k) / (points - 1) - 1));
  const [a, b] = steepest.map(({ m, i, j, v }): WeightAxis => {
    const start = w[m][i][j];
    const values = offsets.map((offset) => start + offset);
    return { label: `weights${m + 1}[${i}][${j}]`, start, gradient: v, values };
  });
  const yRows = toRows(ym);
  const engine = createEngineState(toRows(xm), yRows, w[0], w[1]);
  // the forward pass only, on the engine that predict uses: a grid point needs no backward pass
  const loss = (va: number, vb: number): number =>
    lossWithWeights(
      engine,
      yRows,
      [va, vb].map((value, n) => {
        const { m, i, j } = steepest[n];
        return { layer: m === 0 ? 1 : 2, i, j, value };
      }),
    );
  const length = learningRate * Math.hypot(a.gradient, b.gradient);
  const stepScale = length > 0 ? Math.max(1, (0.3 * radius) / length) : 1;
  const along = Array.from({ length: 11 }, (_, k) => (k / 10) * learningRate * stepScale);
  const stepA = along.map((t) => a.start - t * a.gradient);
  const stepB = along.map((t) => b.start - t * b.gradient);
  const mse = b.values.map((vb) => a.values.map((va) => loss(va, vb)));
  const stepMse = stepA.map((va, k) => loss(va, stepB[k]));
  releaseEngineState(engine);
  return { a, b, mse, learningRate, step: { a: stepA, b: stepB, mse: stepMse }, stepScale };
}

/** Title and caption lines, from the surface's own values. */
export function lossSurfaceLabels(s: LossSurface): FigureLabels {
  const scale = roundSignificant(s.stepScale, 2);
  return {
    title: `The MSE over ${s.a.label} and ${s.b.label}`,
    caption: [
      `other weights fixed · MSE now ${roundSignificant(s.step.mse[0], 6)} · learning rate ${s.learningRate}`,
      `red: the gradient step −η·∇E${scale > 1 ? `, drawn ${scale}× longer` : ""}`,
    ],
  };
}

const round = (v: number) => roundSignificant(v, 6);

/** The surface in 3-D with the step on it. */
export function lossSurfacePlotly(s: LossSurface): PlotlyFigure {
  const { title, caption } = lossSurfaceLabels(s);
  const [low, high] = [Math.min(...s.mse.flat()), Math.max(...s.mse.flat())];
  // lifted a little, so the surface does not hide the line lying on it
  const lift = 0.01 * (high - low);
  return {
    data: [
      {
        type: "surface",
        x: s.a.values.map(round),
        y: s.b.values.map(round),
        z: s.mse.map((row) => row.map(round)),
        colorscale: "Viridis",
        colorbar: { title: { text: "MSE" } },
        hovertemplate: `${s.a.label} %{x}<br>${s.b.label} %{y}<br>MSE %{z}<extra></extra>`,
      },
      {
        type: "scatter3d",
        mode: "lines+markers",
        name: caption[1].slice(5),
        x: s.step.a.map(round),
        y: s.step.b.map(round),
        z: s.step.mse.map((v) => round(v + lift)),
        line: { color: "#d62728", width: 8 },
        marker: { size: s.step.a.map((_, k) => (k === 0 ? 6 : 2)), color: "#d62728" },
      },
    ],
    layout: {
      title: { text: `${title}<br><sub>${caption.join("<br>")}</sub>`, x: 0.02, xanchor: "left" },
      width: 720,
      height: 560,
      showlegend: true,
      legend: { x: 0, y: 0 },
      scene: {
        // from above, where the step is not hidden behind a fold of the surface
        camera: { eye: { x: 0.9, y: -1.5, z: 1.9 } },
        xaxis: { title: { text: s.a.label } },
        yaxis: { title: { text: s.b.label } },
        zaxis: { title: { text: "MSE" } },
      },
      margin: { l: 0, r: 0, t: 70, b: 0 },
    },
    config: { responsive: true, displaylogo: false, showSendToCloud: false },
  };
}

/** Every other grid point as a heatmap, with the step: the static fallback (SVG). */
export function lossSurfaceVegaLite(s: LossSurface): TopLevelSpec {
  const { title, caption } = lossSurfaceLabels(s);
  const [da, db] = [s.a.values[1] - s.a.values[0], s.b.values[1] - s.b.values[0]];
  const cells = s.mse.flatMap((row, i) =>
    row.flatMap((mse, j) => {
      if (i % 2 || j % 2) return [];
      const [a, b] = [s.a.values[j], s.b.values[i]];
      const [a1, a2, b1, b2] = [a - da, a + da, b - db, b + db].map(round);
      return [{ a1, a2, b1, b2, mse: round(mse) }];
    }),
  );
  const x = { field: "a1", type: "quantitative" as const, title: s.a.label };
  const y = { field: "b1", type: "quantitative" as const, title: s.b.label };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: title, subtitle: caption, anchor: "start" },
    width: 360,
    height: 320,
    layer: [
      {
        data: { values: cells },
        mark: { type: "rect" },
        encoding: {
          x,
          x2: { field: "a2" },
          y,
          y2: { field: "b2" },
          color: { field: "mse", type: "quantitative", title: "MSE", scale: { scheme: "viridis" } },
        },
      },
      {
        data: { values: s.step.a.map((a, k) => ({ a1: round(a), b1: round(s.step.b[k]) })) },
        mark: { type: "line", color: "#d62728", strokeWidth: 3 },
        encoding: { x, y },
      },
    ],
    config: { font: "sans-serif" },
  };
}
