/**
 * Training: `train` (the fused Float64Array engine), `trainReadable` (the same loop on the mathjs
 * path), `createTrainer` (resumable, for live displays) and `predict`.
 */
export type {
  TrainOptions,
  TrainingHistory,
  TrainingRunOptions,
  TrainingRun,
  Trainer,
} from "./types";
export { train } from "./train";
export { trainReadable } from "./trainReadable";
export { createTrainer } from "./trainer";
export { predict } from "./predict";
export { runResultFiles, RUN_RESULT_FILES } from "./export";
export type { ExportableRun, RunConfig, RunResults } from "./export";
export { saveRun } from "./saveRun";
