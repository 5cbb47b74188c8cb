import { DataError } from "../errors";

/** One-hot encoded labels and the class each column stands for. */
export interface OneHot {
  /** rows × classes.length, 1 in the column of the row's class, else 0 */
  y: number[][];
  /** distinct labels, sorted */
  classes: string[];
}

/** Sort by Unicode code point, as Python (and so pandas) compares strings. */
function byCodePoint(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0) ?? 0);
  const y = [...b].map((c) => c.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

/**
 * `pd.get_dummies(labels)`: one column per distinct label in sorted order, so the output columns
 * mean the tutorial's classes. Fewer than two classes is an error here, not a shape error later.
 */
export function oneHot(labels: readonly string[]): OneHot {
  const classes = [...new Set(labels)].sort(byCodePoint);
  checkTwoClasses(classes, labels.length);
  const column = new Map(classes.map((c, i) => [c, i]));
  const y = labels.map((label) => classes.map((_, i) => (i === column.get(label) ? 1 : 0)));
  return { y, classes };
}

/** Fewer than two classes is an error here, not a shape error later. */
function checkTwoClasses(classes: readonly string[], labelCount: number): void {
  if (classes.length < 2) {
    const found = classes.length === 0 ? "no labels" : `only ${JSON.stringify(classes[0])}`;
    throw new DataError(
      `oneHot: the labels hold fewer than two classes (${found} in ${labelCount} rows); ` +
        `a classifier needs at least two`,
    );
  }
}
