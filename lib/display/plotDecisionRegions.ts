import type { ClassifiedData, TrainedWeights } from "../plots/classifiedData";
import type { DecisionRegionsOptions } from "../plots/decisionRegions";
import { captionText, vegaLiteBundle } from "./figures";
import { sendBundle } from "./kernel";

/**
 * The species a trained network predicts over petal length × petal width (the other inputs at
 * their training means), with the training flowers as dots and the test flowers as crosses.
 */
export async function plotDecisionRegions(
  run: TrainedWeights,
  data: ClassifiedData,
  options: DecisionRegionsOptions = {},
): Promise<void> {
  const plots = await import("../plots/decisionRegions");
  const regions = plots.decisionRegions(run, data, options);
  const [spec, staticSpec] = [
    plots.decisionRegionsVegaLite(regions),
    plots.decisionRegionsVegaLite(regions, false),
  ];
  sendBundle(await vegaLiteBundle(spec, staticSpec, captionText(regions)));
}
