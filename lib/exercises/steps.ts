/**
 * The eight exercises: what the learner's function receives (the lesson's matrices, from the
 * library's reference step), what it must return, the library's answer, and the usual wrong
 * formulas, written with the lesson's operations, each with the cause it stands for. A check
 * computes them on the learner's inputs: when one gives the learner's numbers, its cause is
 * the likely one. (Some only fit on the square network, where a swapped or missing transpose
 * gives numbers instead of a shape error.)
 */
import { dot, transpose } from "../linalg/dot";
import { add, divide, map, multiply, square, subtract, sum } from "../linalg/elementwise";
import { shape, size, type Matrix, type MatrixLike } from "../linalg/matrix";
import { meanSquaredError } from "../network/meanSquaredError";
import { sigmoid } from "../network/sigmoid";
import type { TrainingStep } from "../network/trainingStep";
import { readableLoop, type WeightRule } from "../train/trainReadable";
import type { Case } from "./cases";

/** What the exercise functions return (the checks also accept rows of numbers). */
export type Feedforward = Pick<
  TrainingStep,
  "hiddenLayerInputs" | "hiddenLayerOutputs" | "outputLayerInputs" | "outputLayerOutputs"
>;
export type OutputLayer = Pick<TrainingStep, "outputLayerError" | "outputLayerDelta">;
export type HiddenLayer = Pick<TrainingStep, "hiddenLayerError" | "hiddenLayerDelta">;
export type WeightUpdates = Pick<TrainingStep, "weights1Update" | "weights2Update">;
export type UpdatedWeights = Pick<TrainingStep, "weights1" | "weights2">;

/** The learner's function in each exercise, with the lesson's names for its arguments. */
export interface ExerciseFunctions {
  sigmoid: (z: Matrix) => MatrixLike;
  feedforward: (x: Matrix, weights1: Matrix, weights2: Matrix) => Feedforward;
  outputLayer: (y: Matrix, outputLayerInputs: Matrix, outputLayerOutputs: Matrix) => OutputLayer;
  hiddenLayer: (
    outputLayerDelta: Matrix,
    weights1: Matrix,
    weights2: Matrix,
    hiddenLayerInputs: Matrix,
    hiddenLayerOutputs: Matrix,
  ) => HiddenLayer;
  weightUpdates: (
    x: Matrix,
    y: Matrix,
    hiddenLayerOutputs: Matrix,
    outputLayerDelta: Matrix,
    hiddenLayerDelta: Matrix,
  ) => WeightUpdates;
  meanSquaredError: (outputLayerOutputs: Matrix, y: Matrix) => number;
  gradientStep: (
    weights1: Matrix,
    weights2: Matrix,
    weights1Update: Matrix,
    weights2Update: Matrix,
    learningRate: number,
  ) => UpdatedWeights;
  trainingLoop: (
    x: Matrix,
    y: Matrix,
    weights1: Matrix,
    weights2: Matrix,
    learningRate: number,
    epochs: number,
  ) => number[];
}

export type ExerciseId = keyof ExerciseFunctions;

type Argument = Matrix | number;

/** A case's own input (the weights before the step), a matrix of its step, or z, the sigmoid's. */
type ArgumentName = "z" | "x" | "y" | "learningRate" | "epochs" | keyof TrainingStep;

/** The usual wrong formulas, by the cause each stands for; same arguments as the learner's. */
type Mistakes<A extends Argument[] = never[]> = Readonly<Record<string, (...args: A) => unknown>>;

export interface ExerciseSpec {
  id: ExerciseId;
  title: string;
  /** "matrix": one matrix; "matrices": an object of them; "number"; "list": numbers per epoch. */
  kind: "matrix" | "matrices" | "number" | "list";
  /** The names of the outputs, in the lesson's order. */
  keys: readonly string[];
  /** The learner's arguments, by their names in the lesson. */
  names: readonly ArgumentName[];
  /** The library's answer on a case, as the learner returns it; by default its step's matrices. */
  reference?(c: Case): unknown;
  mistakes: Mistakes;
}

/** A spec whose arguments and mistakes are typed by the learner's function. */
function exercise<Id extends ExerciseId>(
  spec: Omit<ExerciseSpec, "id" | "mistakes"> & {
    id: Id;
    mistakes: Mistakes<Parameters<ExerciseFunctions[Id]>>;
  },
): ExerciseSpec {
  return spec;
}

