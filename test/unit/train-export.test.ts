import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  clearRunResults,
  exportRunResults,
  recordRunResults,
  recordedRunResults,
  runResultFiles,
  train,
} from "../../lib/index";

const run = train({
  x: [
    [0.1, 0.9],
    [0.8, 0.2],
    [0.4, 0.5],
  ],
  y: [
    [1, 0],
    [0, 1],
    [1, 0],
  ],
  learningRate: 0.5,
  epochs: 7,
  nHidden: 3,
  seed: 1,
});

describe("run exports", () => {
  it("history.csv has one exact row per epoch; the JSON files read back to the run", () => {
    const files = runResultFiles({ run, config: { split: { testSize: 1, randomState: 2 } } });
    const lines = files["history.csv"].trimEnd().split("\n");
    assert.equal(lines[0], "epoch,mse,accuracy");
    assert.equal(lines.length, 1 + 7);
    lines.slice(1).forEach((line, i) => {
      const [epoch, mse, accuracy] = line.split(",").map(Number);
      assert.equal(epoch, i + 1);
      assert.equal(mse, run.history.mse[i]); // exact round trip, not rounded
      assert.equal(accuracy, run.history.accuracy[i]);
    });
    const weights = JSON.parse(files["weights.json"]);
    assert.deepEqual(weights.weights1, run.weights1);
    assert.deepEqual(weights.weights2, run.weights2);
    assert.equal(weights.finalMse, run.finalMse);
    const config = JSON.parse(files["config.json"]);
    assert.equal(config.seed, 1);
    assert.equal(config.learningRate, 0.5);
    assert.deepEqual(config.split, { testSize: 1, randomState: 2 });
  });

  it("exportRunResults writes the run recorded last, and nothing when none was", () => {
    clearRunResults();
    const empty = mkdtempSync(join(tmpdir(), "export-"));
    assert.deepEqual(exportRunResults(empty), []);
    assert.deepEqual(readdirSync(empty), []);

    recordRunResults(run, { split: 4 });
    assert.equal(recordedRunResults()?.run, run);
    const out = join(mkdtempSync(join(tmpdir(), "export-")), "nested");
    assert.deepEqual(exportRunResults(out).sort(), ["config.json", "history.csv", "weights.json"]);
    assert.equal(JSON.parse(readFileSync(join(out, "config.json"), "utf8")).split, 4);
    clearRunResults();
  });

  it("refuses a history whose columns differ in length", () => {
    const broken = { ...run, history: { mse: [1, 2], accuracy: [1] } };
    assert.throws(() => recordRunResults(broken), /history has 2 MSE values but 1 accuracies/);
  });
});
