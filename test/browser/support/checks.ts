/**
 * The browser test's verdicts, as pure functions of what the page shows (inspect.ts), so the
 * self-check fixture runs through exactly the code that judges the real notebooks. Each
 * problem names the notebook, the cell and what was on screen.
 */
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

/** A stderr stream, an error output, or a renderer that failed (JupyterLab shows it as stderr). */
export function errorProblems(nb: NotebookView): string[] {
  const problems: string[] = [];
  for (const cell of nb.cells) {
    for (const out of cell.outputs) {
      if (out.type === "error") {
        problems.push(`${where(nb, cell, out)}: error output:\n${out.text}`);
      } else if (out.stderr !== null) {
        const kind = out.type === "stream" ? "stderr" : `renderer error (${out.mimes.join(", ")})`;
        problems.push(`${where(nb, cell, out)}: ${kind}:\n${out.stderr}`);
      }
    }
  }
  return problems;
}

/**
 * Every Vega-Lite output drew its marks (a canvas or svg with a size) in JupyterLab's Vega
 * renderer, and every Plotly output drew as many traces and points as the kernel sent — not
 * the static SVG fallback, not an empty box.
 */
export function plotProblems(nb: NotebookView): string[] {
  const problems: string[] = [];
  for (const cell of nb.cells) {
    for (const out of cell.outputs) {
      const at = where(nb, cell, out);
      if (out.vega) {
        const v = out.vega;
        if (!out.rendererClass.includes("jp-RenderedVegaLite")) {
          problems.push(
            `${at}: Vega-Lite output drawn by "${out.rendererClass}" instead of the Vega renderer; on screen: ${out.stderr ?? out.text}`,
          );
        } else if (v.marks === null || v.width < 10 || v.height < 10) {
          problems.push(
            `${at}: Vega-Lite output has no rendered chart (marks ${v.marks ?? "missing"}, ${v.width}×${v.height} px); on screen: ${out.text || "(nothing)"}`,
          );
        }
      }
      if (out.plotly) {
        const p = out.plotly;
        if (!out.rendererClass.includes("jp-RenderedPlotly")) {
          problems.push(
            `${at}: Plotly output drawn by "${out.rendererClass}" instead of jupyterlab-plotly; on screen: ${out.stderr ?? out.text}`,
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
            (!o.plotly.hasSvg || o.plotly.drawnTraces < o.plotly.sentTraces))),
    ).length;
}

/** Everything that must hold after running a notebook: all cells ran, no errors, all plots drawn. */
export function renderProblems(nb: NotebookView): string[] {
  const notRun = unexecutedCells(nb).map(
    (c) => `${nb.path} ${cellName(c)}: not executed (prompt "${c.prompt}")`,
  );
  return [...errorProblems(nb), ...notRun, ...plotProblems(nb)];
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

/** `label = 0.123` lines in the outputs' text whose label mentions MSE. */
export function shownMseValues(nb: NotebookView): ShownValue[] {
  const found: ShownValue[] = [];
  for (const cell of nb.cells) {
    for (const out of cell.outputs) {
      for (const line of out.text.split("\n")) {
        const match = line.match(/^(.*\bMSE\b[^=]*?) = ([-+0-9.eE]+|NaN|Infinity)\s*$/);
        if (match)
          found.push({ label: match[1].trim(), text: match[2], value: Number(match[2]), cell });
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
  const shown = Number(text);
  if (!Number.isFinite(shown) || !Number.isFinite(expected)) return Object.is(shown, expected);
  const mantissa = text.replace(/^[-+]/, "").split(/e/i)[0].replace(".", "").replace(/^0+/, "");
  const digits = Math.max(1, mantissa.length);
  const scale = expected === 0 ? 1 : 10 ** Math.floor(Math.log10(Math.abs(expected)));
  const halfUnit = 0.5 * scale * 10 ** (1 - digits);
  return Math.abs(shown - expected) <= halfUnit * (1 + 1e-9) + Number.EPSILON * Math.abs(expected);
}
