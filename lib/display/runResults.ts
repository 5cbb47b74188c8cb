/**
 * Hands a notebook's training run to the headless runner (`npm run notebook`). The runner cannot
 * name a notebook's variables, so a training notebook calls `recordRunResults(run, { split })`
 * once its run is done; after the last cell the runner executes `exportRunResults(outDir)` in
 * the same kernel, which writes the run recorded last. This module's state is the kernel
 * session's, like the displays it sends, which is why it lives in the display layer.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ParameterError } from "../errors";
import {
  runResultFiles,
  type ExportableRun,
  type RunConfig,
  type RunResults,
} from "../train/export";

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
