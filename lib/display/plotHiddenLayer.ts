import type { ClassifiedData } from "../plots/classifiedData";
import type { NamedRuns } from "../plots/hiddenLayer";
import { captionText, vegaLiteBundle } from "./figures";
import { sendBundle } from "./kernel";

/**
 * Each hidden node's output for every training flower, grouped by species, one heatmap per run
 * one above the other (`{ "Attempt 4": run4, "Attempt 5": run5 }`); the caption counts, per node, the
 * flowers above 0.99 and below 0.01.
 */
export async function plotHiddenLayer(runs: NamedRuns, data: ClassifiedData): Promise<void> {
  const plots = await import("../plots/hiddenLayer");
  const layer = plots.hiddenLayer(runs, data);
  const [spec, staticSpec] = [
    plots.hiddenLayerVegaLite(layer),
    plots.hiddenLayerVegaLite(layer, false),
  ];
  sendBundle(await vegaLiteBundle(spec, staticSpec, captionText(layer)));
}
