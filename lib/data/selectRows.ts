import { ParameterError } from "../errors";

/**
 * The rows at the given 0-based positions, in that order, like NumPy's `x[[1, 51, 101]]`.
 * A position outside the rows or given twice is almost always a mistake, so it is an error.
 */
export function selectRows<T>(rows: readonly T[], positions: readonly number[]): T[] {
  const seenAt = new Map<number, number>();
  return positions.map((position, k) => {
    if (!Number.isInteger(position) || position < 0 || position >= rows.length) {
      const range = rows.length === 0 ? "there are no rows" : `valid: 0..${rows.length - 1}`;
      throw new ParameterError(
        `position ${position} (positions[${k}]) is out of range: ${rows.length} rows, ${range}`,
      );
    }
    const earlier = seenAt.get(position);
    if (earlier !== undefined) {
      throw new ParameterError(
        `position ${position} is selected twice (positions[${earlier}] and positions[${k}]); ` +
          `valid: 0..${rows.length - 1}, each at most once`,
      );
    }
    seenAt.set(position, k);
    return rows[position];
  });
}
