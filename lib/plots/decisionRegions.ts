/**
 * What a trained network predicts over two of its inputs (by default petal length × petal
 * width), the other inputs held at their training means: a grid of predictions from `predict`,
 * drawn as coloured regions, with the training flowers as points and the test flowers marked.
 */
import type { TopLevelSpec } from "vega-lite";
import { checkInteger } from "../validation";
import { ParameterError } from "../errors";
import { IRIS_FEATURES } from "../data/loadIris";
import { predict } from "../train/predict";
import type { Rows } from "../linalg/matrix";
import { checkClassifiedData, type ClassifiedData, type TrainedWeights } from "./classifiedData";
import { inlineCsv } from "./inlineCsv";
import { formatNumber } from "../format";
import { argmax } from "../network/accuracy";
import { speciesColours } from "./speciesColours";
import { VEGA_LITE_SCHEMA, type FigureLabels } from "./trainingHistory";

export interface DecisionRegionsOptions {
  /** The figure's name in its title, e.g. "Attempt 3". */
  name?: string;
  /** The two input columns on the axes (default 2 and 3: petal length and width). */
  axes?: readonly [number, number];
  /** Input names, one per column (default the Iris columns when x has 4). */
  featureNames?: readonly string[];
  /** Grid points per axis (default 80). */
  points?: number;
}

/** A run of neighbouring grid cells in one row that the network gives the same class. */
export interface RegionStrip {
  a: number;
  a2: number;
  b: number;
  b2: number;
  species: string;
}

export interface FlowerPoint {
  a: number;
  b: number;
  species: string;
  predicted: string;
  set: "training" | "test";
  row: number;
}

export interface DecisionRegions extends FigureLabels {
  axisNames: [string, string];
  /** The inputs held fixed, at their training means. */
  held: { name: string; value: number }[];
  /** The grid's axis values and the class predicted at each point, [b index][a index]. */
  gridA: number[];
  gridB: number[];
  predicted: number[][];
  strips: RegionStrip[];
  flowers: FlowerPoint[];
  classes: string[];
}

const linspace = (lo: number, hi: number, n: number) =>
  Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));

/** The grid's predictions (by `predict`), the flowers and the labels that describe them. */
export function decisionRegions(
  run: TrainedWeights,
  data: ClassifiedData,
  options: DecisionRegionsOptions = {},
): DecisionRegions {
  const d = checkClassifiedData("plotDecisionRegions", run, data);
  const nInput = d.xTrain[0].length;
  const points = checkInteger(options.points ?? 80, "plotDecisionRegions: points", 2);
  const [ia, ib] = options.axes ?? [2, 3];
  for (const i of [ia, ib]) {
    if (!Number.isInteger(i) || i < 0 || i >= nInput) {
      throw new ParameterError(
        `plotDecisionRegions: axes must be two column indices in 0…${nInput - 1}, got ${JSON.stringify(options.axes)}`,
      );
    }
  }
  if (ia === ib)
    throw new ParameterError("plotDecisionRegions: axes must be two different columns");
  const names =
    options.featureNames ??
    (nInput === IRIS_FEATURES.length
      ? [...IRIS_FEATURES]
      : Array.from({ length: nInput }, (_, i) => `input ${i + 1}`));
  if (names.length !== nInput) {
    throw new ParameterError(
      `plotDecisionRegions: featureNames must name each of the ${nInput} inputs, got ${names.length}`,
    );
  }
  const all = [...d.xTrain, ...(d.xTest ?? [])];
  const span = (i: number) => {
    const values = all.map((row) => row[i]);
    const [lo, hi] = [Math.min(...values), Math.max(...values)];
    const pad = (hi - lo) * 0.05 || 0.5;
    return linspace(lo - pad, hi + pad, points);
  };
  const [gridA, gridB] = [span(ia), span(ib)];
  const means = names.map(
    (_, i) => d.xTrain.reduce((sum, row) => sum + row[i], 0) / d.xTrain.length,
  );
  const gridRows = gridB.flatMap((b) =>
    gridA.map((a) => means.map((m, i) => (i === ia ? a : i === ib ? b : m))),
  );
  const outputs = predict(gridRows, d.weights1, d.weights2);
  const predicted = gridB.map((_, r) => gridA.map((_, c) => argmax(outputs[r * points + c])));
  // each row's runs of one class become one rectangle, and rows with the same runs one block:
  // exact, and a small SVG
  const [da, db] = [(gridA[1] - gridA[0]) / 2, (gridB[1] - gridB[0]) / 2];
  const strips: RegionStrip[] = [];
  let previous = "";
  let block: RegionStrip[] = [];
  predicted.forEach((row, r) => {
    const runs: [number, number][] = [];
    for (let c = 1, start = 0; c <= points; c++) {
      if (c === points || row[c] !== row[start]) {
        runs.push([start, c - 1]);
        start = c;
      }
    }
    const key = runs.map(([a, b]) => `${a}-${b}:${row[a]}`).join(",");
    if (key === previous) {
      for (const strip of block) strip.b2 = gridB[r] + db;
      return;
    }
    previous = key;
    block = runs.map(([start, end]) => ({
      a: gridA[start] - da,
      a2: gridA[end] + da,
      b: gridB[r] - db,
      b2: gridB[r] + db,
      species: d.classes[row[start]],
    }));
    strips.push(...block);
  });
  const flowersOf = (x: Rows, y: Rows, set: "training" | "test") => {
    const p = predict(x, d.weights1, d.weights2);
    return x.map((row, i) => ({
      a: row[ia],
      b: row[ib],
      species: d.classes[argmax(y[i])],
      predicted: d.classes[argmax(p[i])],
      set,
      row: i,
    }));
  };
  const flowers = [
    ...flowersOf(d.xTrain, d.yTrain, "training"),
    ...(d.xTest && d.yTest ? flowersOf(d.xTest, d.yTest, "test") : []),
  ];
  const held = names
    .map((name, i) => ({ name, value: means[i] }))
    .filter((_, i) => i !== ia && i !== ib);
  const cells = points * points;
  const shares = d.classes
    .map((c, k) => ({ c, n: predicted.flat().filter((p) => p === k).length }))
    .filter(({ n }) => n > 0)
    .map(({ c, n }) => `${c} ${Math.round((100 * n) / cells)}%`);
  const axisNames: [string, string] = [names[ia], names[ib]];
  const caption = [
    `predicted species over ${axisNames[0]} × ${axisNames[1]}, ` +
      held.map((h) => `${h.name} ${formatNumber(h.value, 4)} cm`).join(" and ") +
      " held at the training means",
    `share of the plane: ${shares.join(", ")}`,
  ];
  const test = flowers.filter((f) => f.set === "test");
  if (test.length > 0) {
    const right = test.filter((f) => f.species === f.predicted).length;
    caption.push(
      `dots: ${d.xTrain.length} training flowers, crosses: ${test.length} test flowers ` +
        `(${right} predicted right with their own four measurements)`,
    );
  } else caption.push(`dots: the ${d.xTrain.length} training flowers`);
  return {
    title: `${options.name ?? "The network"}: predicted species`,
    caption,
    axisNames,
    held,
    gridA,
    gridB,
    predicted,
    strips,
    flowers,
    classes: d.classes,
  };
}

