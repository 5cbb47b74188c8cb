/**
 * The part-13 network figure and the part-14 figures of what the network learned: their data
 * are the lesson's matrices and `predict`'s outputs, their specs valid Vega-Lite 5, their
 * captions computed from the values.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { read } from "vega";
import {
  ParameterError,
  RandomState,
  ShapeError,
  accuracy,
  dot,
  loadIris,
  matrix,
  oneHot,
  plotConfusionMatrix,
  plotDecisionRegions,
  plotHiddenLayer,
  plotNetwork,
  predict,
  selectRows,
  sigmoid,
  toRows,
  train,
  trainingStep,
  trainTestSplit,
  type Matrix,
} from "../../lib/index";
import { SVG_MIME, VEGA_LITE_MIME } from "../../lib/display/figures";
import { useDisplayWriter, type MimeBundle } from "../../lib/display/kernel";
import { formatNumber } from "../../lib/format";
import { confusionMatrix, confusionMatrixVegaLite } from "../../lib/plots/confusionMatrix";
import { decisionRegions, decisionRegionsVegaLite } from "../../lib/plots/decisionRegions";
import { SATURATED, hiddenLayer, hiddenLayerVegaLite } from "../../lib/plots/hiddenLayer";
import {
  MAX_HIDDEN,
  NETWORK_VIEWS,
  networkFigure,
  networkVegaLite,
  type NetworkValues,
  type NetworkView,
} from "../../lib/plots/network";
import { vegaLiteToSvg } from "../../lib/plots/renderSvg";
import { argmax } from "../../lib/network/accuracy";
import { repoRoot } from "../support/python";
import { assertValidVegaLite } from "../support/vegaLite";

const iris = loadIris(join(repoRoot, "data", "Iris.csv"));

/** Part 13's cells, line for line: the matrices the notebook prints. */
function lesson(nHidden = 2, seed = 10, positions = [1, 51, 101], learningRate = 0.1) {
  const { y: labels, classes } = oneHot(selectRows(iris.species, positions));
  const y = matrix(labels);
  const x = matrix(selectRows(iris.features, positions));
  const random = new RandomState(seed);
  const weights1 = matrix(random.normal(0, 0.5, [4, nHidden]));
  const weights2 = matrix(random.normal(0, 0.5, [nHidden, 3]));
  // trainingStep is the lesson's cells line for line (tested against them and NumPy)
  const step = trainingStep(x, y, weights1, weights2, learningRate);
  const { hiddenLayerOutputs, outputLayerOutputs, outputLayerDelta, hiddenLayerDelta } = step;
  const { weights1Update, weights2Update, weights1: newWeights1, weights2: newWeights2 } = step;
  return {
    classes,
    x,
    y,
    weights1,
    weights2,
    hiddenLayerOutputs,
    outputLayerOutputs,
    outputLayerDelta,
    hiddenLayerDelta,
    weights1Update,
    weights2Update,
    newWeights1,
    newWeights2,
    learningRate,
  };
}

/** What the notebook passes under each cell: at the update cell, weights1/2 are the new ones. */
function valuesAt(view: NetworkView, l: ReturnType<typeof lesson>): NetworkValues {
  const common = {
    x: l.x,
    y: l.y,
    inputNames: iris.featureNames,
    outputNames: l.classes,
    learningRate: l.learningRate,
  };
  const forward = {
    hiddenLayerOutputs: l.hiddenLayerOutputs,
    outputLayerOutputs: l.outputLayerOutputs,
  };
  const backward = {
    outputLayerDelta: l.outputLayerDelta,
    hiddenLayerDelta: l.hiddenLayerDelta,
    weights1Update: l.weights1Update,
    weights2Update: l.weights2Update,
  };
  if (view === "forward")
    return { ...common, weights1: l.weights1, weights2: l.weights2, ...forward };
  if (view === "backward") {
    return { ...common, weights1: l.weights1, weights2: l.weights2, ...forward, ...backward };
  }
  return { ...common, weights1: l.newWeights1, weights2: l.newWeights2, ...backward };
}

const at = (m: Matrix, i: number, j: number) => toRows(m)[i][j];

