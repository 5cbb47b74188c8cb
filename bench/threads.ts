/**
 * Would splitting rows over worker threads pay on this machine? An upper bound, measured:
 * one thread training 10 000 rows × 32 hidden units, against two worker threads each training
 * 5 000 of the rows at the same time (no gradient reduction, no per-epoch synchronisation, so
 * a real split could only be slower).
 *
 *   node --import tsx bench/threads.ts
 */
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { loadavg } from "node:os";
import { applyGradients, createEngineState, forwardBackward } from "../lib/train/engine";

const EPOCHS = 200;

function problem(rows: number, seed: number) {
  let s = seed;
  const next = () => (s = (s * 16807) % 2147483647) / 2147483647 - 0.5;
  const x = Array.from({ length: rows }, () => [0, 1, 2, 3].map(() => next() * 6));
  const y = x.map((_, i) => [0, 1, 2].map((c) => (c === i % 3 ? 1 : 0)));
  const w1 = [0, 1, 2, 3].map(() => Array.from({ length: 32 }, next));
  const w2 = Array.from({ length: 32 }, () => [next(), next(), next()]);
  return createEngineState(x, y, w1, w2);
}

/** ms for EPOCHS epochs of `rows` rows (after a warm-up). */
function trainMs(rows: number): number {
  const s = problem(rows, 7);
  for (let e = 0; e < EPOCHS / 4; e++) {
    forwardBackward(s);
    applyGradients(s, 0.1);
  }
  const started = performance.now();
  for (let e = 0; e < EPOCHS; e++) {
    forwardBackward(s);
    applyGradients(s, 0.1);
  }
  return performance.now() - started;
}

if (!isMainThread) {
  parentPort!.postMessage(trainMs(workerData as number));
} else {
  const inWorkers = (count: number, rows: number) =>
    Promise.all(
      Array.from(
        { length: count },
        () =>
          new Promise<number>((resolve, reject) => {
            const worker = new Worker(
              `require("tsx/cjs"); require(${JSON.stringify(__filename)});`,
              {
                eval: true,
                workerData: rows,
              },
            );
            worker.once("message", resolve);
            worker.once("error", reject);
          }),
      ),
    );
  void (async () => {
    const load = loadavg()[0];
    const one: number[] = [];
    const two: number[] = [];
    for (let r = 0; r < 3; r++) {
      one.push(trainMs(10000));
      // both workers start together; the split is as slow as the slower half
      two.push(Math.max(...(await inWorkers(2, 5000))));
    }
    const best = (v: number[]) => Math.min(...v);
    console.log(
      `10 000 × 32, ${EPOCHS} epochs (best of 3): one thread ${((best(one) * 1000) / EPOCHS).toFixed(0)} µs/epoch, ` +
        `two workers on 5 000 rows each ${((best(two) * 1000) / EPOCHS).toFixed(0)} µs/epoch ` +
        `(speed-up bound ${(best(one) / best(two)).toFixed(2)}×; 1-min load average ${load.toFixed(1)})`,
    );
  })();
}
