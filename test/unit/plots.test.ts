import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  ParameterError,
  initWeights,
  meanSquaredError,
  toRows,
  trainingStep,
} from "../../lib/index";
import { roundSignificant } from "../../lib/format";
import { DEFAULT_MAX_POINTS, minMaxIndices, plotSeries } from "../../lib/plots/downsample";
import {
  descentVegaLite,
  describeDescent,
  gradientDescentPath,
  markEvery,
  parabolaCurve,
} from "../../lib/plots/gradientDescent";
import {
  lossSurface,
  lossSurfaceLabels,
  lossSurfacePlotly,
  lossSurfaceVegaLite,
} from "../../lib/plots/lossSurface";
import {
  compileVegaLite,
  contentHash,
  stableSvgIds,
  vegaLiteToSvg,
} from "../../lib/plots/renderSvg";
import { runLabels, trainingHistoryVegaLite } from "../../lib/plots/trainingHistory";
import { irisX, irisY } from "../support/iris";
import { assertValidVegaLite } from "../support/vegaLite";

/** A made-up history: MSE falling, accuracy rising in steps of 1/130. */
function history(n: number) {
  return {
    mse: Array.from({ length: n }, (_, i) => 0.3 / (1 + i / 7)),
    accuracy: Array.from({ length: n }, (_, i) => Math.min(130, 40 + Math.floor(i / 3)) / 130),
  };
}

const figure = { title: "Attempt 1", caption: "split 4 · seed 10", epochs: 50 };

describe("minMaxIndices / plotSeries", () => {
  it("keeps every epoch when they fit", () => {
    assert.deepEqual(minMaxIndices([3, 1, 2], 10), [0, 1, 2]);
    assert.deepEqual(plotSeries([0.5, 0.25]), { epoch: [1, 2], value: [0.5, 0.25] });
  });

  it("keeps first, last, each bucket's extremes, sorted, at most maxPoints", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 0, maxLength: 400 }),
        fc.integer({ min: 4, max: 60 }),
        (values, maxPoints) => {
          const kept = minMaxIndices(values, maxPoints);
          assert.ok(kept.length <= Math.max(maxPoints, 0));
          for (let i = 1; i < kept.length; i++) assert.ok(kept[i] > kept[i - 1]);
          if (values.length > 0) {
            assert.equal(kept[0], 0);
            assert.equal(kept[kept.length - 1], values.length - 1);
            const keptValues = kept.map((i) => values[i]);
            assert.equal(Math.min(...keptValues), Math.min(...values));
            assert.equal(Math.max(...keptValues), Math.max(...values));
          }
        },
      ),
    );
  });

  it("draws 15 000 epochs with at most DEFAULT_MAX_POINTS real (epoch, value) points", () => {
    const values = Array.from({ length: 15000 }, (_, i) => Math.sin(i / 37) + (i === 7777 ? 5 : 0));
    const series = plotSeries(values);
    assert.ok(series.epoch.length <= DEFAULT_MAX_POINTS && series.epoch.length > 100);
    assert.ok(series.epoch.includes(7778), "the spike at epoch 7778 survives");
    series.epoch.forEach((e, i) => assert.equal(series.value[i], roundSignificant(values[e - 1])));
  });

  it("rejects a maxPoints that cannot hold first, last and one bucket", () => {
    assert.throws(() => minMaxIndices([1, 2, 3], 3), ParameterError);
    assert.throws(() => minMaxIndices([1, 2, 3], 4.5), /maxPoints/);
  });

  it("rounds to significant digits, leaving 0 and non-finite values alone", () => {
    assert.equal(roundSignificant(0.123456789123, 4), 0.1235);
    assert.equal(roundSignificant(123456.7, 3), 123000);
    assert.equal(roundSignificant(0), 0);
    assert.ok(Number.isNaN(roundSignificant(NaN)));
  });
});

