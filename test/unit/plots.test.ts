import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import Ajv from "ajv";
import {
  DEFAULT_MAX_POINTS,
  ParameterError,
  markEvery,
  compileVegaLite,
  describeDescent,
  describeRun,
  descentPlotly,
  descentVegaLite,
  gradientDescentPath,
  minMaxIndices,
  parabolaCurve,
  plotSeries,
  roundSignificant,
  stableSvgIds,
  trainingHistoryPlotly,
  trainingHistoryVegaLite,
  vegaLiteToSvg,
} from "../../lib/index";

/** The JSON schema shipped with vega-lite 5.6.1, the version JupyterLab renders with. */
const schema = JSON.parse(
  readFileSync(join(__dirname, "../../node_modules/vega-lite/build/vega-lite-schema.json"), "utf8"),
);
const ajv = new Ajv({ allErrors: true, unknownFormats: "ignore", logger: false } as never);
const validateVegaLite = ajv.compile(schema);

function assertValidVegaLite(spec: unknown): void {
  const ok = validateVegaLite(spec);
  assert.ok(ok, JSON.stringify(validateVegaLite.errors?.slice(0, 3)));
  assert.deepEqual(JSON.parse(JSON.stringify(spec)), spec, "spec must be plain JSON");
}

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

describe("describeRun", () => {
  it("names split, seed, learning rate, epochs and hidden nodes", () => {
    const text = describeRun({ split: 7, seed: 3, learningRate: 0.1, epochs: 15000, nHidden: 6 });
    assert.equal(text, "split 7 · seed 3 · learning rate 0.1 · 15000 epochs · 6 hidden nodes");
    assert.equal(
      describeRun({ seed: 1, learningRate: 2, epochs: 1, nHidden: 1 }),
      "seed 1 · learning rate 2 · 1 epoch · 1 hidden node",
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

describe("trainingHistoryPlotly", () => {
  const h = history(50);
  const fig = trainingHistoryPlotly(h, figure);

  it("draws the same points as the Vega-Lite figure, MSE left and accuracy right", () => {
    const [mse, acc] = fig.data as { x: number[]; y: number[]; xaxis: string; yaxis: string }[];
    const vl = trainingHistoryVegaLite(h, figure) as unknown as {
      datasets: Record<string, { epoch: number; value: number }[]>;
    };
    assert.deepEqual(
      mse.x,
      vl.datasets.mse.map((r) => r.epoch),
    );
    assert.deepEqual(
      mse.y,
      vl.datasets.mse.map((r) => r.value),
    );
    assert.deepEqual(
      acc.y,
      vl.datasets.accuracy.map((r) => r.value),
    );
    assert.deepEqual([mse.xaxis, mse.yaxis, acc.xaxis, acc.yaxis], ["x", "y", "x2", "y2"]);
    assert.deepEqual(fig.layout.grid, { rows: 1, columns: 2, pattern: "independent" });
    assert.deepEqual(fig.layout.yaxis2?.range, [0, 1]);
    assert.deepEqual(fig.layout.xaxis?.range, [0, 50]);
  });

  it("shows epoch and value on hover and names the run in the title", () => {
    for (const trace of fig.data as { hovertemplate: string }[]) {
      assert.match(trace.hovertemplate, /epoch %\{x\}/);
      assert.match(trace.hovertemplate, /%\{y:/);
    }
    const title = fig.layout.title as { text: string; subtitle: { text: string } };
    assert.equal(title.text, "Attempt 1");
    assert.equal(title.subtitle.text, "split 4 · seed 10");
    assert.deepEqual(JSON.parse(JSON.stringify(fig)), fig, "figure must be plain JSON");
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

describe("descent figures", () => {
  const path = gradientDescentPath(0.2, 10);

  it("Vega-Lite: valid, compiles cleanly, one point per step in order", () => {
    const spec = descentVegaLite(path, { title: "Ideal" });
    assertValidVegaLite(spec);
    assert.deepEqual(compileVegaLite(spec).warnings, []);
    const steps = (spec as unknown as { datasets: { steps: { step: number; x: number }[] } })
      .datasets.steps;
    assert.deepEqual(
      steps.map((s) => s.step),
      path.x.map((_, k) => k),
    );
    assert.match(JSON.stringify(spec), /learning rate 0\.2 · 10 steps from x = 5/);
  });

  it("Plotly: a line through every step, hover markers with x, f(x) and the step number", () => {
    const fig = descentPlotly(path, { title: "Ideal" });
    const line = fig.data[1] as { x: number[]; y: number[] };
    const marks = fig.data[2] as { x: number[]; y: number[]; customdata: number[] };
    assert.deepEqual(
      line.x,
      path.x.map((v) => roundSignificant(v)),
    );
    assert.deepEqual(marks.x, line.x);
    assert.deepEqual(
      marks.customdata,
      path.x.map((_, k) => k),
    );
  });

  it("marks about 100 of 1000 steps, always the first and the last", () => {
    assert.equal(markEvery(10), 1);
    assert.equal(markEvery(100), 1);
    assert.equal(markEvery(1000), 10);
    const long = gradientDescentPath(0.002, 1000);
    const marks = descentPlotly(long, { title: "Slow" }).data[2] as { customdata: number[] };
    assert.equal(marks.customdata.length, 101);
    assert.deepEqual([marks.customdata[0], marks.customdata[100]], [0, 1000]);
    const spec = descentVegaLite(long, { title: "Slow" });
    assert.deepEqual(compileVegaLite(spec).warnings, []);
    assert.match(JSON.stringify(spec), /datum\.step % 10 === 0 \|\| datum\.step === 1000/);
  });

  it("caption names learning rate, steps, start and end", () => {
    assert.equal(
      describeDescent(gradientDescentPath(1.1, 3)),
      "learning rate 1.1 · 3 steps from x = 5 · ends at x = -8.64",
    );
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
    await vegaLiteToSvg(descentVegaLite(gradientDescentPath(0.9, 10), { title: "x" }));
    assert.equal(await vegaLiteToSvg(spec), first);
    const renamed = stableSvgIds('<a id="clip7"/><b clip-path="url(#clip7)"/>');
    assert.match(renamed, /^<a id="(clip-[0-9a-f]{10}-1)"\/><b clip-path="url\(#\1\)"\/>$/);
  });

  it("turns an invalid spec into a ParameterError", () => {
    assert.throws(
      () => compileVegaLite({ mark: "line", encoding: {}, hconcat: 3 } as never),
      ParameterError,
    );
  });
});
