/**
 * Run times against problem size on log–log axes (Vega-Lite): one line per method, so a
 * constant speed-up is a constant vertical gap and n³ work a slope of 3.
 */
import type { TopLevelSpec } from "vega-lite";
import { ParameterError } from "../errors";
import { VEGA_LITE_SCHEMA } from "./trainingHistory";

export interface Timing {
  /** what ran, e.g. "plain loops (TypeScript)" */
  method: string;
  /** the matrix size n of an n × n product */
  n: number;
  /** seconds per run */
  seconds: number;
}

export function timingsVegaLite(timings: readonly Timing[], title: string): TopLevelSpec {
  const bad = timings.find((t) => !(t.n > 0 && t.seconds > 0 && Number.isFinite(t.seconds)));
  if (timings.length === 0 || bad) {
    throw new ParameterError(
      `timings: need positive sizes and times (log axes), got ${JSON.stringify(bad ?? [])}`,
    );
  }
  const sizes = timings.map((t) => t.n);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title,
    width: 460,
    height: 300,
    data: { values: timings.map((t) => ({ ...t })) },
    mark: { type: "line", point: true },
    encoding: {
      x: {
        field: "n",
        type: "quantitative",
        scale: { type: "log", nice: false, domain: [Math.min(...sizes), Math.max(...sizes)] },
        title: "matrix size n (n × n)",
      },
      y: {
        field: "seconds",
        type: "quantitative",
        scale: { type: "log" },
        axis: { format: "~e" },
        title: "seconds per product (log scale)",
      },
      color: {
        field: "method",
        type: "nominal",
        title: null,
        legend: { orient: "bottom", columns: 2, labelLimit: 0 },
      },
      tooltip: [
        { field: "method", type: "nominal" },
        { field: "n", type: "quantitative" },
        { field: "seconds", type: "quantitative", format: ".3~e" },
      ],
    },
  };
}