describe("runLabels", () => {
  it("names split, seed, learning rate, epochs and hidden nodes", () => {
    const labels = runLabels(
      { split: 7, seed: 3, learningRate: 0.1, epochs: 15000, nHidden: 6 },
      "Attempt 3",
    );
    assert.deepEqual(labels, {
      title: "Attempt 3: 15000 epochs, 6 hidden nodes",
      settings: "split 7 · seed 3 · learning rate 0.1 · 15000 epochs · 6 hidden nodes",
    });
    assert.deepEqual(runLabels({ seed: 1, learningRate: 2, epochs: 1, nHidden: 1 }), {
      title: "Training: 1 epoch, 1 hidden node",
      settings: "seed 1 · learning rate 2 · 1 epoch · 1 hidden node",
    });
  });

  it("follows a changed parameter: the labels come from the values, never a stale text", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100000 }),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (epochs, nHidden, seed) => {
          const { title, settings } = runLabels({ seed, learningRate: 0.5, epochs, nHidden });
          const e = `${epochs} epoch${epochs === 1 ? "" : "s"}`;
          const h = `${nHidden} hidden node${nHidden === 1 ? "" : "s"}`;
          assert.equal(title, `Training: ${e}, ${h}`);
          assert.equal(settings, `seed ${seed} · learning rate 0.5 · ${e} · ${h}`);
        },
      ),
    );
  });
});

describe("trainingHistoryVegaLite", () => {
  const h = history(50);

  it("is a valid Vega-Lite 5 spec that vega-lite 5.6.1 compiles without warnings", () => {
    for (const interactive of [true, false]) {
      const spec = trainingHistoryVegaLite(h, { ...figure, interactive });
      assertValidVegaLite(spec);
      assert.deepEqual(compileVegaLite(spec).warnings, []);
    }
  });

  it("carries every recorded epoch's MSE and accuracy side by side", () => {
    const spec = trainingHistoryVegaLite(h, figure) as unknown as {
      datasets: Record<string, { epoch: number; value: number }[]>;
      hconcat: { data: { name: string }; layer: { encoding: Record<string, unknown> }[] }[];
      title: { text: string; subtitle: string[] };
    };
    assert.deepEqual(
      spec.datasets.mse.map((r) => r.epoch),
      h.mse.map((_, i) => i + 1),
    );
    spec.datasets.mse.forEach((r, i) => assert.equal(r.value, roundSignificant(h.mse[i])));
    spec.datasets.accuracy.forEach((r, i) =>
      assert.equal(r.value, roundSignificant(h.accuracy[i])),
    );
    assert.deepEqual(
      spec.hconcat.map((p) => p.data.name),
      ["mse", "accuracy"],
    );
    assert.deepEqual(spec.title, {
      text: "Attempt 1",
      subtitle: ["split 4 · seed 10"],
      anchor: "start",
    });
    const x = spec.hconcat[0].layer[0].encoding.x as { scale: { domain: number[] } };
    assert.deepEqual(x.scale.domain, [0, 50]);
    const y = spec.hconcat[1].layer[0].encoding.y as { scale: { domain: number[] } };
    assert.deepEqual(y.scale.domain, [0, 1]);
  });

  it("adds hover tooltips and zoom only to the interactive version", () => {
    const interactive = JSON.stringify(trainingHistoryVegaLite(h, figure));
    const still = JSON.stringify(trainingHistoryVegaLite(h, { ...figure, interactive: false }));
    assert.match(interactive, /"tooltip"/);
    assert.match(interactive, /"bind":"scales"/);
    assert.doesNotMatch(still, /tooltip|"params"/);
  });

  it("keeps the x axis at the planned epochs while a run is still going", () => {
    const partial = trainingHistoryVegaLite(history(5), { ...figure, epochs: 1000 });
    assert.match(JSON.stringify(partial), /"domain":\[0,1000\]/);
    assertValidVegaLite(trainingHistoryVegaLite({ mse: [], accuracy: [] }, figure));
  });

  it("rejects histories whose lengths disagree or exceed the epochs", () => {
    assert.throws(
      () => trainingHistoryVegaLite({ mse: [1, 2], accuracy: [1] }, figure),
      /mse has 2 values but accuracy has 1/,
    );
    assert.throws(() => trainingHistoryVegaLite(h, { ...figure, epochs: 10 }), ParameterError);
  });
});

