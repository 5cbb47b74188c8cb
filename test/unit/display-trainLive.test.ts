import { describe, it, afterEach } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import fc from "fast-check";
import {
  DivergenceError,
  createTrainer,
  loadIris,
  oneHot,
  train,
  trainLive,
  trainTestSplit,
  type Trainer,
  type TrainOptions,
  type TrainingRun,
} from "../../lib/index";
import { SVG_MIME, VEGA_LITE_MIME } from "../../lib/display/figures";
import { useDisplayWriter, type DisplayMessage } from "../../lib/display/kernel";
import { nextChunkSize } from "../../lib/display/trainLive";
import { compileVegaLite } from "../../lib/plots/renderSvg";

type Sent = { message: DisplayMessage; update: boolean };

function record(): { sent: Sent[]; stop: () => void } {
  const sent: Sent[] = [];
  return { sent, stop: useDisplayWriter((message, update) => sent.push({ message, update })) };
}

const iris = loadIris(join(__dirname, "../../data/Iris.csv"));
const split = trainTestSplit(iris.features, oneHot(iris.species).y, { testSize: 20, seed: 4 });
const options: TrainOptions = {
  x: split.xTrain,
  y: split.yTrain,
  learningRate: 0.1,
  epochs: 300,
  nHidden: 2,
  seed: 10,
};

/**
 * A trainer whose every epoch takes `msPerEpoch` on a fake clock, recording metrics that
 * follow a known formula, and that can be told to fail at some epoch.
 */
function fakeTrainer(epochs: number, clock: { t: number }, msPerEpoch: number, failAt?: number) {
  let epoch = 0;
  const history = { mse: [] as number[], accuracy: [] as number[] };
  const runOptions = {
    learningRate: 0.5,
    epochs,
    nHidden: 3,
    seed: 1,
    nInput: 4,
    nOutput: 3,
    rows: 9,
  };
  const chunks: number[] = [];
  const trainer: Trainer = {
    options: runOptions,
    get epoch() {
      return epoch;
    },
    get done() {
      return epoch >= epochs;
    },
    run(n: number) {
      chunks.push(n);
      const stop = Math.min(epochs, epoch + n);
      const start = epoch;
      for (; epoch < stop; epoch++) {
        if (epoch + 1 === failAt) throw new DivergenceError(`MSE became NaN at epoch ${failAt}`);
        history.mse.push(1 / (epoch + 2));
        history.accuracy.push(((epoch % 3) + 1) / 3);
        clock.t += msPerEpoch;
      }
      return stop - start;
    },
    result(): TrainingRun {
      const n = history.mse.length;
      return {
        options: runOptions,
        weights1: [[epoch]],
        weights2: [[epoch]],
        history: { mse: history.mse.slice(), accuracy: history.accuracy.slice() },
        finalMse: n ? history.mse[n - 1] : NaN,
        finalAccuracy: n ? history.accuracy[n - 1] : NaN,
      };
    },
  };
  return { trainer, chunks };
}

