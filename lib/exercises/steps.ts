/**
 * The eight exercises: what the learner's function receives (the lesson's matrices, from the
 * library's reference step), what it must return, the library's answer, and the usual wrong
 * formulas with the cause each stands for.
 */
import { isMatrix } from "mathjs";
import { describeValue } from "../checks";
import { matrix, toRows, type Matrix } from "../linalg/matrix";
import { sigmoid } from "../network/sigmoid";
import type { Case } from "./cases";
import { gridOf, toGrid, type Grid } from "./compare";
import {
  feedforwardMistakes,
  gradientStepMistakes,
  hiddenLayerMistakes,
  meanSquaredErrorMistakes,
  mseHistory,
  outputLayerMistakes,
  sigmoidMistakes,
  trainingLoopMistakes,
  weightUpdatesMistakes,
} from "./mistakes";

/** What the exercise functions return (the checks also accept rows of numbers). */
export interface Feedforward {
  hiddenLayerInputs: Matrix;
  hiddenLayerOutputs: Matrix;
  outputLayerInputs: Matrix;
  outputLayerOutputs: Matrix;
}
export interface OutputLayer {
  outputLayerError: Matrix;
  outputLayerDelta: Matrix;
}
export interface HiddenLayer {
  hiddenLayerError: Matrix;
  hiddenLayerDelta: Matrix;
}
export interface WeightUpdates {
  weights1Update: Matrix;
  weights2Update: Matrix;
}
export interface UpdatedWeights {
  weights1: Matrix;
  weights2: Matrix;
}

export type ExerciseId =
  | "sigmoid"
  | "feedforward"
  | "outputLayer"
  | "hiddenLayer"
  | "weightUpdates"
  | "meanSquaredError"
  | "gradientStep"
  | "trainingLoop";

/** A case for the training loop: a network and how many epochs to train it. */
export interface LoopCase extends Case {
  epochs: number;
  /** The library's MSE per epoch, computed once. */
  history?: number[];
}

type Argument = Matrix | number;
/** Named outputs as grids; an answer the learner cannot have meant is a sentence instead. */
export type Answer = Record<string, Grid>;
type AnyFunction = (...args: never[]) => unknown;

export interface Mistake {
  cause: string;
  answer: AnyFunction;
}

export interface ExerciseSpec {
  id: ExerciseId;
  title: string;
  /** "matrix": one matrix; "matrices": an object of them; "number"; "list": numbers per epoch. */
  kind: "matrix" | "matrices" | "number" | "list";
  /** The names of the outputs, in the lesson's order. */
  keys: readonly string[];
  /** The learner's arguments, by name, in order. */
  args(c: Case | LoopCase): [string, Argument][];
  mistakes: readonly Mistake[];
}

/** A fresh copy of each argument, so a learner who mutates one cannot spoil the next run. */
export function freshArguments(args: [string, Argument][]): Argument[] {
  return args.map(([, v]) => (typeof v === "number" ? v : matrix(toRows(v))));
}

export function callWith(f: AnyFunction, args: [string, Argument][]): unknown {
  return (f as (...a: unknown[]) => unknown)(...freshArguments(args));
}

/** The learner's (or a formula's) value as named grids, or a sentence saying what is wrong. */
export function normalise(spec: ExerciseSpec, value: unknown): Answer | string {
  if (spec.kind === "number") {
    return typeof value === "number"
      ? { [spec.keys[0]]: [[value]] }
      : `your function returned ${describeValue(value)}, expected a number`;
  }
  if (spec.kind === "list") {
    if (!Array.isArray(value) || value.some((v) => typeof v !== "number")) {
      return `your function returned ${describeValue(value)}, expected an array of numbers (the MSE of each epoch)`;
    }
    return { [spec.keys[0]]: [(value as number[]).slice()] };
  }
  if (spec.kind === "matrix") {
    const grid = toGrid(value, "your result");
    return typeof grid === "string" ? grid : { [spec.keys[0]]: grid };
  }
  const wanted = `an object with ${spec.keys.join(", ")}`;
  if (value === null || typeof value !== "object" || isMatrix(value) || Array.isArray(value)) {
    return `your function returned ${describeValue(value)}, expected ${wanted}`;
  }
  const answer: Answer = {};
  for (const key of spec.keys) {
    if (!(key in value)) return `your result has no ${key} (expected ${wanted})`;
    const grid = toGrid((value as Record<string, unknown>)[key], key);
    if (typeof grid === "string") return grid;
    answer[key] = grid;
  }
  return answer;
}

