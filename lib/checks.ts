/**
 * Every input check of the library. The functions a learner calls run these at their entry; the
 * math behind them trusts its inputs. Each failure is one line naming what, where and the value.
 * A CSV file's cells are checked by its parser (lib/data), which knows the line and column.
 */
import { isMatrix, type Matrix } from "mathjs";
import { DataError, ParameterError, ShapeError } from "./errors";

/** A matrix given as rows of numbers, e.g. `[[1, 2], [3, 4]]`. */
export type Rows = readonly (readonly number[])[];

const TWO_POW_32 = 4294967296;

/** A value as an error message shows it: strings quoted and marked (not the number 5.1). */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return `${JSON.stringify(value)} (a string)`;
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (value === null) return "null";
  if (typeof value === "object") return `an object (${value.constructor?.name ?? "Object"})`;
  return String(value);
}

/** "(3,4)", the way NumPy prints a shape. */
export function formatShape(shape: readonly number[]): string {
  return `(${shape.join(",")})`;
}

/** `name must be <want>, got <value>` unless value is a number that passes `ok`. */
export function checkNumber(
  value: unknown,
  name: string,
  want: string,
  ok: (value: number) => boolean,
): number {
  if (typeof value !== "number" || !ok(value)) {
    throw new ParameterError(`${name} must be ${want}, got ${describeValue(value)}`);
  }
  return value;
}

/** A finite number (NaN and ±∞ would poison every result downstream). */
export function checkFinite(value: unknown, name: string): number {
  return checkNumber(value, name, "a finite number", Number.isFinite);
}

/** A finite number > 0: learning rates, step sizes, tolerances. */
export function checkPositive(value: unknown, name: string): number {
  return checkNumber(value, name, "a finite positive number", (v) => Number.isFinite(v) && v > 0);
}

/** A whole number ≥ min: layer sizes, epochs, steps, counts. */
export function checkInteger(value: unknown, name: string, min = 1): number {
  const want = min === 1 ? "a positive integer" : `an integer ≥ ${min}`;
  return checkNumber(value, name, want, (v) => Number.isInteger(v) && v >= min);
}

/** Seeds as NumPy's legacy generator accepts them: integers in [0, 2^32). */
export function checkSeed(value: unknown, name = "seed"): number {
  const inRange = (v: number) => Number.isInteger(v) && v >= 0 && v < TWO_POW_32;
  return checkNumber(value, name, "an integer in [0, 2^32)", inRange);
}

/** A count NumPy's legacy generator can draw up to: an integer in [0, 2^32). */
export function checkUint32(value: unknown, name: string): number {
  checkInteger(value, name, 0);
  return checkNumber(value, name, "a non-negative integer below 2^32", (v) => v < TWO_POW_32);
}

/** A non-empty, rectangular block of finite numbers; returns (rows, columns). */
export function checkRows(rows: unknown, name: string): [number, number] {
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new ShapeError(`${name}: expected a non-empty array of rows, got ${describeValue(rows)}`);
  }
  const first: unknown = rows[0];
  if (!Array.isArray(first) || first.length === 0) {
    throw new ShapeError(`${name}: row 0 is ${describeValue(first)}, not a non-empty array`);
  }
  const cols = first.length;
  for (let i = 0; i < rows.length; i++) {
    const row: unknown = rows[i];
    if (!Array.isArray(row)) {
      throw new ShapeError(`${name}: row ${i} is ${describeValue(row)}, not an array of numbers`);
    }
    if (row.length !== cols) {
      throw new ShapeError(`${name}: row ${i} has ${row.length} columns, row 0 has ${cols}`);
    }
    for (let j = 0; j < cols; j++) {
      const value: unknown = row[j];
      if (typeof value !== "number" || !Number.isFinite(value)) {
        throw new ShapeError(
          `${name}: element (${i},${j}) is ${describeValue(value)}, not a finite number`,
        );
      }
    }
  }
  return [rows.length, cols];
}

/** (rows, columns) of a 2-D mathjs matrix; anything else is a ShapeError naming `name`. */
export function checkMatrix(m: unknown, name: string): [number, number] {
  if (!isMatrix(m)) {
    throw new ShapeError(`${name}: expected a matrix or rows of numbers, got ${describeValue(m)}`);
  }
  const size = m.size();
  if (size.length !== 2) {
    throw new ShapeError(`${name}: expected a 2-D matrix, got shape ${formatShape(size)}`);
  }
  return [size[0], size[1]];
}

// Randomness and data

/** The rows of a mathjs matrix (a copy) or an array of rows as given. */
export function rowArray<T>(rows: readonly T[] | Matrix, name: string): readonly T[] {
  if (Array.isArray(rows)) return rows;
  if (!isMatrix(rows)) {
    throw new ParameterError(`${name} must be an array or a matrix, got ${describeValue(rows)}`);
  }
  checkMatrix(rows, name);
  return rows.toArray() as T[];
}