describe("gradientDescentPath", () => {
  it("follows x_k = 5·(1 − 2·lr)^k on f(x) = x²", () => {
    for (const [lr, steps] of [
      [0.2, 10],
      [0.002, 1000],
      [0.9, 10],
      [1.1, 3],
    ]) {
      const path = gradientDescentPath(lr, steps);
      assert.equal(path.x.length, steps + 1);
      path.x.forEach((x, k) => {
        const closedForm = 5 * Math.pow(1 - 2 * lr, k);
        assert.ok(Math.abs(x - closedForm) <= 1e-12 * Math.max(1, Math.abs(closedForm)));
        assert.equal(path.y[k], x * x);
      });
    }
  });

  it("moves towards 0 for lr < 1 and away from it for lr > 1", () => {
    const small = gradientDescentPath(0.002, 10);
    assert.ok(small.x[10] > 4.75 && small.x[10] < 5, "0.002 barely moves in 10 steps");
    const zigzag = gradientDescentPath(0.9, 10);
    assert.ok(zigzag.x[1] < 0 && zigzag.x[2] > 0 && Math.abs(zigzag.x[10]) < 5);
    const tooBig = gradientDescentPath(1.1, 3);
    assert.deepEqual(
      tooBig.x.map((x) => roundSignificant(x, 10)),
      [5, -6, 7.2, -8.64],
    );
  });

  it("draws the parabola wide enough for every step", () => {
    const curve = parabolaCurve(gradientDescentPath(1.1, 3));
    assert.ok(curve.x[0] <= -8.64 && curve.x[curve.x.length - 1] >= 8.64);
    curve.x.forEach((x, i) => assert.equal(curve.y[i], x * x));
  });

  it("rejects a bad learning rate or step count, naming it", () => {
    assert.throws(() => gradientDescentPath(0, 10), /learningRate.*got 0/);
    assert.throws(() => gradientDescentPath(0.1, -1), /steps.*got -1/);
    assert.throws(() => gradientDescentPath(0.1, 2.5), ParameterError);
  });
});

type DescentSpec = {
  title: { text: string; subtitle: string };
  datasets: { steps: { step: number; x: number; y: number }[] };
  layer: { transform?: { filter: string }[] }[];
};

describe("descentVegaLite", () => {
  const path = gradientDescentPath(0.2, 10);

  it("is valid, compiles cleanly, one point per step in order", () => {
    for (const interactive of [true, false]) {
      const spec = descentVegaLite(path, interactive);
      assertValidVegaLite(spec);
      assert.deepEqual(compileVegaLite(spec).warnings, []);
      const { steps } = (spec as unknown as DescentSpec).datasets;
      assert.deepEqual(
        steps.map((s) => s.step),
        path.x.map((_, k) => k),
      );
      assert.deepEqual(
        steps.map((s) => s.x),
        path.x.map((v) => roundSignificant(v)),
      );
    }
  });

  it("is titled from the path it draws", () => {
    for (const [lr, steps] of [
      [0.2, 10],
      [1.1, 3],
      [0.5, 1],
    ]) {
      const p = gradientDescentPath(lr, steps);
      const { title } = descentVegaLite(p) as unknown as DescentSpec;
      assert.equal(title.text, `Learning rate ${lr}, ${steps} step${steps === 1 ? "" : "s"}`);
      assert.equal(title.subtitle, describeDescent(p));
    }
  });

  it("hovers step, x and f(x) only in the interactive version", () => {
    assert.match(JSON.stringify(descentVegaLite(path)), /"tooltip"/);
    assert.doesNotMatch(JSON.stringify(descentVegaLite(path, false)), /tooltip/);
  });

  it("marks about 100 of 1000 steps, always the first and the last", () => {
    assert.equal(markEvery(10), 1);
    assert.equal(markEvery(100), 1);
    assert.equal(markEvery(1000), 10);
    const long = gradientDescentPath(0.002, 1000);
    const spec = descentVegaLite(long) as unknown as DescentSpec;
    assert.deepEqual(compileVegaLite(spec as never).warnings, []);
    const filter = spec.layer.flatMap((l) => l.transform ?? [])[0].filter;
    assert.equal(filter, "datum.step % 10 === 0 || datum.step === 1000");
    const marked = spec.datasets.steps.filter((d) => d.step % 10 === 0 || d.step === 1000);
    assert.equal(marked.length, 101);
    const odd = descentVegaLite(gradientDescentPath(0.002, 1005)) as unknown as DescentSpec;
    const oddFilter = odd.layer.flatMap((l) => l.transform ?? [])[0].filter;
    assert.equal(oddFilter, "datum.step % 11 === 0 || datum.step === 1005");
  });

  it("caption names learning rate, steps, start and end", () => {
    assert.equal(
      describeDescent(gradientDescentPath(1.1, 3)),
      "learning rate 1.1 · 3 steps from x = 5 · ends at x = -8.64",
    );
    assert.equal(
      describeDescent(gradientDescentPath(0.5, 1, -2)),
      "learning rate 0.5 · 1 step from x = -2 · ends at x = 0",
    );
  });
});

