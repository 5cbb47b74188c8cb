/**
 * An embedding kernel's host object: installed at globalThis[Symbol.for("backprop-lib.kernel")]
 * before the library loads (the kernel is detected once, at load), it receives every display
 * and its interrupt stops trainLive at the next chunk. This file installs the host first and
 * loads the library afterwards, so it runs in its own process like every test file.
 */
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import type { DisplayMessage, KernelHost } from "../../lib/display/kernel";
import type { Trainer, TrainingRun } from "../../lib/index";

type Library = typeof import("../../lib/index");
type Sent = { message: DisplayMessage; update: boolean };

const sent: Sent[] = [];
const listeners = new Set<() => void>();
const host: KernelHost = {
  display: (message, update) => sent.push({ message, update }),
  onInterrupt(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
(globalThis as Record<symbol, unknown>)[Symbol.for("backprop-lib.kernel")] = host;

let lib: Library;
let iris: typeof import("../support/iris");
before(async () => {
  lib = await import("../../lib/index");
  // after the library: test/support/iris imports it too
  iris = await import("../support/iris");
});

/** Presses ■: calls every listener the library registered with the host. */
function interrupt(): void {
  for (const listener of [...listeners]) listener();
}

/** Waits for timers and I/O callbacks, so anything scheduled after a run would have happened. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

const text = (s: Sent) => s.message.data["text/plain"] as string;

const data = {
  x: [
    [0.1, 0.2, 0.3, 0.4],
    [0.4, 0.3, 0.2, 0.1],
    [0.9, 0.1, 0.5, 0.5],
  ],
  y: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
  learningRate: 0.5,
  nHidden: 3,
  seed: 2,
};

describe("a host object installed before the library loads", () => {
  it("receives every display as one message with all MIME types", async () => {
    sent.length = 0;
    lib.show([[1, 2]], "x");
    await lib.plotGradientDescent(0.2, 3);
    assert.equal(sent.length, 2);
    assert.equal(text(sent[0]), "x  shape (1,2)\n  1  2");
    assert.ok("text/html" in sent[0].message.data);
    assert.deepEqual(Object.keys(sent[1].message.data).sort(), [
      "application/vnd.vegalite.v5+json",
      "image/svg+xml",
      "text/plain",
    ]);
    assert.deepEqual(
      sent.map((s) => s.update),
      [false, false],
    );
  });

  it("makes library errors print as one line, as in any kernel", () => {
    let error: unknown;
    try {
      lib.matrix([[1, NaN]], "weights1");
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof lib.ShapeError);
    assert.equal(inspect(error), `ShapeError: ${error.message}`);
    assert.match(inspect(new TypeError("x")), /\n\s+at /);
  });
});

describe("trainLive with the host's interrupt", () => {
  it("stops at the next chunk, shows where it stopped, and sends nothing afterwards", async () => {
    sent.length = 0;
    const epochs = 10_000;
    let chunks = 0;
    let chunksAtInterrupt = -1;
    let yields = 0;
    const run: TrainingRun = await lib.trainLive(
      { ...data, epochs },
      {
        // each chunk seems to take 100 ms: one epoch per chunk, a redraw every few chunks
        now: (() => {
          let t = 0;
          return () => (t += 50);
        })(),
        createTrainer: (options) => {
          const trainer: Trainer = lib.createTrainer(options);
          const run = trainer.run.bind(trainer);
          return Object.assign(Object.create(trainer) as Trainer, {
            run: (n: number) => {
              chunks++;
              return run(n);
            },
          });
        },
        yieldToEventLoop: async () => {
          yields++;
          if (yields === 40) {
            interrupt();
            chunksAtInterrupt = chunks;
          }
          await new Promise((resolve) => setImmediate(resolve));
        },
      },
    );
    const trained = run.history.mse.length;
    assert.ok(trained > 0 && trained < epochs, `trained ${trained} of ${epochs} epochs`);
    assert.equal(chunks, chunksAtInterrupt, "no chunk ran after the interrupt");
    assert.equal(run.options.epochs, epochs);
    assert.equal(run.finalMse, run.history.mse[trained - 1]);

    const count = sent.length;
    const last = sent[count - 1];
    assert.equal(last.update, true);
    assert.match(text(last), new RegExp(`\\ninterrupted at epoch ${trained} of ${epochs}$`));
    assert.equal(new Set(sent.map((s) => s.message.transient.display_id)).size, 1);
    await settle();
    assert.equal(sent.length, count, "no display after the run returned");
    assert.equal(listeners.size, 0, "trainLive stopped listening");

    // the epochs it did train are the engine's, bit for bit
    const whole = lib.createTrainer({ ...data, epochs });
    whole.run(trained);
    assert.deepEqual(run, { ...whole.result(), options: run.options });
  });

  it("an interrupt during a real-time run stops it too", async () => {
    sent.length = 0;
    // Iris for a million epochs: far longer than the 300 ms before ■ is pressed
    const epochs = 1_000_000;
    const timer = setTimeout(interrupt, 300);
    const run = await lib.trainLive({ ...data, x: iris.irisX, y: iris.irisY, nHidden: 8, epochs });
    clearTimeout(timer);
    const trained = run.history.mse.length;
    assert.ok(trained < epochs, `trained ${trained} of ${epochs}`);
    assert.match(text(sent[sent.length - 1]), new RegExp(`interrupted at epoch ${trained} of`));
    const count = sent.length;
    await settle();
    assert.equal(sent.length, count);
    assert.equal(listeners.size, 0);
  });

  it("a run that finishes unsubscribes and ends with the final figure", async () => {
    sent.length = 0;
    const run = await lib.trainLive({ ...data, epochs: 50 }, { name: "Short" });
    assert.equal(run.history.mse.length, 50);
    assert.equal(listeners.size, 0);
    assert.match(
      text(sent[sent.length - 1]),
      /^Short: 50 epochs, 3 hidden nodes\n.*\nfinal \(epoch 50\)/,
    );
    interrupt(); // a late ■ changes nothing
    await settle();
    assert.match(text(sent[sent.length - 1]), /final \(epoch 50\)/);
  });
});
