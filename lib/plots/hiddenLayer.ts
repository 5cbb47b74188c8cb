/**
 * What the hidden layer does with the training flowers: each hidden node's output σ(x·W1) for
 * every flower, flowers grouped by species, one heatmap per run, one above the other. A node at 1 (or 0)
 * for every flower is saturated: the sigmoid is flat there and passes back almost no gradient.
 */
import type { TopLevelSpec } from "vega-lite";
import { ParameterError } from "../errors";
import { dot } from "../linalg/dot";
import { toRows } from "../linalg/matrix";
import { sigmoid } from "../network/sigmoid";
import { checkClassifiedData, type ClassifiedData, type TrainedWeights } from "./classifiedData";
import { inlineCsv } from "./inlineCsv";
import { MAX_HIDDEN } from "./network";
import { formatNumber, plural } from "../format";
import { argmax } from "../network/accuracy";
import { VEGA_LITE_SCHEMA, type FigureLabels } from "./trainingHistory";

/** Above this a node's output counts as saturated at 1, below 1 − it at 0. */
export const SATURATED = 0.99;

export interface HiddenCell {
  run: string;
  node: string;
  /** The flower's row in xTrain. */
  row: number;
  species: string;
  /** The flower's place within its species (x position in the heatmap). */
  place: number;
  value: number;
  text: string;
}

export interface HiddenNodeSummary {
  run: string;
  node: string;
  min: number;
  max: number;
  /** Training flowers with an output above SATURATED, and below 1 − SATURATED. */
  high: number;
  low: number;
}

export interface HiddenLayer extends FigureLabels {
  runs: string[];
  cells: HiddenCell[];
  nodes: HiddenNodeSummary[];
  classes: string[];
  flowers: number;
}

/** Runs under the names the figure gives them, e.g. `{ "Attempt 4": run4, "Attempt 5": run5 }`. */
export type NamedRuns = Readonly<Record<string, TrainedWeights>>;

/** "hidden 1: 0.98 to 0.998, above 0.99 for 93 of 130" */
export function describeNode(node: HiddenNodeSummary, flowers: number): string {
  const parts = [`${node.node}: ${formatNumber(node.min, 3)} to ${formatNumber(node.max, 3)}`];
  if (node.high > 0) parts.push(`above ${SATURATED} for ${node.high} of ${flowers}`);
  if (node.low > 0)
    parts.push(`below ${formatNumber(1 - SATURATED)} for ${node.low} of ${flowers}`);
  return parts.join(", ");
}