/** `normal`'s size: [rows, cols], both positive integers. */
export function checkShape2(shape: unknown): [number, number] {
  if (!Array.isArray(shape) || shape.length !== 2) {
    throw new ParameterError(`shape must be [rows, cols], got ${JSON.stringify(shape)}`);
  }
  return [
    checkInteger(shape[0], `shape[0] in shape [${shape.join(", ")}]`),
    checkInteger(shape[1], `shape[1] in shape [${shape.join(", ")}]`),
  ];
}

/** selectRows' positions: each names one of `rowCount` rows, at most once. */
export function checkPositions(positions: readonly number[], rowCount: number): void {
  if (!Array.isArray(positions)) {
    throw new ParameterError(`positions must be an array, got ${describeValue(positions)}`);
  }
  const seenAt = new Map<number, number>();
  positions.forEach((position, k) => {
    if (!Number.isInteger(position) || position < 0 || position >= rowCount) {
      const range = rowCount === 0 ? "there are no rows" : `valid: 0..${rowCount - 1}`;
      throw new ParameterError(
        `position ${position} (positions[${k}]) is out of range: ${rowCount} rows, ${range}`,
      );
    }
    const earlier = seenAt.get(position);
    if (earlier !== undefined) {
      throw new ParameterError(
        `position ${position} is selected twice (positions[${earlier}] and positions[${k}]); ` +
          `valid: 0..${rowCount - 1}, each at most once`,
      );
    }
    seenAt.set(position, k);
  });
}

/** oneHot's labels: fewer than two classes is an error here, not a shape error later. */
export function checkTwoClasses(classes: readonly string[], labelCount: number): void {
  if (classes.length < 2) {
    const found = classes.length === 0 ? "no labels" : `only ${JSON.stringify(classes[0])}`;
    throw new DataError(
      `oneHot: the labels hold fewer than two classes (${found} in ${labelCount} rows); ` +
        `a classifier needs at least two`,
    );
  }
}

/** trainTestSplit's x and y: one y row per x row. */
export function checkSameRowCount(xRows: number, yRows: number): void {
  if (xRows !== yRows) {
    throw new ShapeError(
      `x and y must have the same number of rows: x has ${xRows}, y has ${yRows}`,
    );
  }
}

/** trainTestSplit's testSize: at least one test row and one training row out of `rows`. */
export function checkTestSize(testSize: number, rows: number): void {
  if (!Number.isInteger(testSize) || testSize < 1 || testSize >= rows) {
    throw new ParameterError(
      `testSize must be an integer in [1, ${rows - 1}] (there are ${rows} rows), got ${testSize}`,
    );
  }
}

// Linear algebra

/** One operand at least must be a matrix (multiply takes any number of operands). */
export function checkOperands(operation: string, operands: readonly unknown[]): void {
  if (operands.every((operand) => typeof operand === "number")) {
    const got = operation === "multiply" ? "only numbers" : "two numbers";
    throw new ParameterError(`${operation}: at least one operand must be a matrix, got ${got}`);
  }
}

/** Equal shapes for an element-wise operation (mathjs would broadcast (3,1) with (1,3)). */
export function checkSameShape(operation: string, a: Matrix, b: Matrix): void {
  const [sa, sb] = [a.size(), b.size()];
  if (sa[0] !== sb[0] || sa[1] !== sb[1]) {
    throw new ShapeError(
      `${operation}: shapes ${formatShape(sa)} and ${formatShape(sb)} differ; ` +
        `an element-wise operation needs equal shapes (no broadcasting)`,
    );
  }
}

/** divide's right operand; a zero is an error naming where it is (NumPy would give ±inf or nan). */
export function checkNonZeroDivisor(divisor: number | Matrix): void {
  if (divisor === 0) throw new ParameterError("divide: division by zero (the right operand is 0)");
  if (typeof divisor === "number") return;
  const rows = divisor.valueOf() as number[][];
  const i = rows.findIndex((row) => row.includes(0));
  if (i >= 0) {
    throw new ParameterError(
      `divide: division by zero at element (${i},${rows[i].indexOf(0)}) of the right operand`,
    );
  }
}

/** map's f. */
export function checkFunction(f: unknown, name: string): void {
  if (typeof f !== "function") {
    throw new ParameterError(`${name} must be a function, got ${String(f)}`);
  }
}

/** dot's shapes: a's columns must match b's rows. */
export function checkInnerDimensions(a: readonly number[], b: readonly number[]): void {
  if (a[1] !== b[0]) {
    throw new ShapeError(
      `dot: cannot multiply ${formatShape(a)} by ${formatShape(b)}: ` +
        `inner dimensions ${a[1]} and ${b[0]} differ`,
    );
  }
}

