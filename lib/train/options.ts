import { ParameterError, ShapeError } from "../errors";
import { formatShape, type Rows } from "../linalg";
import { checkLearningRate, checkPositiveInteger } from "../network";
import type { TrainOptions, TrainingRunOptions } from "./types";

const TWO_POW_32 = 4294967296;

/** Width of a non-empty, rectangular block of finite numbers; errors name the row and column. */
export function checkRows(rows: Rows, name: string): [number, number] {
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new ShapeError(`${name}: expected a non-empty array of rows`);
  }
  const first: unknown = rows[0];
  const cols = Array.isArray(first) ? first.length : 0;
  if (cols === 0) throw new ShapeError(`${name}: row 0 is empty or not an array`);
  for (let i = 0; i < rows.length; i++) {
    const row: unknown = rows[i];
    if (!Array.isArray(row) || row.length !== cols) {
      const got = Array.isArray(row) ? `${row.length} columns` : "no columns";
      throw new ShapeError(`${name}: row ${i} has ${got}, row 0 has ${cols}`);
    }
    for (let j = 0; j < cols; j++) {
      const value: unknown = row[j];
      if (typeof value !== "number" || !Number.isFinite(value)) {
        throw new ShapeError(
          `${name}: element (${i},${j}) is ${String(value)}, not a finite number`,
        );
      }
    }
  }
  return [rows.length, cols];
}

/** Seeds as NumPy accepts them: integers in [0, 2^32). */
export function checkSeed(seed: number): number {
  if (typeof seed !== "number" || !Number.isInteger(seed) || seed < 0 || seed >= TWO_POW_32) {
    throw new ParameterError(`seed must be an integer in [0, 2^32), got ${String(seed)}`);
  }
  return seed;
}

/**
 * Validates a TrainOptions before any work: hyperparameters first (ParameterError naming the
 * parameter and value), then the data (ShapeError naming both shapes when x and y disagree).
 */
export function checkTrainOptions(options: TrainOptions): TrainingRunOptions {
  if (typeof options !== "object" || options === null) {
    throw new ParameterError(`train: options must be an object, got ${String(options)}`);
  }
  const learningRate = checkLearningRate(options.learningRate, "learningRate");
  const epochs = checkPositiveInteger(options.epochs, "epochs");
  const nHidden = checkPositiveInteger(options.nHidden, "nHidden");
  const seed = checkSeed(options.seed);
  const [rows, nInput] = checkRows(options.x, "x");
  const [yRows, nOutput] = checkRows(options.y, "y");
  if (rows !== yRows) {
    throw new ShapeError(
      `train: x has shape ${formatShape([rows, nInput])} and y has shape ` +
        `${formatShape([yRows, nOutput])}; they need the same number of rows (one target row per sample)`,
    );
  }
  return { learningRate, epochs, nHidden, seed, nInput, nOutput, rows };
}
