import { describe, it, afterEach } from "node:test";
import assert from "node:assert/strict";
import {
  DisplayHandle,
  PLOTLY_MIME,
  SVG_MIME,
  VEGA_LITE_MIME,
  compileVegaLite,
  finalLine,
  formatElapsed,
  historyBundles,
  newDisplay,
  plotGradientDescent,
  plotTrainingHistory,
  plotlyBundle,
  progressLine,
  sendBundle,
  Throttle,
  trainingHistoryPlotly,
  trainingHistoryVegaLite,
  useDisplayWriter,
  vegaLiteBundle,
  type DisplayMessage,
  type PlottableRun,
} from "../../lib/index";

/** Records what would go to the kernel. */
function record(): { messages: { message: DisplayMessage; update: boolean }[]; stop: () => void } {
  const messages: { message: DisplayMessage; update: boolean }[] = [];
  const stop = useDisplayWriter((message, update) => messages.push({ message, update }));
  return { messages, stop };
}

const run: PlottableRun = {
  options: { seed: 10, learningRate: 0.1, epochs: 4, nHidden: 2 },
  history: { mse: [0.2, 0.15, 0.125, 0.1], accuracy: [0.3, 0.5, 0.6, 0.75] },
  finalMse: 0.1,
  finalAccuracy: 0.75,
};

describe("display handles", () => {
  let stop = () => {};
  afterEach(() => stop());

  it("first show is display_data with a display_id, later shows update it in place", () => {
    const rec = record();
    stop = rec.stop;
    const handle = newDisplay();
    handle.show({ "text/plain": "a" });
    handle.show({ "text/plain": "b" });
    new DisplayHandle("other").show({ "text/plain": "c" });
    assert.deepEqual(
      rec.messages.map((m) => [m.update, m.message.transient.display_id, m.message.data]),
      [
        [false, handle.id, { "text/plain": "a" }],
        [true, handle.id, { "text/plain": "b" }],
        [false, "other", { "text/plain": "c" }],
      ],
    );
    assert.match(handle.id, /^[0-9a-f]{16}$/);
  });

  it("stops recording when the returned function is called", () => {
    const rec = record();
    rec.stop();
    const log = console.log;
    const printed: unknown[] = [];
    console.log = (...args: unknown[]) => printed.push(...args);
    try {
      sendBundle({ "text/plain": "outside a kernel" });
    } finally {
      console.log = log;
    }
    assert.equal(rec.messages.length, 0);
    assert.deepEqual(printed, ["outside a kernel"]);
  });
});

describe("figure bundles", () => {
  const figure = { title: "T", caption: "c", epochs: 4 };

  it("Vega-Lite: the spec as a JSON object, an SVG rendering, a caption", async () => {
    const spec = trainingHistoryVegaLite(run.history, figure);
    const bundle = await vegaLiteBundle(
      spec,
      trainingHistoryVegaLite(run.history, { ...figure, interactive: false }),
      "cap",
    );
    assert.deepEqual(Object.keys(bundle).sort(), [SVG_MIME, VEGA_LITE_MIME, "text/plain"].sort());
    assert.equal(VEGA_LITE_MIME, "application/vnd.vegalite.v5+json");
    assert.equal(typeof bundle[VEGA_LITE_MIME], "object");
    assert.equal(bundle[VEGA_LITE_MIME], spec);
    assert.match(bundle[SVG_MIME] as string, /^<svg /);
    assert.equal(bundle["text/plain"], "cap");
  });

  it("Plotly: data, layout and config for jupyterlab-plotly, an SVG rendering, a caption", async () => {
    const fig = trainingHistoryPlotly(run.history, figure);
    const bundle = await plotlyBundle(
      fig,
      trainingHistoryVegaLite(run.history, { ...figure, interactive: false }),
      "cap",
    );
    assert.equal(PLOTLY_MIME, "application/vnd.plotly.v1+json");
    assert.deepEqual(bundle[PLOTLY_MIME], {
      data: fig.data,
      layout: fig.layout,
      config: fig.config,
    });
    assert.match(bundle[SVG_MIME] as string, /^<svg /);
  });
});

