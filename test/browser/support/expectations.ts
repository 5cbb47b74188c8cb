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
  loadIris,
  loadTitanic,
  oneHot,
  selectRows,
  train,
  trainTestSplit,
  type TrainingRun,
} from "../../../lib/index";
import { plotSeries } from "../../../lib/plots/downsample";
import { trainReadable } from "../../../lib/train/trainReadable";
import { cleanTitanic, inputsAndLabels } from "../../support/titanic";
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
  /** The cell whose Vega-Lite figure draws the curve, and the figure's dataset (e.g. "mse"). */
  cell: number;
  dataset: string;
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

/** An object literal's `key: value` and shorthand `key` entries → numbers (literals, or names in scope). */
function resolveOptions(text: string, scope: Hyperparameters): Hyperparameters {
  const values: Hyperparameters = {};
  for (const entry of text.split(",")) {
    // `key: value` or the shorthand `key` (the value of the variable key)
    const [, key, value = key] = entry.match(/^\s*(\w+)\s*(?::\s*([\w.+-]+))?\s*$/) ?? [];
    if (key === undefined) continue;
    const n = Number(value.replace(/_/g, ""));
    if (Number.isFinite(n)) values[key] = n;
    else if (value in scope) values[key] = scope[value];
  }
  return values;
}

/** A name in `scope`, or a number literal. */
function valueOf(name: string, scope: Hyperparameters): number {
  const n = Number(name.replace(/_/g, ""));
  return Number.isFinite(n) ? n : scope[name];
}

/**
 * Part 14: walks the cells in order as the kernel runs them, tracking numeric `let` values (the
 * parameters cell's learning rate, each attempt's epochs / nHidden / seed) and the current
 * train/test split. `let loopN = trainingLoop(xTrain, yTrain, epochs, nHidden, seed)` (the
 * notebook's own mathjs loop, with the global learning rate) is trained again here on the
 * readable path, every `let runN = await trainLive({...})` with lib's `train`. That gives each
 * printed `show(run.finalMse, "…")`, the largest difference between two runs' MSE the notebook
 * prints, and the MSE curve of the figure that `trainLive` or `plotTrainingHistory(run, …)`
 * draws in that cell.
 */