/** Every hidden output of every run for the training flowers, and each node's summary. */
export function hiddenLayer(runs: NamedRuns, data: ClassifiedData): HiddenLayer {
  const named = typeof runs === "object" && runs !== null ? Object.entries(runs) : [];
  if (named.length === 0) {
    throw new ParameterError(
      'plotHiddenLayer: expected runs by name, e.g. { "Attempt 4": run4, "Attempt 5": run5 }',
    );
  }
  const cells: HiddenCell[] = [];
  const nodes: HiddenNodeSummary[] = [];
  let classes: string[] = [];
  let flowers = 0;
  const cut: string[] = [];
  named.forEach(([name, run]) => {
    const d = checkClassifiedData(`plotHiddenLayer (${name})`, run, data);
    classes = d.classes;
    flowers = d.xTrain.length;
    const h = toRows(sigmoid(dot(d.xTrain, d.weights1)));
    const species = d.yTrain.map((y) => argmax(y));
    const order = species.map((s, row) => ({ s, row })).sort((p, q) => p.s - q.s || p.row - q.row);
    const placeOf = new Map<number, number>();
    const seen = new Map<number, number>();
    for (const { s, row } of order) {
      placeOf.set(row, seen.get(s) ?? 0);
      seen.set(s, (seen.get(s) ?? 0) + 1);
    }
    // as the network figure: more than MAX_HIDDEN rows of cells would be unreadable
    const nHidden = h[0].length;
    if (nHidden > MAX_HIDDEN) cut.push(`${name}: hidden nodes 1–${MAX_HIDDEN} of ${nHidden} drawn`);
    h[0].slice(0, MAX_HIDDEN).forEach((_, j) => {
      const node = `hidden ${j + 1}`;
      const column = h.map((row) => row[j]);
      nodes.push({
        run: name,
        node,
        min: Math.min(...column),
        max: Math.max(...column),
        high: column.filter((v) => v > SATURATED).length,
        low: column.filter((v) => v < 1 - SATURATED).length,
      });
      for (const { row } of order) {
        cells.push({
          run: name,
          node,
          row,
          species: d.classes[species[row]],
          place: placeOf.get(row)!,
          value: h[row][j],
          text: formatNumber(h[row][j]),
        });
      }
    });
  });
  const names = [...new Set(nodes.map((n) => n.run))];
  // one line per run and two nodes, so that six nodes still fit the figure's width
  const caption = names.flatMap((run) => {
    const parts = nodes.filter((n) => n.run === run).map((n) => describeNode(n, flowers));
    return Array.from(
      { length: Math.ceil(parts.length / 2) },
      (_, i) => `${run}: ${parts.slice(2 * i, 2 * i + 2).join(" · ")}`,
    );
  });
  return {
    title: `The hidden layer on the ${plural(flowers, "training flower")}, grouped by species`,
    caption: [...caption, ...cut],
    runs: names,
    cells,
    nodes,
    classes,
    flowers,
  };
}

/** One heatmap per run (hidden node × flower, faceted by species), one above the other (Vega-Lite 5). */
export function hiddenLayerVegaLite(layer: HiddenLayer, interactive = true): TopLevelSpec {
  const [n, t] = ["number", "string"] as const;
  // the colour reads the text (8 digits), which is what the tooltip shows
  const cells = inlineCsv(layer.cells, { run: t, node: t, row: n, species: t, place: n, text: t });
  const tooltip = interactive
    ? {
        tooltip: [
          { field: "node", type: "nominal" as const, title: "node" },
          { field: "row", type: "quantitative" as const, title: "row of xTrain" },
          { field: "species", type: "nominal" as const, title: "species" },
          { field: "text", type: "nominal" as const, title: "output" },
        ],
      }
    : {};
  const perSpecies = Math.max(1, ...layer.cells.map((c) => c.place + 1));
  const cellWidth = Math.max(1, Math.min(6, 540 / (layer.classes.length * perSpecies)));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: layer.title, subtitle: layer.caption, anchor: "start" },
    datasets: { cells: cells.values },
    vconcat: layer.runs.map((run) => ({
      title: run,
      data: { name: "cells", format: cells.format },
      transform: [
        { filter: { field: "run", equal: run } },
        { calculate: "toNumber(datum.text)", as: "output" },
      ],
      facet: {
        column: {
          field: "species",
          type: "nominal",
          title: null,
          sort: layer.classes,
          header: { labelFontSize: 11 },
        },
      },
      spec: {
        width: Math.ceil(cellWidth * perSpecies),
        height: { step: 22 },
        mark: { type: "rect" },
        encoding: {
          x: {
            field: "place",
            type: "ordinal",
            title: null,
            axis: null,
            scale: { paddingInner: 0 },
          },
          y: {
            field: "node",
            type: "ordinal",
            title: null,
            sort: null, // data order: hidden 1, 2, …, 10 (not 1, 10, 2)
          },
          color: {
            field: "output",
            type: "quantitative",
            title: "output",
            scale: { scheme: "viridis", domain: [0, 1] },
          },
          ...tooltip,
        },
      },
      resolve: { scale: { x: "independent" } },
    })),
    // the static SVG leaves out the per-mark aria labels, which would triple its size
    config: { font: "sans-serif", view: { stroke: null }, ...(interactive ? {} : { aria: false }) },
  };
}
