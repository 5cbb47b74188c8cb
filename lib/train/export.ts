/**
 * The files a training run is exported as, for the headless runner (`npm run notebook`): final
 * weights (JSON), per-epoch history (CSV: epoch, mse, accuracy) and the configuration used
 * (JSON, including seed and split). Pure: lib/display/runResults.ts records a notebook's run
 * and writes these files.
 */

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
