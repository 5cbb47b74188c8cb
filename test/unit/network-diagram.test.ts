/** The network diagram: a valid Vega-Lite 5 spec whose nodes, lines and labels follow its input. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { networkDiagramVegaLite } from "../../lib/plots/networkDiagram";
import { vegaLiteToSvg } from "../../lib/plots/renderSvg";
import { assertValidVegaLite } from "../support/vegaLite";

const layers = [
  ["x1", "x2", "x3", "x4"],
  ["h1", "h2"],
  ["a", "b", "c"],
];
const weights = [
  [
    [0.9, -0.5],
    [0.8, -0.5],
    [-1, 1.5],
    [-1, 1],
  ],
  [
    [2, 1, -1],
    [-1, 1, 2],
  ],
];

type Layer = { data: { values: Record<string, unknown>[] }; mark: { type: string } };

describe("networkDiagramVegaLite", () => {
  const spec = networkDiagramVegaLite({ layers, weights, title: "A 4–2–3 network" });
  const parts = (spec as unknown as { layer: Layer[] }).layer;

  it("is a valid Vega-Lite 5 spec that renders to SVG", async () => {
    assertValidVegaLite(spec);
    const svg = await vegaLiteToSvg(spec);
    assert.match(svg, /^<svg/);
    for (const name of ["x1", "h2", "c", "A 4–2–3 network"]) assert.ok(svg.includes(name), name);
  });

  it("draws one line per weight, labelled with its value, and one circle per node", () => {
    const lines = parts.find((p) => p.mark.type === "rule")!.data.values;
    assert.equal(lines.length, 4 * 2 + 2 * 3);
    const labels = parts.find((p) => p.mark.type === "text")!.data.values.map((v) => v.weight);
    assert.deepEqual(labels, [...weights[0].flat(), ...weights[1].flat()].map(String));
    assert.equal(parts.find((p) => p.mark.type === "circle")!.data.values.length, 9);
  });

  it("leaves the lines unlabelled without weights", () => {
    const bare = networkDiagramVegaLite({ layers, title: "t" }) as unknown as { layer: Layer[] };
    assert.ok(bare.layer[1].data.values.every((v) => v.weight === ""));
  });

  it("refuses weights whose shape does not match the layers, naming the shapes", () => {
    assert.throws(
      () => networkDiagramVegaLite({ layers, weights: [weights[1], weights[0]], title: "t" }),
      /weights 1 must have shape \(4,2\) for layers of 4 and 2 nodes/,
    );
    assert.throws(
      () => networkDiagramVegaLite({ layers, weights: [weights[0]], title: "t" }),
      /3 layers need 2 weight matrices, got 1/,
    );
    assert.throws(() => networkDiagramVegaLite({ layers: [["x"]], title: "t" }), /two or more/);
  });
});
