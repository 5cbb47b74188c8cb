import type { NetworkValues, NetworkView } from "../plots/network";
import { captionText, vegaLiteBundle } from "./figures";
import { sendBundle } from "./kernel";

/**
 * Part 13's network with its numbers, under the cell that computed them: "forward" (each node's
 * output for the chosen flower, each edge its weight), "backward" (adds each node's delta and
 * each edge's gradient) or "update" (each edge's new weight and change −η·update, beside the
 * backward view). The view and the flower switch inside the figure, without the kernel.
 */
export async function plotNetwork(view: NetworkView, values: NetworkValues): Promise<void> {
  const plots = await import("../plots/network");
  const figure = plots.networkFigure(view, values);
  const [spec, staticSpec] = [plots.networkVegaLite(figure), plots.networkVegaLite(figure, false)];
  sendBundle(await vegaLiteBundle(spec, staticSpec, captionText(figure)));
}
