/**
 * Errors the library raises on bad input. Each message names what is wrong and where
 * (file, row, column, shape, parameter and value), so a learner can fix the cause.
 * The notebook display layer prints `name: message` without the stack.
 */

/** Base class: every error thrown on purpose by the library is one of these. */
export class BackpropError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
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
