/**
 * What the notebook receives: display messages (one bundle, redrawn in place by id), figure
 * bundles (interactive spec, static SVG, caption), `show` for values and matrices of any size,
 * and the progress text of live training.
 */
import { describe, it, afterEach } from "node:test";
import assert from "node:assert/strict";
import {
  gradientCheck,
  initWeights,
  matrix,
  plotGradientDescent,
  plotLossSurface,
  plotTrainingHistory,
  show,
  showComparison,
  showGradientCheck,
  toRows,
  train,
  type TrainingRun,
} from "../../lib/index";
import {
  PLOTLY_MIME,
  SVG_MIME,
  VEGA_LITE_MIME,
  finalLine,
  plotlyBundle,
  trainingHistoryBundle,
  vegaLiteBundle,
} from "../../lib/display/figures";
import {
  DisplayHandle,
  sendBundle,
  useDisplayWriter,
  type DisplayMessage,
} from "../../lib/display/kernel";
import { formatElapsed, formatNumber } from "../../lib/format";
import { gradientCheckText } from "../../lib/display/showGradientCheck";
import { progressLine } from "../../lib/display/trainLive";
import { lossSurface, lossSurfaceLabels, lossSurfaceVegaLite } from "../../lib/plots/lossSurface";
import { compileVegaLite } from "../../lib/plots/renderSvg";
import { trainingHistoryVegaLite } from "../../lib/plots/trainingHistory";
import { irisX, irisY } from "../support/iris";

type Sent = { message: DisplayMessage; update: boolean };

/** Records what would go to the kernel. */
function record(): { messages: Sent[]; stop: () => void } {
  const messages: Sent[] = [];
  const stop = useDisplayWriter((message, update) => messages.push({ message, update }));
  return { messages, stop };
}

/** Records what goes to the kernel while f runs. */
async function recorded(f: () => unknown): Promise<Sent[]> {
  const rec = record();
  try {
    await f();
  } finally {
    rec.stop();
  }
  return rec.messages;
}

const text = (sent: Sent) => sent.message.data["text/plain"] as string;

const run: TrainingRun = {
  options: { seed: 10, learningRate: 0.1, epochs: 4, nHidden: 2, nInput: 4, nOutput: 3, rows: 5 },
  weights1: [[0]],
  weights2: [[0]],
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
    const handle = new DisplayHandle();
    const other = new DisplayHandle();
    handle.show({ "text/plain": "a" });
    handle.show({ "text/plain": "b" });
    other.show({ "text/plain": "c" });
    assert.notEqual(handle.id, other.id);
    assert.deepEqual(
      rec.messages.map((m) => [m.update, m.message.transient.display_id, m.message.data]),
      [
        [false, handle.id, { "text/plain": "a" }],
        [true, handle.id, { "text/plain": "b" }],
        [false, other.id, { "text/plain": "c" }],
      ],
    );
  });

  it("without a kernel the text goes to stdout once (updates are not printed again)", () => {
    const rec = record();
    rec.stop();
    const log = console.log;
    const printed: unknown[] = [];
    console.log = (...args: unknown[]) => printed.push(...args);
    try {
      sendBundle({ "text/plain": "outside a kernel", "text/html": "<b>x</b>" });
      sendBundle({ "text/plain": "an update" }, { displayId: "d", update: true });
    } finally {
      console.log = log;
    }
    assert.equal(rec.messages.length, 0);
    assert.deepEqual(printed, ["outside a kernel"]);
  });

  it("a nested writer is restored when it stops", () => {
    const outer = record();
    const inner = record();
    sendBundle({ "text/plain": "1" });
    inner.stop();
    sendBundle({ "text/plain": "2" });
    outer.stop();
    assert.deepEqual(inner.messages.map(text), ["1"]);
    assert.deepEqual(outer.messages.map(text), ["2"]);
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
    assert.equal(bundle[VEGA_LITE_MIME], spec);
    assert.match(bundle[SVG_MIME] as string, /^<svg /);
    assert.equal(bundle["text/plain"], "cap");
  });

  it("Plotly: the figure for jupyterlab-plotly, an SVG rendering of the static spec, a caption", async () => {
    const surface = lossSurface(irisX, irisY, ...tutorialWeights(), 0.1, { points: 5 });
    const figureData = { data: [], layout: { title: { text: "x" } }, config: {} };
    const bundle = await plotlyBundle(figureData, lossSurfaceVegaLite(surface), "cap");
    assert.equal(PLOTLY_MIME, "application/vnd.plotly.v1+json");
    assert.equal(bundle[PLOTLY_MIME], figureData);
    assert.match(bundle[SVG_MIME] as string, /^<svg /);
    assert.equal(bundle["text/plain"], "cap");
  });
});