export function gridsOf(step: Record<string, Matrix>, keys: readonly string[]): Answer {
  return Object.fromEntries(keys.map((k) => [k, gridOf(step[k])]));
}

const FEEDFORWARD_KEYS = [
  "hiddenLayerInputs",
  "hiddenLayerOutputs",
  "outputLayerInputs",
  "outputLayerOutputs",
] as const;

export const EXERCISES: readonly ExerciseSpec[] = [
  {
    id: "sigmoid",
    title: "Sigmoid",
    kind: "matrix",
    keys: ["sigmoid(z)"],
    args: (c) => [["z", c.step.hiddenLayerInputs]],
    mistakes: [
      {
        cause:
          "the sign in the exponent is flipped: this is 1 − σ(z) = 1 / (1 + e^(+z)); σ(z) has e to the power −z",
        answer: sigmoidMistakes.signFlipped,
      },
      {
        cause: "this is the sigmoid's derivative σ(z)·(1 − σ(z)), not σ(z) itself",
        answer: sigmoidMistakes.derivative,
      },
      {
        cause: "this is e^(−z) alone: σ(z) is 1 divided by (1 + e^(−z))",
        answer: sigmoidMistakes.plainExponential,
      },
    ],
  },
  {
    id: "feedforward",
    title: "Feedforward",
    kind: "matrices",
    keys: FEEDFORWARD_KEYS,
    args: (c) => [
      ["x", c.x],
      ["weights1", c.weights1],
      ["weights2", c.weights2],
    ],
    mistakes: [
      {
        cause:
          "W1 and W2 swapped: the hidden layer's input is x times W1, the output layer's is h times W2",
        answer: feedforwardMistakes.weightsSwapped,
      },
      {
        cause: "a transpose too many: the products are x · W1 and h · W2, neither transposed",
        answer: feedforwardMistakes.extraTranspose,
      },
      {
        cause:
          "the sigmoid between the layers is missing: the output layer's input is the hidden layer's outputs σ(x·W1) times W2, not its inputs",
        answer: feedforwardMistakes.hiddenSigmoidSkipped,
      },
      {
        cause: "the output layer's sigmoid is missing: ŷ = σ(h · W2)",
        answer: feedforwardMistakes.outputSigmoidMissing,
      },
    ],
  },
  {
    id: "outputLayer",
    title: "Output-layer error and delta",
    kind: "matrices",
    keys: ["outputLayerError", "outputLayerDelta"],
    args: (c) => [
      ["y", c.y],
      ["outputLayerInputs", c.step.outputLayerInputs],
      ["outputLayerOutputs", c.step.outputLayerOutputs],
    ],
    mistakes: [
      {
        cause: "sign flipped: the error is ŷ − y (the outputs minus the labels), not y − ŷ",
        answer: outputLayerMistakes.signFlipped,
      },
      {
        cause:
          "σ′ missing: the delta is the error times the sigmoid's derivative, ŷ ∘ (1 − ŷ), element by element",
        answer: outputLayerMistakes.derivativeMissing,
      },
      {
        cause:
          "σ′ from z instead of from the sigmoid's output: with a = σ(z), σ′(z) = a ∘ (1 − a), so use ŷ = outputLayerOutputs, not z = outputLayerInputs",
        answer: outputLayerMistakes.derivativeFromZ,
      },
      {
        cause:
          "σ′ from σ(ŷ): ŷ already is the sigmoid's output, so σ′ = ŷ ∘ (1 − ŷ) without applying the sigmoid again",
        answer: outputLayerMistakes.sigmoidTwice,
      },
    ],
  },
  {
    id: "hiddenLayer",
    title: "Hidden-layer error and delta",
    kind: "matrices",
    keys: ["hiddenLayerError", "hiddenLayerDelta"],
    args: (c) => [
      ["outputLayerDelta", c.step.outputLayerDelta],
      ["weights1", c.weights1],
      ["weights2", c.weights2],
      ["hiddenLayerInputs", c.step.hiddenLayerInputs],
      ["hiddenLayerOutputs", c.step.hiddenLayerOutputs],
    ],
    mistakes: [
      {
        cause:
          "a transpose missing: the output delta goes back through W2 transposed, (rows × outputs) · (outputs × hidden)",
        answer: hiddenLayerMistakes.transposeMissing,
      },
      {
        cause:
          "W1 and W2 swapped: the hidden layer's error comes back through W2, the weights between the hidden and the output layer",
        answer: hiddenLayerMistakes.weightsSwapped,
      },
      {
        cause:
          "the two factors of the product in the wrong order: W2 · δᵀ is the transpose of δ · W2ᵀ, one row per hidden node instead of one per flower",
        answer: hiddenLayerMistakes.factorsReversed,
      },
      {
        cause: "sign flipped: the hidden error is outputLayerDelta · W2ᵀ, with no minus sign",
        answer: hiddenLayerMistakes.signFlipped,
      },
      {
        cause: "σ′ missing: the delta is the hidden error times h ∘ (1 − h), element by element",
        answer: hiddenLayerMistakes.derivativeMissing,
      },
      {
        cause:
          "σ′ from z instead of from the sigmoid's output: use h = hiddenLayerOutputs in h ∘ (1 − h), not hiddenLayerInputs",
        answer: hiddenLayerMistakes.derivativeFromZ,
      },
      {
        cause:
          "σ′ from σ(h): h already is the sigmoid's output, so σ′ = h ∘ (1 − h) without applying the sigmoid again",
        answer: hiddenLayerMistakes.sigmoidTwice,
      },
    ],
  },
  {
    id: "weightUpdates",
    title: "The two weight updates",
    kind: "matrices",
    keys: ["weights1Update", "weights2Update"],
    args: (c) => [
      ["x", c.x],
      ["y", c.y],
      ["hiddenLayerOutputs", c.step.hiddenLayerOutputs],
      ["outputLayerDelta", c.step.outputLayerDelta],
      ["hiddenLayerDelta", c.step.hiddenLayerDelta],
    ],
    mistakes: [
      {
        cause: "÷ N missing: divide each product by N, the number of elements of y",
        answer: weightUpdatesMistakes.divisionMissing,
      },
      {
        cause:
          "÷ rows instead of ÷ elements: N is the number of elements of y (rows × columns), not its number of rows",
        answer: weightUpdatesMistakes.dividedByRows,
      },
      {
        cause: "÷ columns instead of ÷ elements: N is the number of elements of y (rows × columns)",
        answer: weightUpdatesMistakes.dividedByColumns,
      },
      {
        cause:
          "the transpose on the wrong factor: an update is the layer's input transposed times its delta (inputᵀ · δ), not δᵀ · input",
        answer: weightUpdatesMistakes.transposeOnDelta,
      },
      {
        cause: "a transpose missing: the layer's input is transposed before the product",
        answer: weightUpdatesMistakes.transposeMissing,
      },
      {
        cause: "W1 and W2 swapped: weights1Update and weights2Update are in each other's place",
        answer: weightUpdatesMistakes.updatesSwapped,
      },
      {
        cause:
          "W1 and W2 swapped: each update uses the other layer's delta (W1's goes with x and the hidden delta, W2's with h and the output delta)",
        answer: weightUpdatesMistakes.deltasSwapped,
      },
      {
        cause:
          "sign flipped: the updates are inputᵀ · δ / N with a plus sign; the minus comes in the gradient step",
        answer: weightUpdatesMistakes.signFlipped,
      },
    ],
  },
  {
    id: "meanSquaredError",
    title: "Mean squared error",
    kind: "number",
    keys: ["MSE"],
    args: (c) => [
      ["outputLayerOutputs", c.step.outputLayerOutputs],
      ["y", c.y],
    ],
    mistakes: [
      {
        cause: "÷ N missing: the sum is divided by 2N, with N the number of elements of y",
        answer: meanSquaredErrorMistakes.divisionMissing,
      },
      {
        cause:
          "÷ rows instead of ÷ elements: N is the number of elements of y (rows × columns), not its number of rows",
        answer: meanSquaredErrorMistakes.dividedByRows,
      },
      {
        cause: "the ½ is missing: E = Σ (ŷ − y)² / (2N)",
        answer: meanSquaredErrorMistakes.halfMissing,
      },
      {
        cause: "the square is missing: each difference ŷ − y is squared before the sum",
        answer: meanSquaredErrorMistakes.squareMissing,
      },
      {
        cause: "a square root too many: E is the halved mean of the squares, with no root",
        answer: meanSquaredErrorMistakes.sqrtOfMean,
      },
    ],
  },
  {
    id: "gradientStep",
    title: "One gradient step",
    kind: "matrices",
    keys: ["weights1", "weights2"],
    args: (c) => [
      ["weights1", c.weights1],
      ["weights2", c.weights2],
      ["weights1Update", c.step.weights1Update],
      ["weights2Update", c.step.weights2Update],
      ["learningRate", c.learningRate],
    ],
    mistakes: [
      {
        cause:
          "the update added instead of subtracted: gradient descent moves against the gradient, W − η · update",
        answer: gradientStepMistakes.added,
      },
      {
        cause: "the learning rate is missing: W − η · update",
        answer: gradientStepMistakes.learningRateMissing,
      },
      {
        cause: "W1 and W2 swapped: each weight matrix moves by its own update",
        answer: gradientStepMistakes.weightsSwapped,
      },
      {
        cause: "W1 and W2 swapped: the new weights1 and weights2 are in each other's place",
        answer: gradientStepMistakes.resultsSwapped,
      },
    ],
  },
  {
    id: "trainingLoop",
    title: "Training loop",
    kind: "list",
    keys: ["MSE per epoch"],
    args: (c) => [
      ["x", c.x],
      ["y", c.y],
      ["weights1", c.weights1],
      ["weights2", c.weights2],
      ["learningRate", c.learningRate],
      ["epochs", (c as LoopCase).epochs],
    ],
    mistakes: [
      {
        cause:
          "the weights are not carried from one epoch to the next: every epoch starts again from the first weights",
        answer: trainingLoopMistakes.weightsNotCarried,
      },
      {
        cause:
          "the MSE is measured after the update: record it from the epoch's forward pass, before the weights change",
        answer: trainingLoopMistakes.measuredAfterUpdate,
      },
      {
        cause: "the update added instead of subtracted: the MSE rises instead of falling",
        answer: trainingLoopMistakes.added,
      },
      {
        cause: "the learning rate is missing from the update",
        answer: trainingLoopMistakes.learningRateMissing,
      },
    ],
  },
];

/** The library's answer on a case: its reference step, its MSE, or its training loop. */
export function referenceAnswer(spec: ExerciseSpec, c: Case | LoopCase): Answer {
  const step = c.step as unknown as Record<string, Matrix>;
  switch (spec.id) {
    case "sigmoid":
      return { [spec.keys[0]]: gridOf(sigmoid(c.step.hiddenLayerInputs)) };
    case "meanSquaredError":
      return { [spec.keys[0]]: [[c.mse]] };
    case "trainingLoop": {
      const loop = c as LoopCase;
      loop.history ??= mseHistory(c.x, c.y, c.weights1, c.weights2, c.learningRate, loop.epochs);
      return { [spec.keys[0]]: [loop.history.slice()] };
    }
    default:
      return gridsOf(step, spec.keys);
  }
}
