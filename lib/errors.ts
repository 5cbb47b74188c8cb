/**
 * Errors the library raises on bad input. Each message names what is wrong and where
 * (file, row, column, shape, parameter and value), so a learner can fix the cause.
 * The notebook display layer prints `name: message` without the stack.
 */

let oneLineErrors = false;

/** Set by the display layer when a notebook kernel runs the library. */
export function setOneLineErrors(on: boolean): void {
  oneLineErrors = on;
}

type Inspect = (value: unknown, options: object) => string;

/** Base class: every error thrown on purpose by the library is one of these. */
export class BackpropError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }

  /**
   * How Node prints the error. tslab prints a failed cell's error with util.inspect: the
   * compiled source line with a caret, then stack frames through lib/dist and tslab. In a
   * notebook the learner sees just `DataError: data/Iris.csv, row 3 …`; elsewhere (tests,
   * scripts) the full stack is kept. `error.stack` is never changed.
   */
  [Symbol.for("nodejs.util.inspect.custom")](
    _depth: number,
    options: object,
    inspect: Inspect,
  ): string {
    if (oneLineErrors) return `${this.name}: ${this.message}`;
    return inspect(this, { ...options, customInspect: false });
  }
}

/** A data file that is missing, unreadable or malformed. */
export class DataError extends BackpropError {}

/** Matrices whose shapes do not fit the operation. */
export class ShapeError extends BackpropError {}

/** A hyperparameter or argument outside its allowed range. */
export class ParameterError extends BackpropError {}

/** Training that left the finite numbers (MSE became NaN or infinite). */
export class DivergenceError extends BackpropError {}
