/**
 * Errors the library raises on bad input. Each message names what is wrong and where
 * (file, row, column, shape, parameter and value), so a learner can fix the cause.
 */

let oneLineErrors = false;

/** Set by the display layer when a notebook kernel runs the library. */
export function setOneLineErrors(on: boolean): void {
  oneLineErrors = on;
}

/** Base class: every error thrown on purpose by the library is one of these. */
export class BackpropError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }

  /**
   * How Node (and so tslab, for a failed cell) prints the error: in a notebook just
   * `name: message`, without the compiled source line and stack frames; elsewhere the full
   * stack. `error.stack` is never changed.
   */
  [Symbol.for("nodejs.util.inspect.custom")](
    _depth: number,
    options: object,
    inspect: (value: unknown, options: object) => string,
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
