import type { Matrix } from "mathjs";
import { ShapeError } from "../errors";
import { describeValue } from "./describe";
import { math } from "./math";

export type { Matrix };

/** A matrix given as rows of numbers, e.g. `[[1, 2], [3, 4]]`. */
export type Rows = readonly (readonly number[])[];

/**
 * Wraps rows of numbers in a dense mathjs matrix of datatype "number" (mathjs then takes its
 * fast number-only paths). Rejects ragged rows and non-finite values, naming where they are.
 */
export function matrix(rows: Rows, name = "matrix"): Matrix {
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new ShapeError(`${name}: expected a non-empty array of rows`);
  }
  rows.forEach((row, i) => {
    if (!Array.isArray(row)) {
      throw new ShapeError(`${name}: row ${i} is ${describeValue(row)}, not an array of numbers`);
    }
  });
  const cols = rows[0].length;
  if (cols === 0) throw new ShapeError(`${name}: row 0 is empty`);
  const data = rows.map((row: readonly unknown[], i) => {
    if (row.length !== cols) {
      throw new ShapeError(`${name}: row ${i} has ${row.length} columns, row 0 has ${cols}`);
    }
    return row.map((value, j): number => {
      if (typeof value !== "number" || !Number.isFinite(value)) {
        throw new ShapeError(
          `${name}: element (${i},${j}) is ${describeValue(value)}, not a finite number`,
        );
      }
      return value;
    });
  });
  return math.matrix(data, "dense", "number");
}

/** The rows of a matrix as plain nested arrays (a copy). */
export function toRows(m: Matrix): number[][] {
  return (m.toArray() as number[][]).map((row) => row.slice());
}
