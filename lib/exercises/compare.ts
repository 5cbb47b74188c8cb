/**
 * Answers as plain grids of numbers, whatever the learner returned (a mathjs matrix or rows; a
 * number is a 1 × 1 grid and a list of numbers a 1 × n grid), compared element by element to
 * 1e-12 relative.
 */
import { isMatrix, type Matrix } from "mathjs";
import { describeValue, formatShape } from "../format";
import { rowsProblem } from "../validation";
import type { ExerciseSpec } from "./steps";

export type Grid = number[][];

/** An answer's outputs as grids, by name. */
export type Answer = Record<string, Grid>;

/** Relative tolerance of every check: far below any mistake, far above rounding. */
export const RELATIVE_TOLERANCE = 1e-12;

/** A grid from a learner's value, or a sentence saying why it is not one. */
export function toGrid(value: unknown, name: string): Grid | string {
  let rows: unknown = value;
  if (isMatrix(value)) {
    const size = (value as Matrix).size();
    if (size.length !== 2) return `${name} is a matrix of shape ${formatShape(size)}, not 2-D`;
    rows = (value as Matrix).valueOf();
  }
  if (!Array.isArray(rows) || rows.length === 0) {
    return `${name} is ${describeValue(value)}, not a matrix`;
  }
  const shape = rowsProblem(rows, name, false);
  return typeof shape === "string" ? shape : (rows as number[][]).map((row) => row.slice());
}

/** The learner's (or a formula's) value as named grids, or a sentence saying what is wrong. */
export function normalise(spec: ExerciseSpec, value: unknown): Answer | string {
  const [key] = spec.keys;
  if (spec.kind === "number") {
    return typeof value === "number"
      ? { [key]: [[value]] }
      : `your function returned ${describeValue(value)}, expected a number`;
  }
  if (spec.kind === "list") {
    if (!Array.isArray(value) || value.some((v) => typeof v !== "number")) {
      return `your function returned ${describeValue(value)}, expected an array of numbers (the MSE of each epoch)`;
    }
    return { [key]: [(value as number[]).slice()] };
  }
  if (spec.kind === "matrix") {
    const grid = toGrid(value, "your result");
    return typeof grid === "string" ? grid : { [key]: grid };
  }
  const wanted = `an object with ${spec.keys.join(", ")}`;
  if (value === null || typeof value !== "object" || isMatrix(value) || Array.isArray(value)) {
    return `your function returned ${describeValue(value)}, expected ${wanted}`;
  }
  const answer: Answer = {};
  for (const name of spec.keys) {
    if (!(name in value)) return `your result has no ${name} (expected ${wanted})`;
    const grid = toGrid((value as Record<string, unknown>)[name], name);
    if (typeof grid === "string") return grid;
    answer[name] = grid;
  }
  return answer;
}

export function shapeOf(grid: Grid): [number, number] {
  return [grid.length, grid[0]?.length ?? 0];
}

export function sameShape(a: Grid, b: Grid): boolean {
  const [sa, sb] = [shapeOf(a), shapeOf(b)];
  return sa[0] === sb[0] && sa[1] === sb[1];
}

export type Difference = { row: number; column: number; expected: number; got: number };

/**
 * The first element (row by row) where `got` differs from `expected` by more than
 * RELATIVE_TOLERANCE, relative to the element or (for tiny ones) the matrix's largest element;
 * null when none does.
 */
export function firstDifference(expected: Grid, got: Grid): Difference | null {
  const scale = Math.max(0, ...expected.flat().map(Math.abs));
  for (let row = 0; row < expected.length; row++) {
    for (let column = 0; column < expected[row].length; column++) {
      const [want, have] = [expected[row][column], got[row][column]];
      const close =
        want === have ||
        Math.abs(want - have) <= RELATIVE_TOLERANCE * Math.max(Math.abs(want), scale);
      if (!close) return { row, column, expected: want, got: have };
    }
  }
  return null;
}

/** Same shape and every element close. */
export function matches(expected: Grid, got: Grid): boolean {
  return sameShape(expected, got) && firstDifference(expected, got) === null;
}
