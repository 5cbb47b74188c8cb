import type { Rows } from "../linalg/matrix";

/** Everything one training run needs: the data and the tutorial's hyperparameters. */
export interface TrainOptions {
  /** inputs, one row per sample (nInput = row width) */
  x: Rows;
  /** targets, one row per sample, usually one-hot (nOutput = row width) */
  y: Rows;
  learningRate: number;
  epochs: number;
  nHidden: number;
  /** seeds `RandomState` for the initial weights, like `np.random.seed(seed)` */
  seed: number;
}

/**
 * What was monitored each epoch; index = epoch − 1. Values come from that epoch's forward pass,
 * BEFORE its weight update, exactly like the tutorial's `monitoring` dictionary.
 */
export interface TrainingHistory {
  mse: number[];
  accuracy: number[];
}

/** The hyperparameters of a run plus the sizes read off the data. */
export interface TrainingRunOptions extends Omit<TrainOptions, "x" | "y"> {
  nInput: number;
  nOutput: number;
  /** number of training samples */
  rows: number;
}

/** The outcome of training (or of the epochs run so far, for a Trainer). */
export interface TrainingRun {
  options: TrainingRunOptions;
  /** input → hidden, nInput × nHidden, after the last update */
  weights1: number[][];
  /** hidden → output, nHidden × nOutput, after the last update */
  weights2: number[][];
  history: TrainingHistory;
  /** last recorded MSE (= history.mse.at(-1), the end of the loss curve); NaN before epoch 1 */
  finalMse: number;
  /** last recorded accuracy (= history.accuracy.at(-1)); NaN before epoch 1 */
  finalAccuracy: number;
}

/** Training that can be advanced in chunks, so a display can update between them. */
export interface Trainer {
  readonly options: TrainingRunOptions;
  /** epochs completed so far */
  readonly epoch: number;
  /** true once options.epochs epochs have run */
  readonly done: boolean;
  /** Runs up to nEpochs more epochs (never past options.epochs); returns how many ran. */
  run(nEpochs: number): number;
  /** A snapshot (copies) of the weights and history so far. */
  result(): TrainingRun;
}
