import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ParameterError, saveRun, train } from "../../lib/index";

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

function scratch(): string {
  return mkdtempSync(join(tmpdir(), "saveRun-"));
}

describe("saveRun", () => {
  it("writes weights.json, history.csv and config.json into a new folder, exactly", () => {
    const out = join(scratch(), "nested", "run");
    const files = saveRun(out, run, { split: { testSize: 1, randomState: 2 }, note: "x" });
    assert.deepEqual(files, ["weights.json", "history.csv", "config.json"]);
    assert.deepEqual(readdirSync(out).sort(), [...files].sort());

    const lines = readFileSync(join(out, "history.csv"), "utf8").trimEnd().split("\n");
    assert.equal(lines[0], "epoch,mse,accuracy");
    assert.equal(lines.length, 1 + 7);
    lines.slice(1).forEach((line, i) => {
      const [epoch, mse, accuracy] = line.split(",").map(Number);
      assert.equal(epoch, i + 1);
      assert.equal(mse, run.history.mse[i]); // exact round trip, not rounded
      assert.equal(accuracy, run.history.accuracy[i]);
    });
    const weights = JSON.parse(readFileSync(join(out, "weights.json"), "utf8"));
    assert.deepEqual(weights, {
      weights1: run.weights1,
      weights2: run.weights2,
      finalMse: run.finalMse,
      finalAccuracy: run.finalAccuracy,
    });
    const config = JSON.parse(readFileSync(join(out, "config.json"), "utf8"));
    assert.deepEqual(config, {
      ...run.options,
      split: { testSize: 1, randomState: 2 },
      note: "x",
    });
  });

  it("records split null when no split is given, and overwrites an earlier run", () => {
    const out = scratch();
    writeFileSync(join(out, "config.json"), "old");
    saveRun(out, run);
    const config = JSON.parse(readFileSync(join(out, "config.json"), "utf8"));
    assert.equal(config.split, null);
    assert.equal(config.seed, 1);
    assert.equal(config.epochs, 7);
  });

  it('writes nothing for outputDir "" (a notebook run in the lab)', () => {
    const before = readdirSync(process.cwd()).sort();
    assert.deepEqual(saveRun("", run, { split: 4 }), []);
    assert.deepEqual(readdirSync(process.cwd()).sort(), before);
  });

  it("rejects bad arguments with one-line ParameterErrors", () => {
    const cases: [unknown[], RegExp][] = [
      [[undefined, run], /^saveRun: outputDir must be a folder path or "", got undefined$/],
      [[42, run], /^saveRun: outputDir must be a folder path or "", got number$/],
      [[scratch(), { weights1: [] }], /^saveRun: run must be a TrainingRun .*got object$/],
      [[scratch(), null], /^saveRun: run must be a TrainingRun .*got null$/],
      [
        [scratch(), { ...run, history: { mse: [1, 2], accuracy: [1] } }],
        /^saveRun: run.history has 2 MSE values but 1 accuracies$/,
      ],
      [[scratch(), run, [1]], /^saveRun: config must be an object, got an array$/],
    ];
    for (const [args, message] of cases) {
      const call = saveRun as (...a: unknown[]) => string[];
      assert.throws(
        () => call(...args),
        (err: Error) => err instanceof ParameterError && message.test(err.message),
        String(message),
      );
    }
  });

  it("names a folder path that is a file", () => {
    const file = join(scratch(), "taken");
    writeFileSync(file, "");
    assert.throws(
      () => saveRun(file, run),
      (err: Error) =>
        err instanceof ParameterError && /cannot write into outputDir/.test(err.message),
    );
  });
});
