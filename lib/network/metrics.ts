import {
  shapeOf,
  subtract,
  sizeOf,
  sum,
  mapElements,
  assertSameShape,
  type Matrix,
} from "../linalg";

/** The tutorial's loss: E = Σ (prediction − label)² / (2 · labels.size). */
export function meanSquaredError(predictions: Matrix, labels: Matrix): number {
  assertSameShape("meanSquaredError", predictions, labels);
  const squared = mapElements(subtract(predictions, labels), (d) => d * d);
  return sum(squared) / (2 * sizeOf(labels));
}

/** Index of the largest value in each row (first one wins on ties, like NumPy's argmax). */
export function argmaxRows(m: Matrix): number[] {
  shapeOf(m, "argmaxRows");
  // valueOf() reads the matrix's own rows; toArray() would deep-copy them first
  return (m.valueOf() as number[][]).map((row) => {
    let best = 0;
    for (let j = 1; j < row.length; j++) if (row[j] > row[best]) best = j;
    return best;
  });
}

/** Share of rows whose predicted class (argmax) equals the labelled class. */
export function accuracy(predictions: Matrix, labels: Matrix): number {
  assertSameShape("accuracy", predictions, labels);
  const predicted = argmaxRows(predictions);
  const actual = argmaxRows(labels);
  let correct = 0;
  for (let i = 0; i < predicted.length; i++) if (predicted[i] === actual[i]) correct++;
  return correct / predicted.length;
}
