import type { GradientCheckReport } from "../network/gradientCheck";
import { sendBundle } from "./kernel";

function scientific(value: number): string {
  return Number.isFinite(value) ? value.toExponential(2) : String(value);
}

/** The gradient check as a table: one row per weight matrix, max relative error, pass/fail. */
export function gradientCheckText(report: GradientCheckReport): string {
  const header = ["matrix", "shape", "max relative error", "result"];
  const rows = report.rows.map((r) => [
    r.matrix,
    r.shape,
    scientific(r.maxRelativeError),
    r.passed ? "pass" : "FAIL",
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => cell.padEnd(widths[c])).join("  ");
  return [
    line(header),
    ...rows.map(line),
    `tolerance ${scientific(report.tolerance)}, ε = ${scientific(report.epsilon)}: ` +
      (report.passed ? "backpropagation agrees with finite differences" : "MISMATCH"),
  ].join("\n");
}

function gradientCheckHtml(report: GradientCheckReport): string {
  const body = report.rows
    .map(
      (r) =>
        `<tr><td><code>${r.matrix}</code></td><td>${r.shape}</td>` +
        `<td style="text-align:right">${scientific(r.maxRelativeError)}</td>` +
        `<td>${r.passed ? "✅ pass" : "❌ fail"}</td></tr>`,
    )
    .join("");
  return (
    `<table><caption style="text-align:left">Gradient check (tolerance ` +
    `${scientific(report.tolerance)}, ε = ${scientific(report.epsilon)})</caption>` +
    `<thead><tr><th>matrix</th><th>shape</th><th>max relative error</th><th>result</th></tr></thead>` +
    `<tbody>${body}</tbody></table>`
  );
}

/** Shows a gradient-check report in the notebook. */
export function showGradientCheck(report: GradientCheckReport): void {
  sendBundle({ "text/html": gradientCheckHtml(report), "text/plain": gradientCheckText(report) });
}