function tutorialWeights(): [number[][], number[][]] {
  const { weights1, weights2 } = initWeights({ nInput: 4, nHidden: 2, nOutput: 3 }, 10);
  return [toRows(weights1), toRows(weights2)];
}

describe("plotTrainingHistory", () => {
  it("sends one Vega-Lite figure titled and captioned from the run's values", async () => {
    const labels = { ...run.options, name: "Attempt 9", split: 7 };
    const sent = await recorded(() => plotTrainingHistory(run.history, labels));
    assert.equal(sent.length, 1);
    const { data } = sent[0].message;
    assert.equal(sent[0].update, false);
    assert.deepEqual(Object.keys(data).sort(), [SVG_MIME, VEGA_LITE_MIME, "text/plain"].sort());
    assert.deepEqual(text(sent[0]).split("\n"), [
      "Attempt 9: 4 epochs, 2 hidden nodes",
      "split 7 · seed 10 · learning rate 0.1 · 4 epochs · 2 hidden nodes",
      "final (epoch 4): MSE 0.1 · training accuracy 0.7500",
    ]);
    assert.match(data[SVG_MIME] as string, /split 7 · seed 10 · learning rate 0\.1/);
    const spec = data[VEGA_LITE_MIME] as Parameters<typeof compileVegaLite>[0];
    assert.deepEqual(compileVegaLite(spec).warnings, []);
  });

  it("labels follow a changed parameter: epochs and hidden nodes of the run drawn", async () => {
    const data = {
      x: irisX.slice(0, 30),
      y: irisY.slice(0, 30),
      learningRate: 0.5,
      seed: 3,
    };
    for (const [epochs, nHidden] of [
      [5, 2],
      [12, 7],
      [1, 1],
    ]) {
      const trained: TrainingRun = train({ ...data, epochs, nHidden });
      const labels = { seed: 3, learningRate: 0.5, epochs, nHidden, name: "Attempt 2" };
      const bundle = await trainingHistoryBundle(trained.history, labels);
      const [title, settings, final] = (bundle["text/plain"] as string).split("\n");
      const e = `${epochs} epoch${epochs === 1 ? "" : "s"}`;
      const h = `${nHidden} hidden node${nHidden === 1 ? "" : "s"}`;
      assert.equal(title, `Attempt 2: ${e}, ${h}`);
      assert.equal(settings, `seed 3 · learning rate 0.5 · ${e} · ${h}`);
      assert.equal(final, finalLine(trained.history));
      assert.match(final, new RegExp(`^final \\(epoch ${epochs}\\)`));
      const spec = bundle[VEGA_LITE_MIME] as { title: { text: string } };
      assert.equal(spec.title.text, title);
    }
  });

  it("the default name is Training", async () => {
    const bundle = await trainingHistoryBundle(run.history, run.options);
    assert.match(bundle["text/plain"] as string, /^Training: 4 epochs, 2 hidden nodes\n/);
  });
});

describe("plotGradientDescent", () => {
  it("draws the steps on the parabola, titled from its arguments, returning nothing", async () => {
    let result: unknown = "not called";
    const sent = await recorded(async () => {
      result = await plotGradientDescent(1.1, 3);
    });
    assert.equal(result, undefined);
    assert.equal(sent.length, 1);
    const { data } = sent[0].message;
    assert.equal(
      text(sent[0]),
      "Learning rate 1.1, 3 steps\nlearning rate 1.1 · 3 steps from x = 5 · ends at x = -8.64",
    );
    const spec = data[VEGA_LITE_MIME] as { datasets: { steps: { x: number }[] } };
    assert.equal(spec.datasets.steps.length, 4, "the start and 3 steps");
    assert.match(data[SVG_MIME] as string, /Learning rate 1\.1, 3 steps/);
  });

  it("starts where it is told and refuses a bad learning rate or step count", async () => {
    const sent = await recorded(() => plotGradientDescent(0.25, 1, -4));
    assert.equal(
      text(sent[0]),
      "Learning rate 0.25, 1 step\nlearning rate 0.25 · 1 step from x = -4 · ends at x = -2",
    );
    await assert.rejects(plotGradientDescent(-1, 3), /learningRate/);
    await assert.rejects(plotGradientDescent(0.1, 1.5), /steps/);
  });
});