function part14Training(nb: NotebookView): Expected {
  requireParameters(nb, ["learningRate", "testSize"]);
  const iris = loadIris(join(repoRoot, "data", "Iris.csv"));
  const x = iris.features;
  const y = oneHot(iris.species).y;
  const scope: Hyperparameters = {};
  const runs = new Map<string, TrainingRun>();
  let split: ReturnType<typeof trainTestSplit<number[], number[]>> | undefined;
  const expected: Expected = { values: [], curves: [] };
  const curve = (cell: number, run: TrainingRun) =>
    expected.curves.push({ cell, dataset: "mse", y: plotSeries(run.history.mse).value });
  for (const cell of nb.cells.filter((c) => c.type === "code")) {
    Object.assign(scope, parseParameters(cell.source));
    const splitCall = cell.source.match(/trainTestSplit\(\s*x\s*,\s*y\s*,\s*\{([^}]*)\}/);
    if (splitCall) {
      const o = resolveOptions(splitCall[1], scope);
      split = trainTestSplit(x, y, { testSize: o.testSize, seed: o.seed });
    }
    const needSplit = () => {
      if (!split)
        throw new Error(`${nb.path} ${cell.firstLine}: training before any trainTestSplit`);
      return split;
    };
    const loopCall = cell.source.match(
      /let\s+(\w+)\s*=\s*trainingLoop\(\s*xTrain\s*,\s*yTrain\s*,\s*([\w.]+)\s*,\s*([\w.]+)\s*,\s*([\w.]+)\s*\)/,
    );
    if (loopCall) {
      const s = needSplit();
      runs.set(
        loopCall[1],
        trainReadable({
          x: s.xTrain,
          y: s.yTrain,
          learningRate: scope.learningRate,
          epochs: valueOf(loopCall[2], scope),
          nHidden: valueOf(loopCall[3], scope),
          seed: valueOf(loopCall[4], scope),
        }),
      );
    }
    const trainCall = cell.source.match(/let\s+(\w+)\s*=\s*await\s+trainLive\(\s*\{([^}]*)\}/);
    if (trainCall) {
      const s = needSplit();
      const o = resolveOptions(trainCall[2], scope);
      const run = train({
        x: s.xTrain,
        y: s.yTrain,
        learningRate: o.learningRate,
        epochs: o.epochs,
        nHidden: o.nHidden,
        seed: o.seed,
      });
      runs.set(trainCall[1], run);
      curve(cell.index, run);
    }
    const finalMse = /show\((\w+)\.(?:finalMse|mse\[\w+ - 1\]),\s*"([^"]+)"/g;
    for (const [, name, label] of cell.source.matchAll(finalMse)) {
      const run = runs.get(name);
      if (run) expected.values.push({ label, value: run.finalMse, cell: cell.index });
    }
    // let d = Math.max(...a.history.mse.map((mse, i) => Math.abs(mse - b.mse[i]))); show(d …, "label")
    const difference = cell.source.match(
      /let\s+(\w+)\s*=\s*Math\.max\(\.\.\.(\w+)\.history\.mse\.map\(\(\w+,\s*\w+\)\s*=>\s*Math\.abs\(\w+\s*-\s*(\w+)(?:\.history)?\.mse\[\w+\]\)\)\)/,
    );
    const shownAs =
      difference &&
      cell.source.match(new RegExp(`show\\(\\s*${difference[1]}\\b.*?,\\s*"([^"]+)"\\s*\\)`));
    const [a, b] = difference ? [runs.get(difference[2]), runs.get(difference[3])] : [];
    if (shownAs && a && b) {
      const largest = Math.max(...a.history.mse.map((mse, i) => Math.abs(mse - b.history.mse[i])));
      expected.values.push({ label: shownAs[1], value: largest, cell: cell.index });
    }
    const plotCall = cell.source.match(/plotTrainingHistory\(\s*(\w+)/);
    const plotted = plotCall && runs.get(plotCall[1]);
    if (plotted) curve(cell.index, plotted);
  }
  return expected;
}

/**
 * The Titanic notebook: its parameters cell sets the split and the training; the passengers are
 * cleaned as the notebook cleans them (test/support/titanic.ts), the network trained by lib's
 * `train`. The cell with `trainLive` prints the final MSE and draws its curve.
 */
function titanic(nb: NotebookView): Expected {
  const p = requireParameters(nb, [
    "testFraction",
    "splitSeed",
    "learningRate",
    "epochs",
    "nHidden",
    "seed",
  ]);
  const { X, y } = inputsAndLabels(
    cleanTitanic(loadTitanic(join(repoRoot, "data", "Titanic.csv"))),
  );
  const split = trainTestSplit(X, y, {
    testSize: Math.ceil(p.testFraction * X.length),
    seed: p.splitSeed,
  });
  const run = train({
    x: split.xTrain,
    y: split.yTrain,
    learningRate: p.learningRate,
    epochs: p.epochs,
    nHidden: p.nHidden,
    seed: p.seed,
  });
  const cell = nb.cells.find((c) => c.type === "code" && /await\s+trainLive\(/.test(c.source));
  if (!cell) throw new Error(`${nb.path}: no cell trains with trainLive`);
  return {
    values: [{ label: "final training MSE", value: run.finalMse, cell: cell.index }],
    curves: [{ cell: cell.index, dataset: "mse", y: plotSeries(run.history.mse).value }],
  };
}

const byNotebook: { file: RegExp; expected: (nb: NotebookView) => Expected }[] = [
  { file: /(^|\/)13-backpropagation\.ipynb$/, expected: part13 },
  { file: /(^|\/)14-training\.ipynb$/, expected: part14Training },
  { file: /(^|\/)15-titanic\.ipynb$/, expected: titanic },
];

/** The library's numbers for the notebook at `nb.path`, or undefined if none are defined. */
export function expectedFor(nb: NotebookView): Expected | undefined {
  return byNotebook.find((e) => e.file.test(nb.path))?.expected(nb);
}
