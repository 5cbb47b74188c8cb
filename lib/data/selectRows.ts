import type { Matrix } from "mathjs";
import { ParameterError } from "../errors";
import { describeValue } from "../format";
import { rowArray } from "../validation";

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

/** Each position names one of `rowCount` rows, at most once. */
function checkPositions(positions: readonly number[], rowCount: number): void {
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
