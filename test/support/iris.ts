/** The lesson's data and NumPy's tutorial weights, as the gradient tests use them. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { loadIris, oneHot } from "../../lib/index";
import numpyVectors from "../fixtures/numpy-vectors.json";
import { repoRoot } from "./python";

/** data/Iris.csv: 150 × 4 features and the one-hot species. */
const iris = loadIris(join(repoRoot, "data", "Iris.csv"));
export const irisX = iris.features;
export const irisY = oneHot(iris.species).y;

/** W1 (4,2) and W2 (2,3) drawn by NumPy after np.random.seed(seed), as in the part-13 notebook. */
export function numpyTutorialWeights(seed: number): [number[][], number[][]] {
  const entry = numpyVectors.seeds.find((s) => s.seed === seed);
  assert.ok(entry, `numpy-vectors.json has no seed ${seed}`);
  return [entry.tutorialNormal[0], entry.tutorialNormal[1]];
}
