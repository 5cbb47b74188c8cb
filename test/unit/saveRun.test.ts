import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { saveRun, train } from "../../lib/index";
import { runFiles } from "../../lib/train/saveRun";

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

describe("runFiles", () => {
  it("history.csv has one exact row per epoch; the JSON files read back to the run", () => {
    const files = runFiles(run, { split: { testSize: 1, randomState: 2 } });
    assert.deepEqual(Object.keys(files).sort(), ["config.json", "history.csv", "weights.json"]);
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
    assert.equal(weights.finalAccuracy, run.finalAccuracy);
    const config = JSON.parse(files["config.json"]);
    assert.equal(config.seed, 1);
    assert.equal(config.learningRate, 0.5);
    assert.equal(config.epochs, 7);
    assert.equal(config.nHidden, 3);
    assert.equal(config.rows, 3);
    assert.deepEqual(config.split, { testSize: 1, randomState: 2 });
  });

  it("writes non-finite history values as empty cells (NaN and ∞ are not numbers in CSV/JSON)", () => {
    const odd = { ...run, history: { mse: [0.5, NaN], accuracy: [Infinity, 1] } };
    assert.deepEqual(runFiles(odd, {})["history.csv"].trimEnd().split("\n").slice(1), [
      "1,0.5,",
      "2,,1",
    ]);
  });
});

describe("saveRun", () => {
  it("writes the three files into the folder (creating it) and returns their paths", () => {
    const out = join(mkdtempSync(join(tmpdir(), "save-run-")), "nested", "run");
    const written = saveRun(out, run, { split: 4 });
    assert.deepEqual(
      [...written].sort(),
      ["config.json", "history.csv", "weights.json"].map((f) => join(out, f)),
    );
    assert.deepEqual(readdirSync(out).sort(), ["config.json", "history.csv", "weights.json"]);
    const files = runFiles(run, { split: 4 });
    for (const name of Object.keys(files)) {
      assert.equal(readFileSync(join(out, name), "utf8"), files[name], name);
    }
    assert.equal(JSON.parse(readFileSync(join(out, "config.json"), "utf8")).split, 4);
  });

  it("writes nothing for an empty folder name, so a notebook can call it unconditionally", () => {
    const before = readdirSync(process.cwd()).sort();
    assert.deepEqual(saveRun("", run), []);
    assert.deepEqual(readdirSync(process.cwd()).sort(), before);
  });

  it("refuses a folder that is not a string and a run whose history columns differ", () => {
    assert.throws(() => saveRun(undefined as unknown as string, run), {
      name: "ParameterError",
      message: "saveRun: outputDir must be a string, got undefined",
    });
    const out = join(mkdtempSync(join(tmpdir(), "save-run-")), "broken");
    const broken = { ...run, history: { mse: [1, 2], accuracy: [1] } };
    assert.throws(() => saveRun(out, broken), {
      name: "ParameterError",
      message: /saveRun: run must be a TrainingRun/,
    });
    assert.equal(existsSync(out), false);
  });
});
