import { checkSameShape } from "../checks";
import { matrix, type MatrixLike } from "../linalg/matrix";
import { classOfRows } from "./classOfRows";

/** Share of rows whose predicted class is the labelled class (argmax; one column: > 0.5). */
export function accuracy(predictions: MatrixLike, labels: MatrixLike): number {
  const p = matrix(predictions, "accuracy: predictions");
  const l = matrix(labels, "accuracy: labels");
  checkSameShape("accuracy", p, l);
  const predicted = classOfRows(p.valueOf() as number[][]);
  const actual = classOfRows(l.valueOf() as number[][]);
  return predicted.filter((c, i) => c === actual[i]).length / predicted.length;
}