/** A caption given as one line or several, as one string. */
const captionText = (caption: string | readonly string[]) =>
  typeof caption === "string" ? caption : caption.join("\n");

describe("lossSurface", () => {
  const { weights1, weights2 } = initWeights({ nInput: 4, nHidden: 2, nOutput: 3 }, 10);
  const w1 = toRows(weights1);
  const w2 = toRows(weights2);
  const surface = lossSurface(irisX, irisY, w1, w2, 0.1, { points: 11, radius: 2 });

  it("spans the two weights with the steepest gradient, centred on their current values", () => {
    const step = trainingStep(irisX, irisY, w1, w2, 0.1);
    const gradients = [toRows(step.weights1Update), toRows(step.weights2Update)];
    const all = gradients
      .flatMap((g, m) => g.flatMap((row, i) => row.map((v, j) => ({ m, i, j, v }))))
      .sort((p, q) => Math.abs(q.v) - Math.abs(p.v));
    const label = (p: (typeof all)[number]) => `weights${p.m + 1}[${p.i}][${p.j}]`;
    assert.equal(surface.a.label, label(all[0]));
    assert.equal(surface.b.label, label(all[1]));
    assert.ok(Math.abs(all[1].v) > Math.abs(all[2].v), "the two steepest are well defined");
    for (const [axis, p] of [
      [surface.a, all[0]],
      [surface.b, all[1]],
    ] as const) {
      assert.equal(axis.gradient, p.v);
      assert.equal(axis.start, [w1, w2][p.m][p.i][p.j]);
      assert.equal(axis.values.length, 11);
      assert.ok(Math.abs(axis.values[5] - axis.start) < 1e-15);
      assert.ok(Math.abs(axis.values[0] - (axis.start - 2)) < 1e-15);
      assert.ok(Math.abs(axis.values[10] - (axis.start + 2)) < 1e-15);
    }
  });

  it("its value at the start is meanSquaredError of trainingStep's outputs", () => {
    const step = trainingStep(irisX, irisY, w1, w2, 0.1);
    const mse = meanSquaredError(step.outputLayerOutputs, irisY);
    // the grid's centre (odd number of points) and the first point of the step
    assert.equal(surface.a.values[5], surface.a.start);
    assert.equal(surface.b.values[5], surface.b.start);
    assert.equal(surface.mse[5][5], mse);
    assert.equal(surface.step.a[0], surface.a.start);
    assert.equal(surface.step.b[0], surface.b.start);
    assert.equal(surface.step.mse[0], mse);
    assert.equal(surface.mse.length, 11);
    assert.ok(surface.mse.every((row) => row.length === 11));
  });

  it("each grid value is the MSE with those two weights changed (rows follow b)", () => {
    const [i, j] = [2, 8];
    const trial = [w1, w2].map((m) => m.map((row) => row.slice()));
    const set = (label: string, value: number) => {
      const [, m, r, c] = /weights(\d)\[(\d+)\]\[(\d+)\]/.exec(label)!.map(Number);
      trial[m - 1][r][c] = value;
    };
    set(surface.a.label, surface.a.values[j]);
    set(surface.b.label, surface.b.values[i]);
    const outputs = trainingStep(irisX, irisY, trial[0], trial[1], 0.1).outputLayerOutputs;
    assert.equal(surface.mse[i][j], meanSquaredError(outputs, irisY));
  });

  it("the drawn step goes against the gradient and downhill", () => {
    const { step } = surface;
    assert.ok(step.a.length >= 2);
    const last = step.a.length - 1;
    assert.equal(Math.sign(step.a[last] - step.a[0]), -Math.sign(surface.a.gradient));
    assert.equal(Math.sign(step.b[last] - step.b[0]), -Math.sign(surface.b.gradient));
    // the first stretch of a gradient step lowers the loss
    assert.ok(step.mse[1] < step.mse[0], `${step.mse[0]} → ${step.mse[1]}`);
  });

  it("labels name both weights, the current MSE and the learning rate", () => {
    const { title, caption } = lossSurfaceLabels(surface);
    assert.equal(title, `The MSE over ${surface.a.label} and ${surface.b.label}`);
    const text = captionText(caption);
    assert.ok(text.includes(String(roundSignificant(surface.step.mse[0], 6))), text);
    assert.match(text, /learning rate 0\.1/);
  });

  it("Plotly: the surface over the grid and the step on it", () => {
    const fig = lossSurfacePlotly(surface);
    assert.deepEqual(JSON.parse(JSON.stringify(fig)), fig, "figure must be plain JSON");
    const [grid, line] = fig.data as { type: string; x: number[]; y: number[]; z: unknown }[];
    assert.equal(grid.type, "surface");
    assert.deepEqual(
      grid.x,
      surface.a.values.map((v) => roundSignificant(v, 6)),
    );
    assert.deepEqual(
      grid.y,
      surface.b.values.map((v) => roundSignificant(v, 6)),
    );
    assert.equal((grid.z as number[][]).length, 11);
    assert.equal(line.type, "scatter3d");
    assert.deepEqual(
      line.x,
      surface.step.a.map((v) => roundSignificant(v, 6)),
    );
  });

  it("Vega-Lite fallback: valid, compiles cleanly, colours taken from the grid", () => {
    const spec = lossSurfaceVegaLite(surface);
    assertValidVegaLite(spec);
    assert.deepEqual(compileVegaLite(spec).warnings, []);
    const cells = (spec as unknown as { layer: { data: { values: { mse: number }[] } }[] }).layer[0]
      .data.values;
    const grid = new Set(surface.mse.flat().map((v) => roundSignificant(v, 6)));
    assert.ok(cells.length >= 9);
    for (const cell of cells) assert.ok(grid.has(cell.mse), `${cell.mse} is not a grid value`);
    const title = (spec as unknown as { title: { text: string } }).title.text;
    assert.equal(title, lossSurfaceLabels(surface).title);
  });

  it("rejects bad options and shapes by name", () => {
    assert.throws(() => lossSurface(irisX, irisY, w1, w2, 0.1, { points: 2 }), {
      name: "ParameterError",
      message: /lossSurface: points must be an integer ≥ 3, got 2/,
    });
    assert.throws(() => lossSurface(irisX, irisY, w1, w2, 0.1, { radius: 0 }), /radius/);
    assert.throws(() => lossSurface(irisX, irisY, w1, w2, 0), /learningRate/);
    assert.throws(() => lossSurface(irisX, irisY.slice(1), w1, w2, 0.1), {
      name: "ShapeError",
      message: /lossSurface: x has shape \(150,4\) and y has shape \(149,3\)/,
    });
  });
});

