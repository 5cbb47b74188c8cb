import { ParameterError, type DivergenceError } from "../errors";
import { divergenceError } from "./divergence";
import { applyGradients, createEngineState, engineWeights, forwardBackward } from "./engine";
import { initialWeights } from "./initialWeights";
import { checkTrainOptions } from "./options";
import type { TrainOptions, Trainer, TrainingRun } from "./types";

/**
 * A resumable run of the fused engine. `run(n)` advances up to n epochs, so a display can train
 * in chunks and yield to the event loop between them; history buffers are preallocated for all
 * epochs, so an epoch allocates nothing. Training n epochs in any chunking gives bit-identical
 * results to train() with the same options.
 */
export function createTrainer(options: TrainOptions): Trainer {
  const setup = checkTrainOptions(options);
  const start = initialWeights(setup);
  const state = createEngineState(options.x, options.y, start.weights1, start.weights2);
  const mse = new Float64Array(setup.epochs);
  const accuracy = new Float64Array(setup.epochs);
  let epoch = 0;
  let failure: DivergenceError | undefined;

  function run(nEpochs: number): number {
    if (typeof nEpochs !== "number" || !Number.isInteger(nEpochs) || nEpochs < 0) {
      throw new ParameterError(
        `trainer.run: nEpochs must be a non-negative integer, got ${String(nEpochs)}`,
      );
    }
    if (failure) throw failure;
    const end = Math.min(setup.epochs, epoch + nEpochs);
    const first = epoch;
    while (epoch < end) {
      forwardBackward(state);
      if (!Number.isFinite(state.mse)) {
        failure = divergenceError(
          epoch + 1,
          state.mse,
          epoch > 0 ? mse[epoch - 1] : undefined,
          setup.learningRate,
        );
        throw failure;
      }
      mse[epoch] = state.mse;
      accuracy[epoch] = state.accuracy;
      applyGradients(state, setup.learningRate);
      epoch++;
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
      finalMse: epoch > 0 ? history.mse[epoch - 1] : NaN,
      finalAccuracy: epoch > 0 ? history.accuracy[epoch - 1] : NaN,
    };
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
