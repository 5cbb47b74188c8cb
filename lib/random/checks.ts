import { ParameterError } from "../errors";

const TWO_POW_32 = 4294967296;

/** NumPy accepts legacy integer seeds in [0, 2^32); anything else is a mistake we name. */
export function checkSeed(seed: number): number {
  if (!Number.isInteger(seed) || seed < 0 || seed >= TWO_POW_32) {
    throw new ParameterError(`seed must be an integer in [0, 2^32), got ${String(seed)}`);
  }
  return seed;
}

/** A count such as a permutation length: a non-negative integer that fits a JS array. */
export function checkCount(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value >= TWO_POW_32) {
    throw new ParameterError(
      `${name} must be a non-negative integer below 2^32, got ${String(value)}`,
    );
  }
  return value;
}

/** A 2-D shape [rows, cols] with positive integer sizes. */
export function checkShape(shape: readonly [number, number]): readonly [number, number] {
  if (!Array.isArray(shape) || shape.length !== 2) {
    throw new ParameterError(`shape must be [rows, cols], got ${JSON.stringify(shape)}`);
  }
  for (const [i, size] of shape.entries()) {
    if (!Number.isInteger(size) || size < 1) {
      throw new ParameterError(
        `shape[${i}] must be a positive integer, got ${String(size)} in shape [${shape.join(", ")}]`,
      );
    }
  }
  return shape;
}

/** A finite number parameter, optionally required to be ≥ 0 (NumPy's scale). */
export function checkFinite(name: string, value: number, nonNegative = false): number {
  if (typeof value !== "number" || !Number.isFinite(value) || (nonNegative && value < 0)) {
    const want = nonNegative ? "a finite number ≥ 0" : "a finite number";
    throw new ParameterError(`${name} must be ${want}, got ${String(value)}`);
  }
  return value;
}
