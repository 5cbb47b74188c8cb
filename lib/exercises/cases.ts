/**
 * The networks every check runs the learner's function on: the tutorial's three flowers and a
 * few seeded random ones. Each case carries the library's reference step, so every exercise
 * gets its inputs from the library and is checked on its own.
 */
import { matrix, shape, type Matrix, type MatrixLike } from "../linalg/matrix";
import { initWeights } from "../network/initWeights";
import { meanSquaredError } from "../network/meanSquaredError";
import { trainingStep, type TrainingStep } from "../network/trainingStep";
import { RandomState } from "../random/RandomState";

export interface Case {
  /** Where the numbers come from, as the learner reads it in a ✗. */
  label: string;
  x: Matrix;
  y: Matrix;
  weights1: Matrix;
  weights2: Matrix;
  learningRate: number;
  /** The library's trainingStep on this case. */
  step: TrainingStep;
  /** meanSquaredError of the step's outputs (before the update). */
  mse: number;
  /** The training loop's cases only: how many epochs to train. */
  epochs?: number;
  /** The library's MSE per epoch, computed once. */
  history?: number[];
}

/** Rows 1, 51 and 101 of data/Iris.csv (Id 2, 52, 102): the tutorial's three flowers. */
export const TUTORIAL_FLOWERS: readonly (readonly number[])[] = [
  [4.9, 3.0, 1.4, 0.2],
  [6.4, 3.2, 4.5, 1.5],
  [5.8, 2.7, 5.1, 1.9],
];

/** Their one-hot labels: setosa, versicolor, virginica. */
export const TUTORIAL_LABELS: readonly (readonly number[])[] = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
];

/** The tutorial's hyperparameters for part 13. */
const TUTORIAL = { seed: 10, nHidden: 2, learningRate: 0.1 } as const;

/** Part 14's attempt 1 trains for this many epochs. */
const ATTEMPT_1_EPOCHS = 1000;

/** A network with the library's step on it. */
function makeCase(network: Omit<Case, "step" | "mse">): Case {
  const { x, y, weights1, weights2, learningRate } = network;
  const step = trainingStep(x, y, weights1, weights2, learningRate);
  return { ...network, step, mse: meanSquaredError(step.outputLayerOutputs, y) };
}

/** x and y with the tutorial's weights (seed, hidden nodes) and learning rate. */
function tutorialNetwork(label: string, x: Matrix, y: Matrix): Case {
  const { weights1, weights2 } = initWeights(
    { nInput: shape(x)[1], nHidden: TUTORIAL.nHidden, nOutput: shape(y)[1] },
    TUTORIAL.seed,
  );
  return makeCase({ label, x, y, weights1, weights2, learningRate: TUTORIAL.learningRate });
}

/** A seeded network of the given sizes: features around 4 ± 2, one-hot labels, N(0, 0.5) weights. */
function randomCase(seed: number, [rows, nInput, nHidden, nOutput]: number[]): Case {
  const random = new RandomState(seed);
  const x = matrix(random.normal(4, 2, [rows, nInput]));
  const y = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: nOutput }, (_, j) => (j === (i * 7 + seed) % nOutput ? 1 : 0)),
  );
  const weights1 = matrix(random.normal(0, 0.5, [nInput, nHidden]));
  const weights2 = matrix(random.normal(0, 0.5, [nHidden, nOutput]));
  const label =
    `a random network (seed ${seed}): x (${rows},${nInput}), weights1 (${nInput},${nHidden}), ` +
    `weights2 (${nHidden},${nOutput})`;
  return makeCase({ label, x, y: matrix(y), weights1, weights2, learningRate: 0.5 });
}

let cached: Case[] | undefined;

/**
 * The tutorial first (a ✗ shows its numbers when it fails there), then shapes where every
 * dimension differs, a different order of sizes, and a square network where a swapped or
 * missing transpose gives numbers instead of a shape error (the diagnosis compares those).
 */
export function checkCases(): Case[] {
  cached ??= [
    tutorialNetwork(
      "the tutorial's three flowers",
      matrix(TUTORIAL_FLOWERS),
      matrix(TUTORIAL_LABELS),
    ),
    randomCase(1, [5, 3, 4, 2]),
    randomCase(2, [2, 4, 3, 5]),
    randomCase(3, [3, 3, 3, 3]),
  ];
  return cached;
}

/** The training loop's cases: short runs on the small networks, then part 14's attempt 1. */
export function loopCases(xTrain: MatrixLike, yTrain: MatrixLike): Case[] {
  const x = matrix(xTrain, "checkTrainingLoop: xTrain");
  const y = matrix(yTrain, "checkTrainingLoop: yTrain");
  const attempt1 = tutorialNetwork(
    `part 14's attempt 1 (${shape(x)[0]} training flowers, seed ${TUTORIAL.seed}, ` +
      `${TUTORIAL.nHidden} hidden, learning rate ${TUTORIAL.learningRate}, ${ATTEMPT_1_EPOCHS} epochs)`,
    x,
    y,
  );
  const [tutorial, random] = checkCases();
  return [
    { ...tutorial, epochs: 5 },
    { ...random, epochs: 4 },
    { ...attempt1, epochs: ATTEMPT_1_EPOCHS },
  ];
}
