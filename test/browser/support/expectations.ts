/**
 * The numbers each notebook must show, computed here by the library (lib sources, not the
 * notebook's kernel) from the hyperparameters the page's `parameters` cell holds at that moment
 * — so after an inline edit the expectation follows the edit. A notebook that shows MSE values
 * but has no entry here fails the test: new MSE outputs never go unchecked.
 */
import { join } from "node:path";
import {
  RandomState,
  backpropagate,
  feedforward,
  gradientStep,
  loadIris,
  matrix,
  meanSquaredError,
  oneHot,
  selectRows,
  sizeOf,
  weightUpdates,
} from "../../../lib/index";
import type { NotebookView } from "./inspect";
import { repoRoot } from "./server";

export type Hyperparameters = Record<string, number>;

/** The `parameters`-tagged cell (papermill's convention), or undefined. */
export function parametersCell(nb: NotebookView) {
  return nb.cells.find((c) => c.type === "code" && c.tags.includes("parameters"));
}

/** `let name = 0.1;` / `const name = 10;` lines of a cell → { name: value }. */
export function parseParameters(source: string): Hyperparameters {
  const values: Hyperparameters = {};
  for (const match of source.matchAll(/^\s*(?:let|const|var)\s+(\w+)\s*=\s*([-+0-9.eE_]+)\s*;/gm)) {
    values[match[1]] = Number(match[2].replace(/_/g, ""));
  }
  return values;
}

function requireParameters(nb: NotebookView, names: string[]): Hyperparameters {
  const cell = parametersCell(nb);
  if (!cell) throw new Error(`${nb.path}: no cell tagged "parameters"`);
  const values = parseParameters(cell.source);
  const missing = names.filter((n) => !Number.isFinite(values[n]));
  if (missing.length > 0) {
    throw new Error(
      `${nb.path}: the parameters cell does not set ${missing.join(", ")}:\n${cell.source}`,
    );
  }
  return values;
}

/** `const name = [1, 2, 3];` anywhere in the notebook's code → the numbers. */
function numberList(nb: NotebookView, name: string): number[] {
  for (const cell of nb.cells) {
    const match = cell.source.match(new RegExp(`\\b${name}\\s*=\\s*\\[([^\\]]*)\\]`));
    if (match) return match[1].split(",").map((s) => Number(s.trim()));
  }
  throw new Error(`${nb.path}: no "${name} = [...]" in any cell`);
}

export interface Expected {
  /** On-screen label → the value the library computes for it. */
  mse: Map<string, number>;
}

/** Part 13: one gradient step on three flowers; the MSE before and after it. */
function part13(nb: NotebookView): Expected {
  const p = requireParameters(nb, ["learningRate", "nInput", "nHidden", "nOutput", "seed"]);
  const iris = loadIris(join(repoRoot, "data", "Iris.csv"));
  const positions = numberList(nb, "positions");
  const y = matrix(oneHot(selectRows(iris.species, positions)).y);
  const x = matrix(selectRows(iris.features, positions));
  const random = new RandomState(p.seed);
  let weights1 = matrix(random.normal(0, 0.5, [p.nInput, p.nHidden]));
  let weights2 = matrix(random.normal(0, 0.5, [p.nHidden, p.nOutput]));
  const forward = feedforward(x, weights1, weights2);
  const updates = weightUpdates(x, forward, backpropagate(y, forward, weights2), sizeOf(y));
  weights2 = gradientStep(weights2, updates.weights2Update, p.learningRate);
  weights1 = gradientStep(weights1, updates.weights1Update, p.learningRate);
  const after = feedforward(x, weights1, weights2);
  return {
    mse: new Map([
      ["MSE before the update", meanSquaredError(forward.outputLayerOutputs, y)],
      ["MSE after the update", meanSquaredError(after.outputLayerOutputs, y)],
    ]),
  };
}

const byNotebook: { file: RegExp; expected: (nb: NotebookView) => Expected }[] = [
  { file: /(^|\/)13-backpropagation\.ipynb$/, expected: part13 },
];

/** The library's numbers for the notebook at `nb.path`, or undefined if none are defined. */
export function expectedFor(nb: NotebookView): Expected | undefined {
  return byNotebook.find((e) => e.file.test(nb.path))?.expected(nb);
}
