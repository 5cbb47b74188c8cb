import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ParameterError } from "../errors";
import type { TrainingRun } from "./types";

/** `String(x)` is the shortest text that reads back as exactly x; NaN/∞ are not JSON. */
function exactNumber(x: number): string {
  return Number.isFinite(x) ? String(x) : "";
}

/** File name → contents: final weights, per-epoch history, configuration. */
export function runFiles(
  run: TrainingRun,
  config: Record<string, unknown>,
): Record<string, string> {
  const { mse, accuracy } = run.history;
  const history = ["epoch,mse,accuracy"];
  for (let i = 0; i < mse.length; i++) {
    history.push(`${i + 1},${exactNumber(mse[i])},${exactNumber(accuracy[i])}`);
  }
  const { weights1, weights2, finalMse, finalAccuracy } = run;
  const weights = { weights1, weights2, finalMse, finalAccuracy };
  return {
    "weights.json": JSON.stringify(weights, null, 1) + "\n",
    "history.csv": history.join("\n") + "\n",
    "config.json": JSON.stringify({ ...run.options, ...config }, null, 1) + "\n",
  };
}

/**
 * Writes a run's results into `outputDir` (created if needed): weights.json, history.csv
 * (epoch, mse, accuracy) and config.json (the run's options plus `config`, e.g. the split).
 * An empty `outputDir` writes nothing, so a notebook can call this unconditionally and a
 * headless run sets the folder as a parameter. Returns the paths written.
 */
export function saveRun(
  outputDir: string,
  run: TrainingRun,
  config: Record<string, unknown> = {},
): string[] {
  checkSaveRun(outputDir, run);
  if (outputDir === "") return [];
  mkdirSync(outputDir, { recursive: true });
  return Object.entries(runFiles(run, config)).map(([name, contents]) => {
    const path = join(outputDir, name);
    writeFileSync(path, contents);
    return path;
  });
}

/** The folder (a string; "" writes nothing, so then any run will do) and the run. */
function checkSaveRun(outputDir: unknown, run: Partial<TrainingRun>): void {
  if (typeof outputDir !== "string") {
    throw new ParameterError(`saveRun: outputDir must be a string, got ${String(outputDir)}`);
  }
  if (
    outputDir !== "" &&
    (!run?.history || run.history.mse.length !== run.history.accuracy.length)
  ) {
    throw new ParameterError("saveRun: run must be a TrainingRun (from train or trainLive)");
  }
}