const round = (v: number) => Number(v.toPrecision(6));

/** Regions, training dots and test crosses, coloured by species (Vega-Lite 5). */
export function decisionRegionsVegaLite(
  regions: DecisionRegions,
  interactive = true,
): TopLevelSpec {
  const [n, t] = ["number", "string"] as const;
  const strips = inlineCsv(
    regions.strips.map((s) => ({
      ...{ a: round(s.a), a2: round(s.a2), b: round(s.b), b2: round(s.b2) },
      species: s.species,
    })),
    { a: n, a2: n, b: n, b2: n, species: t },
  );
  const flowers = inlineCsv(regions.flowers, {
    ...{ a: n, b: n, species: t, predicted: t, set: t, row: n },
  });
  const colour = speciesColours(regions.classes);
  const [an, bn] = regions.axisNames;
  const x = {
    field: "a",
    type: "quantitative" as const,
    title: `${an} (cm)`,
    scale: { domain: [regions.gridA[0], regions.gridA.at(-1)!], nice: false, zero: false },
  };
  const y = {
    field: "b",
    type: "quantitative" as const,
    title: `${bn} (cm)`,
    scale: { domain: [regions.gridB[0], regions.gridB.at(-1)!], nice: false, zero: false },
  };
  const tooltip = interactive
    ? {
        tooltip: [
          { field: "set", type: "nominal" as const, title: "set" },
          { field: "row", type: "quantitative" as const, title: "row" },
          { field: "species", type: "nominal" as const, title: "species" },
          { field: "predicted", type: "nominal" as const, title: "predicted" },
          { field: "a", type: "quantitative" as const, title: an },
          { field: "b", type: "quantitative" as const, title: bn },
        ],
      }
    : {};
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: regions.title, subtitle: regions.caption, anchor: "start" },
    width: 420,
    height: 320,
    datasets: { strips: strips.values, flowers: flowers.values },
    layer: [
      {
        data: { name: "strips", format: strips.format },
        mark: { type: "rect", opacity: 0.3, stroke: null },
        encoding: {
          x,
          x2: { field: "a2" },
          y,
          y2: { field: "b2" },
          color: { field: "species", type: "nominal", scale: colour, title: "species" },
        },
      },
      {
        data: { name: "flowers", format: flowers.format },
        transform: [{ filter: "datum.set === 'training'" }],
        mark: {
          type: "point",
          filled: true,
          size: 30,
          opacity: 0.9,
          stroke: "#333",
          strokeWidth: 0.4,
        },
        encoding: {
          x,
          y,
          color: { field: "species", type: "nominal", scale: colour, legend: null },
          ...tooltip,
        },
      },
      {
        data: { name: "flowers", format: flowers.format },
        transform: [{ filter: "datum.set === 'test'" }],
        mark: {
          type: "point",
          shape: "cross",
          filled: true,
          size: 110,
          opacity: 1,
          stroke: "#000",
          strokeWidth: 1,
        },
        encoding: {
          x,
          y,
          color: { field: "species", type: "nominal", scale: colour, legend: null },
          ...tooltip,
        },
      },
    ],
    // the static SVG leaves out the per-mark aria labels, which would triple its size
    config: { font: "sans-serif", ...(interactive ? {} : { aria: false }) },
  };
}
