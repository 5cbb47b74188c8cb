/**
 * The flowers a part-14 figure draws, checked once: the training set and, when given, the test
 * set, with their one-hot labels and the class names.
 */
import { formatShape } from "../format";
import { checkNetworkShapes, checkRows } from "../validation";
import { ParameterError, ShapeError } from "../errors";
import { toRows, type MatrixLike, type Rows } from "../linalg/matrix";
import { isMatrix } from "mathjs";

/** What a part-14 figure needs from the split: rows of inputs, one-hot labels, class names. */
export interface ClassifiedData {
  xTrain: MatrixLike;
  yTrain: MatrixLike;
  xTest?: MatrixLike;
  yTest?: MatrixLike;
  /** The class of each one-hot column, e.g. the `classes` of `oneHot`. */
  classes: readonly string[];
}

/** The trained weights a figure reads (a TrainingRun has them). */
export interface TrainedWeights {
  weights1: MatrixLike;
  weights2: MatrixLike;
}

export interface CheckedData {
  xTrain: Rows;
  yTrain: Rows;
  xTest?: Rows;
  yTest?: Rows;
  classes: string[];
  weights1: Rows;
  weights2: Rows;
}

const rows = (m: MatrixLike, name: string): Rows => {
  if (isMatrix(m)) return toRows(m);
  checkRows(m, name);
  return m;
};

/** The data and weights as rows, their shapes checked against each other. */
export function checkClassifiedData(
  operation: string,
  run: TrainedWeights,
  data: ClassifiedData,
): CheckedData {
  if (typeof data !== "object" || data === null) {
    throw new ParameterError(
      `${operation}: expected { xTrain, yTrain, classes, … }, got ${String(data)}`,
    );
  }
  const weights1 = rows(run.weights1, `${operation}: weights1`);
  const weights2 = rows(run.weights2, `${operation}: weights2`);
  const xTrain = rows(data.xTrain, `${operation}: xTrain`);
  const yTrain = rows(data.yTrain, `${operation}: yTrain`);
  const shape = (r: Rows): [number, number] => [r.length, r[0].length];
  checkNetworkShapes(operation, shape(xTrain), shape(weights1), shape(weights2), shape(yTrain));
  let xTest: Rows | undefined;
  let yTest: Rows | undefined;
  if ((data.xTest === undefined) !== (data.yTest === undefined)) {
    throw new ParameterError(`${operation}: give xTest and yTest together, or neither`);
  }
  if (data.xTest !== undefined && data.yTest !== undefined) {
    xTest = rows(data.xTest, `${operation}: xTest`);
    yTest = rows(data.yTest, `${operation}: yTest`);
    checkNetworkShapes(
      `${operation} (test set)`,
      shape(xTest),
      shape(weights1),
      shape(weights2),
      shape(yTest),
    );
  }
  const classes = data.classes;
  if (
    !Array.isArray(classes) ||
    classes.length !== weights2[0].length ||
    classes.some((c) => typeof c !== "string")
  ) {
    throw new ShapeError(
      `${operation}: classes must name each of the ${weights2[0].length} outputs ` +
        `(weights2 ${formatShape(shape(weights2))}), got ${JSON.stringify(classes)}`,
    );
  }
  return { xTrain, yTrain, xTest, yTest, classes: [...classes], weights1, weights2 };
}