describe("plotLossSurface", () => {
  it("sends the Plotly surface with its static heatmap and the surface's labels", async () => {
    const [w1, w2] = tutorialWeights();
    const sent = await recorded(() => plotLossSurface(irisX, irisY, w1, w2, 0.1, { points: 9 }));
    assert.equal(sent.length, 1);
    const { data } = sent[0].message;
    assert.deepEqual(Object.keys(data).sort(), [PLOTLY_MIME, SVG_MIME, "text/plain"].sort());
    const { title, caption } = lossSurfaceLabels(
      lossSurface(irisX, irisY, w1, w2, 0.1, { points: 9 }),
    );
    assert.equal(text(sent[0]), [title, ...[caption].flat()].join("\n"));
    const figure = data[PLOTLY_MIME] as { data: { type: string }[] };
    assert.deepEqual(
      figure.data.map((d) => d.type),
      ["surface", "scatter3d"],
    );
    assert.match(data[SVG_MIME] as string, /^<svg /);
  });

  it("refuses weights that do not fit the data", async () => {
    const [w1] = tutorialWeights();
    await assert.rejects(plotLossSurface(irisX, irisY, w1, [[1, 2, 3]], 0.1), {
      name: "ShapeError",
      message: /lossSurface: weights2 has shape \(1,3\)/,
    });
  });
});

describe("show", () => {
  it("a matrix as a table with its name and shape, in text and HTML", async () => {
    const sent = await recorded(() =>
      show(
        matrix([
          [1, -0.5],
          [1 / 3, 100],
        ]),
        "W",
      ),
    );
    assert.equal(sent.length, 1);
    assert.equal(
      text(sent[0]),
      "W  shape (2,2)\n           1        -0.5\n  0.33333333         100",
    );
    const html = sent[0].message.data["text/html"] as string;
    assert.match(html, /<code>W<\/code> shape \(2,2\)/);
    assert.equal((html.match(/<tr>/g) ?? []).length, 2);
  });

  it("rows, lists, numbers, strings and booleans", async () => {
    const sent = await recorded(() => {
      show([[1, 2, 3]], "x");
      show([0.1, 0.2], "mse");
      show(["Iris-setosa", "Iris-virginica"]);
      show(0.1 + 0.2, "sum");
      show("hello");
      show(true, "done");
    });
    assert.deepEqual(sent.map(text), [
      "x  shape (1,3)\n  1  2  3",
      "mse = 0.1, 0.2",
      "Iris-setosa, Iris-virginica",
      "sum = 0.30000000000000004",
      "hello",
      "done = true",
    ]);
  });

  for (const [rows, cols] of [
    [4, 1_000_000],
    [1_000_000, 4],
  ]) {
    it(`summarises a ${rows}×${cols} matrix like NumPy: shape, edges and …`, async () => {
      const m: number[][] = [];
      for (let i = 0; i < rows; i++) {
        const row = new Array<number>(cols);
        for (let j = 0; j < cols; j++) row[j] = i * cols + j + 0.5;
        m.push(row);
      }
      for (const value of [m, matrix(m)]) {
        const sent = await recorded(() => show(value, "big"));
        assert.equal(sent.length, 1);
        const lines = text(sent[0]).split("\n");
        assert.ok(lines.length <= 20, `${lines.length} lines`);
        assert.equal(lines[0], `big  shape (${rows},${cols})`);
        const body = lines.slice(1).join("\n");
        assert.ok(body.includes("…"));
        assert.ok(body.includes(formatNumber(m[0][0])), "first value");
        assert.ok(body.includes(formatNumber(m[rows - 1][cols - 1])), "last value");
        assert.ok(!body.includes(formatNumber(m[rows >> 1][cols >> 1])), "a middle value");
        const html = sent[0].message.data["text/html"] as string;
        assert.ok(html.length < 5000, `${html.length} characters of HTML`);
      }
    });
  }

  it("keeps a 1000-element matrix whole and summarises a long list", async () => {
    const sent = await recorded(() => {
      show(
        Array.from({ length: 10 }, (_, i) => Array.from({ length: 100 }, (_, j) => i * 100 + j)),
      );
      show(Array.from({ length: 5000 }, (_, i) => i));
    });
    assert.equal(text(sent[0]).split("\n").length, 11);
    assert.doesNotMatch(text(sent[0]), /…/);
    assert.equal(text(sent[1]), "0, 1, 2, …, 4997, 4998, 4999");
  });

  it("refuses ragged rows and values it cannot show, naming them", () => {
    assert.throws(() => show([[1, 2], [3]], "W"), {
      name: "ShapeError",
      message: "W: row 1 has 1 columns, row 0 has 2",
    });
    assert.throws(() => show({} as never), { name: "ParameterError", message: /show: cannot/ });
  });
});

