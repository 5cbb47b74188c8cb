/** The test set as a confusion matrix: how many flowers of each species got each prediction. */
import type { TopLevelSpec } from "vega-lite";
import { ParameterError } from "../errors";
import { predict } from "../train/predict";
import { checkClassifiedData, type ClassifiedData, type TrainedWeights } from "./classifiedData";
import { argmax } from "../network/accuracy";
import { plural } from "../format";
import { VEGA_LITE_SCHEMA, type FigureLabels } from "./trainingHistory";

export interface ConfusionMatrix extends FigureLabels {
  classes: string[];
  /** counts[i][j]: flowers of class i predicted as class j */
  counts: number[][];
  right: number;
  total: number;
}

/** Counts species × predicted on the test set, with `predict`'s outputs. */
export function confusionMatrix(
  run: TrainedWeights,
  data: ClassifiedData,
  options: { name?: string } = {},
): ConfusionMatrix {
  const d = checkClassifiedData("plotConfusionMatrix", run, data);
  if (!d.xTest || !d.yTest) {
    throw new ParameterError("plotConfusionMatrix: needs the test set, xTest and yTest");
  }
  const outputs = predict(d.xTest, d.weights1, d.weights2);
  const counts = d.classes.map(() => d.classes.map(() => 0));
  d.yTest.forEach((y, i) => counts[argmax(y)][argmax(outputs[i])]++);
  const right = counts.reduce((sum, row, i) => sum + row[i], 0);
  const total = d.yTest.length;
  const wrong = counts.flatMap((row, i) =>
    row.flatMap((n, j) =>
      i !== j && n > 0 ? [`${n} ${d.classes[i]} predicted ${d.classes[j]}`] : [],
    ),
  );
  return {
    title: `${options.name ?? "The network"}: the test set, species × predicted`,
    caption: [
      `${right} of ${plural(total, "test flower")} predicted right (accuracy ${right / total})` +
        (wrong.length > 0 ? `; wrong: ${wrong.join(", ")}` : ""),
    ],
    classes: d.classes,
    counts,
    right,
    total,
  };
}

/** A count in each cell, shaded by the count (Vega-Lite 5). */
export function confusionMatrixVegaLite(matrix: ConfusionMatrix, interactive = true): TopLevelSpec {
  const cells = matrix.counts.flatMap((row, i) =>
    row.map((count, j) => ({
      species: matrix.classes[i],
      predicted: matrix.classes[j],
      count,
      right: i === j,
    })),
  );
  const x = {
    field: "predicted",
    type: "nominal" as const,
    sort: matrix.classes,
    title: "predicted",
    axis: { labelAngle: 0 },
  };
  const y = { field: "species", type: "nominal" as const, sort: matrix.classes, title: "species" };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: matrix.title, subtitle: matrix.caption, anchor: "start" },
    width: { step: 110 },
    height: { step: 40 },
    data: { values: cells },
    layer: [
      {
        mark: { type: "rect", stroke: "white" },
        encoding: {
          x,
          y,
          color: {
            field: "count",
            type: "quantitative",
            scale: { scheme: "blues", domainMin: 0 },
            legend: null,
          },
          ...(interactive
            ? {
                tooltip: [
                  { field: "species", type: "nominal" as const },
                  { field: "predicted", type: "nominal" as const },
                  { field: "count", type: "quantitative" as const },
                ],
              }
            : {}),
        },
      },
      {
        mark: { type: "text", fontSize: 14 },
        encoding: {
          x,
          y,
          text: { field: "count", type: "quantitative" },
          color: {
            condition: {
              test: `datum.count > ${Math.max(...matrix.counts.flat()) / 2}`,
              value: "white",
            },
            value: "black",
          },
        },
      },
    ],
    config: { font: "sans-serif" },
  };
}