/** The learner's arguments on a case, by name; z is the hidden layer's input. */
export function argumentsOf(spec: ExerciseSpec, c: Case): Argument[] {
  return spec.names.map((name) => {
    if (name === "z") return c.step.hiddenLayerInputs;
    return name in c ? (c[name as keyof Case] as Argument) : c.step[name as keyof TrainingStep];
  });
}

/** σ′ written from the sigmoid's output a: a ∘ (1 − a). */
const fromOutput = (a: Matrix): Matrix => multiply(a, subtract(1, a));

/** The lesson's feedforward, or with the hidden or the output layer's sigmoid left out. */
function feedforward(x: Matrix, weights1: Matrix, weights2: Matrix, skip?: "hidden" | "output") {
  const hiddenLayerInputs = dot(x, weights1);
  const hiddenLayerOutputs = sigmoid(hiddenLayerInputs);
  const outputLayerInputs = dot(
    skip === "hidden" ? hiddenLayerInputs : hiddenLayerOutputs,
    weights2,
  );
  const outputLayerOutputs = skip === "output" ? outputLayerInputs : sigmoid(outputLayerInputs);
  return { hiddenLayerInputs, hiddenLayerOutputs, outputLayerInputs, outputLayerOutputs };
}

/** A layer's error and its delta error ∘ σ′, σ′ written from `a` (no σ′ without it). */
function errorAndDelta(layer: "outputLayer" | "hiddenLayer", error: Matrix, a?: Matrix) {
  return {
    [`${layer}Error`]: error,
    [`${layer}Delta`]: a ? multiply(error, fromOutput(a)) : error,
  };
}

/** inputᵀ · δ: an update multiplies its layer's input and delta. */
const inputTimesDelta = (input: Matrix, delta: Matrix) => dot(transpose(input), delta);

interface UpdatesVariation {
  N?: (y: Matrix) => number;
  product?: typeof inputTimesDelta;
  swap?: "deltas" | "updates";
}

/**
 * The weight updates as the lesson has them (W1's from x and the hidden delta, W2's from h and
 * the output delta, each inputᵀ · δ ÷ N), or with a usual variation: another divisor or
 * product, the deltas or the two updates swapped.
 */
function wrongUpdates({ N = size, product = inputTimesDelta, swap }: UpdatesVariation) {
  return (x: Matrix, y: Matrix, h: Matrix, outputDelta: Matrix, hiddenDelta: Matrix) => {
    const [delta1, delta2] =
      swap === "deltas" ? [outputDelta, hiddenDelta] : [hiddenDelta, outputDelta];
    const weights1Update = divide(product(x, delta1), N(y));
    const weights2Update = divide(product(h, delta2), N(y));
    return swap === "updates"
      ? { weights1Update: weights2Update, weights2Update: weights1Update }
      : { weights1Update, weights2Update };
  };
}

function gradientStep(w1: Matrix, w2: Matrix, u1: Matrix, u2: Matrix, rate: number) {
  return { weights1: subtract(w1, multiply(rate, u1)), weights2: subtract(w2, multiply(rate, u2)) };
}

const squaredSum = (yHat: Matrix, y: Matrix) => sum(square(subtract(yHat, y)));

/** The mistake of adding the updates instead of subtracting them. */
const addUpdates: WeightRule = (w1, w2, step, rate) => [
  add(w1, multiply(rate, step.weights1Update)),
  add(w2, multiply(rate, step.weights2Update)),
];

/** The MSE of every epoch (before its update), as part 14 records it. */
function mseHistory(
  [x, y, w1, w2, rate, epochs]: Parameters<ExerciseFunctions["trainingLoop"]>,
  rule?: WeightRule,
): number[] {
  return readableLoop(x, y, w1, w2, rate, epochs, rule).history.mse;
}

