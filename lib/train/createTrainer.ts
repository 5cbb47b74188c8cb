import { DivergenceError, ParameterError } from "../errors";
import { checkInteger, checkPositive, checkRows, checkSameRows, checkSeed } from "../validation";
import { toRows } from "../linalg/matrix";
import { initWeights } from "../network/initWeights";
import { applyGradients, createEngineState, engineWeights, forwardBackward } from "./engine";
import type { TrainOptions, Trainer, TrainingRun, TrainingRunOptions } from "./types";

/**
 * A resumable run of the fused engine. `run(n)` advances up to n epochs, so a display can train
 * in chunks and yield to the event loop between them; history buffers are allocated for all
 * epochs up front, so an epoch allocates nothing. Any chunking gives bit-identical results.
 */
export function createTrainer(options: TrainOptions): Trainer {
  const setup = checkTrainOptions(options);
  const { weights1, weights2 } = initWeights(setup, setup.seed);
  const state = createEngineState(options.x, options.y, toRows(weights1), toRows(weights2));
  const mse = new Float64Array(setup.epochs);
  const accuracy = new Float64Array(setup.epochs);
  let epoch = 0;
  let failure: DivergenceError | undefined;

  function run(nEpochs: number): number {
    checkInteger(nEpochs, "trainer.run: nEpochs", 0);
    if (failure) throw failure;
    const end = Math.min(setup.epochs, epoch + nEpochs);
    const first = epoch;
    for (; epoch < end; epoch++) {
      forwardBackward(state);
      if (!Number.isFinite(state.mse)) {
        failure = divergenceError(state.mse);
        throw failure;
      }
      mse[epoch] = state.mse;
      accuracy[epoch] = state.accuracy;
      applyGradients(state, setup.learningRate);
    }
    return epoch - first;
  }

  function result(): TrainingRun {
    const history = {
      mse: Array.from(mse.subarray(0, epoch)),
      accuracy: Array.from(accuracy.subarray(0, epoch)),
    };
    return {
      options: { ...setup },
      ...engineWeights(state),
      history,
      finalMse: history.mse.at(-1) ?? NaN,
      finalAccuracy: history.accuracy.at(-1) ?? NaN,
    };
  }

  /**
   * After some epochs a non-finite MSE means the weights overshot (a learning rate too large);
   * at epoch 1 no update has happened yet, so the data itself is out of range.
   */
  function divergenceError(value: number): DivergenceError {
    const where = `training diverged at epoch ${epoch + 1}: the MSE became ${value}`;
    const rate = setup.learningRate;
    return new DivergenceError(
      epoch === 0
        ? `${where} before any weight update; check that x and y hold finite, reasonably scaled ` +
          `numbers (y one-hot) — if they do, try a smaller learningRate than ${rate}`
        : `${where} (the last finite MSE was ${mse[epoch - 1]} at epoch ${epoch}); ` +
          `try a smaller learningRate than ${rate}`,
    );
  }

  return {
    options: { ...setup },
    get epoch() {
      return epoch;
    },
    get done() {
      return epoch >= setup.epochs;
    },
    run,
    result,
  };
}

/**
 * Checks a run's options before any work: hyperparameters first (naming the parameter and the
 * value), then the data (naming both shapes when x and y disagree).
 */
function checkTrainOptions(options: TrainOptions): TrainingRunOptions {
  if (typeof options !== "object" || options === null) {
    throw new ParameterError(`train: options must be an object, got ${String(options)}`);
  }
  const learningRate = checkPositive(options.learningRate, "learningRate");
  // the history keeps two numbers per epoch; ten million epochs already take minutes
  const epochs = checkInteger(options.epochs, "epochs", 1, 10_000_000);
  const nHidden = checkInteger(options.nHidden, "nHidden");
  const seed = checkSeed(options.seed);
  const [rows, nInput] = checkRows(options.x, "x");
  const [yRows, nOutput] = checkRows(options.y, "y");
  checkSameRows("train", [rows, nInput], [yRows, nOutput]);
  return { learningRate, epochs, nHidden, seed, nInput, nOutput, rows };
}