describe("the network figure (part 13)", () => {
  const l = lesson();

  for (const preset of ["forward", "backward", "update"] as const) {
    it(`under the ${preset} cell: every node and edge value is the lesson's matrix element`, () => {
      const figure = networkFigure(preset, valuesAt(preset, l));
      assert.deepEqual(figure.views, NETWORK_VIEWS[preset]);
      assert.equal(figure.view, preset);
      const rows = 3;
      for (const view of figure.views) {
        const nodes = figure.nodes.filter((n) => n.view === view);
        assert.equal(nodes.length, rows * (4 + 2 + 3));
        for (const n of nodes) {
          const f = n.flower;
          const expected =
            view === "forward"
              ? [
                  toRows(l.x)[f][n.index],
                  at(l.hiddenLayerOutputs, f, n.index),
                  at(l.outputLayerOutputs, f, n.index),
                ][n.layer]
              : view === "backward"
                ? [null, at(l.hiddenLayerDelta, f, n.index), at(l.outputLayerDelta, f, n.index)][
                    n.layer
                  ]
                : null;
          assert.equal(n.value, expected, `${view} flower ${f} layer ${n.layer} node ${n.index}`);
          assert.equal(n.text, expected === null ? "" : formatNumber(expected));
          if (view === "forward" && n.layer === 2) {
            assert.equal(n.label, `y = ${at(l.y, f, n.index)}`);
          }
        }
        const edges = figure.edges.filter((e) => e.view === view);
        assert.equal(edges.length, 4 * 2 + 2 * 3);
        for (const e of edges) {
          const [i, j] = e.element
            .match(/\[(\d+)\]\[(\d+)\]/)!
            .slice(1)
            .map(Number);
          const layer = e.layer as 1 | 2;
          const weights = {
            forward: [l.weights1, l.weights2],
            update: [l.newWeights1, l.newWeights2],
            backward: [l.weights1Update, l.weights2Update],
          }[view][layer - 1];
          assert.equal(e.value, at(weights, i, j), e.element);
          assert.equal(e.text, formatNumber(e.value));
          assert.equal(e.sign, e.value < 0 ? "negative" : "positive");
          assert.equal(
            e.element.startsWith(
              view === "backward" ? `weights${layer}Update[` : `weights${layer}[`,
            ),
            true,
          );
          const update = at(layer === 1 ? l.weights1Update : l.weights2Update, i, j);
          assert.equal(e.change, view === "update" ? formatNumber(-(l.learningRate * update)) : "");
          // the new weight is the old one plus its change, as the update cell computes it
          if (view === "update") {
            const old = at(layer === 1 ? l.weights1 : l.weights2, i, j);
            assert.equal(e.value, old - l.learningRate * update);
          }
        }
      }
      const spec = networkVegaLite(figure);
      assertValidVegaLite(spec);
      // what the spec carries, read back as Vega reads it, is the figure's data
      const specData = spec as unknown as {
        datasets: Record<string, string>;
        layer: { data: { name: string; format?: { parse: Record<string, string> } } }[];
      };
      for (const name of ["nodes", "edges"] as const) {
        const format = specData.layer.find((layer) => layer.data.name === name)!.data.format!;
        const parsed = read(specData.datasets[name], {
          type: "csv",
          parse: format.parse as never,
        }) as Record<string, unknown>[];
        const rows = figure[name] as unknown as Record<string, unknown>[];
        assert.equal(parsed.length, rows.length);
        parsed.forEach((row, i) => {
          for (const field of Object.keys(format.parse)) {
            const want = rows[i][field] === "" ? null : rows[i][field];
            assert.equal(row[field] ?? null, want, `${name} row ${i} ${field}`);
          }
        });
      }
      assertValidVegaLite(networkVegaLite(figure, false));
    });
  }

  it("names the inputs, outputs and flowers from the data, and says where the label y is", () => {
    const figure = networkFigure("forward", valuesAt("forward", l));
    const names = (layer: number) =>
      figure.nodes.filter((n) => n.flower === 0 && n.layer === layer).map((n) => n.name);
    assert.deepEqual(names(0), iris.featureNames);
    assert.deepEqual(names(2), l.classes);
    assert.deepEqual(
      figure.flowers,
      l.classes.map((c, f) => `row ${f} · ${c}`),
    );
  });

  it("binds the view to a radio and the flower to a select; the static spec has neither", () => {
    const figure = networkFigure("backward", valuesAt("backward", l));
    const spec = networkVegaLite(figure) as unknown as {
      params: { name: string; value: unknown; bind?: { input: string; options: unknown[] } }[];
    };
    const [view, flower] = spec.params;
    assert.deepEqual(
      [view.name, view.value, view.bind?.input, view.bind?.options],
      ["view", "backward", "radio", ["forward", "backward"]],
    );
    assert.deepEqual(
      [flower.name, flower.value, flower.bind?.input, flower.bind?.options],
      ["flower", 0, "select", [0, 1, 2]],
    );
    const still = networkVegaLite(figure, false) as unknown as typeof spec;
    assert.deepEqual(
      still.params.map((p) => [p.name, p.value, p.bind]),
      [
        ["view", "forward", undefined],
        ["flower", 0, undefined],
      ],
    );
    // one view: no radio
    const forwardOnly = networkVegaLite(
      networkFigure("forward", valuesAt("forward", l)),
    ) as unknown as typeof spec;
    assert.equal(forwardOnly.params[0].bind, undefined);
  });

  it("the static SVG is the forward view of row 0: its numbers are on it, no other view's", async () => {
    const figure = networkFigure("backward", valuesAt("backward", l));
    const svg = await vegaLiteToSvg(networkVegaLite(figure, false));
    assert.ok(svg.includes(formatNumber(at(l.hiddenLayerOutputs, 0, 0))));
    assert.ok(svg.includes(formatNumber(at(l.outputLayerOutputs, 0, 2))));
    assert.ok(!svg.includes(formatNumber(at(l.outputLayerOutputs, 1, 2))), "row 1 is not drawn");
    assert.ok(!svg.includes(formatNumber(at(l.hiddenLayerDelta, 0, 0))), "backward is not drawn");
  });

  it(`draws up to ${MAX_HIDDEN} hidden nodes, then the first ${MAX_HIDDEN} and says so`, async () => {
    for (const nHidden of [1, MAX_HIDDEN, MAX_HIDDEN + 1, 40]) {
      const big = lesson(nHidden, 3);
      const figure = networkFigure("update", valuesAt("update", big));
      const shown = Math.min(nHidden, MAX_HIDDEN);
      assert.equal(figure.shownHidden, shown);
      for (const view of figure.views) {
        assert.equal(figure.edges.filter((e) => e.view === view).length, 4 * shown + shown * 3);
        assert.equal(
          figure.nodes.filter((n) => n.view === view && n.flower === 0 && n.layer === 1).length,
          shown,
        );
      }
      const note = figure.caption.find((c) => c.includes(`of ${nHidden} drawn`));
      assert.equal(note !== undefined, nHidden > MAX_HIDDEN, figure.caption.join("\n"));
      assertValidVegaLite(networkVegaLite(figure));
      // fits the figure: every node inside the drawing area
      for (const n of figure.nodes) assert.ok(n.py > 0 && n.py < figure.height, `${n.py}`);
    }
  });

  it("rejects a missing matrix, a wrong shape or an unknown view, naming it", () => {
    const values = valuesAt("backward", l);
    assert.throws(
      () => networkFigure("backward", { ...values, hiddenLayerDelta: undefined }),
      (e: unknown) =>
        e instanceof ParameterError && /plotNetwork: missing hiddenLayerDelta/.test(e.message),
    );
    assert.throws(
      () => networkFigure("backward", { ...values, hiddenLayerDelta: l.outputLayerDelta }),
      (e: unknown) =>
        e instanceof ShapeError &&
        /hiddenLayerDelta has shape \(3,3\), expected \(3,2\)/.test(e.message),
    );
    assert.throws(
      () => networkFigure("sideways" as NetworkView, values),
      /view must be "forward", "backward" or "update"/,
    );
    assert.throws(
      () => networkFigure("update", { ...values, learningRate: undefined }),
      /needs learningRate/,
    );
    assert.throws(
      () => networkFigure("forward", { ...values, outputNames: ["a", "b"] }),
      /outputNames must be 3 strings/,
    );
  });

  it("plotNetwork sends one bundle: Vega-Lite, the static SVG and the caption", async () => {
    const sent: MimeBundle[] = [];
    const stop = useDisplayWriter((m) => sent.push(m.data));
    try {
      await plotNetwork("forward", valuesAt("forward", l));
    } finally {
      stop();
    }
    assert.equal(sent.length, 1);
    assert.deepEqual(Object.keys(sent[0]).sort(), [SVG_MIME, VEGA_LITE_MIME, "text/plain"].sort());
    assert.match(
      String(sent[0]["text/plain"]),
      /^The network with its numbers\n4 inputs · 2 hidden nodes · 3 outputs.*\nview: forward \(opens on forward\)$/,
    );
  });
});