// Network

/**
 * The shapes one pass through the network needs: x (rows, nInput), weights1 (nInput, nHidden),
 * weights2 (nHidden, nOutput) and, when given, y (rows, nOutput).
 */
export function checkNetworkShapes(
  operation: string,
  x: readonly [number, number],
  weights1: readonly [number, number],
  weights2: readonly [number, number],
  y?: readonly [number, number],
): void {
  const fail = (what: string, got: readonly number[], want: string) => {
    throw new ShapeError(`${operation}: ${what} has shape ${formatShape(got)}, expected ${want}`);
  };
  if (weights1[0] !== x[1]) {
    fail("weights1", weights1, `(${x[1]},nHidden): one row per column of x ${formatShape(x)}`);
  }
  if (weights2[0] !== weights1[1]) {
    fail(
      "weights2",
      weights2,
      `(${weights1[1]},nOutput): one row per column of weights1 ${formatShape(weights1)}`,
    );
  }
  if (y && (y[0] !== x[0] || y[1] !== weights2[1])) {
    fail(
      "y",
      y,
      `(${x[0]},${weights2[1]}): one row per row of x and one column per column of weights2`,
    );
  }
}

/** relativeError's gradients: equal shapes, element by element. */
export function checkGradientShapes(a: Rows, n: Rows): void {
  if (a.length !== n.length || a.some((row, i) => row.length !== n[i].length)) {
    const shapeOf = (m: Rows) => formatShape([m.length, m[0]?.length ?? 0]);
    throw new ShapeError(`relativeError: shapes ${shapeOf(a)} and ${shapeOf(n)} differ`);
  }
}

// Training

/** The per-epoch metrics a run records (index 0 = epoch 1). */
interface History {
  readonly mse: readonly number[];
  readonly accuracy: readonly number[];
}

/** train's options, before any of them is read. */
export function checkOptionsObject(options: unknown): void {
  if (typeof options !== "object" || options === null) {
    throw new ParameterError(`train: options must be an object, got ${String(options)}`);
  }
}

/** train's x and y shapes: one target row per sample. */
export function checkTrainRows(x: readonly number[], y: readonly number[]): void {
  if (x[0] !== y[0]) {
    throw new ShapeError(
      `train: x has shape ${formatShape(x)} and y has shape ` +
        `${formatShape(y)}; they need the same number of rows (one target row per sample)`,
    );
  }
}

/** saveRun's folder (a string; "" writes nothing, so then any run will do) and run. */
export function checkSaveRun(outputDir: unknown, run: { readonly history?: History }): void {
  if (typeof outputDir !== "string") {
    throw new ParameterError(`saveRun: outputDir must be a string, got ${String(outputDir)}`);
  }
  if (
    outputDir !== "" &&
    (!run?.history || run.history.mse.length !== run.history.accuracy.length)
  ) {
    throw new ParameterError("saveRun: run must be a TrainingRun (from train or trainLive)");
  }
}

// Plots

/** A history figure's metrics (one value each per epoch) and its planned epochs. */
export function checkHistory(history: History, epochs: number): void {
  if (history.mse.length !== history.accuracy.length) {
    throw new ParameterError(
      `history: mse has ${history.mse.length} values but accuracy has ${history.accuracy.length}`,
    );
  }
  if (!Number.isInteger(epochs) || epochs < 1 || history.mse.length > epochs) {
    throw new ParameterError(
      `epochs must be a positive integer ≥ the ${history.mse.length} recorded epochs, got ${String(epochs)}`,
    );
  }
}

/** downsample's maxPoints: room for the first, the last and one bucket's min and max. */
export function checkMaxPoints(maxPoints: number): void {
  if (!Number.isInteger(maxPoints) || maxPoints < 4) {
    throw new ParameterError(`maxPoints must be an integer ≥ 4, got ${String(maxPoints)}`);
  }
}

// Display

/** show's value: a matrix, an array, a number, a string or a boolean. */
export function checkShowable(value: unknown): void {
  const plain = ["number", "string", "boolean"].includes(typeof value);
  if (!plain && !isMatrix(value) && !Array.isArray(value)) {
    throw new ParameterError(`show: cannot display ${Object.prototype.toString.call(value)}`);
  }
}

// Exercises

/** The training loop's check trains each case for its epochs, so every case must give them. */
export function checkLoopCases(cases: readonly object[]): void {
  if (!cases.every((c) => "epochs" in c)) {
    throw new ParameterError(
      "checkExercise: the training loop's cases need epochs (use loopCases)",
    );
  }
}