export const EXERCISES: readonly ExerciseSpec[] = [
  exercise({
    id: "sigmoid",
    title: "Sigmoid",
    kind: "matrix",
    keys: ["sigmoid(z)"],
    names: ["z"],
    reference: (c) => sigmoid(c.step.hiddenLayerInputs),
    mistakes: {
      "the sign in the exponent is flipped: this is 1 − σ(z) = 1 / (1 + e^(+z)); σ(z) has e to the power −z":
        (z) => map(z, (v) => 1 / (1 + Math.exp(v))),
      "this is the sigmoid's derivative σ(z)·(1 − σ(z)), not σ(z) itself": (z) =>
        fromOutput(sigmoid(z)),
      "this is e^(−z) alone: σ(z) is 1 divided by (1 + e^(−z))": (z) => map(z, (v) => Math.exp(-v)),
    },
  }),
  exercise({
    id: "feedforward",
    title: "Feedforward",
    kind: "matrices",
    keys: ["hiddenLayerInputs", "hiddenLayerOutputs", "outputLayerInputs", "outputLayerOutputs"],
    names: ["x", "weights1", "weights2"],
    mistakes: {
      "W1 and W2 swapped: the hidden layer's input is x times W1, the output layer's is h times W2":
        (x, w1, w2) => feedforward(x, w2, w1),
      "a transpose too many: the products are x · W1 and h · W2, neither transposed": (x, w1, w2) =>
        feedforward(x, transpose(w1), transpose(w2)),
      "the sigmoid between the layers is missing: the output layer's input is the hidden layer's outputs σ(x·W1) times W2, not its inputs":
        (x, w1, w2) => feedforward(x, w1, w2, "hidden"),
      "the output layer's sigmoid is missing: ŷ = σ(h · W2)": (x, w1, w2) =>
        feedforward(x, w1, w2, "output"),
    },
  }),
  exercise({
    id: "outputLayer",
    title: "Output-layer error and delta",
    kind: "matrices",
    keys: ["outputLayerError", "outputLayerDelta"],
    names: ["y", "outputLayerInputs", "outputLayerOutputs"],
    mistakes: {
      "sign flipped: the error is ŷ − y (the outputs minus the labels), not y − ŷ": (y, z, yHat) =>
        errorAndDelta("outputLayer", subtract(y, yHat), yHat),
      "σ′ missing: the delta is the error times the sigmoid's derivative, ŷ ∘ (1 − ŷ), element by element":
        (y, z, yHat) => errorAndDelta("outputLayer", subtract(yHat, y)),
      "σ′ from z instead of from the sigmoid's output: with a = σ(z), σ′(z) = a ∘ (1 − a), so use ŷ = outputLayerOutputs, not z = outputLayerInputs":
        (y, z, yHat) => errorAndDelta("outputLayer", subtract(yHat, y), z),
      "σ′ from σ(ŷ): ŷ already is the sigmoid's output, so σ′ = ŷ ∘ (1 − ŷ) without applying the sigmoid again":
        (y, z, yHat) => errorAndDelta("outputLayer", subtract(yHat, y), sigmoid(yHat)),
    },
  }),
  exercise({
    id: "hiddenLayer",
    title: "Hidden-layer error and delta",
    kind: "matrices",
    keys: ["hiddenLayerError", "hiddenLayerDelta"],
    names: ["outputLayerDelta", "weights1", "weights2", "hiddenLayerInputs", "hiddenLayerOutputs"],
    mistakes: {
      "a transpose missing: the output delta goes back through W2 transposed, (rows × outputs) · (outputs × hidden)":
        (delta, w1, w2, z, h) => errorAndDelta("hiddenLayer", dot(delta, w2), h),
      "W1 and W2 swapped: the hidden layer's error comes back through W2, the weights between the hidden and the output layer":
        (delta, w1, w2, z, h) => errorAndDelta("hiddenLayer", dot(delta, transpose(w1)), h),
      "the two factors of the product in the wrong order: W2 · δᵀ is the transpose of δ · W2ᵀ, one row per hidden node instead of one per flower":
        (delta, w1, w2, z, h) =>
          errorAndDelta("hiddenLayer", dot(w2, transpose(delta)), transpose(h)),
      "sign flipped: the hidden error is outputLayerDelta · W2ᵀ, with no minus sign": (
        delta,
        w1,
        w2,
        z,
        h,
      ) => errorAndDelta("hiddenLayer", multiply(-1, dot(delta, transpose(w2))), h),
      "σ′ missing: the delta is the hidden error times h ∘ (1 − h), element by element": (
        delta,
        w1,
        w2,
      ) => errorAndDelta("hiddenLayer", dot(delta, transpose(w2))),
      "σ′ from z instead of from the sigmoid's output: use h = hiddenLayerOutputs in h ∘ (1 − h), not hiddenLayerInputs":
        (delta, w1, w2, z) => errorAndDelta("hiddenLayer", dot(delta, transpose(w2)), z),
      "σ′ from σ(h): h already is the sigmoid's output, so σ′ = h ∘ (1 − h) without applying the sigmoid again":
        (delta, w1, w2, z, h) =>
          errorAndDelta("hiddenLayer", dot(delta, transpose(w2)), sigmoid(h)),
    },
  }),
  exercise({
    id: "weightUpdates",
    title: "The two weight updates",
    kind: "matrices",
    keys: ["weights1Update", "weights2Update"],
    names: ["x", "y", "hiddenLayerOutputs", "outputLayerDelta", "hiddenLayerDelta"],
    mistakes: {
      "÷ N missing: divide each product by N, the number of elements of y": wrongUpdates({
        N: () => 1,
      }),
      "÷ rows instead of ÷ elements: N is the number of elements of y (rows × columns), not its number of rows":
        wrongUpdates({ N: (y) => shape(y)[0] }),
      "÷ columns instead of ÷ elements: N is the number of elements of y (rows × columns)":
        wrongUpdates({ N: (y) => shape(y)[1] }),
      "the transpose on the wrong factor: an update is the layer's input transposed times its delta (inputᵀ · δ), not δᵀ · input":
        wrongUpdates({ product: (input, delta) => dot(transpose(delta), input) }),
      "a transpose missing: the layer's input is transposed before the product": wrongUpdates({
        product: (input, delta) => dot(input, delta),
      }),
      "W1 and W2 swapped: weights1Update and weights2Update are in each other's place":
        wrongUpdates({ swap: "updates" }),
      "W1 and W2 swapped: each update uses the other layer's delta (W1's goes with x and the hidden delta, W2's with h and the output delta)":
        wrongUpdates({ swap: "deltas" }),
      "sign flipped: the updates are inputᵀ · δ / N with a plus sign; the minus comes in the gradient step":
        wrongUpdates({ N: (y) => -size(y) }),
    },
  }),
  exercise({
    id: "meanSquaredError",
    title: "Mean squared error",
    kind: "number",
    keys: ["MSE"],
    names: ["outputLayerOutputs", "y"],
    reference: (c) => c.mse,
    mistakes: {
      "÷ N missing: the sum is divided by 2N, with N the number of elements of y": (yHat, y) =>
        squaredSum(yHat, y) / 2,
      "÷ rows instead of ÷ elements: N is the number of elements of y (rows × columns), not its number of rows":
        (yHat, y) => squaredSum(yHat, y) / (2 * shape(y)[0]),
      "the ½ is missing: E = Σ (ŷ − y)² / (2N)": (yHat, y) => squaredSum(yHat, y) / size(y),
      "the square is missing: each difference ŷ − y is squared before the sum": (yHat, y) =>
        sum(subtract(yHat, y)) / (2 * size(y)),
      "a square root too many: E is the halved mean of the squares, with no root": (yHat, y) =>
        Math.sqrt(meanSquaredError(yHat, y)),
    },
  }),
  exercise({
    id: "gradientStep",
    title: "One gradient step",
    kind: "matrices",
    keys: ["weights1", "weights2"],
    names: ["weights1", "weights2", "weights1Update", "weights2Update", "learningRate"],
    mistakes: {
      "the update added instead of subtracted: gradient descent moves against the gradient, W − η · update":
        (w1, w2, u1, u2, rate) => gradientStep(w1, w2, u1, u2, -rate),
      "the learning rate is missing: W − η · update": (w1, w2, u1, u2) =>
        gradientStep(w1, w2, u1, u2, 1),
      "W1 and W2 swapped: each weight matrix moves by its own update": (w1, w2, u1, u2, rate) =>
        gradientStep(w1, w2, u2, u1, rate),
      "W1 and W2 swapped: the new weights1 and weights2 are in each other's place": (
        w1,
        w2,
        u1,
        u2,
        rate,
      ) => gradientStep(w2, w1, u2, u1, rate),
    },
  }),
  exercise({
    id: "trainingLoop",
    title: "Training loop",
    kind: "list",
    keys: ["MSE per epoch"],
    names: ["x", "y", "weights1", "weights2", "learningRate", "epochs"],
    reference: (c) => {
      c.history ??= mseHistory([c.x, c.y, c.weights1, c.weights2, c.learningRate, c.epochs!]);
      return c.history.slice();
    },
    mistakes: {
      "the weights are not carried from one epoch to the next: every epoch starts again from the first weights":
        (x, y, w1, w2, rate, epochs) =>
          new Array<number>(epochs).fill(mseHistory([x, y, w1, w2, rate, 1])[0]),
      "the MSE is measured after the update: record it from the epoch's forward pass, before the weights change":
        (x, y, w1, w2, rate, epochs) => mseHistory([x, y, w1, w2, rate, epochs + 1]).slice(1),
      "the update added instead of subtracted: the MSE rises instead of falling": (...args) =>
        mseHistory(args, addUpdates),
      "the learning rate is missing from the update": (x, y, w1, w2, rate, epochs) =>
        mseHistory([x, y, w1, w2, 1, epochs]),
    },
  }),
];
