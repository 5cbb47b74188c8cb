/**
 * The display hook an embedding kernel (the browser kernel, lite/) installs at
 * `globalThis[Symbol.for("backprop-lib.kernel")]`: displays go to its `display`, and its
 * interrupt stops trainLive at the next chunk, which then returns the epochs trained so far.
 */
import { describe, it, afterEach } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  inKernel,
  loadIris,
  oneHot,
  show,
  train,
  trainLive,
  trainTestSplit,
  type DisplayMessage,
} from "../../lib/index";

const HOST = Symbol.for("backprop-lib.kernel");
type Sent = { message: DisplayMessage; update: boolean };

function installHost() {
  const sent: Sent[] = [];
  const listeners = new Set<() => void>();
  (globalThis as Record<symbol, unknown>)[HOST] = {
    display: (message: DisplayMessage, update: boolean) => sent.push({ message, update }),
    onInterrupt: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { sent, listeners, interrupt: () => [...listeners].forEach((l) => l()) };
}

afterEach(() => {
  delete (globalThis as Record<symbol, unknown>)[HOST];
});

const iris = loadIris(join(__dirname, "../../data/Iris.csv"));
const split = trainTestSplit(iris.features, oneHot(iris.species).y, { testSize: 20, seed: 4 });
const options = { x: split.xTrain, y: split.yTrain, learningRate: 0.1, nHidden: 2, seed: 10 };

describe("display through an embedding kernel's host", () => {
  it("show() sends its bundle to the host", () => {
    assert.equal(inKernel(), false);
    const host = installHost();
    assert.equal(inKernel(), true);
    show(0.25, "MSE");
    assert.deepEqual(host.sent, [
      {
        message: { data: { "text/plain": "MSE = 0.25" }, metadata: {}, transient: {} },
        update: false,
      },
    ]);
  });

  it("an interrupt stops trainLive at the next chunk; it returns the epochs trained so far", async () => {
    const host = installHost();
    let chunks = 0;
    const epochs = 1_000_000;
    const run = await trainLive(
      { ...options, epochs },
      {
        yieldToEventLoop: async () => {
          chunks += 1;
          if (chunks === 3) host.interrupt();
        },
      },
    );
    const trained = run.history.mse.length;
    assert.ok(trained > 0 && trained < epochs, `trained ${trained} epochs`);
    // The same numbers as an uninterrupted run of that many epochs.
    assert.deepEqual(run.history.mse, train({ ...options, epochs: trained }).history.mse);
    const last = host.sent.at(-1)!;
    assert.equal(last.update, true);
    assert.match(
      String(last.message.data["text/plain"]),
      new RegExp(`interrupted at epoch ${trained} of ${epochs}`),
    );
    assert.equal(host.listeners.size, 0, "trainLive stops listening when it returns");
  });
});
