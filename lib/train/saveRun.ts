/**
 * Writes a training run's results where a notebook parameter says: final weights (JSON),
 * per-epoch history (CSV: epoch, mse, accuracy) and the configuration used (JSON, the run's
 * options plus what the caller adds, e.g. the split). A notebook run headlessly gets its output
 * folder as a parameter; left empty (the default in the lab), nothing is written.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ParameterError } from "../errors";
import type { TrainingRun } from "./types";

/** `String(x)` is the shortest text that reads back as exactly x; NaN/∞ are not JSON. */
function exactNumber(x: number): string {
  return Number.isFinite(x) ? String(x) : "";
}

/** File name → contents. Pure, so the formats can be tested without a file system. */
export function runFiles(
  run: TrainingRun,
  config: Record<string, unknown> = {},
): Record<string, string> {
  const { mse, accuracy } = run.history;
  const history = ["epoch,mse,accuracy"];
  for (let i = 0; i < mse.length; i++) {
    history.push(`${i + 1},${exactNumber(mse[i])},${exactNumber(accuracy[i])}`);
  }
  const weights = {
    weights1: run.weights1,
    weights2: run.weights2,
    finalMse: run.finalMse,
    finalAccuracy: run.finalAccuracy,
  };
  const configuration = { ...run.options, ...config, split: config.split ?? null };
  return {
    "weights.json": JSON.stringify(weights, null, 1) + "\n",
    "history.csv": history.join("\n") + "\n",
    "config.json": JSON.stringify(configuration, null, 1) + "\n",
  };
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  return value === null ? "null" : typeof value;
}

/**
 * Writes weights.json, history.csv and config.json into `outputDir` (created if needed) and
 * returns their names; writes nothing and returns [] when `outputDir` is "".
 */
export function saveRun(
  outputDir: string,
  run: TrainingRun,
  config: Record<string, unknown> = {},
): string[] {
  if (typeof outputDir !== "string") {
    throw new ParameterError(
      `saveRun: outputDir must be a folder path or "", got ${describe(outputDir)}`,
    );
  }
  if (outputDir === "") return [];
  const history = run?.history;
  if (
    typeof run !== "object" ||
    run === null ||
    !Array.isArray(run.weights1) ||
    !Array.isArray(run.weights2) ||
    !Array.isArray(history?.mse) ||
    !Array.isArray(history?.accuracy)
  ) {
    throw new ParameterError(
      "saveRun: run must be a TrainingRun (options, weights1, weights2, history), " +
        `got ${describe(run)}`,
    );
  }
  if (history.mse.length !== history.accuracy.length) {
    throw new ParameterError(
      `saveRun: run.history has ${history.mse.length} MSE values but ` +
        `${history.accuracy.length} accuracies`,
    );
  }
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new ParameterError(`saveRun: config must be an object, got ${describe(config)}`);
  }
  const files = runFiles(run, config);
  try {
    mkdirSync(outputDir, { recursive: true });
    for (const [name, contents] of Object.entries(files)) {
      writeFileSync(join(outputDir, name), contents);
    }
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new ParameterError(`saveRun: cannot write into outputDir "${outputDir}": ${reason}`);
  }
  return Object.keys(files);
}
