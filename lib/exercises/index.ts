/**
 * Part 13's exercises: one check per step of backpropagation. A check runs the learner's
 * function on the tutorial's three flowers and on seeded random networks, compares it with the
 * library to 1e-12 relative and shows ✓, ✗ with the likely cause, or "not done yet". A check
 * never throws because of the learner's code: Run All always goes through.
 */
import { describeValue } from "../checks";
import { ParameterError } from "../errors";
import { formatNumber } from "../display/show";
import { matrix, shape, type Matrix, type MatrixLike } from "../linalg/matrix";
import { initWeights } from "../network/initWeights";
import { checkCases, makeCase, TUTORIAL, tutorialCase } from "./cases";
import { runCheck, type Verdict } from "./diagnose";
import { showSummary, showVerdict, type SummaryRow } from "./report";
import {
  EXERCISES,
  type ExerciseId,
  type Feedforward,
  type HiddenLayer,
  type LoopCase,
  type OutputLayer,
  type UpdatedWeights,
  type WeightUpdates,
} from "./steps";

import { notDone } from "./notDone";

export { notDone };
export type { Feedforward, HiddenLayer, OutputLayer, UpdatedWeights, WeightUpdates };

/** Part 14's attempt 1 trains for this many epochs. */
export const ATTEMPT_1_EPOCHS = 1000;

const states = new Map<ExerciseId, Verdict>();

/** The last verdict of every check run in this kernel (for the summary and for tests). */
export function exerciseStates(): ReadonlyMap<ExerciseId, Verdict> {
  return states;
}

/** Forgets every verdict (tests start clean with it). */
export function resetExercises(): void {
  states.clear();
}

type AnyFunction = (...args: never[]) => unknown;

function specOf(id: ExerciseId) {
  return EXERCISES.find((s) => s.id === id)!;
}

/** Runs one check, records and shows its verdict; returns it for scripts and tests. */
export function checkExercise(
  id: ExerciseId,
  f: unknown,
  cases: readonly (LoopCase | ReturnType<typeof tutorialCase>)[] = checkCases(),
  note?: (verdict: Verdict) => string | undefined,
): Verdict {
  const spec = specOf(id);
  if (id === "trainingLoop" && !cases.every((c) => "epochs" in c)) {
    throw new ParameterError(
      "checkExercise: the training loop's cases need epochs (use loopCases)",
    );
  }
  const verdict: Verdict =
    typeof f === "function"
      ? runCheck(spec, f as AnyFunction, cases)
      : {
          state: "failed",
          where: "the check's call",
          problem: `the check needs your function, got ${describeValue(f)}`,
          cause: null,
          hint: null,
        };
  if (verdict.state === "failed" && verdict.cause === null && id === "trainingLoop") {
    const earlier = EXERCISES.filter((s) => s.id !== id && states.get(s.id)?.state === "failed");
    if (earlier.length > 0) {
      verdict.cause =
        `an earlier exercise your loop may use is not right yet: ` +
        earlier.map((s) => s.title).join(", ");
    }
  }
  states.set(id, verdict);
  showVerdict(id, spec.title, verdict, note?.(verdict));
  return verdict;
}

/** The training loop's cases: short runs on the small networks, then part 14's attempt 1. */
export function loopCases(xTrain: MatrixLike, yTrain: MatrixLike): LoopCase[] {
  const x = matrix(xTrain, "checkTrainingLoop: xTrain");
  const y = matrix(yTrain, "checkTrainingLoop: yTrain");
  const { weights1, weights2 } = initWeights(
    { nInput: shape(x)[1], nHidden: TUTORIAL.nHidden, nOutput: shape(y)[1] },
    TUTORIAL.seed,
  );
  const attempt1 = makeCase(
    `part 14's attempt 1 (${shape(x)[0]} training flowers, seed ${TUTORIAL.seed}, ` +
      `${TUTORIAL.nHidden} hidden, learning rate ${TUTORIAL.learningRate}, ${ATTEMPT_1_EPOCHS} epochs)`,
    x,
    y,
    weights1,
    weights2,
    TUTORIAL.learningRate,
  );
  const [tutorial, random] = checkCases();
  return [
    { ...tutorial, epochs: 5 },
    { ...random, epochs: 4 },
    { ...attempt1, epochs: ATTEMPT_1_EPOCHS },
  ];
}

/** The checks, the summary and the not-done marker, as the exercise notebook calls them. */
export const exercises = {
  /** What an exercise's stub returns until it is written: `return notDone();` type-checks anywhere. */
  notDone,
  checkSigmoid(mySigmoid: (z: Matrix) => MatrixLike): void {
    checkExercise("sigmoid", mySigmoid);
  },
  checkFeedforward(
    feedforward: (x: Matrix, weights1: Matrix, weights2: Matrix) => Feedforward,
  ): void {
    checkExercise("feedforward", feedforward);
  },
  checkOutputLayer(
    outputLayer: (y: Matrix, outputLayerInputs: Matrix, outputLayerOutputs: Matrix) => OutputLayer,
  ): void {
    checkExercise("outputLayer", outputLayer);
  },
  checkHiddenLayer(
    hiddenLayer: (
      outputLayerDelta: Matrix,
      weights1: Matrix,
      weights2: Matrix,
      hiddenLayerInputs: Matrix,
      hiddenLayerOutputs: Matrix,
    ) => HiddenLayer,
  ): void {
    checkExercise("hiddenLayer", hiddenLayer);
  },
  checkWeightUpdates(
    weightUpdates: (
      x: Matrix,
      y: Matrix,
      hiddenLayerOutputs: Matrix,
      outputLayerDelta: Matrix,
      hiddenLayerDelta: Matrix,
    ) => WeightUpdates,
  ): void {
    checkExercise("weightUpdates", weightUpdates);
  },
  checkMeanSquaredError(mse: (outputLayerOutputs: Matrix, y: Matrix) => number): void {
    checkExercise("meanSquaredError", mse);
  },
  checkGradientStep(
    gradientStep: (
      weights1: Matrix,
      weights2: Matrix,
      weights1Update: Matrix,
      weights2Update: Matrix,
      learningRate: number,
    ) => UpdatedWeights,
  ): void {
    checkExercise("gradientStep", gradientStep);
  },
  /** `xTrain`, `yTrain`: part 14's training set (split seed 4, 20 test flowers). */
  checkTrainingLoop(
    trainingLoop: (
      x: Matrix,
      y: Matrix,
      weights1: Matrix,
      weights2: Matrix,
      learningRate: number,
      epochs: number,
    ) => number[],
    xTrain: MatrixLike,
    yTrain: MatrixLike,
  ): void {
    const cases = loopCases(xTrain, yTrain);
    checkExercise("trainingLoop", trainingLoop, cases, (verdict) => {
      if (verdict.state !== "passed") return undefined;
      const history = cases[cases.length - 1].history!;
      return (
        `final training MSE after ${history.length} epochs: ` +
        `${formatNumber(history[history.length - 1], 6)}, as in part 14's attempt 1`
      );
    });
  },
  /** Every exercise's state: correct, not right yet, not done yet, or not checked. */
  summary(): void {
    const rows: SummaryRow[] = EXERCISES.map((s) => ({
      id: s.id,
      title: s.title,
      state: states.get(s.id)?.state ?? "notChecked",
    }));
    showSummary(rows);
  },
};
