/**
 * Part 13's network drawn with its numbers: 4 inputs, the hidden nodes and 3 outputs, each edge a
 * weight (width by magnitude, colour by sign), in three views of one gradient step: forward (each
 * node's value for a flower), backward (each node's delta, each edge's gradient, flowing from the
 * outputs back) and update (each edge's new weight and its change −η·update). All views and
 * flowers travel in the spec and Vega-Lite parameters bound to a radio and a select switch them
 * in the browser, so the figure works with no kernel (reopened notebooks, JupyterLite, reports).
 */
import type { TopLevelSpec } from "vega-lite";
import { formatNumber, formatShape, plural, roundSignificant } from "../format";
import { ParameterError, ShapeError } from "../errors";
import { matrix, toRows, type MatrixLike, type Rows } from "../linalg/matrix";
import { argmax } from "../network/accuracy";
import { inlineCsv } from "./inlineCsv";
import { VEGA_LITE_SCHEMA, type FigureLabels } from "./trainingHistory";

export type NetworkView = "forward" | "backward" | "update";

/** The views a figure preset to `view` offers: those whose matrices exist at that cell. */
export const NETWORK_VIEWS: Record<NetworkView, readonly NetworkView[]> = {
  forward: ["forward"],
  backward: ["forward", "backward"],
  // by the update cell, weights1 and weights2 hold the new weights: no forward pass to draw
  update: ["backward", "update"],
};

/** Above this many hidden nodes the figure draws the first MAX_HIDDEN and says so. */
export const MAX_HIDDEN = 16;

/**
 * The lesson's matrices, under the lesson's names. Forward needs the two layer outputs, backward
 * the deltas and updates, update the updates and learningRate.
 */
export interface NetworkValues {
  x: MatrixLike;
  y: MatrixLike;
  /** The weights as they are at the cell: before the update, or after it in the update view. */
  weights1: MatrixLike;
  weights2: MatrixLike;
  hiddenLayerOutputs?: MatrixLike;
  outputLayerOutputs?: MatrixLike;
  outputLayerDelta?: MatrixLike;
  hiddenLayerDelta?: MatrixLike;
  weights1Update?: MatrixLike;
  weights2Update?: MatrixLike;
  learningRate?: number;
  /** One name per input, e.g. `iris.featureNames` (default "input 1", …). */
  inputNames?: readonly string[];
  /** One name per output, e.g. the `classes` of `oneHot` (default "output 1", …). */
  outputNames?: readonly string[];
}

type MatrixName = Exclude<keyof NetworkValues, "learningRate" | "inputNames" | "outputNames">;

export interface NetworkNode {
  view: NetworkView;
  flower: number;
  /** 0 inputs, 1 hidden, 2 outputs */
  layer: number;
  index: number;
  name: string;
  /** Pixel position in the figure. */
  px: number;
  py: number;
  /** The node's number in this view, or null where the view has none (inputs when backward). */
  value: number | null;
  /** `value` as `show` prints it ("" for null). */
  text: string;
  /** The matrix element the value is, e.g. "outputLayerDelta[0][0]". */
  element: string;
  /** The label y beside an output in the forward view, e.g. "y = 1". */
  label: string;
}

export interface NetworkEdge {
  view: NetworkView;
  /** 1: input → hidden (weights1), 2: hidden → output (weights2) */
  layer: number;
  from: string;
  to: string;
  /** "weights1[0][1]"-style element of the matrix the value comes from. */
  element: string;
  /** What the value is: weight, gradient or new weight. */
  quantity: string;
  value: number;
  text: string;
  /** Update view: the change −η·update, as text ("" elsewhere). */
  change: string;
  sign: "negative" | "positive";
  magnitude: number;
  px: number;
  py: number;
  px2: number;
  py2: number;
  /** Where the arrowhead sits, and its angle (clockwise from up) in the view's direction. */
  ax: number;
  ay: number;
  angle: number;
}

export interface NetworkFigure extends FigureLabels {
  views: readonly NetworkView[];
  view: NetworkView;
  flowers: string[];
  nHidden: number;
  /** Hidden nodes drawn: all, up to MAX_HIDDEN. */
  shownHidden: number;
  nodes: NetworkNode[];
  edges: NetworkEdge[];
  /** Per view and flower, the line that says what the numbers are. */
  legends: { view: NetworkView; flower: number; text: string }[];
  headings: { view: NetworkView; px: number; text: string }[];
  width: number;
  height: number;
}

