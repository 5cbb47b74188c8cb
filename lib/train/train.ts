import { createTrainer } from "./createTrainer";
import type { TrainOptions, TrainingRun } from "./types";

/**
 * Trains the tutorial's sigmoid network with full-batch gradient descent on the fused engine:
 * the starting weights of initWeights, the equations of trainingStep in the same order. The
 * history is recorded before each update, as in the tutorial.
 */
export function train(options: TrainOptions): TrainingRun {
  const trainer = createTrainer(options);
  trainer.run(trainer.options.epochs);
  return trainer.result();
}
