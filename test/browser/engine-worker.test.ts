/**
 * The WebAssembly engine in a browser Web Worker (real Chromium), as the JupyterLite kernel runs
 * it: lib/train/engine.ts bundled by esbuild, the module compiled synchronously inside the
 * worker. Its training run and forward pass give the same bits as in Node.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { buildSync } from "esbuild";
import { launchChromium } from "./support/lab-page";
import { problem, trainProblem } from "./support/engineProblem";

const WORKER_SOURCE = `
import { trainProblem } from "./test/browser/support/engineProblem";
self.onmessage = (event) => self.postMessage(event.data.map(trainProblem));
`;

test("the engine in a Chromium Web Worker computes the same bits as in Node", async () => {
  const problems = [problem(4, 6, 3), problem(3, 5, 2)];
  const expected = problems.map(trainProblem);
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
