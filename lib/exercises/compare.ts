/**
 * Comparing a learner's answer with the library's, element by element, to 1e-12 relative.
 * Answers are plain grids of numbers here, whatever the learner returned (a mathjs matrix or
 * rows); a number is a 1 × 1 grid and a list of numbers a 1 × n grid.
 */
import { isMatrix, type Matrix } from "mathjs";
import { describeValue, formatShape } from "../checks";

export type Grid = number[][];

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
  const grid: Grid = [];
  for (let i = 0; i < rows.length; i++) {
    const row: unknown = rows[i];
    if (!Array.isArray(row)) return `${name}: row ${i} is ${describeValue(row)}, not an array`;
    if (row.length !== (rows[0] as unknown[]).length) {
      return `${name}: row ${i} has ${row.length} columns, row 0 has ${(rows[0] as unknown[]).length}`;
    }
    for (let j = 0; j < row.length; j++) {
      if (typeof row[j] !== "number") {
        return `${name}: element (${i},${j}) is ${describeValue(row[j])}, not a number`;
      }
    }
    grid.push((row as number[]).slice());
  }
  return grid;
}

export function gridOf(m: Matrix): Grid {
  return (m.valueOf() as number[][]).map((row) => row.slice());
}

export function shapeOf(grid: Grid): [number, number] {
  return [grid.length, grid[0]?.length ?? 0];
}

export function sameShape(a: Grid, b: Grid): boolean {
  const [sa, sb] = [shapeOf(a), shapeOf(b)];
  return sa[0] === sb[0] && sa[1] === sb[1];
}

function largest(grid: Grid): number {
  let m = 0;
  for (const row of grid) for (const v of row) m = Math.max(m, Math.abs(v));
  return m;
}

/** Equal to RELATIVE_TOLERANCE, relative to the element or (for tiny ones) the matrix's scale. */
function close(expected: number, got: number, scale: number): boolean {
  if (expected === got) return true;
  return Math.abs(expected - got) <= RELATIVE_TOLERANCE * Math.max(Math.abs(expected), scale);
}

export interface Difference {
  row: number;
  column: number;
  expected: number;
  got: number;
}

/** The first element (row by row) where `got` differs from `expected`; null when none does. */
export function firstDifference(expected: Grid, got: Grid): Difference | null {
  const scale = largest(expected);
  for (let i = 0; i < expected.length; i++) {
    for (let j = 0; j < expected[i].length; j++) {
      if (!close(expected[i][j], got[i][j], scale)) {
        return { row: i, column: j, expected: expected[i][j], got: got[i][j] };
      }
    }
  }
  return null;
}

/** Same shape and every element close. */
export function matches(expected: Grid, got: Grid): boolean {
  return sameShape(expected, got) && firstDifference(expected, got) === null;
}
