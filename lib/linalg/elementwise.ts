/**
 * Element-wise arithmetic, NumPy's `a + b`, `a - b`, `a * b`, `a / b`, on two matrices of equal
 * shape or a matrix and a number. Nothing else broadcasts: (3,1) with (1,3) is a shape error.
 */
import type { Matrix } from "mathjs";
import { ParameterError } from "../errors";
import { checkFinite, checkSameShape } from "../validation";
import { mapValues, math, matrix, type MatrixLike } from "./matrix";

type Operand = MatrixLike | number;

function binary(
  name: string,
  a: Operand,
  b: Operand,
  both: (x: Matrix, y: Matrix) => Matrix,
  scalar: (x: number, y: number) => number,
): Matrix {
  checkOperands(name, [a, b]);
  if (typeof a === "number") {
    const s = checkFinite(a, `${name}: left operand`);
    return mapValues(matrix(b as MatrixLike, `${name}: right operand`), (v) => scalar(s, v));
  }
  if (typeof b === "number") {
    const s = checkFinite(b, `${name}: right operand`);
    return mapValues(matrix(a, `${name}: left operand`), (v) => scalar(v, s));
  }
  const x = matrix(a, `${name}: left operand`);
  const y = matrix(b, `${name}: right operand`);
  checkSameShape(name, x, y);
  return both(x, y);
}

/** a + b. */
export function add(a: Operand, b: Operand): Matrix {
  return binary("add", a, b, math.add, (x, y) => x + y);
}

/** a − b. */
export function subtract(a: Operand, b: Operand): Matrix {
  return binary("subtract", a, b, math.subtract, (x, y) => x - y);
}

/** a ∘ b ∘ …, left to right as NumPy evaluates `a * b * c` (numbers may lead: `2 * 3 * a`). */
export function multiply(first: Operand, second: Operand, ...more: Operand[]): Matrix {
  const factors = [first, second, ...more];
  checkOperands("multiply", factors);
  return factors.reduce((product, factor) =>
    typeof product === "number" && typeof factor === "number"
      ? checkFinite(product, "multiply: operand") * checkFinite(factor, "multiply: operand")
      : binary("multiply", product, factor, math.dotMultiply, (x, y) => x * y),
  ) as Matrix;
}

/** a / b; a zero divisor is an error naming where it is (NumPy would give ±inf or nan). */
export function divide(a: Operand, b: Operand): Matrix {
  checkNonZeroDivisor(typeof b === "number" ? b : matrix(b, "divide: right operand"));
  return binary("divide", a, b, math.dotDivide, (x, y) => x / y);
}

/** a², element by element (NumPy's `a ** 2`). */
export function square(a: MatrixLike): Matrix {
  return mapValues(matrix(a, "square"), (v) => v * v);
}

/** Σ of all elements, row by row from the first element (the order of mathjs's sum). */
export function sum(a: MatrixLike): number {
  const values = (matrix(a, "sum").valueOf() as number[][]).flat();
  return values.length === 0 ? 0 : values.reduce((total, value) => total + value);
}

/** Applies f to every element; f receives the value only. */
export function map(a: MatrixLike, f: (value: number) => number): Matrix {
  checkFunction(f, "map: f");
  return mapValues(matrix(a, "map"), f);
}

/** One operand at least must be a matrix (multiply takes any number of operands). */
function checkOperands(operation: string, operands: readonly unknown[]): void {
  if (operands.every((operand) => typeof operand === "number")) {
    const got = operation === "multiply" ? "only numbers" : "two numbers";
    throw new ParameterError(`${operation}: at least one operand must be a matrix, got ${got}`);
  }
}

/** divide's right operand; a zero is an error naming where it is (NumPy would give ±inf or nan). */
function checkNonZeroDivisor(divisor: number | Matrix): void {
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
function checkFunction(f: unknown, name: string): void {
  if (typeof f !== "function") {
    throw new ParameterError(`${name} must be a function, got ${String(f)}`);
  }
}
