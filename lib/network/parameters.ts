import { ParameterError } from "../errors";
import { describeValue } from "../linalg/describe";

/** Learning rate: a finite number > 0 (0 would never move, NaN would poison every weight). */
export function checkLearningRate(learningRate: number, name = "learningRate"): number {
  if (typeof learningRate !== "number" || !Number.isFinite(learningRate) || learningRate <= 0) {
    throw new ParameterError(
      `${name} must be a finite positive number, got ${describeValue(learningRate)}`,
    );
  }
  return learningRate;
}

/** Layer sizes, epoch counts and the like: whole numbers ≥ 1. */
export function checkPositiveInteger(value: number, name: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new ParameterError(`${name} must be a positive integer, got ${describeValue(value)}`);
  }
  return value;
}
