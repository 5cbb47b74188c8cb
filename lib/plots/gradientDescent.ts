/**
 * The tutorial's picture of the learning rate: gradient descent on f(x) = x² (f′(x) = 2x),
 * started at x = 5. Each step moves x by −learningRate · f′(x), i.e. x ← (1 − 2·lr) · x, so
 * lr = 0.5 jumps straight to the minimum, small lr crawls, 0.5 < lr < 1 zig-zags inwards and
 * lr > 1 zig-zags outwards (diverges).
 */
import type { TopLevelSpec } from "vega-lite";
import { checkFinite, checkInteger, checkPositive } from "../validation";
import { plural, roundSignificant } from "../format";
import { VEGA_LITE_SCHEMA, type FigureLabels } from "./trainingHistory";

/** f(x) = x², the parabola the steps walk on. */
const parabola = (x: number) => x * x;

export interface DescentPath {
  learningRate: number;
  steps: number;
  /** x₀ … x_steps (steps + 1 values). */
  x: number[];
  /** f(x₀) … f(x_steps). */
  y: number[];
}

/** The most steps a path takes: the figure draws about 100 of them, and a million take moments. */
const MAX_STEPS = 1_000_000;

/** The positions gradient descent visits: x₀ = start, x_{k+1} = x_k − lr · f′(x_k). */
export function gradientDescentPath(learningRate: number, steps: number, start = 5): DescentPath {
  checkPositive(learningRate, "learningRate");
  checkInteger(steps, "steps", 0, MAX_STEPS);
  checkFinite(start, "start");
  const x = [start];
  for (let k = 0; k < steps; k++) x.push(x[k] - learningRate * (2 * x[k]));
  return { learningRate, steps, x, y: x.map(parabola) };
}

/** The parabola drawn under the path: `samples` points over ±(the widest |x| visited, ≥ 5). */
export function parabolaCurve(path: DescentPath, samples = 201): { x: number[]; y: number[] } {
  const reach = Math.max(5, ...path.x.map(Math.abs)) * 1.05;
  const x = Array.from({ length: samples }, (_, i) => -reach + (2 * reach * i) / (samples - 1));
  return { x, y: x.map(parabola) };
}

/** "learning rate 0.2 · 10 steps from x = 5 · ends at x = 0.030233" */
export function describeDescent(path: DescentPath): string {
  const last = path.x[path.x.length - 1];
  return (
    `learning rate ${path.learningRate} · ${plural(path.steps, "step")} ` +
    `from x = ${path.x[0]} · ends at x = ${roundSignificant(last, 6)}`
  );
}

/** "Learning rate 0.2, 10 steps" over the path's description. */
export function descentLabels(path: DescentPath): FigureLabels {
  return {
    title: `Learning rate ${path.learningRate}, ${plural(path.steps, "step")}`,
    caption: [describeDescent(path)],
  };
}

/**
 * Every how many steps a point is drawn: each one up to 100 steps; beyond, about 100 points
 * (1000 overlapping dots would hide the path and bloat the static SVG). The line joins all.
 */
export function markEvery(steps: number): number {
  return Math.max(1, Math.ceil(steps / 100));
}

/**
 * The parabola f(x) = x² with the gradient-descent steps on it (points joined in order), as a
 * Vega-Lite 5 spec titled from the path's own values. Hovering a point shows its step, x, f(x).
 */
export function descentVegaLite(path: DescentPath, interactive = true): TopLevelSpec {
  const { title, caption } = descentLabels(path);
  const curve = parabolaCurve(path);
  const point = (x: number, y: number) => ({ x: roundSignificant(x), y: roundSignificant(y) });
  const x = { field: "x", type: "quantitative" as const, title: "x" };
  const y = { field: "y", type: "quantitative" as const, title: "f(x) = x²" };
  const tooltip = [
    { field: "step", type: "quantitative" as const, title: "step" },
    { field: "x", type: "quantitative" as const, title: "x", format: ".6g" },
    { field: "y", type: "quantitative" as const, title: "f(x)", format: ".6g" },
  ];
  const every = markEvery(path.steps);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: title, subtitle: caption[0], anchor: "start" },
    width: 360,
    height: 240,
    datasets: {
      curve: curve.x.map((cx, i) => point(cx, curve.y[i])),
      steps: path.x.map((px, step) => ({ step, ...point(px, path.y[step]) })),
    },
    layer: [
      {
        data: { name: "curve" },
        mark: { type: "line", color: "#9e9e9e", strokeWidth: 1.5 },
        encoding: { x, y },
      },
      {
        data: { name: "steps" },
        mark: { type: "line", color: "#d62728", strokeWidth: 1 },
        encoding: { x, y, order: { field: "step", type: "quantitative" } },
      },
      {
        data: { name: "steps" },
        transform: [{ filter: `datum.step % ${every} === 0 || datum.step === ${path.steps}` }],
        mark: { type: "point", filled: true, size: 40, color: "#d62728", opacity: 1 },
        encoding: { x, y, ...(interactive ? { tooltip } : {}) },
      },
    ],
    config: { font: "sans-serif" },
  };
}