/** A matrix of the lesson as rows, with the shape the network says it must have. */
function rowsOf(
  values: NetworkValues,
  name: MatrixName,
  shape: readonly [number, number],
  meaning: string,
): Rows {
  const given = values[name];
  if (given === undefined) {
    throw new ParameterError(`plotNetwork: missing ${name}, which this view draws`);
  }
  const rows = toRows(matrix(given, `plotNetwork: ${name}`));
  if (rows.length !== shape[0] || rows[0].length !== shape[1]) {
    throw new ShapeError(
      `plotNetwork: ${name} has shape ${formatShape([rows.length, rows[0].length])}, ` +
        `expected ${formatShape(shape)} (${meaning})`,
    );
  }
  return rows;
}

function names(given: readonly string[] | undefined, count: number, what: string): string[] {
  if (given === undefined) return Array.from({ length: count }, (_, i) => `${what} ${i + 1}`);
  if (!Array.isArray(given) || given.length !== count || given.some((n) => typeof n !== "string")) {
    throw new ParameterError(
      `plotNetwork: ${what}Names must be ${count} strings (one per ${what}), got ${JSON.stringify(given)}`,
    );
  }
  return [...given];
}

/**
 * Everything the figure draws, computed from the lesson's matrices: node and edge values for
 * every offered view and flower, positions, and the labels. The figure is preset to `view`.
 */
