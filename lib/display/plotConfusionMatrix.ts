import type { ClassifiedData, TrainedWeights } from "../plots/classifiedData";
import { captionText, vegaLiteBundle } from "./figures";
import { sendBundle } from "./kernel";

/** The test set as a confusion matrix: species × predicted, from `predict`'s outputs. */
export async function plotConfusionMatrix(
  run: TrainedWeights,
  data: ClassifiedData,
  options: { name?: string } = {},
): Promise<void> {
  const plots = await import("../plots/confusionMatrix");
  const matrix = plots.confusionMatrix(run, data, options);
  const [spec, staticSpec] = [
    plots.confusionMatrixVegaLite(matrix),
    plots.confusionMatrixVegaLite(matrix, false),
  ];
  sendBundle(await vegaLiteBundle(spec, staticSpec, captionText(matrix)));
}
