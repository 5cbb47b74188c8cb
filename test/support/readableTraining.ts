/**
 * The tutorial's training loop on the readable mathjs path: `trainingStep` once per epoch from
 * `initWeights(…, seed)`, with the MSE and accuracy of each epoch's outputs recorded before its
 * update, as the engine records them. The reference the fused engine is tested against.
 */
import {
  accuracy,
  initWeights,
  matrix,
  meanSquaredError,
  toRows,
  trainingStep,
  type TrainingRun,
  type TrainOptions,
} from "../../lib/index";

export function trainReadable(options: TrainOptions): TrainingRun {
  const { learningRate, epochs, nHidden, seed } = options;
  const x = matrix(options.x, "x");
  const y = matrix(options.y, "y");
  const nInput = options.x[0].length;
  const nOutput = options.y[0].length;
  let { weights1, weights2 } = initWeights({ nInput, nHidden, nOutput }, seed);
  const history = { mse: [] as number[], accuracy: [] as number[] };
  for (let epoch = 0; epoch < epochs; epoch++) {
    const step = trainingStep(x, y, weights1, weights2, learningRate);
    history.mse.push(meanSquaredError(step.outputLayerOutputs, y));
    history.accuracy.push(accuracy(step.outputLayerOutputs, y));
    weights1 = step.weights1;
    weights2 = step.weights2;
  }
  return {
    options: { learningRate, epochs, nHidden, seed, nInput, nOutput, rows: options.x.length },
    weights1: toRows(weights1),
    weights2: toRows(weights2),
    history,
    finalMse: history.mse[epochs - 1],
    finalAccuracy: history.accuracy[epochs - 1],
  };
}