export function networkFigure(view: NetworkView, values: NetworkValues): NetworkFigure {
  if (!(view in NETWORK_VIEWS)) {
    throw new ParameterError(
      `plotNetwork: view must be "forward", "backward" or "update", got ${JSON.stringify(view)}`,
    );
  }
  const x = toRows(matrix(values.x, "plotNetwork: x"));
  const w1 = toRows(matrix(values.weights1, "plotNetwork: weights1"));
  const [nRows, nInput] = [x.length, x[0].length];
  if (w1.length !== nInput) {
    throw new ShapeError(
      `plotNetwork: weights1 has shape ${formatShape([w1.length, w1[0].length])}, ` +
        `expected (${nInput},nHidden): one row per column of x`,
    );
  }
  const nHidden = w1[0].length;
  const w2Given = toRows(matrix(values.weights2, "plotNetwork: weights2"));
  const nOutput = w2Given[0].length;
  const w2 = rowsOf(values, "weights2", [nHidden, nOutput], "nHidden × nOutput");
  const y = rowsOf(values, "y", [nRows, nOutput], "one row per row of x, one column per output");
  const views = NETWORK_VIEWS[view];
  const has = (v: NetworkView) => views.includes(v);
  const need = (name: MatrixName, shape: [number, number], meaning: string) =>
    rowsOf(values, name, shape, meaning);
  const perFlowerHidden = "rows of x × hidden nodes";
  const perFlowerOutput = "rows of x × outputs";
  const forward = has("forward")
    ? {
        hidden: need("hiddenLayerOutputs", [nRows, nHidden], perFlowerHidden),
        output: need("outputLayerOutputs", [nRows, nOutput], perFlowerOutput),
      }
    : undefined;
  const backward = has("backward")
    ? {
        output: need("outputLayerDelta", [nRows, nOutput], perFlowerOutput),
        hidden: need("hiddenLayerDelta", [nRows, nHidden], perFlowerHidden),
      }
    : undefined;
  const updates =
    has("backward") || has("update")
      ? {
          1: need("weights1Update", [nInput, nHidden], "the shape of weights1"),
          2: need("weights2Update", [nHidden, nOutput], "the shape of weights2"),
        }
      : undefined;
  let learningRate = NaN;
  if (has("update")) {
    learningRate = values.learningRate ?? NaN;
    if (typeof values.learningRate !== "number" || !Number.isFinite(learningRate)) {
      throw new ParameterError(
        `plotNetwork: the update view needs learningRate, a finite number, got ${JSON.stringify(values.learningRate)}`,
      );
    }
  }
  const inputNames = names(values.inputNames, nInput, "input");
  const outputNames = names(values.outputNames, nOutput, "output");
  const hiddenNames = Array.from({ length: nHidden }, (_, j) => `hidden ${j + 1}`);
  const shownHidden = Math.min(nHidden, MAX_HIDDEN);

  // layout in pixels: three columns, each layer centred vertically
  const columnX = [190, 380, 560];
  const top = 56;
  const most = Math.max(nInput, shownHidden, nOutput);
  const gap = Math.min(56, Math.max(26, 420 / most));
  const height = top + gap * most + 30;
  // a small layer spreads over the tallest one's height, at most 80 px apart
  const rowY = (count: number, i: number) => {
    const step = Math.min(80, (gap * most) / count);
    return top + (gap * most) / 2 + step * (i + 0.5 - count / 2);
  };
  const layerSizes = [nInput, shownHidden, nOutput];
  const position = (layer: number, i: number) => ({
    px: columnX[layer],
    py: rowY(layerSizes[layer], i),
  });

  const flowers = x.map((_, f) => `row ${f} · ${outputNames[argmax(y[f])]}`);
  const nodes: NetworkNode[] = [];
  const node = (
    v: NetworkView,
    flower: number,
    layer: number,
    index: number,
    name: string,
    value: number | null,
    element: string,
    label = "",
  ) =>
    nodes.push({
      view: v,
      flower,
      layer,
      index,
      name,
      ...position(layer, index),
      value,
      text: value === null ? "" : formatNumber(value),
      element,
      label,
    });
  for (const v of views) {
    for (let f = 0; f < nRows; f++) {
      inputNames.forEach((name, i) =>
        node(
          v,
          f,
          0,
          i,
          name,
          v === "forward" ? x[f][i] : null,
          v === "forward" ? `x[${f}][${i}]` : "",
        ),
      );
      for (let j = 0; j < shownHidden; j++) {
        const [value, element] =
          v === "forward"
            ? [forward!.hidden[f][j], `hiddenLayerOutputs[${f}][${j}]`]
            : v === "backward"
              ? [backward!.hidden[f][j], `hiddenLayerDelta[${f}][${j}]`]
              : [null, ""];
        node(v, f, 1, j, hiddenNames[j], value, element);
      }
      outputNames.forEach((name, k) => {
        const [value, element] =
          v === "forward"
            ? [forward!.output[f][k], `outputLayerOutputs[${f}][${k}]`]
            : v === "backward"
              ? [backward!.output[f][k], `outputLayerDelta[${f}][${k}]`]
              : [null, ""];
        node(
          v,
          f,
          2,
          k,
          name,
          value,
          element,
          v === "forward" ? `y = ${formatNumber(y[f][k])}` : "",
        );
      });
    }
  }

  const edges: NetworkEdge[] = [];
  const weights = { 1: w1, 2: w2 };
  const ends = { 1: [inputNames, hiddenNames], 2: [hiddenNames, outputNames] } as const;
  for (const v of views) {
    for (const layer of [1, 2] as const) {
      const [rows, cols] = layer === 1 ? [nInput, shownHidden] : [shownHidden, nOutput];
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) {
          const weight = weights[layer][i][j];
          const update = updates ? updates[layer][i][j] : NaN;
          const value = v === "backward" ? update : weight;
          const change = v === "update" ? -(learningRate * update) : NaN;
          const from = position(layer - 1, i);
          const to = position(layer, j);
          const back = v === "backward";
          const [sx, sy, ex, ey] = back
            ? [to.px, to.py, from.px, from.py]
            : [from.px, from.py, to.px, to.py];
          const t = 0.62; // arrowheads past the middle, where neighbouring edges have parted
          const matrixName = v === "backward" ? `weights${layer}Update` : `weights${layer}`;
          edges.push({
            view: v,
            layer,
            from: ends[layer][0][i],
            to: ends[layer][1][j],
            element: `${matrixName}[${i}][${j}]`,
            quantity: v === "forward" ? "weight" : v === "backward" ? "gradient" : "new weight",
            value,
            text: formatNumber(value),
            change: v === "update" ? formatNumber(change) : "",
            sign: value < 0 ? "negative" : "positive",
            // drawing data, rounded as the text is, so that kernels whose Math.exp differs in
            // the last bit store the same figure
            magnitude: roundSignificant(Math.abs(value)),
            px: from.px,
            py: from.py,
            px2: to.px,
            py2: to.py,
            ax: sx + t * (ex - sx),
            ay: sy + t * (ey - sy),
            angle: roundSignificant((Math.atan2(ex - sx, -(ey - sy)) * 180) / Math.PI),
          });
        }
      }
    }
  }

  const legends = views.flatMap((v) =>
    flowers.map((flowerLabel, flower) => ({
      view: v,
      flower,
      text:
        v === "forward"
          ? `forward, ${flowerLabel}: each node's output, each edge its weight`
          : v === "backward"
            ? `backward, ${flowerLabel}: each node's delta; each edge its gradient ` +
              `(weights1Update, weights2Update, over all ${plural(nRows, "row")}), from the outputs back`
            : `update: each edge its new weight; hover for its change −η·update (η = ${learningRate})`,
    })),
  );
  const headingText: Record<NetworkView, [string, string, string]> = {
    forward: ["x", "hiddenLayerOutputs", "outputLayerOutputs"],
    backward: ["", "hiddenLayerDelta", "outputLayerDelta"],
    update: ["", "", ""],
  };
  const headings = views.flatMap((v) =>
    headingText[v].map((text, layer) => ({ view: v, px: columnX[layer], text })),
  );
  const caption = [
    `${plural(nInput, "input")} · ${plural(nHidden, "hidden node")} · ${plural(nOutput, "output")} · ` +
      `${plural(nRows, "row")} of x · edge width: |value|, colour: sign; hover for exact values`,
    `${views.length > 1 ? "views" : "view"}: ${views.join(", ")} ` + `(opens on ${view})`,
  ];
  if (shownHidden < nHidden) {
    caption.push(
      `hidden nodes 1–${shownHidden} of ${nHidden} drawn: more than ${MAX_HIDDEN} would be a tangle`,
    );
  }
  return {
    // no view in the title: the figure switches views, and its static SVG may show another
    title: "The network with its numbers",
    caption,
    views,
    view,
    flowers,
    nHidden,
    shownHidden,
    nodes,
    edges,
    legends,
    headings,
    width: 760,
    height,
  };
}

