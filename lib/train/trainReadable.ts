/**
 * The tutorial's training loop on the readable mathjs path: `trainingStep` once per epoch, the
 * MSE and accuracy of each epoch's outputs recorded before its update, as the engine records
 * them. The reference the engine is tested and benchmarked against, and what the exercise
 * checks train with. Part 14 writes this loop out in its own cell: that is the lesson.
 */
import { matrix, shape, toRows, type Matrix, type MatrixLike } from "../linalg/matrix";
import { accuracy } from "../network/accuracy";
import { initWeights } from "../network/initWeights";
import { meanSquaredError } from "../network/meanSquaredError";
import { trainingStep, type TrainingStep } from "../network/trainingStep";
import type { TrainingHistory, TrainingRun, TrainOptions } from "./types";

/** How an epoch moves the weights; by default the step's update, W − η · update. */
export type WeightRule = (
  weights1: Matrix,
  weights2: Matrix,
  step: TrainingStep,
  learningRate: number,
) => [Matrix, Matrix];

const gradientDescent: WeightRule = (w1, w2, step) => [step.weights1, step.weights2];

/** `epochs` epochs from the given weights: the history and the weights after the last one. */
export function readableLoop(
  xIn: MatrixLike,
  yIn: MatrixLike,
  weights1: MatrixLike,
  weights2: MatrixLike,
  learningRate: number,
  epochs: number,
  rule: WeightRule = gradientDescent,
): { history: TrainingHistory; weights1: Matrix; weights2: Matrix } {
  const [x, y] = [matrix(xIn, "x"), matrix(yIn, "y")];
  let [w1, w2] = [matrix(weights1, "weights1"), matrix(weights2, "weights2")];
  const history: TrainingHistory = { mse: [], accuracy: [] };
  for (let epoch = 0; epoch < epochs; epoch++) {
    const step = trainingStep(x, y, w1, w2, learningRate);
    history.mse.push(meanSquaredError(step.outputLayerOutputs, y));
    history.accuracy.push(accuracy(step.outputLayerOutputs, y));
    [w1, w2] = rule(w1, w2, step, learningRate);
  }
  return { history, weights1: w1, weights2: w2 };
}

/** `train(options)` on the readable path: the same starting weights, the same TrainingRun. */
export function trainReadable(options: TrainOptions): TrainingRun {
  const { learningRate, epochs, nHidden, seed } = options;
  const [rows, nInput] = shape(options.x, "x");
  const nOutput = shape(options.y, "y")[1];
  const start = initWeights({ nInput, nHidden, nOutput }, seed);
  const run = readableLoop(
    options.x,
    options.y,
    start.weights1,
    start.weights2,
    learningRate,
    epochs,
  );
  const { history } = run;
  return {
    options: { learningRate, epochs, nHidden, seed, nInput, nOutput, rows },
    weights1: toRows(run.weights1),
    weights2: toRows(run.weights2),
    history,
    finalMse: history.mse.at(-1) ?? NaN,
    finalAccuracy: history.accuracy.at(-1) ?? NaN,
  };
}
