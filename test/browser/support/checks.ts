/**
 * The browser test's verdicts, as pure functions of what the page shows (inspect.ts), so the
 * self-check fixture runs through exactly the code that judges the real notebooks. Each
 * problem names the notebook, the cell and what was on screen.
 */
import type { Expected } from "./expectations";
import { cellName, type CellView, type NotebookView, type OutputView } from "./inspect";

function where(nb: NotebookView, cell: CellView, output?: OutputView): string {
  return `${nb.path} ${cellName(cell)}${output ? ` output ${output.index}` : ""}`;
}

/** Code cells that did not run (no execution count) or are still running/queued. */
export function unexecutedCells(nb: NotebookView): CellView[] {
  return nb.cells.filter(
    (c) => c.type === "code" && (c.executionCount === null || c.prompt.includes("*")),
  );
}

/**
 * A stderr stream, an error output, or a renderer that failed (JupyterLab shows it as stderr).
 * A cell tagged raises-exception shows a deliberate error: one line, no stack, is its lesson.
 */
export function errorProblems(nb: NotebookView): string[] {
  const problems: string[] = [];
  for (const cell of nb.cells) {
    const expectsError = cell.tags.includes("raises-exception");
    for (const out of cell.outputs) {
      const text = out.stderr ?? out.text;
      if (expectsError && !out.vega && !out.plotly && !/\n\s+at /.test(text)) continue;
      if (out.type === "error") {
        problems.push(`${where(nb, cell, out)}: error output:\n${out.text}`);
      } else if (out.stderr !== null) {
        const kind =
          out.type === "stream"
            ? "stderr"
            : out.vega
              ? "Vega-Lite output failed to render"
              : out.plotly
                ? "Plotly output failed to render"
                : `renderer error (${out.mimes.join(", ")})`;
        problems.push(`${where(nb, cell, out)}: ${kind}:\n${out.stderr}`);
      }
    }
  }
  return problems;
}

/**
 * Every Vega-Lite output drew its marks (a canvas or svg with a size) in JupyterLab's Vega
 * renderer, and every Plotly output drew as many traces and points as the kernel sent — not
 * the static SVG fallback, not an empty box. With `snapshots`, a Plotly output may instead show
 * the PNG jupyterlab-plotly saved of it (what a reopened notebook shows).
 */
export function plotProblems(nb: NotebookView, options: { snapshots?: boolean } = {}): string[] {
  const problems: string[] = [];
  for (const cell of nb.cells) {
    for (const out of cell.outputs) {
      const at = where(nb, cell, out);
      if (out.stderr !== null) continue; // a renderer error: errorProblems reports it
      const shown = out.rendererClass ? `drawn by "${out.rendererClass}"` : "nothing drawn";
      if (out.vega) {
        const v = out.vega;
        if (!out.rendererClass.includes("jp-RenderedVegaLite")) {
          problems.push(
            `${at}: Vega-Lite output not in the Vega renderer (${shown}); on screen: ${out.text || "(nothing)"}`,
          );
        } else if (v.marks === null || v.width < 10 || v.height < 10) {
          problems.push(
            `${at}: Vega-Lite output has no rendered chart (marks ${v.marks ?? "missing"}, ${v.width}×${v.height} px); on screen: ${out.text || "(nothing)"}`,
          );
        }
      }
      if (out.plotly) {
        const p = out.plotly;
        const savedPng = out.mimes.includes("image/png");
        if (
          options.snapshots &&
          savedPng &&
          out.rendererClass.includes("jp-RenderedPlotly") &&
          p.snapshot
        ) {
          continue; // jupyterlab-plotly's own PNG of the figure, saved in the output: after a reopen
        }
        if (!out.rendererClass.includes("jp-RenderedPlotly")) {
          problems.push(
            `${at}: Plotly output not in the jupyterlab-plotly renderer (${shown}); on screen: ${out.text || "(nothing)"}`,
          );
        } else if (!p.hasSvg || p.drawnTraces !== p.sentTraces) {
          problems.push(
            `${at}: Plotly drew ${p.drawnTraces} of ${p.sentTraces} traces (plot svg ${p.hasSvg ? "present" : "missing"})`,
          );
        } else if (p.drawnPoints.join() !== p.sentPoints.join()) {
          problems.push(
            `${at}: Plotly drew [${p.drawnPoints}] points per trace, the output has [${p.sentPoints}]`,
          );
        }
      }
    }
  }
  return problems;
}

/** Figures still being drawn: in their renderer, not drawn yet, no error shown. */
export function pendingPlots(nb: NotebookView): number {
  return nb.cells
    .flatMap((c) => c.outputs)
    .filter(
      (o) =>
        o.stderr === null &&
        ((o.vega && o.rendererClass.includes("jp-RenderedVegaLite") && o.vega.marks === null) ||
          (o.plotly &&
            o.rendererClass.includes("jp-RenderedPlotly") &&
            !o.plotly.snapshot &&
            (!o.plotly.hasSvg || o.plotly.drawnTraces < o.plotly.sentTraces))),
    ).length;
}

/** Everything that must hold after running a notebook: all cells ran, no errors, all plots drawn. */
export function renderProblems(nb: NotebookView): string[] {
  const notRun = unexecutedCells(nb).map(
    (c) => `${nb.path} ${cellName(c)}: not executed (prompt "${c.prompt}")`,
  );
  return [...errorProblems(nb), ...notRun, ...plotProblems(nb), ...pageProblems(nb)];
}

/**
 * Nothing pops over the notebook, and windowing is off (the project's settings overrides):
 * with windowing JupyterLab detaches off-screen cells, and a learner scrolling a long notebook
 * would see outputs appear late.
 */
