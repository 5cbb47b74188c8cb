import { checkNetworkShapes, checkPositive } from "../validation";
import { dot, transpose } from "../linalg/dot";
import { divide, multiply, subtract } from "../linalg/elementwise";
import { matrix, shape, size, type Matrix, type MatrixLike } from "../linalg/matrix";
import { sigmoid } from "./sigmoid";

/** Every matrix of one step, named as in the tutorial; weights1/weights2 are the updated ones. */
export interface TrainingStep {
  hiddenLayerInputs: Matrix;
  hiddenLayerOutputs: Matrix;
  outputLayerInputs: Matrix;
  outputLayerOutputs: Matrix;
  outputLayerError: Matrix;
  outputLayerDelta: Matrix;
  hiddenLayerError: Matrix;
  hiddenLayerDelta: Matrix;
  weights1Update: Matrix;
  weights2Update: Matrix;
  weights1: Matrix;
  weights2: Matrix;
}

/**
 * One step of gradient descent on the whole batch: feedforward, backpropagation and the weight
 * updates, one line per equation of the tutorial. The loss of this step's outputs is
 * `meanSquaredError(step.outputLayerOutputs, y)`, measured before the update.
 */
export function trainingStep(
  xIn: MatrixLike,
  yIn: MatrixLike,
  weights1In: MatrixLike,
  weights2In: MatrixLike,
  learningRate: number,
): TrainingStep {
  const x = matrix(xIn, "trainingStep: x");
  const y = matrix(yIn, "trainingStep: y");
  const weights1 = matrix(weights1In, "trainingStep: weights1");
  const weights2 = matrix(weights2In, "trainingStep: weights2");
  checkNetworkShapes("trainingStep", shape(x), shape(weights1), shape(weights2), shape(y));
  checkPositive(learningRate, "learningRate");
  const N = size(y);

  // feedforward
  const hiddenLayerInputs = dot(x, weights1);
  const hiddenLayerOutputs = sigmoid(hiddenLayerInputs);
  const outputLayerInputs = dot(hiddenLayerOutputs, weights2);
  const outputLayerOutputs = sigmoid(outputLayerInputs);

  // backpropagation
  const outputLayerError = subtract(outputLayerOutputs, y);
  const outputLayerDelta = multiply(
    outputLayerError,
    outputLayerOutputs,
    subtract(1, outputLayerOutputs),
  );
  const hiddenLayerError = dot(outputLayerDelta, transpose(weights2));
  const hiddenLayerDelta = multiply(
    hiddenLayerError,
    hiddenLayerOutputs,
    subtract(1, hiddenLayerOutputs),
  );

  // weight updates
  const weights2Update = divide(dot(transpose(hiddenLayerOutputs), outputLayerDelta), N);
  const weights1Update = divide(dot(transpose(x), hiddenLayerDelta), N);

  return {
    hiddenLayerInputs,
    hiddenLayerOutputs,
    outputLayerInputs,
    outputLayerOutputs,
    outputLayerError,
    outputLayerDelta,
    hiddenLayerError,
    hiddenLayerDelta,
    weights1Update,
    weights2Update,
    weights2: subtract(weights2, multiply(learningRate, weights2Update)),
    weights1: subtract(weights1, multiply(learningRate, weights1Update)),
  };
}
