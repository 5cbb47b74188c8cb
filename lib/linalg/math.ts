/**
 * The mathjs instance the library computes with: built from explicit factories (only the
 * functions used), configured for plain JavaScript numbers in dense matrices.
 */
import {
  create,
  dotDivideDependencies,
  dotMultiplyDependencies,
  matrixDependencies,
  multiplyDependencies,
  subtractDependencies,
  addDependencies,
  transposeDependencies,
} from "mathjs";

export const math = create(
  {
    addDependencies,
    dotDivideDependencies,
    dotMultiplyDependencies,
    matrixDependencies,
    multiplyDependencies,
    subtractDependencies,
    transposeDependencies,
  },
  { matrix: "Matrix", number: "number" },
);
