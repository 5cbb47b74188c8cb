/**
 * A network drawn as the tutorial draws it: one column of nodes per layer, a line for each
 * weight, the weight's value written on its line. Pure Vega-Lite: nodes are points, weights
 * rules, labels text.
 */
import type { TopLevelSpec } from "vega-lite";
import { ParameterError } from "../errors";
import { roundSignificant } from "../format";
import { VEGA_LITE_SCHEMA } from "./trainingHistory";

export interface NetworkDiagram {
  /** Each layer's node labels, input layer first (e.g. [["x1", …], ["h1", "h2"], ["o1", …]]). */
  layers: readonly (readonly string[])[];
  /** Optional: weights[l][i][j] joins node i of layer l to node j of layer l + 1 (W₁, W₂, …). */
  weights?: readonly (readonly (readonly number[])[])[];
  title: string;
}

/** The diagram's shape must match its weights: one (from × to) matrix between each two layers. */
function checkDiagram({ layers, weights }: NetworkDiagram): void {
  if (!Array.isArray(layers) || layers.length < 2 || layers.some((l) => l.length === 0)) {
    throw new ParameterError("network diagram: layers must be two or more non-empty lists");
  }
  if (weights === undefined) return;
  if (weights.length !== layers.length - 1) {
    throw new ParameterError(
      `network diagram: ${layers.length} layers need ${layers.length - 1} weight matrices, got ${weights.length}`,
    );
  }
  weights.forEach((w, l) => {
    const [from, to] = [layers[l].length, layers[l + 1].length];
    if (w.length !== from || w.some((row) => row.length !== to)) {
      throw new ParameterError(
        `network diagram: weights ${l + 1} must have shape (${from},${to}) for layers of ${from} and ${to} nodes`,
      );
    }
  });
}

/** Vega-Lite spec of the diagram; weights are written to 3 significant digits. */
export function networkDiagramVegaLite(diagram: NetworkDiagram): TopLevelSpec {
  checkDiagram(diagram);
  const { layers, weights, title } = diagram;
  const tallest = Math.max(...layers.map((l) => l.length));
  // Columns 0, 1, …; each layer centred vertically.
  const y = (l: number, i: number) => i + (tallest - layers[l].length) / 2;
  const last = layers.length - 1;
  // Input names to the left of their nodes, output names to the right, hidden ones inside.
  const side = (l: number) => (l === 0 ? "left" : l === last ? "right" : "inside");
  const nodes = layers.flatMap((names, l) =>
    names.map((name, i) => ({ x: l, y: y(l, i), name, side: side(l) })),
  );
  const edges = layers.slice(0, -1).flatMap((names, l) =>
    names.flatMap((_, i) =>
      layers[l + 1].map((__, j) => {
        const [y1, y2] = [y(l, i), y(l + 1, j)];
        // The value sits a quarter of the way along its line, where the lines are still apart.
        const weight = weights ? String(roundSignificant(weights[l][i][j], 3)) : "";
        return { x: l, y: y1, x2: l + 1, y2, tx: l + 0.25, ty: y1 + (y2 - y1) * 0.25, weight };
      }),
    ),
  );
  const axis = null;
  // Wide input layers (24 Titanic columns) get smaller, closer nodes.
  const crowded = tallest > 8;
  const xScale = { domain: [-0.9, last + 0.9] };
  const yScale = { domain: [tallest - 0.5, -0.5] };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title,
    width: 150 * (layers.length + 0.8),
    height: (crowded ? 22 : 55) * tallest,
    config: { view: { stroke: null } },
    layer: [
      {
        data: { values: edges },
        mark: { type: "rule", color: "#999" },
        encoding: {
          x: { field: "x", type: "quantitative", axis, scale: xScale },
          y: { field: "y", type: "quantitative", axis, scale: yScale },
          x2: { field: "x2" },
          y2: { field: "y2" },
        },
      },
      {
        data: { values: edges },
        mark: { type: "text", fontSize: 10, color: "#1f4e79", dy: -6 },
        encoding: {
          x: { field: "tx", type: "quantitative", axis, scale: xScale },
          y: { field: "ty", type: "quantitative", axis, scale: yScale },
          text: { field: "weight" },
        },
      },
      {
        data: { values: nodes },
        mark: {
          type: "circle",
          size: crowded ? 150 : 900,
          color: "#f2f2f2",
          stroke: "#333",
          opacity: 1,
        },
        encoding: {
          x: { field: "x", type: "quantitative", axis, scale: xScale },
          y: { field: "y", type: "quantitative", axis, scale: yScale },
        },
      },
      ...(
        [
          ["left", "right", crowded ? -10 : -20],
          ["inside", "center", 0],
          ["right", "left", crowded ? 10 : 20],
        ] as const
      ).map(([where, align, dx]) => ({
        data: { values: nodes },
        transform: [{ filter: { field: "side", equal: where } }],
        mark: {
          type: "text" as const,
          fontSize: crowded && where === "inside" ? 7 : 11,
          align,
          dx,
        },
        encoding: {
          x: { field: "x", type: "quantitative" as const, axis, scale: xScale },
          y: { field: "y", type: "quantitative" as const, axis, scale: yScale },
          text: { field: "name" },
        },
      })),
    ],
  };
}
