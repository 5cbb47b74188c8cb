/**
 * The input checks several entry points share. The functions a learner calls run them at their
 * entry; the math behind them trusts its inputs. Each failure is one line naming what, where
 * and the value. A check only one function needs lives beside that function; a CSV file's
 * cells are checked by its parser (lib/data), which knows the line and column.
 */
import { isMatrix, type Matrix } from "mathjs";
import { ParameterError, ShapeError } from "./errors";
import { describeValue, formatCount, formatShape } from "./format";

const TWO_POW_32 = 4294967296;

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

/** A whole number in [min, max]: layer sizes, epochs, steps, counts. */
export function checkInteger(value: unknown, name: string, min = 1, max = Infinity): number {
  const want = min === 1 ? "a positive integer" : `an integer ≥ ${min}`;
  const n = checkNumber(value, name, want, (v) => Number.isInteger(v) && v >= min);
  if (n > max) throw new ParameterError(`${name} must be at most ${formatCount(max)}, got ${n}`);
  return n;
}

/**
 * The most values one matrix may hold: ten million doubles (80 MB) are drawn or trained in
 * seconds; far more would freeze the notebook for minutes or exhaust its memory.
 */
export const MAX_ELEMENTS = 10_000_000;

/** A matrix of rows × cols values that fits (see MAX_ELEMENTS); `what` names it and its cause. */
export function checkElementCount(rows: number, cols: number, what: string): void {
  if (rows * cols > MAX_ELEMENTS) {
    throw new ParameterError(
      `${what} would hold ${rows} × ${cols} = ${formatCount(rows * cols)} values; ` +
        `at most ${formatCount(MAX_ELEMENTS)} fit in a notebook`,
    );
  }
}

/** Seeds as NumPy's legacy generator accepts them: integers in [0, 2^32). */
export function checkSeed(value: unknown, name = "seed"): number {
  const inRange = (v: number) => Number.isInteger(v) && v >= 0 && v < TWO_POW_32;
  return checkNumber(value, name, "an integer in [0, 2^32)", inRange);
}

/**
 * Why `rows` is not a non-empty, rectangular block of numbers (finite ones when `finite`), or
 * its (rows, columns).
 */
export function rowsProblem(rows: unknown, name: string, finite = true): string | [number, number] {
  if (!Array.isArray(rows) || rows.length === 0) {
    return `${name}: expected a non-empty array of rows, got ${describeValue(rows)}`;
  }
  const first: unknown = rows[0];
  if (!Array.isArray(first) || first.length === 0) {
    return `${name}: row 0 is ${describeValue(first)}, not a non-empty array`;
  }
  const cols = first.length;
  const want = finite ? "a finite number" : "a number";
  for (let i = 0; i < rows.length; i++) {
    const row: unknown = rows[i];
    if (!Array.isArray(row))
      return `${name}: row ${i} is ${describeValue(row)}, not an array of numbers`;
    if (row.length !== cols)
      return `${name}: row ${i} has ${row.length} columns, row 0 has ${cols}`;
    for (let j = 0; j < cols; j++) {
      const value: unknown = row[j];
      if (typeof value !== "number" || (finite && !Number.isFinite(value))) {
        return `${name}: element (${i},${j}) is ${describeValue(value)}, not ${want}`;
      }
    }
  }
  return [rows.length, cols];
}

/** A non-empty, rectangular block of finite numbers; returns (rows, columns). */
export function checkRows(rows: unknown, name: string): [number, number] {
  const shape = rowsProblem(rows, name);
  if (typeof shape === "string") throw new ShapeError(shape);
  return shape;
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

/** The rows of a mathjs matrix (a copy) or an array of rows as given. */
export function rowArray<T>(rows: readonly T[] | Matrix, name: string): readonly T[] {
  if (Array.isArray(rows)) return rows;
  if (!isMatrix(rows)) {
    throw new ParameterError(`${name} must be an array or a matrix, got ${describeValue(rows)}`);
  }
  checkMatrix(rows, name);
  return rows.toArray() as T[];
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

/** One y row per x row; x and y are shapes, or just their row counts. */
export function checkSameRows(operation: string, x: readonly number[], y: readonly number[]): void {
  if (x[0] !== y[0]) {
    const what = (s: readonly number[]) =>
      s.length === 1 ? `${s[0]} rows` : `shape ${formatShape(s)}`;
    throw new ShapeError(
      `${operation}: x has ${what(x)} and y has ${what(y)}; ` +
        `they need the same number of rows (one target row per sample)`,
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
  if (!y) return;
  checkSameRows(operation, x, y);
  if (y[1] !== weights2[1]) {
    fail("y", y, `(${x[0]},${weights2[1]}): one column per column of weights2`);
  }
}