describe("what the network learned (part 14)", () => {
  const { y, classes } = oneHot(iris.species);
  const split = trainTestSplit(iris.features, y, { testSize: 20, seed: 7 });
  const data = { ...split, classes };
  const options = { x: split.xTrain, y: split.yTrain, learningRate: 0.1, nHidden: 2, seed: 3 };
  const stuck = train({ ...options, epochs: 1500 });
  const learned = train({ ...options, nHidden: 6, epochs: 1500 });

  it("decision regions: at sample points the drawn region is predict's species", () => {
    const regions = decisionRegions(learned, data, { name: "Attempt 5", points: 50 });
    const held = [0, 1].map(
      (i) => split.xTrain.reduce((s, r) => s + r[i], 0) / split.xTrain.length,
    );
    assert.deepEqual(
      regions.held.map((h) => h.value),
      held,
    );
    const random = new RandomState(1);
    const picks = random.permutation(50 * 50).slice(0, 200);
    for (const p of picks) {
      const [r, c] = [Math.floor(p / 50), p % 50];
      const [a, b] = [regions.gridA[c], regions.gridB[r]];
      const expected =
        classes[argmax(predict([[held[0], held[1], a, b]], learned.weights1, learned.weights2)[0])];
      const covering = regions.strips.filter((s) => s.a <= a && a <= s.a2 && s.b <= b && b <= s.b2);
      assert.equal(covering.length, 1, `one region at (${a}, ${b})`);
      assert.equal(covering[0].species, expected, `(${a}, ${b})`);
    }
    // every training and test flower, with predict's class for its own four measurements
    const predicted = predict(split.xTest, learned.weights1, learned.weights2);
    const test = regions.flowers.filter((f) => f.set === "test");
    assert.equal(test.length, 20);
    test.forEach((f, i) => assert.equal(f.predicted, classes[argmax(predicted[i])]));
    const right = test.filter((f) => f.species === f.predicted).length;
    assert.ok(
      regions.caption.some((c) => c.includes(`(${right} predicted right`)),
      regions.caption.join("\n"),
    );
    assertValidVegaLite(decisionRegionsVegaLite(regions));
    assertValidVegaLite(decisionRegionsVegaLite(regions, false));
  });

  it("hidden layer: each cell is σ(xTrain·W1), the caption counts saturated flowers from the values", () => {
    const layer = hiddenLayer({ "Attempt 4": stuck, "Attempt 5": learned }, data);
    assert.deepEqual(layer.runs, ["Attempt 4", "Attempt 5"]);
    for (const [name, run] of [
      ["Attempt 4", stuck],
      ["Attempt 5", learned],
    ] as const) {
      const h = toRows(sigmoid(dot(split.xTrain, run.weights1)));
      const cells = layer.cells.filter((c) => c.run === name);
      assert.equal(cells.length, 130 * run.options.nHidden);
      for (const c of cells) {
        const j = Number(c.node.replace("hidden ", "")) - 1;
        assert.equal(c.value, h[c.row][j]);
        assert.equal(c.species, classes[argmax(split.yTrain[c.row])]);
      }
      h[0].forEach((_, j) => {
        const column = h.map((row) => row[j]);
        const node = layer.nodes.find((n) => n.run === name && n.node === `hidden ${j + 1}`)!;
        assert.equal(node.high, column.filter((v) => v > SATURATED).length);
        assert.equal(node.low, column.filter((v) => v < 1 - SATURATED).length);
        if (node.high > 0) {
          assert.ok(
            layer.caption.some(
              (c) =>
                c.startsWith(name) &&
                c.includes(`hidden ${j + 1}: `) &&
                c.includes(`above 0.99 for ${node.high} of 130`),
            ),
          );
        }
      });
    }
    // flowers grouped by species: places run 0… within each species
    const first = layer.cells.filter((c) => c.run === "Attempt 4" && c.node === "hidden 1");
    for (const species of classes) {
      const places = first.filter((c) => c.species === species).map((c) => c.place);
      assert.deepEqual(
        places,
        places.map((_, i) => i),
      );
    }
    assertValidVegaLite(hiddenLayerVegaLite(layer));
    assertValidVegaLite(hiddenLayerVegaLite(layer, false));
  });

  it(`hidden layer: draws up to ${MAX_HIDDEN} hidden nodes per run, then the first ${MAX_HIDDEN} and says so`, () => {
    const wide = train({ ...options, nHidden: 40, epochs: 10 });
    const layer = hiddenLayer({ Wide: wide, "Attempt 5": learned }, data);
    const nodesOf = (run: string) =>
      new Set(layer.cells.filter((c) => c.run === run).map((c) => c.node));
    assert.equal(nodesOf("Wide").size, MAX_HIDDEN);
    assert.equal(nodesOf("Attempt 5").size, 6);
    assert.equal(layer.nodes.filter((n) => n.run === "Wide").length, MAX_HIDDEN);
    assert.ok(
      layer.caption.includes(`Wide: hidden nodes 1–${MAX_HIDDEN} of 40 drawn`),
      layer.caption.join("\n"),
    );
    assert.ok(!layer.caption.some((c) => c.startsWith("Attempt 5") && c.includes("drawn")));
  });

  it("confusion matrix: species × predicted counts of predict on the test set", () => {
    const m = confusionMatrix(learned, data, { name: "Attempt 5" });
    const predicted = predict(split.xTest, learned.weights1, learned.weights2);
    assert.equal(m.total, 20);
    assert.equal(
      m.counts.flat().reduce((s, n) => s + n, 0),
      20,
    );
    assert.equal(m.right / m.total, accuracy(predicted, split.yTest));
    split.yTest.forEach((row, i) => assert.ok(m.counts[argmax(row)][argmax(predicted[i])] > 0));
    assert.match(m.caption[0], new RegExp(`^${m.right} of 20 test flowers predicted right`));
    assertValidVegaLite(confusionMatrixVegaLite(m));
    assertValidVegaLite(confusionMatrixVegaLite(m, false));
  });

  it("the display functions send Vega-Lite with an SVG; bad input is a one-line error", async () => {
    const sent: MimeBundle[] = [];
    const stop = useDisplayWriter((m) => sent.push(m.data));
    try {
      await plotDecisionRegions(stuck, data, { name: "Attempt 4" });
      await plotHiddenLayer({ "Attempt 4": stuck }, data);
      await plotConfusionMatrix(stuck, data, { name: "Attempt 4" });
    } finally {
      stop();
    }
    assert.equal(sent.length, 3);
    for (const b of sent) assert.ok(VEGA_LITE_MIME in b && SVG_MIME in b && "text/plain" in b);
    assert.throws(
      () => confusionMatrix(stuck, { xTrain: split.xTrain, yTrain: split.yTrain, classes }),
      /needs the test set/,
    );
    assert.throws(
      () => decisionRegions(stuck, { ...data, classes: ["a"] }),
      /classes must name each of the 3 outputs/,
    );
    assert.throws(
      () => decisionRegions(stuck, { ...data, xTest: undefined }),
      /xTest and yTest together/,
    );
    assert.throws(() => hiddenLayer({}, data), /expected runs by name/);
    assert.throws(
      () => decisionRegions(stuck, data, { axes: [2, 9] }),
      /axes must be two column indices/,
    );
  });
});
