import { matrix, sizeOf, toRows } from "../linalg";
import {
  accuracy,
  backpropagate,
  feedforward,
  gradientStep,
  initWeights,
  meanSquaredError,
  weightUpdates,
} from "../network";
import { divergenceError } from "./divergence";
import { checkTrainOptions } from "./options";
import type { TrainOptions, TrainingRun } from "./types";

/**
 * The tutorial's training loop, written with lib/network's mathjs functions one equation per
 * line: the readable reference the fused engine (train) is tested against.
 */
export function trainReadable(options: TrainOptions): TrainingRun {
  const setup = checkTrainOptions(options);
  const { learningRate, epochs, seed } = setup;
  const x = matrix(options.x, "x");
  const y = matrix(options.y, "y");
  const N = sizeOf(y);
  let { weights1, weights2 } = initWeights(setup, seed);
  const history = { mse: [] as number[], accuracy: [] as number[] };

  for (let epoch = 1; epoch <= epochs; epoch++) {
    // feedforward
    const forward = feedforward(x, weights1, weights2);
    // monitor the training process (before this epoch's update, as in the tutorial)
    const mse = meanSquaredError(forward.outputLayerOutputs, y);
    if (!Number.isFinite(mse)) {
      throw divergenceError(epoch, mse, history.mse.at(-1), learningRate);
    }
    history.mse.push(mse);
    history.accuracy.push(accuracy(forward.outputLayerOutputs, y));
    // backpropagation
    const backward = backpropagate(y, forward, weights2);
    // weight updates
    const updates = weightUpdates(x, forward, backward, N);
    weights1 = gradientStep(weights1, updates.weights1Update, learningRate);
    weights2 = gradientStep(weights2, updates.weights2Update, learningRate);
  }

  return {
    options: setup,
    weights1: toRows(weights1),
    weights2: toRows(weights2),
    history,
    finalMse: history.mse[epochs - 1],
    finalAccuracy: history.accuracy[epochs - 1],
  };
}
