/**
 * backprop-lib: what the notebooks import, grouped by lesson. Modules depend one way: random →
 * data → linalg → network → train → plots → display; only display knows the kernel.
 */

// Errors: every message names what is wrong and where.
export { BackpropError, DataError, DivergenceError, ParameterError, ShapeError } from "./errors";

// Data and randomness (both parts): the Iris file, NumPy-compatible draws, the split.
export { RandomState } from "./random/RandomState";
export { loadIris, type IrisData } from "./data/loadIris";
export { selectRows } from "./data/selectRows";
export { oneHot } from "./data/oneHot";
export { trainTestSplit } from "./data/trainTestSplit";
export { loadTitanic } from "./data/loadTitanic";

// Part 13: the operations the equations are written with (mathjs, shape-checked).
export {
  matrix,
  shape,
  size,
  toRows,
  type Matrix,
  type MatrixLike,
  type Rows,
} from "./linalg/matrix";
export { dot, transpose } from "./linalg/dot";
export { add, divide, map, multiply, square, subtract, sum } from "./linalg/elementwise";

// Part 13: the network.
export { sigmoid } from "./network/sigmoid";
export { initWeights } from "./network/initWeights";
export { trainingStep, type TrainingStep } from "./network/trainingStep";
export { meanSquaredError } from "./network/meanSquaredError";
export { accuracy } from "./network/accuracy";
export { gradientCheck, type GradientCheckReport } from "./train/gradientCheck";
export { plotNetwork } from "./display/plotNetwork";
export type { NetworkValues, NetworkView } from "./plots/network";

// Part 14: training on the fused engine.
export { train } from "./train/train";
export { createTrainer } from "./train/createTrainer";
export { predict } from "./train/predict";
export { saveRun } from "./train/saveRun";
export type { TrainOptions, Trainer, TrainingHistory, TrainingRun } from "./train/types";
// Part 14: what the network learned.
export { plotDecisionRegions } from "./display/plotDecisionRegions";
export { plotHiddenLayer } from "./display/plotHiddenLayer";
export { plotConfusionMatrix } from "./display/plotConfusionMatrix";
export type { ClassifiedData } from "./plots/classifiedData";

// In the notebook: tables, figures, live training.
export { show, showComparison } from "./display/show";
export { showGradientCheck } from "./display/showGradientCheck";
export {
  plotGradientDescent,
  plotLossSurface,
  plotTrainingHistory,
  type HistoryLabels,
} from "./display/figures";
export { trainLive, type TrainLiveOptions } from "./display/trainLive";
export { plotNetworkDiagram } from "./display/plotNetworkDiagram";
export { showTable } from "./display/showTable";
export { plotTimings } from "./display/plotTimings";
export type { Timing } from "./plots/timings";

// Part 13 exercises: the checks, their summary and `exercises.notDone`, the stubs' marker.
export {
  exercises,
  type Feedforward,
  type HiddenLayer,
  type OutputLayer,
  type UpdatedWeights,
  type WeightUpdates,
} from "./exercises/index";