describe("showComparison and showGradientCheck", () => {
  it("showComparison says identical, how far apart, a shape mismatch or a missing matrix", async () => {
    const a = [[1, 2]];
    const sent = await recorded(() =>
      showComparison(
        { same: a, near: a, shape: a, gone: a },
        { same: [[1, 2]], near: matrix([[1, 2.5]]), shape: [[1], [2]] },
      ),
    );
    assert.equal(sent.length, 1);
    assert.deepEqual(text(sent[0]).split("\n"), [
      "same   (1,2)  identical",
      "near   (1,2)  differs by up to 5.00e-1",
      "shape  (1,2)  shape (2,1) differs",
      "gone          missing",
    ]);
  });

  it("showGradientCheck shows one row per matrix and the verdict", async () => {
    const [w1, w2] = tutorialWeights();
    const report = gradientCheck(irisX.slice(0, 10), irisY.slice(0, 10), w1, w2);
    const sent = await recorded(() => showGradientCheck(report));
    const lines = text(sent[0]).split("\n");
    assert.equal(text(sent[0]), gradientCheckText(report));
    assert.match(lines[1], /^W1\s+\(4,2\)\s+\d\.\d\de-\d+\s+pass\s*$/);
    assert.match(lines[2], /^W2\s+\(2,3\)\s+\d\.\d\de-\d+\s+pass\s*$/);
    assert.match(lines[3], /backpropagation agrees with finite differences$/);
    const failing = gradientCheckText({ ...report, passed: false });
    assert.match(failing, /MISMATCH$/);
  });
});

describe("progress text", () => {
  const partial: TrainingRun = {
    options: {
      learningRate: 0.1,
      epochs: 15000,
      nHidden: 2,
      seed: 1,
      nInput: 4,
      nOutput: 3,
      rows: 130,
    },
    weights1: [[0]],
    weights2: [[0]],
    history: { mse: new Array(2500).fill(0.0912345678), accuracy: new Array(2500).fill(0.6846) },
    finalMse: 0.0912345678,
    finalAccuracy: 0.68461538,
  };

  it("progressLine names epoch, share done, MSE, accuracy, elapsed and time left", () => {
    assert.equal(
      progressLine(partial, 1234),
      "epoch 2500/15000 (16%) · MSE 0.0912346 · accuracy 0.6846 · 1.2 s, about 6.2 s left",
    );
    assert.equal(progressLine(partial), "epoch 2500/15000 (16%) · MSE 0.0912346 · accuracy 0.6846");
    const none = { ...partial, history: { mse: [], accuracy: [] } };
    assert.equal(progressLine(none, 10), "epoch 0/15000 (0%) · 0.0 s");
  });

  it("formatElapsed and finalLine", () => {
    assert.equal(formatElapsed(1234), "1.2 s");
    assert.equal(formatElapsed(125_400), "2 min 05 s");
    assert.equal(
      finalLine({
        mse: [...new Array<number>(999).fill(0), 0.09382641995634154],
        accuracy: [...new Array<number>(999).fill(0), 0.6307692307692307],
      }),
      "final (epoch 1000): MSE 0.0938264 · training accuracy 0.6308",
    );
  });
});
