import { checkSameShape } from "../validation";
import { matrix, type MatrixLike } from "../linalg/matrix";

/** Index of the largest value; the first one wins on ties, as in NumPy's argmax. */
export function argmax(row: readonly number[]): number {
  let best = 0;
  for (let j = 1; j < row.length; j++) if (row[j] > row[best]) best = j;
  return best;
}

/** Each row's argmax. */
export function argmaxRows(rows: readonly (readonly number[])[]): number[] {
  return rows.map(argmax);
}

/**
 * Each row's class: its argmax, or with a single column the yes/no answer 1 when the value
 * exceeds 0.5, else 0 (NumPy's `round`, which rounds 0.5 to 0).
 */
export function classOfRows(rows: readonly (readonly number[])[]): number[] {
  if (rows[0]?.length !== 1) return argmaxRows(rows);
  return rows.map((row) => (row[0] > 0.5 ? 1 : 0));
}

/** Share of rows whose predicted class is the labelled class (argmax; one column: > 0.5). */
export function accuracy(predictions: MatrixLike, labels: MatrixLike): number {
  const p = matrix(predictions, "accuracy: predictions");
  const l = matrix(labels, "accuracy: labels");
  checkSameShape("accuracy", p, l);
  const predicted = classOfRows(p.valueOf() as number[][]);
  const actual = classOfRows(l.valueOf() as number[][]);
  return predicted.filter((c, i) => c === actual[i]).length / predicted.length;
}
