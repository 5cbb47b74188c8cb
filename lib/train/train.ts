import { createTrainer } from "./trainer";
import type { TrainOptions, TrainingRun } from "./types";

/**
 * Trains the 4-H-3 style sigmoid network of the tutorial with full-batch gradient descent on the
 * fused Float64Array engine: same initial weights, same equations and same summation order as
 * trainReadable (the mathjs path), ~10–100× faster. History is recorded before each update.
 */
export function train(options: TrainOptions): TrainingRun {
  const trainer = createTrainer(options);
  trainer.run(trainer.options.epochs);
  return trainer.result();
}
