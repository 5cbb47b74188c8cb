/**
 * Part 13's exercises: one check per step of backpropagation. A check runs the learner's
 * function on the tutorial's three flowers and on seeded random networks, compares it with the
 * library to 1e-12 relative and shows ✓, ✗ with the likely cause, or "not done yet". A check
 * never throws because of the learner's code: Run All always goes through. Under a grader
 * (nbgrader), `{ strict: true }` makes the check cell fail after showing the verdict, with the
 * diagnosis as the error's message, so that the cell's points are lost and the feedback says why.
 */
import { BackpropError, ParameterError } from "../errors";
import { describeValue, formatNumber } from "../format";
import type { MatrixLike } from "../linalg/matrix";
import { checkCases, loopCases, type Case } from "./cases";
import { failed, notDone, runCheck, type AnyFunction, type Verdict } from "./diagnose";
import { showSummary, showVerdict, verdictLines } from "./report";
import { EXERCISES, type ExerciseFunctions, type ExerciseId } from "./steps";

export { notDone };
export type { Feedforward, HiddenLayer, OutputLayer, UpdatedWeights, WeightUpdates } from "./steps";

/** A strict check that did not pass: its message is the verdict and diagnosis, on one line. */
export class ExerciseError extends BackpropError {}

/** `strict`: throw an ExerciseError unless the answer is correct (for graders). */
export interface CheckOptions {
  strict?: boolean;
}

const states = new Map<ExerciseId, Verdict>();

/** The last verdict of every check run in this kernel (for the summary and for tests). */
export function exerciseStates(): ReadonlyMap<ExerciseId, Verdict> {
  return states;
}

/** Forgets every verdict (tests start clean with it). */
export function resetExercises(): void {
  states.clear();
}

/** Runs one check, records and shows its verdict; returns it for scripts and tests. */
export function checkExercise(
  id: ExerciseId,
  f: unknown,
  cases: readonly Case[] = checkCases(),
  note?: (verdict: Verdict) => string | undefined,
  options: CheckOptions = {},
): Verdict {
  const spec = EXERCISES.find((s) => s.id === id)!;
  if (id === "trainingLoop" && !cases.every((c) => "epochs" in c)) {
    // the loop's check trains each case for its epochs, so every case must give them
    throw new ParameterError(
      "checkExercise: the training loop's cases need epochs (use loopCases)",
    );
  }
  const verdict =
    typeof f === "function"
      ? runCheck(spec, f as AnyFunction, cases)
      : failed("the check's call", `the check needs your function, got ${describeValue(f)}`);
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
  if (options.strict === true && verdict.state !== "passed") {
    throw new ExerciseError(
      verdictLines(spec.title, verdict)
        .join(" ")
        .replace(/^[✗○] /, ""),
    );
  }
  return verdict;
}

/** The check of one exercise, as the notebook calls it: `exercises.checkSigmoid(mySigmoid)`. */
function check<Id extends ExerciseId>(id: Id) {
  return (yourFunction: ExerciseFunctions[Id], options?: CheckOptions): void => {
    checkExercise(id, yourFunction, undefined, undefined, options);
  };
}

/** The checks, the summary and the not-done marker, as the exercise notebook calls them. */
export const exercises = {
  /** What an exercise's stub returns until it is written: `return notDone();` type-checks anywhere. */
  notDone,
  checkSigmoid: check("sigmoid"),
  checkFeedforward: check("feedforward"),
  checkOutputLayer: check("outputLayer"),
  checkHiddenLayer: check("hiddenLayer"),
  checkWeightUpdates: check("weightUpdates"),
  checkMeanSquaredError: check("meanSquaredError"),
  checkGradientStep: check("gradientStep"),
  /** `xTrain`, `yTrain`: part 14's training set (split seed 4, 20 test flowers). */
  checkTrainingLoop(
    trainingLoop: ExerciseFunctions["trainingLoop"],
    xTrain: MatrixLike,
    yTrain: MatrixLike,
    options?: CheckOptions,
  ): void {
    const cases = loopCases(xTrain, yTrain);
    // The last case is part 14's attempt 1: a ✓ shows where it ends.
    const attempt1 = cases[cases.length - 1];
    checkExercise(
      "trainingLoop",
      trainingLoop,
      cases,
      (verdict) => {
        const history = verdict.state === "passed" ? attempt1.history : undefined;
        return (
          history &&
          `final training MSE after ${history.length} epochs: ` +
            `${formatNumber(history[history.length - 1], 6)}, as in part 14's attempt 1`
        );
      },
      options,
    );
  },
  /** Every exercise's state: correct, not right yet, not done yet, or not checked. */
  summary(): void {
    const state = (id: ExerciseId) => states.get(id)?.state ?? "notChecked";
    showSummary(EXERCISES.map(({ id, title }) => ({ id, title, state: state(id) })));
  },
};
