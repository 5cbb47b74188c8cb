/**
 * The mathjs instance the library computes with. Built from explicit factories (only the
 * functions used here), configured for plain JavaScript numbers in dense matrices.
 */
import {
  create,
  matrixDependencies,
  multiplyDependencies,
  dotMultiplyDependencies,
  subtractDependencies,
  addDependencies,
  transposeDependencies,
  sumDependencies,
} from "mathjs";

export const math = create(
  {
    matrixDependencies,
    multiplyDependencies,
    dotMultiplyDependencies,
    subtractDependencies,
    addDependencies,
    transposeDependencies,
    sumDependencies,
  },
  { matrix: "Matrix", number: "number" },
);
