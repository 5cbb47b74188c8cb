import { checkSameShape } from "../validation";
import { matrix, type MatrixLike } from "../linalg/matrix";

/** Index of the largest value in each row; the first one wins on ties, as in NumPy's argmax. */
export function argmaxRows(rows: readonly (readonly number[])[]): number[] {
  return rows.map((row) => {
    let best = 0;
    for (let j = 1; j < row.length; j++) if (row[j] > row[best]) best = j;
    return best;
  });
}

/** Share of rows whose predicted class (argmax) is the labelled class (argmax). */
export function accuracy(predictions: MatrixLike, labels: MatrixLike): number {
  const p = matrix(predictions, "accuracy: predictions");
  const l = matrix(labels, "accuracy: labels");
  checkSameShape("accuracy", p, l);
  const predicted = argmaxRows(p.valueOf() as number[][]);
  const actual = argmaxRows(l.valueOf() as number[][]);
  return predicted.filter((c, i) => c === actual[i]).length / predicted.length;
}
