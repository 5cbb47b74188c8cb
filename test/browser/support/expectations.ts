/**
 * The numbers each notebook must show, computed here by the library (lib sources, not the
 * notebook's kernel) from the hyperparameters the page's `parameters` cell holds at that moment
 * — so after an inline edit the expectation follows the edit. The notebook's other settings
 * (which rows, which split, epochs, hidden nodes, seeds) are read from its cells, never copied
 * here. A notebook that shows MSE values but has no entry here fails the test: new MSE outputs
 * never go unchecked.
 */
import { join } from "node:path";
import {
  plotSeries,
  train,
  trainReadable,
  trainTestSplit,
  loadIris,
  oneHot,
  selectRows,
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

export interface ExpectedValue {
  /** The label printed before " = value" (show(value, label)). */
  label: string;
  value: number;
  /** The cell that must print it; undefined = anywhere in the notebook. */
  cell?: number;
}

export interface ExpectedCurve {
  /** The cell whose Plotly output draws the curve, and the trace's name. */
  cell: number;
  trace: string;
  /** The y values the library's figure builder plots (downsampled, rounded as in the figure). */
  y: number[];
}

export interface Expected {
  values: ExpectedValue[];
  curves: ExpectedCurve[];
}

/** Part 13: one gradient step on three flowers; the MSE before and after it. */
function part13(nb: NotebookView): Expected {
  const p = requireParameters(nb, ["learningRate", "nInput", "nHidden", "nOutput", "seed"]);
  const iris = loadIris(join(repoRoot, "data", "Iris.csv"));
  const positions = numberList(nb, "positions");
  // Each epoch's MSE is measured before that epoch's update: epochs 1 and 2 are the MSE
  // before and after the notebook's single step.
  const [before, after] = trainReadable({
    x: selectRows(iris.features, positions),
    y: oneHot(selectRows(iris.species, positions)).y,
    learningRate: p.learningRate,
    epochs: 2,
    nHidden: p.nHidden,
    seed: p.seed,
  }).history.mse;
  return {
    values: [
      { label: "MSE before the update", value: before },
      { label: "MSE after the update", value: after },
    ],
    curves: [],
  };
}

/** `key: value` pairs of an object literal → numbers (literals, or names looked up in scope). */
function resolveOptions(text: string, scope: Hyperparameters): Hyperparameters {
  const values: Hyperparameters = {};
  for (const [, key, value] of text.matchAll(/(\w+)\s*:\s*([\w.+-]+)/g)) {
    const n = Number(value);
    if (Number.isFinite(n)) values[key] = n;
    else if (value in scope) values[key] = scope[value];
  }
  return values;
}

/**
 * Part 14: walks the cells in order as the kernel runs them, tracking numeric `let` values (the
 * parameters cell's learning rate, each attempt's epochs / nHidden / seed) and the current
 * train/test split; every `let runN = await trainLive({...})` is trained again here with
 * lib's `train`, giving the "final training MSE" that cell prints and the MSE curve that
 * `plotTrainingHistory(runN, …)` draws.
 */
function part14Training(nb: NotebookView): Expected {
  requireParameters(nb, ["learningRate", "testSize"]);
  const iris = loadIris(join(repoRoot, "data", "Iris.csv"));
  const x = iris.features;
  const y = oneHot(iris.species).y;
  const scope: Hyperparameters = {};
  const runs = new Map<string, ReturnType<typeof train>>();
  let split: ReturnType<typeof trainTestSplit<number[], number[]>> | undefined;
  const expected: Expected = { values: [], curves: [] };
  for (const cell of nb.cells.filter((c) => c.type === "code")) {
    Object.assign(scope, parseParameters(cell.source));
    const splitCall = cell.source.match(/trainTestSplit\(\s*x\s*,\s*y\s*,\s*\{([^}]*)\}/);
    if (splitCall) {
      const o = resolveOptions(splitCall[1], scope);
      split = trainTestSplit(x, y, { testSize: o.testSize, seed: o.seed });
    }
    const trainCall = cell.source.match(/let\s+(\w+)\s*=\s*await\s+trainLive\(\s*\{([^}]*)\}/);
    if (trainCall) {
      if (!split)
        throw new Error(`${nb.path} ${cell.firstLine}: trainLive before any trainTestSplit`);
      const o = resolveOptions(trainCall[2], scope);
      const run = train({
        x: split.xTrain,
        y: split.yTrain,
        learningRate: o.learningRate,
        epochs: o.epochs,
        nHidden: o.nHidden,
        seed: o.seed,
      });
      runs.set(trainCall[1], run);
      const printed = cell.source.match(
        new RegExp(`show\\(${trainCall[1]}\\.finalMse,\\s*"([^"]+)"`),
      );
      if (printed)
        expected.values.push({ label: printed[1], value: run.finalMse, cell: cell.index });
    }
    const plotCall = cell.source.match(/plotTrainingHistory\(\s*(\w+)/);
    const plotted = plotCall && runs.get(plotCall[1]);
    if (plotted) {
      expected.curves.push({
        cell: cell.index,
        trace: "MSE",
        y: plotSeries(plotted.history.mse).value,
      });
    }
  }
  return expected;
}

const byNotebook: { file: RegExp; expected: (nb: NotebookView) => Expected }[] = [
  { file: /(^|\/)13-backpropagation\.ipynb$/, expected: part13 },
  { file: /(^|\/)14-training\.ipynb$/, expected: part14Training },
];

/** The library's numbers for the notebook at `nb.path`, or undefined if none are defined. */
export function expectedFor(nb: NotebookView): Expected | undefined {
  return byNotebook.find((e) => e.file.test(nb.path))?.expected(nb);
}
