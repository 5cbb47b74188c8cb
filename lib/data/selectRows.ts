import type { Matrix } from "mathjs";
import { checkPositions, rowArray } from "../checks";

/**
 * The rows at the given 0-based positions, in that order, like NumPy's `x[[1, 51, 101]]`.
 * A position outside the rows or given twice is almost always a mistake, so it is an error.
 */
export function selectRows<T = number[]>(
  rows: readonly T[] | Matrix,
  positions: readonly number[],
): T[] {
  const list = rowArray(rows, "rows");
  checkPositions(positions, list.length);
  return positions.map((position) => list[position]);
}