/** The colour-blind-safe ends of ColorBrewer's PuOr: orange negative, purple positive. */
const SIGN_COLOURS = { domain: ["negative", "positive"], range: ["#e66101", "#5e3c99"] };

/**
 * The figure as a Vega-Lite 5 spec. Interactive: a radio for the view (when it offers more than
 * one), a select for the flower, tooltips. Static: the forward view of row 0 when offered (else
 * the first view), no inputs or tooltips.
 */
export function networkVegaLite(figure: NetworkFigure, interactive = true): TopLevelSpec {
  const [n, t] = ["number", "string"] as const;
  const nodes = inlineCsv(figure.nodes, {
    ...{ view: t, flower: n, layer: n, index: n, name: t, px: n, py: n },
    ...{ value: n, text: t, element: t, label: t },
  });
  const edges = inlineCsv(figure.edges, {
    ...{ view: t, layer: n, from: t, to: t, element: t, quantity: t, text: t, change: t },
    ...{ sign: t, magnitude: n, px: n, py: n, px2: n, py2: n, ax: n, ay: n, angle: n },
  });
  const px = (field: string) => ({ field, type: "quantitative" as const, scale: null });
  const staticView = figure.views.includes("forward") ? "forward" : figure.views[0];
  const view = interactive ? figure.view : staticView;
  const viewParam = {
    name: "view",
    value: view,
    ...(interactive && figure.views.length > 1
      ? {
          bind: {
            input: "radio" as const,
            options: [...figure.views],
            name: "view ",
          },
        }
      : {}),
  };
  const flowerParam = {
    name: "flower",
    value: 0,
    ...(interactive
      ? {
          bind: {
            input: "select" as const,
            options: figure.flowers.map((_, f) => f),
            labels: figure.flowers,
            name: "flower ",
          },
        }
      : {}),
  };
  const inView = { filter: "datum.view === view" };
  const inFlower = { filter: "datum.view === view && datum.flower === flower" };
  const tip = <T extends { field: string; title: string }[]>(fields: T) =>
    interactive ? { tooltip: fields.map((f) => ({ ...f, type: "nominal" as const })) } : {};
  // each label twice: a white outline under the text keeps it readable where edges cross
  const nodeText = (dx: number, align: "left" | "right", layer: number, expr: string) =>
    [{ stroke: "white", strokeWidth: 3, strokeOpacity: 0.9 }, {}].map((halo) => ({
      data: { name: "nodes", format: nodes.format },
      transform: [
        inFlower,
        { filter: `datum.layer === ${layer}` },
        { calculate: expr, as: "shown" },
      ],
      mark: {
        type: "text" as const,
        dx,
        align,
        baseline: "middle" as const,
        fontSize: 11,
        ...halo,
      },
      encoding: { x: px("px"), y: px("py"), text: { field: "shown", type: "nominal" as const } },
    }));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: figure.title, subtitle: figure.caption, anchor: "start" },
    width: figure.width,
    height: figure.height,
    params: [viewParam, flowerParam],
    datasets: {
      nodes: nodes.values,
      edges: edges.values,
      legends: figure.legends,
      headings: figure.headings,
    },
    layer: [
      {
        data: { name: "edges", format: edges.format },
        transform: [inView],
        mark: { type: "rule", strokeCap: "round", opacity: 0.75 },
        encoding: {
          x: px("px"),
          y: px("py"),
          x2: { field: "px2" },
          y2: { field: "py2" },
          color: { field: "sign", type: "nominal", scale: SIGN_COLOURS, title: "sign" },
          strokeWidth: {
            field: "magnitude",
            type: "quantitative",
            scale: { range: [0.4, 9], zero: true },
            legend: null,
          },
          ...tip([
            { field: "element", title: "element" },
            { field: "from", title: "from" },
            { field: "to", title: "to" },
            { field: "quantity", title: "quantity" },
            { field: "text", title: "value" },
            { field: "change", title: "change −η·update" },
          ]),
        },
      },
      {
        data: { name: "edges", format: edges.format },
        transform: [{ filter: "datum.view === view && datum.view !== 'update'" }],
        mark: { type: "point", shape: "triangle-up", filled: true, size: 45, opacity: 0.9 },
        encoding: {
          x: px("ax"),
          y: px("ay"),
          angle: px("angle"),
          color: { field: "sign", type: "nominal", scale: SIGN_COLOURS, legend: null },
        },
      },
      {
        data: { name: "nodes", format: nodes.format },
        transform: [inFlower],
        mark: {
          type: "point",
          filled: true,
          size: 260,
          color: "#f2f2f2",
          stroke: "#333",
          strokeWidth: 1.2,
          opacity: 1,
        },
        encoding: {
          x: px("px"),
          y: px("py"),
          ...tip([
            { field: "name", title: "node" },
            { field: "element", title: "element" },
            { field: "text", title: "value" },
            { field: "label", title: "label" },
          ]),
        },
      },
      ...nodeText(-14, "right", 0, "datum.name + (datum.text ? '  ' + datum.text : '')"),
      ...nodeText(12, "left", 1, "datum.name + (datum.text ? '  ' + datum.text : '')"),
      ...nodeText(
        14,
        "left",
        2,
        "datum.name + (datum.text ? '  ' + datum.text : '') + (datum.label ? '   ' + datum.label : '')",
      ),
      {
        data: { name: "headings" },
        transform: [inView],
        mark: { type: "text", y: 36, fontSize: 11, fontWeight: "bold", font: "monospace" },
        encoding: { x: px("px"), text: { field: "text", type: "nominal" } },
      },
      {
        data: { name: "legends" },
        transform: [inFlower],
        mark: { type: "text", x: 0, y: 12, align: "left", fontSize: 12 },
        encoding: { text: { field: "text", type: "nominal" } },
      },
    ],
    // the static SVG leaves out the per-mark aria labels, which would triple its size
    config: { font: "sans-serif", view: { stroke: null }, ...(interactive ? {} : { aria: false }) },
  };
}
