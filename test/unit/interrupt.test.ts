/**
 * Stopping on an interrupt (■): trainLive ends at the next chunk with the epochs so far and says
 * where it stopped, and on tslab the library takes SIGINT from the kernel's own handler only
 * while it listens, then gives it back as it was.
 */
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import type { DisplayMessage, KernelHost } from "../../lib/display/kernel";

type KernelModule = typeof import("../../lib/display/kernel");
type TrainLiveModule = typeof import("../../lib/display/trainLive");

const messages: { message: DisplayMessage; update: boolean }[] = [];
let interruptListener: (() => void) | null = null;
let unsubscribed = 0;

// An embedding kernel's host object, installed before the library detects its kernel.
const host: KernelHost = {
  display: (message, update) => messages.push({ message, update }),
  onInterrupt(listener) {
    interruptListener = listener;
    return () => {
      interruptListener = null;
      unsubscribed++;
    };
  },
};
(globalThis as Record<symbol, unknown>)[Symbol.for("backprop-lib.kernel")] = host;

let kernel: KernelModule;
let trainLive: TrainLiveModule["trainLive"];

before(async () => {
  kernel = await import("../../lib/display/kernel");
  ({ trainLive } = await import("../../lib/display/trainLive"));
});

const xor = {
  x: [
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ],
  y: [[0], [1], [1], [0]],
};

describe("trainLive and the interrupt", () => {
  it("stops at the next chunk, returns the epochs so far and names the epoch in the figure", async () => {
    messages.length = 0;
    let yields = 0;
    const epochs = 2_000_000;
    const run = await trainLive(
      { ...xor, learningRate: 0.5, epochs, nHidden: 2, seed: 1 },
      {
        yieldToEventLoop: async () => {
          if (++yields === 5) interruptListener!();
        },
      },
    );
    const trained = run.history.mse.length;
    assert.ok(trained > 0 && trained < epochs, `trained ${trained} of ${epochs}`);
    assert.equal(run.history.accuracy.length, trained);
    assert.equal(run.finalMse, run.history.mse[trained - 1]);
    const last = messages.at(-1)!;
    assert.equal(last.update, true);
    assert.match(
      String(last.message.data["text/plain"]),
      new RegExp(`interrupted at epoch ${trained} of ${epochs}$`),
    );
    assert.equal(interruptListener, null, "stopped listening");
    const count = messages.length;
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(messages.length, count, "no display after the run returned");
  });

  it("runs to the end without an interrupt and stops listening", async () => {
    const before = unsubscribed;
    const run = await trainLive({ ...xor, learningRate: 0.5, epochs: 300, nHidden: 2, seed: 1 });
    assert.equal(run.history.mse.length, 300);
    assert.equal(unsubscribed, before + 1);
    assert.doesNotMatch(String(messages.at(-1)!.message.data["text/plain"]), /interrupted/);
  });
});

describe("takeOverSigint (tslab)", () => {
  const microtask = () => new Promise<void>((r) => queueMicrotask(r));

  it("routes SIGINT to the library alone while it listens, then restores the handlers in order", async () => {
    const calls: string[] = [];
    const kernelHandler = () => calls.push("kernel");
    const onceHandler = () => calls.push("once");
    process.on("SIGINT", kernelHandler);
    process.once("SIGINT", onceHandler);
    const original = process.rawListeners("SIGINT");
    try {
      const stopA = kernel.takeOverSigint(() => calls.push("a"));
      const stopB = kernel.takeOverSigint(() => calls.push("b"));
      await microtask();
      assert.equal(process.listenerCount("SIGINT"), 1);
      process.emit("SIGINT");
      assert.deepEqual(calls, ["a", "b"]);
      stopA();
      stopA(); // a second call changes nothing
      await microtask();
      process.emit("SIGINT");
      assert.deepEqual(calls, ["a", "b", "b"]);
      stopB();
      await microtask();
      assert.deepEqual(process.rawListeners("SIGINT"), original);
    } finally {
      process.off("SIGINT", kernelHandler);
      process.off("SIGINT", onceHandler);
    }
  });

  it("taken over inside a breakOnSigint script (as tslab runs a cell), a real SIGINT reaches the listener", () => {
    // In a child process: the test runner has SIGINT handling of its own.
    const child = `
      const vm = require("node:vm");
      const { takeOverSigint } = require(${JSON.stringify(require.resolve("../../lib/display/kernel"))});
      process.on("SIGINT", () => console.log("kernel handler"));
      globalThis.takeOver = () => takeOverSigint(() => console.log("library listener"));
      vm.runInThisContext("globalThis.takeOver()", { breakOnSigint: true });
      setTimeout(() => process.kill(process.pid, "SIGINT"), 50);
      setTimeout(() => console.log("alive"), 300);
    `;
    const result = spawnSync(process.execPath, ["--import", "tsx", "-e", child], {
      encoding: "utf8",
      timeout: 30_000,
    });
    assert.equal(result.signal, null, `the process ended by ${result.signal}: ${result.stderr}`);
    assert.deepEqual(result.stdout.trim().split("\n"), ["library listener", "alive"]);
  });
});
