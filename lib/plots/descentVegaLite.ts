import type { TopLevelSpec } from "vega-lite";
import { roundSignificant } from "./downsample";
import { parabolaCurve, type DescentPath } from "./gradientDescentPath";
import { VEGA_LITE_SCHEMA } from "./trainingHistoryVegaLite";

export interface DescentFigureOptions {
  /** Headline, e.g. "Learning rate 0.2: ideal". */
  title: string;
  /** Second line; defaults to "learning rate …, … steps from x = …, ends at x = …". */
  caption?: string;
  /** Hover tooltips (default true); static SVG renderings leave them out. */
  interactive?: boolean;
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
 * Vega-Lite 5 spec. Hovering a point shows the step number, x and f(x).
 */
export function descentVegaLite(path: DescentPath, options: DescentFigureOptions): TopLevelSpec {
  const curve = parabolaCurve(path);
  const interactive = options.interactive ?? true;
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
      text: options.title,
      subtitle: options.caption ?? describeDescent(path),
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
