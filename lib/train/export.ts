/**
 * Exports of a training run for the headless runner (`npm run notebook`): final weights
 * (JSON), per-epoch history (CSV: epoch, mse, accuracy) and the configuration used (JSON,
 * including seed and split).
 *
 * Contract with the runner: a training notebook calls `recordRunResults(run, { split })` once
 * its run is done; after the notebook's last cell the runner executes, in the same kernel,
 * `exportRunResults(outDir)`, which writes the recorded run (the last one recorded wins) and
 * returns the file names. This is the only state in lib/train: the runner cannot name a
 * notebook's variables, so the notebook hands its run over explicitly.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ParameterError } from "../errors";

/** What is exported of a run; `TrainingRun` from the training engine has this shape. */
export interface ExportableRun {
  options: { learningRate: number; epochs: number; nHidden: number; seed: number };
  weights1: number[][];
  weights2: number[][];
  history: { mse: number[]; accuracy: number[] };
  finalMse: number;
  finalAccuracy: number;
}

/** The rest of the configuration: how the data was split (and anything else worth keeping). */
export interface RunConfig {
  split?: Record<string, unknown> | number | string | null;
  [key: string]: unknown;
}

export interface RunResults {
  run: ExportableRun;
  config: RunConfig;
}

export const RUN_RESULT_FILES = ["weights.json", "history.csv", "config.json"] as const;

let recorded: RunResults | undefined;

/** Hands a finished run (and its split) to the headless runner's export step. */
export function recordRunResults(run: ExportableRun, config: RunConfig = {}): void {
  const { mse, accuracy } = run.history;
  if (mse.length !== accuracy.length) {
    throw new ParameterError(
      `recordRunResults: history has ${mse.length} MSE values but ${accuracy.length} accuracies`,
    );
  }
  recorded = { run, config };
}

/** The run recorded last in this kernel, if any. */
export function recordedRunResults(): RunResults | undefined {
  return recorded;
}

/** Forgets the recorded run (tests). */
export function clearRunResults(): void {
  recorded = undefined;
}

/** `String(x)` is the shortest text that reads back as exactly x; NaN/∞ are not JSON. */
function exactNumber(x: number): string {
  return Number.isFinite(x) ? String(x) : "";
}

/** File name → contents. Pure, so the formats can be tested without a file system. */
export function runResultFiles({ run, config }: RunResults): Record<string, string> {
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

/**
 * Writes the recorded run's files into `outDir` (created if needed) and returns their names;
 * returns [] when no run was recorded (notebooks that do not train).
 */
export function exportRunResults(outDir: string, results = recordedRunResults()): string[] {
  if (results === undefined) return [];
  mkdirSync(outDir, { recursive: true });
  const files = runResultFiles(results);
  for (const [name, contents] of Object.entries(files)) {
    writeFileSync(join(outDir, name), contents);
  }
  return Object.keys(files);
}