export function pageProblems(nb: NotebookView): string[] {
  const problems = nb.dialogs.map((d) => `${nb.path}: on screen over the notebook: ${d}`);
  if (nb.windowingMode !== "none") {
    problems.push(
      `${nb.path}: notebook windowingMode is "${nb.windowingMode}", not "none": the settings ` +
        `overrides (jupyter/lab/overrides.json, installed by scripts/setup.sh) did not apply`,
    );
  }
  return problems;
}

/** Counts of interactive figures per code cell (code-cell order), from a notebook's outputs. */
export interface FigureCounts {
  vegaLite: number;
  plotly: number;
}

export function figureCounts(nb: NotebookView): FigureCounts[] {
  return nb.cells
    .filter((c) => c.type === "code")
    .map((c) => ({
      vegaLite: c.outputs.filter((o) => o.vega).length,
      plotly: c.outputs.filter((o) => o.plotly).length,
    }));
}

export interface ShownValue {
  label: string;
  /** The number as printed, and parsed. */
  text: string;
  value: number;
  cell: CellView;
}

/**
 * `label = 0.123` lines in the outputs' text whose label mentions MSE, and `label = below 1e-12`
 * (a difference the notebook shows as under a bound; `value` is the bound).
 */
export function shownMseValues(nb: NotebookView): ShownValue[] {
  const found: ShownValue[] = [];
  for (const cell of nb.cells) {
    for (const out of cell.outputs) {
      for (const line of out.text.split("\n")) {
        const match = line.match(/^(.*\bMSE\b[^=]*?) = ((?:below )?[-+0-9.eE]+|NaN|Infinity)\s*$/);
        if (match) {
          const value = Number(match[2].replace(/^below /, ""));
          found.push({ label: match[1].trim(), text: match[2], value, cell });
        }
      }
    }
  }
  return found;
}

/**
 * Whether a number printed with n significant digits is `expected` rounded to n digits (half
 * a unit in the last printed place, plus floating-point slack).
 */
export function showsValue(text: string, expected: number): boolean {
  if (text.startsWith("below ")) return expected >= 0 && expected < Number(text.slice(6));
  const shown = Number(text);
  if (!Number.isFinite(shown) || !Number.isFinite(expected)) return Object.is(shown, expected);
  const mantissa = text.replace(/^[-+]/, "").split(/e/i)[0].replace(".", "").replace(/^0+/, "");
  const digits = Math.max(1, mantissa.length);
  const scale = expected === 0 ? 1 : 10 ** Math.floor(Math.log10(Math.abs(expected)));
  const halfUnit = 0.5 * scale * 10 ** (1 - digits);
  return Math.abs(shown - expected) <= halfUnit * (1 + 1e-9) + Number.EPSILON * Math.abs(expected);
}

/** |a − b| ≤ 1e-12 · max(|a|, |b|) for every pair, and the same length. */
function sameCurve(a: readonly number[], b: readonly number[]): boolean {
  return (
    a.length === b.length &&
    a.every((v, i) => Math.abs(v - b[i]) <= 1e-12 * Math.max(Math.abs(v), Math.abs(b[i])))
  );
}

/**
 * The MSE values printed (`label = value`) and the MSE curves the Vega-Lite figures drew, against
 * the library's `expected` numbers. Every printed MSE value must be expected (and vice versa),
 * and each expected curve's cell has exactly one Vega-Lite figure, drawing that curve.
 */
export function libraryProblems(nb: NotebookView, expected: Expected | undefined): string[] {
  const shown = shownMseValues(nb);
  if (!expected) {
    return shown.length === 0
      ? []
      : [
          `${nb.path} shows MSE values (${shown.map((s) => s.label).join("; ")}) but ` +
            `test/browser/support/expectations.ts has no library computation for it`,
        ];
  }
  const problems: string[] = [];
  const matches = (e: Expected["values"][number], s: ShownValue) =>
    s.label === e.label && (e.cell === undefined || e.cell === s.cell.index);
  for (const e of expected.values) {
    const hits = shown.filter((s) => matches(e, s));
    if (hits.length === 0) {
      const at = e.cell === undefined ? "" : ` in ${cellName(nb.cells[e.cell])}`;
      problems.push(`${nb.path}: no output "${e.label} = …"${at} on screen`);
    }
    for (const hit of hits) {
      if (!showsValue(hit.text, e.value)) {
        problems.push(
          `${nb.path} ${cellName(hit.cell)}: shows ${e.label} = ${hit.text}, the library computes ${e.value}`,
        );
      }
    }
  }
  for (const s of shown) {
    if (!expected.values.some((e) => matches(e, s))) {
      problems.push(
        `${nb.path} ${cellName(s.cell)}: "${s.label} = ${s.text}" has no expected value`,
      );
    }
  }
  for (const curve of expected.curves) {
    const cell = nb.cells[curve.cell];
    const figures = cell.outputs.filter((o) => o.vega);
    if (figures.length !== 1) {
      problems.push(
        `${nb.path} ${cellName(cell)}: ${figures.length} Vega-Lite figures, expected one with the "${curve.dataset}" curve`,
      );
      continue;
    }
    const y = figures[0].vega!.drawn[curve.dataset];
    if (y === undefined) {
      problems.push(
        `${nb.path} ${cellName(cell)}: no "${curve.dataset}" data in the drawn Vega view`,
      );
    } else if (!sameCurve(y, curve.y)) {
      problems.push(
        `${nb.path} ${cellName(cell)}: the "${curve.dataset}" curve drawn (${y.length} points, ` +
          `last ${y.at(-1)}) is not the library's (${curve.y.length} points, last ${curve.y.at(-1)})`,
      );
    }
  }
  return problems;
}
