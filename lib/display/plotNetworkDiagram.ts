import { toRows, type MatrixLike } from "../linalg/matrix";
import { sendBundle } from "./kernel";
import { vegaLiteBundle } from "./figures";

/**
 * Draws a network: `layers` are the node labels of each layer, input first; `weights`, if given,
 * the matrices between them (W₁ of shape inputs × hidden, …), written on the lines. The title
 * and caption are computed from the layer sizes, so they follow the values drawn.
 */
export async function plotNetworkDiagram(
  layers: readonly (readonly string[])[],
  weights?: readonly MatrixLike[],
  title?: string,
): Promise<void> {
  const { networkDiagramVegaLite } = await import("../plots/networkDiagram");
  const sizes = layers.map((l) => l.length).join("–");
  const diagram = {
    layers,
    weights: weights?.map((w) => toRows(w)),
    title: title ?? `A ${sizes} network`,
  };
  const spec = networkDiagramVegaLite(diagram);
  const caption = `${diagram.title}: layers of ${sizes} nodes${weights ? ", weights on the lines" : ""}`;
  sendBundle(await vegaLiteBundle(spec, spec, caption));
}
