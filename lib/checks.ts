/**
 * Every input check of the library. The functions a learner calls run these at their entry; the
 * math behind them trusts its inputs. Each failure is one line naming what, where and the value.
 */
import { isMatrix, type Matrix } from "mathjs";
import { ParameterError, ShapeError } from "./errors";

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
