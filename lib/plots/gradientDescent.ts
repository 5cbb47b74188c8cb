/**
 * The tutorial's picture of the learning rate: gradient descent on f(x) = x² (f′(x) = 2x),
 * started at x = 5. Each step moves x by −learningRate · f′(x), i.e. x ← (1 − 2·lr) · x, so
 * lr = 0.5 jumps straight to the minimum, small lr crawls, 0.5 < lr < 1 zig-zags inwards and
 * lr > 1 zig-zags outwards (diverges).
 */
import type { TopLevelSpec } from "vega-lite";
import { checkFinite, checkInteger, checkPositive } from "../checks";
import { roundSignificant } from "./downsample";
import { VEGA_LITE_SCHEMA } from "./trainingHistory";

/** f(x) = x², the parabola the steps walk on. */
export function parabola(x: number): number {
  return x * x;
}

/** f′(x) = 2x. */
export function parabolaSlope(x: number): number {
  return 2 * x;
}

export interface DescentPath {
  learningRate: number;
  steps: number;
  /** x₀ … x_steps (steps + 1 values). */
  x: number[];
  /** f(x₀) … f(x_steps). */
  y: number[];
}

/** The positions gradient descent visits: x₀ = start, x_{k+1} = x_k − lr · f′(x_k). */
export function gradientDescentPath(learningRate: number, steps: number, start = 5): DescentPath {
  checkPositive(learningRate, "learningRate");
  checkInteger(steps, "steps", 0);
  checkFinite(start, "start");
  const x = [start];
  for (let k = 0; k < steps; k++) x.push(x[k] - learningRate * parabolaSlope(x[k]));
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
    `learning rate ${path.learningRate} · ${path.steps} step${path.steps === 1 ? "" : "s"} ` +
    `from x = ${path.x[0]} · ends at x = ${roundSignificant(last, 6)}`
  );
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
  const curve = parabolaCurve(path);
  const steps = path.x.map((x, step) => ({
    step,
    x: roundSignificant(x),
    y: roundSignificant(path.y[step]),
  }));
  const every = markEvery(path.steps);
  const x = { field: "x", type: "quantitative" as const, title: "x" };
  const y = { field: "y", type: "quantitative" as const, title: "f(x) = x²" };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: `Learning rate ${path.learningRate}, ${path.steps} step${path.steps === 1 ? "" : "s"}`,
      subtitle: describeDescent(path),
      anchor: "start",
    },
    width: 360,
    height: 240,
    datasets: {
      curve: curve.x.map((cx, i) => ({ x: roundSignificant(cx), y: roundSignificant(curve.y[i]) })),
      steps,
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
        encoding: {
          x,
          y,
          ...(interactive
            ? {
                tooltip: [
                  { field: "step", type: "quantitative" as const, title: "step" },
                  { field: "x", type: "quantitative" as const, title: "x", format: ".6g" },
                  { field: "y", type: "quantitative" as const, title: "f(x)", format: ".6g" },
                ],
              }
            : {}),
        },
      },
    ],
    config: { font: "sans-serif" },
  };
}