describe("vegaLiteToSvg", () => {
  it("renders a history figure to a standalone SVG with its title and caption", async () => {
    const spec = trainingHistoryVegaLite(history(50), { ...figure, interactive: false });
    const svg = await vegaLiteToSvg(spec);
    assert.match(svg, /^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(svg, /Attempt 1/);
    assert.match(svg, /split 4 · seed 10/);
    assert.match(svg, /<path[^>]*d="M/);
  });

  it("gives the same figure the same bytes, however many were drawn before", async () => {
    const spec = trainingHistoryVegaLite(history(20), { ...figure, interactive: false });
    const first = await vegaLiteToSvg(spec);
    await vegaLiteToSvg(descentVegaLite(gradientDescentPath(0.9, 10), false));
    assert.equal(await vegaLiteToSvg(spec), first);
    const renamed = stableSvgIds('<a id="clip7"/><b clip-path="url(#clip7)"/>');
    assert.match(renamed, /^<a id="(clip-[0-9a-f]{10}-1)"\/><b clip-path="url\(#\1\)"\/>$/);
    const other = stableSvgIds('<a id="clip7"/><c clip-path="url(#clip7)"/>');
    assert.notEqual(other.slice(0, 24), renamed.slice(0, 24), "another figure, other ids");
  });

  it("contentHash: 14 hex digits, the same for the same text, apart for close texts", () => {
    const texts = ["", "a", "b", "ab", "ba", "<svg/>", "<svg />", "x".repeat(100_000)];
    const hashes = texts.map(contentHash);
    assert.ok(hashes.every((h) => /^[0-9a-f]{14}$/.test(h)));
    assert.equal(new Set(hashes).size, texts.length);
    assert.deepEqual(texts.map(contentHash), hashes);
  });

  it("turns an invalid spec into a ParameterError", () => {
    assert.throws(
      () => compileVegaLite({ mark: "line", encoding: {}, hconcat: 3 } as never),
      ParameterError,
    );
  });
});
