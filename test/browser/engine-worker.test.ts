/**
 * The WebAssembly engine in a browser Web Worker (real Chromium), as the JupyterLite kernel runs
 * it: lib/train/engine.ts bundled by esbuild, the module compiled synchronously inside the
 * worker. Its training run and forward pass give the same bits as in Node.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { buildSync } from "esbuild";
import {
  applyGradients,
  createEngineState,
  engineWeights,
  forwardBackward,
  forwardOutputs,
} from "../../lib/train/engine";
import { launchChromium } from "./support/lab-page";

/** What the worker and Node both compute: 300 epochs, MSE history, weights and outputs. */
interface Problem {
  x: number[][];
  y: number[][];
  weights1: number[][];
  weights2: number[][];
}

function problem(nInput: number, nHidden: number, nOutput: number): Problem {
  let s = 3;
  const next = () => (s = (s * 16807) % 2147483647) / 2147483647 - 0.5;
  const x = Array.from({ length: 25 }, () => Array.from({ length: nInput }, () => next() * 6));
  const y = x.map((_, i) => Array.from({ length: nOutput }, (_, o) => (o === i % nOutput ? 1 : 0)));
  const weights1 = Array.from({ length: nInput }, () => Array.from({ length: nHidden }, next));
  const weights2 = Array.from({ length: nHidden }, () => Array.from({ length: nOutput }, next));
  return { x, y, weights1, weights2 };
}

const WORKER_SOURCE = `
import { applyGradients, createEngineState, engineWeights, forwardBackward, forwardOutputs } from "./lib/train/engine";
self.onmessage = (event) => {
  const results = event.data.map((p) => {
    const s = createEngineState(p.x, p.y, p.weights1, p.weights2);
    const mse = [];
    for (let epoch = 0; epoch < 300; epoch++) {
      forwardBackward(s);
      mse.push(s.mse);
      applyGradients(s, 0.5);
    }
    const weights = engineWeights(s);
    return { mse, weights, outputs: forwardOutputs(p.x, weights.weights1, weights.weights2) };
  });
  self.postMessage(results);
};
`;

test("the engine in a Chromium Web Worker computes the same bits as in Node", async () => {
  const problems = [problem(4, 6, 3), problem(3, 5, 2)];
  const expected = problems.map((p) => {
    const s = createEngineState(p.x, p.y, p.weights1, p.weights2);
    const mse: number[] = [];
    for (let epoch = 0; epoch < 300; epoch++) {
      forwardBackward(s);
      mse.push(s.mse);
      applyGradients(s, 0.5);
    }
    const weights = engineWeights(s);
    return { mse, weights, outputs: forwardOutputs(p.x, weights.weights1, weights.weights2) };
  });
  const bundle = buildSync({
    stdin: { contents: WORKER_SOURCE, resolveDir: join(__dirname, "..", ".."), loader: "ts" },
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    logLevel: "silent",
  }).outputFiles[0].text;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto("about:blank");
    const actual = await page.evaluate(
      ([source, data]) =>
        new Promise((resolve, reject) => {
          const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
          const worker = new Worker(url);
          worker.onmessage = (event) => resolve(event.data);
          worker.onerror = (event) => reject(new Error(event.message));
          worker.postMessage(data);
        }),
      [bundle, problems] as const,
    );
    assert.deepEqual(actual, expected);
  } finally {
    await browser.close();
  }
});