describe("trainLive", () => {
  let stop = () => {};
  afterEach(() => stop());

  it("returns exactly what train() returns", async () => {
    const rec = record();
    stop = rec.stop;
    const live = await trainLive(options, { name: "t", split: 4 });
    assert.deepEqual(live, train(options));
  });

  it("agrees with createTrainer run in one go (the loop is not disturbed by chunking)", async () => {
    const rec = record();
    stop = rec.stop;
    let yields = 0;
    // every chunk seems to take 100 ms, so chunks stay at one epoch
    let t = 0;
    const live = await trainLive(options, {
      now: () => (t += 100),
      yieldToEventLoop: async () => {
        yields++;
      },
    });
    const whole = createTrainer(options);
    whole.run(options.epochs);
    assert.deepEqual(live, whole.result());
    assert.ok(yields >= options.epochs, `trained in ${yields} chunks`);
  });

  it("draws one display, redrawn in place at most updatesPerSecond times, then the final figure", async () => {
    const rec = record();
    stop = rec.stop;
    const clock = { t: 0 };
    const { trainer, chunks } = fakeTrainer(3000, clock, 1);
    let yields = 0;
    const run = await trainLive(options, {
      name: "Attempt 9",
      split: 7,
      updatesPerSecond: 4,
      now: () => clock.t,
      yieldToEventLoop: async () => {
        yields++;
      },
      createTrainer: () => trainer,
    });
    const ids = new Set(rec.sent.map((s) => s.message.transient.display_id));
    assert.equal(ids.size, 1, "a single display");
    assert.deepEqual(
      rec.sent.map((s) => s.update),
      [false, ...rec.sent.slice(1).map(() => true)],
    );
    // 3000 ms of training at 4 redraws per second: the start, ≤ 12 interim redraws, the end.
    const interim = rec.sent.slice(1, -1);
    assert.ok(interim.length >= 8 && interim.length <= 12, `${interim.length} interim redraws`);
    assert.ok(yields >= interim.length, "the event loop runs between chunks");
    assert.ok(Math.max(...chunks) <= 160, "chunks of about 40 ms");

    const first = rec.sent[0].message.data["text/plain"] as string;
    assert.equal(
      first,
      "Attempt 9: 3000 epochs, 3 hidden nodes\n" +
        "split 7 · seed 1 · learning rate 0.5 · 3000 epochs · 3 hidden nodes\nstarting",
    );
    for (const { message } of interim) {
      const text = message.data["text/plain"] as string;
      const match =
        /epoch (\d+)\/3000 \((\d+)%\) · MSE [\d.e-]+ · accuracy [\d.]+ · (\d+\.\d) s, about (\d+\.\d) s left$/.exec(
          text,
        );
      assert.ok(match, text);
      // 1 ms per epoch on the fake clock: elapsed = epochs so far, time left = epochs to go
      const epoch = Number(match[1]);
      assert.equal(match[2], String(Math.floor((100 * epoch) / 3000)));
      assert.equal(match[3], (epoch / 1000).toFixed(1));
      assert.equal(match[4], ((3000 - epoch) / 1000).toFixed(1));
      assert.ok(VEGA_LITE_MIME in message.data);
      assert.equal(SVG_MIME in message.data, false, "interim figures skip the SVG");
    }

    const final = rec.sent[rec.sent.length - 1].message.data;
    assert.deepEqual(Object.keys(final).sort(), [SVG_MIME, VEGA_LITE_MIME, "text/plain"].sort());
    assert.equal(
      final["text/plain"],
      "Attempt 9: 3000 epochs, 3 hidden nodes\n" +
        "split 7 · seed 1 · learning rate 0.5 · 3000 epochs · 3 hidden nodes\n" +
        "final (epoch 3000): MSE 0.000333222 · training accuracy 1.0000",
    );
    assert.doesNotMatch(JSON.stringify(final), / s"|\d s\b/, "no clock in the saved output");
    assert.deepEqual(
      compileVegaLite(final[VEGA_LITE_MIME] as Parameters<typeof compileVegaLite>[0]).warnings,
      [],
    );
    assert.equal(run.history.mse.length, 3000);
  });

  it("gives the same final output whatever the timing", async () => {
    const finals: unknown[] = [];
    for (const msPerEpoch of [0.01, 3]) {
      const rec = record();
      const clock = { t: 0 };
      await trainLive(options, {
        now: () => clock.t,
        yieldToEventLoop: async () => {},
        createTrainer: () => fakeTrainer(500, clock, msPerEpoch).trainer,
      });
      rec.stop();
      finals.push(rec.sent[rec.sent.length - 1].message.data);
    }
    assert.deepEqual(finals[0], finals[1]);
  });

  it("on divergence shows where it stopped (without the clock) and rethrows", async () => {
    const rec = record();
    stop = rec.stop;
    const clock = { t: 0 };
    await assert.rejects(
      trainLive(options, {
        now: () => clock.t,
        yieldToEventLoop: async () => {},
        createTrainer: () => fakeTrainer(1000, clock, 1, 700).trainer,
      }),
      DivergenceError,
    );
    const last = rec.sent[rec.sent.length - 1];
    assert.equal(last.update, true);
    assert.match(
      last.message.data["text/plain"] as string,
      /\nstopped \(DivergenceError: MSE became NaN at epoch 700\)$/,
    );
    assert.doesNotMatch(last.message.data["text/plain"] as string, /\d s\b/, "no clock");
    const spec = last.message.data[VEGA_LITE_MIME] as {
      datasets: { mse: { epoch: number }[] };
    };
    assert.equal(spec.datasets.mse.at(-1)?.epoch, 699, "the curves up to the last good epoch");
  });

  it("warns once about a long run and tells how to stop it", async () => {
    const rec = record();
    stop = rec.stop;
    const clock = { t: 0 };
    await trainLive(options, {
      now: () => clock.t,
      yieldToEventLoop: async () => {},
      createTrainer: () => fakeTrainer(80_000, clock, 1).trainer,
    });
    const texts = rec.sent.map((s) => s.message.data["text/plain"] as string);
    const warned = texts.filter((t) => t.includes("a long run: press ■ (interrupt) to stop it"));
    assert.ok(warned.length >= 1, "the warning is shown");
    assert.doesNotMatch(texts[texts.length - 1], /long run/, "and not kept in the final figure");
  });

  it("labels the figure with the epochs and hidden nodes of the run it trains", async () => {
    for (const [epochs, nHidden] of [
      [3, 2],
      [7, 5],
    ]) {
      const rec = record();
      await trainLive({ ...options, epochs, nHidden }, { name: "Attempt 4", split: 4 });
      rec.stop();
      for (const { message } of rec.sent) {
        const [title, settings] = (message.data["text/plain"] as string).split("\n");
        assert.equal(title, `Attempt 4: ${epochs} epochs, ${nHidden} hidden nodes`);
        assert.equal(
          settings,
          `split 4 · seed 10 · learning rate 0.1 · ${epochs} epochs · ${nHidden} hidden nodes`,
        );
        const spec = message.data[VEGA_LITE_MIME] as { title: { text: string } };
        assert.equal(spec.title.text, title);
      }
    }
  });

  it("rejects bad hyperparameters before drawing anything", async () => {
    const rec = record();
    stop = rec.stop;
    await assert.rejects(trainLive({ ...options, learningRate: -1 }), /learningRate/);
    await assert.rejects(trainLive(options, { updatesPerSecond: 0 }), /updatesPerSecond/);
    assert.equal(rec.sent.length, 0);
  });
});

describe("nextChunkSize", () => {
  it("aims at the target time, changing by at most 4× and never below one epoch", () => {
    assert.equal(nextChunkSize(100, 20, 40), 200);
    assert.equal(nextChunkSize(100, 1, 40), 400);
    assert.equal(nextChunkSize(100, 1000, 40), 25);
    assert.equal(nextChunkSize(1, 1000, 40), 1);
    assert.equal(nextChunkSize(10, 0, 40), 40);
    assert.equal(nextChunkSize(1013, 1e6, 40), 253);
  });

  it("always returns a whole number of epochs (trainer.run rejects fractions)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e7 }),
        fc.double({ min: 0, max: 1e5, noNaN: true }),
        fc.double({ min: 0.001, max: 1000, noNaN: true }),
        (previous, tookMs, targetMs) => {
          const next = nextChunkSize(previous, tookMs, targetMs);
          assert.ok(Number.isInteger(next) && next >= 1, `${next}`);
          assert.ok(next <= previous * 4 && next >= Math.min(previous, Math.round(previous / 4)));
        },
      ),
    );
  });
});