describe("plotTrainingHistory", () => {
  let stop = () => {};
  afterEach(() => stop());

  it("titles and captions every figure with split, seed, rate, epochs, hidden nodes, final numbers", async () => {
    const bundles = await historyBundles(run, { title: "Attempt 9", split: 7, library: "both" });
    assert.equal(bundles.length, 2);
    assert.ok(PLOTLY_MIME in bundles[0] && VEGA_LITE_MIME in bundles[1]);
    for (const bundle of bundles) {
      const lines = (bundle["text/plain"] as string).split("\n");
      assert.deepEqual(lines, [
        "Attempt 9",
        "split 7 · seed 10 · learning rate 0.1 · 4 epochs · 2 hidden nodes",
        "final (epoch 4): MSE 0.1 · training accuracy 0.7500",
      ]);
      assert.match(bundle[SVG_MIME] as string, /split 7 · seed 10 · learning rate 0\.1/);
    }
    const spec = bundles[1][VEGA_LITE_MIME] as Parameters<typeof compileVegaLite>[0];
    assert.deepEqual(compileVegaLite(spec).warnings, []);
  });

  it("sends Plotly by default, one display_data per figure", async () => {
    const rec = record();
    stop = rec.stop;
    await plotTrainingHistory(run, { split: 4 });
    await plotTrainingHistory(run, { split: 4, library: "vega-lite" });
    assert.deepEqual(
      rec.messages.map((m) => [
        m.update,
        PLOTLY_MIME in m.message.data,
        VEGA_LITE_MIME in m.message.data,
      ]),
      [
        [false, true, false],
        [false, false, true],
      ],
    );
  });

  it("plotGradientDescent draws the steps on the parabola and returns nothing to print", async () => {
    const rec = record();
    stop = rec.stop;
    const result = await plotGradientDescent(1.1, 3, { title: "Too big", library: "both" });
    assert.equal(result, undefined);
    assert.equal(rec.messages.length, 2);
    const plotly = rec.messages[1].message.data[PLOTLY_MIME] as { data: { x?: number[] }[] };
    assert.ok(
      plotly.data.some((trace) => trace.x?.length === 4),
      "a trace with the start and 3 steps",
    );
    for (const { message } of rec.messages) {
      assert.match(message.data["text/plain"] as string, /^Too big\nlearning rate 1\.1 · 3 steps/);
      assert.match(message.data[SVG_MIME] as string, /Too big/);
    }
    await assert.rejects(plotGradientDescent(-1, 3), /learningRate/);
  });
});

describe("progress text and throttle", () => {
  it("progressLine names epoch, share done, MSE, accuracy and elapsed time", () => {
    assert.equal(
      progressLine({
        epoch: 2500,
        epochs: 15000,
        mse: 0.0912345678,
        accuracy: 0.68461538,
        elapsedMs: 1234,
      }),
      "epoch 2500/15000 (16%) · MSE 0.0912346 · accuracy 0.6846 · 1.2 s",
    );
    assert.equal(progressLine({ epoch: 0, epochs: 10 }), "epoch 0/10 (0%)");
    assert.equal(formatElapsed(125_400), "2 min 05 s");
    assert.equal(
      finalLine(1000, 0.09382641995634154, 0.6307692307692307),
      "final (epoch 1000): MSE 0.0938264 · training accuracy 0.6308",
    );
  });

  it("lets one update through per interval", () => {
    let t = 0;
    const throttle = new Throttle(250, () => t);
    const passed: number[] = [];
    for (t = 0; t <= 1000; t += 50) if (throttle.ready()) passed.push(t);
    assert.deepEqual(passed, [0, 250, 500, 750, 1000]);
  });
});
